"""ORM rows as the JSON the API returns."""
from __future__ import annotations

from datetime import datetime, timezone

from taizhang.ledger_row import COLUMNS, weak_flag_note

from .models import Clause, Document, Draft

LEDGER_KEYS = [key for key, _ in COLUMNS]


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:  # SQLite hands back naive datetimes; they were stored in UTC
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def error_of(doc: Document) -> dict | None:
    return {"code": doc.error_code, "message": doc.error_message} if doc.error_code else None


def clause_view(clause: Clause) -> dict:
    """The scan contract's clause, plus `ref` (the id in /api/clauses/{ref}) and review state.

    `labels` are the current labels (a reviewer's once corrected, which the ledger
    row is built from); `model_labels` what the model said.
    """
    return {
        "ref": clause.id,
        "id": clause.key,
        "location": clause.location,
        "text": clause.text,
        "heading": clause.heading,
        "labels": list(clause.labels),
        "model_labels": list(clause.model_labels),
        "held_back": list(clause.held_back or []),
        "scores": clause.scores,
        "evidence": clause.evidence,
        "basis": clause.basis,
        "margin": clause.margin,
        "reviewed": clause.reviewed,
    }


def draft_view(draft: Draft, doc: Document | None = None) -> dict:
    """Every ledger key (seq is numbered only in the exported ledger), the system notes
    (risks, weak_flags, near_flags, document_notes, disposal_reason, basis_source), and the review state."""
    row = {key: draft.row.get(key) for key in LEDGER_KEYS}
    row.update({key: draft.row.get(key) for key in ("basis_source", "disposal_reason")})
    row["risks"] = draft.row.get("risks") or []
    # The note is written here for rows stored before weak flags carried one.
    row["weak_flags"] = [dict(w, note=weak_flag_note(w)) for w in draft.row.get("weak_flags") or []]
    row["near_flags"] = draft.row.get("near_flags") or []
    row["document_notes"] = draft.row.get("document_notes") or []
    row.update(id=draft.id, document_id=draft.document_id, unit=draft.unit, status=draft.status,
               version=draft.version, edited=list(draft.edited), updated_at=iso(draft.updated_at))
    if doc is not None:
        row["file"] = doc.file
    return row


def document_summary(doc: Document, draft: Draft | None) -> dict:
    return {
        "id": doc.id,
        "file": doc.file,
        "sha256": doc.sha256,
        "unit": doc.unit,
        "status": doc.status,
        "review_status": draft.status if draft else None,
        "draft_id": draft.id if draft else None,
        "title": (doc.document or {}).get("title"),
        "error": error_of(doc),
        "job_id": doc.job_id,
        "uploaded_at": iso(doc.uploaded_at),
    }


def document_view(doc: Document, draft: Draft | None, clauses: list[Clause]) -> dict:
    """The scan contract object (shared/spec/scan-output.md) plus review status.

    `ledger_row` is the draft row as it stands now, corrections and edits included.
    Before the scan finishes, `document`, `clauses` and `ledger_row` are null.
    """
    view = document_summary(doc, draft)
    view.update(
        document=doc.document,
        clauses=[clause_view(c) for c in clauses] if doc.status == "scanned" else None,
        ledger_row=draft_view(draft) if draft else None,
        model=doc.model,
        draft_version=draft.version if draft else None,
    )
    return view
