from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, File, Query, UploadFile
from sqlalchemy.orm import Session

from ..deps import current_user, get_runtime, read_session, require
from ..errors import invalid, too_large
from ..principal import Principal
from ..runtime import Runtime
from ..services import documents, uploads

router = APIRouter(prefix="/api/documents", tags=["documents"])


@router.post("", status_code=202, summary="Upload one or more files (.zip archives are expanded) for scanning")
def upload(files: list[UploadFile] = File(..., description="the files; a .zip is expanded into its members"),
           who: Principal = Depends(require("clerk")), runtime: Runtime = Depends(get_runtime)) -> dict:
    limit = runtime.settings.max_file_bytes
    received = []
    for upload in files:
        data = upload.file.read(limit + 1)  # never more than the limit into memory
        if len(data) > limit:
            raise too_large(limit, uploads.sanitise_filename(upload.filename))
        received.append((upload.filename, data))
    if not received:
        raise invalid("no_files", "没有收到文件。")
    answer = uploads.upload(runtime.db, runtime.store, who, received, runtime.settings.limits())
    runtime.scans.notify()
    return answer


@router.get("", summary="Documents of the caller's unit (every unit for coordinators)")
def list_documents(status: Literal["queued", "scanning", "scanned", "failed"] | None = None,
                   unit: str | None = None, limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0),
                   who: Principal = Depends(current_user), session: Session = Depends(read_session)) -> list[dict]:
    return documents.list_documents(session, who, status, unit, limit, offset)


@router.get("/{document_id}", summary="One document: the scan contract object plus review status")
def get_document(document_id: int, who: Principal = Depends(current_user),
                 session: Session = Depends(read_session)) -> dict:
    return documents.get_document(session, who, document_id)
