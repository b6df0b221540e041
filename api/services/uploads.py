"""Uploads: sanitise names, expand zips, store files by sha256, skip what the unit already has.

A zip is expanded here, not by the scanner, so that every member is its own
document from the start: the clerk sees each one in the upload's answer, and a
member that was uploaded before (loose or in another zip) is recognised.
Files refused at this stage (unsupported type, encrypted member …) become
failed documents of the job with their reason, like files that fail to scan.
"""
from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from extractor import ExtractionError, Limits, archive
from extractor import errors as extraction_errors
from extractor.sniff import sniff

from ..db import Database
from ..models import DOC_FAILED, DOC_QUEUED, Document, Job
from ..principal import Principal
from ..storage import BlobStore
from . import audit

MAX_NAME = 200
UNNAMED = "未命名文件"


@dataclass
class Item:
    """One would-be document: a loose file or a zip member."""

    file: str
    data: bytes | None
    error: ExtractionError | None = None

    @property
    def sha256(self) -> str | None:
        return hashlib.sha256(self.data).hexdigest() if self.data is not None else None


def sanitise_filename(name: str | None) -> str:
    """The last path component, without control characters or leading dots, at most MAX_NAME characters."""
    name = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().lstrip(".").strip()
    if len(name) > MAX_NAME:
        suffix = PurePosixPath(name).suffix[:16]
        name = name[: MAX_NAME - len(suffix)] + suffix
    return name or UNNAMED


def _member_name(name: str) -> str:
    # archive.member_name already removed '..' and absolute paths; drop control characters too.
    return "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")


def expand(file: str, data: bytes, limits: Limits, depth: int = 0,
           budget: archive.Budget | None = None) -> Iterator[Item]:
    """The documents in one upload: itself, or every member of a zip (nested zips too)."""
    budget = budget or archive.Budget(remaining=limits.max_archive_bytes, limit=limits.max_archive_bytes)
    try:
        kind = sniff(data, file.rsplit("!", 1)[-1]) if data else None
    except ExtractionError as error:
        yield Item(file, data, error)
        return
    if kind != "zip":
        yield Item(file, data)  # empty files included: the scanner reports them as corrupt
        return
    if depth >= limits.max_depth:
        yield Item(file, data, extraction_errors.nested_too_deep(limits.max_depth))
        return
    try:
        with archive.open_zip(data) as zf:
            found = False
            for member, content in archive.members(zf, limits.max_file_bytes, budget):
                found = True
                shown = f"{file}!{_member_name(member)}"[:500]
                if isinstance(content, ExtractionError):
                    yield Item(shown, None, content)
                else:
                    yield from expand(shown, content, limits, depth + 1, budget)
    except ExtractionError as error:
        yield Item(file, data, error)
        return
    if not found:
        yield Item(file, data, extraction_errors.empty_archive())


def _answer(doc: Document) -> dict:
    answer = {"id": doc.id, "file": doc.file, "sha256": doc.sha256, "status": doc.status}
    if doc.error_code:
        answer["error"] = {"code": doc.error_code, "message": doc.error_message}
    return answer


def _duplicate(item: Item, existing: Document) -> dict:
    """The file as uploaded, pointing at the document the unit already has (`id`)."""
    return {"id": existing.id, "file": item.file, "sha256": existing.sha256, "status": "duplicate",
            "existing_file": existing.file, "existing_status": existing.status}


def _existing(session: Session, unit: str, sha256: str) -> Document | None:
    return session.scalars(
        select(Document).where(Document.unit == unit, Document.sha256 == sha256).with_for_update()
    ).first()


def _place(session: Session, who: Principal, job: Job, item: Item, store: BlobStore) -> dict:
    sha256 = item.sha256
    failed = item.error is not None
    fields = dict(file=item.file, size=len(item.data) if item.data is not None else None, job_id=job.id,
                  uploaded_by=who.id, status=DOC_FAILED if failed else DOC_QUEUED, attempts=0, lease=None,
                  error_code=item.error.code if failed else None, error_message=item.error.message if failed else None)
    if not failed:
        store.put(item.data)
    doc = _existing(session, who.unit, sha256) if sha256 else None
    if doc is not None and doc.status != DOC_FAILED:
        return _duplicate(item, doc)
    if doc is not None:
        # The same file failed before: try again (LibreOffice may have been installed since, say).
        for key, value in fields.items():
            setattr(doc, key, value)
        session.flush()
        return _answer(doc)
    doc = Document(unit=who.unit, sha256=sha256, **fields)
    try:
        with session.begin_nested():
            session.add(doc)
    except IntegrityError:
        # The same file, uploaded at the same moment by a colleague, committed first.
        return _duplicate(item, _existing(session, who.unit, sha256))
    return _answer(doc)


def upload(db: Database, store: BlobStore, who: Principal, files: list[tuple[str, bytes]], limits: Limits) -> dict:
    """Stores the files and queues what is new; answers like POST /api/documents."""
    items = [item for name, data in files for item in expand(sanitise_filename(name), data, limits)]
    with db.transaction() as session:
        job = Job(kind="scan", status="queued", unit=who.unit, created_by=who.id)
        session.add(job)
        session.flush()
        answers = [_place(session, who, job, item, store) for item in items]
        for answer in answers:
            audit.record(session, who, "document.upload", f"document:{answer['id']}", file=answer["file"],
                         sha256=answer["sha256"], job_id=job.id, status=answer["status"])
        return {"job_id": job.id, "documents": answers}
