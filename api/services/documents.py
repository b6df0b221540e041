"""Reading documents, their scan jobs and the review queue, within the caller's units."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import not_found
from ..models import DOC_FAILED, DOC_QUEUED, DOC_SCANNED, DOC_SCANNING, DRAFT, Clause, Document, Draft, Job
from ..principal import Principal
from ..views import clause_view, document_summary, document_view, iso


def list_documents(session: Session, who: Principal, status: str | None, unit: str | None,
                   limit: int, offset: int) -> list[dict]:
    query = who.scope(select(Document, Draft).outerjoin(Draft, Draft.document_id == Document.id), Document.unit, unit)
    if status:
        query = query.where(Document.status == status)
    query = query.order_by(Document.id.desc()).limit(limit).offset(offset)
    return [document_summary(doc, draft) for doc, draft in session.execute(query)]


def get_document(session: Session, who: Principal, document_id: int) -> dict:
    doc = session.get(Document, document_id)
    if doc is None or not who.can_read(doc.unit):
        raise not_found("文件")
    draft = session.scalars(select(Draft).where(Draft.document_id == doc.id)).first()
    clauses = session.scalars(select(Clause).where(Clause.document_id == doc.id).order_by(Clause.position)).all()
    return document_view(doc, draft, list(clauses))


def job_view(session: Session, who: Principal, job_id: int) -> dict:
    job = session.get(Job, job_id)
    visible = job is not None and (who.role == "admin" if job.kind == "retrain" else who.can_read(job.unit or ""))
    if not visible:
        raise not_found("任务")
    view = {"id": job.id, "kind": job.kind, "created_at": iso(job.created_at), "result": job.result}
    if job.kind == "retrain":
        error = (job.result or {}).get("error")
        finished = job.status in ("done", "failed")
        return {**view, "status": job.status, "done": int(finished), "total": 1, "errors": [error] if error else []}
    docs = session.scalars(select(Document).where(Document.job_id == job.id).order_by(Document.id)).all()
    states = [d.status for d in docs]
    done = sum(s in (DOC_SCANNED, DOC_FAILED) for s in states)
    if done == len(states):
        # Finished, bad files and all; "failed" only when not one file could be read.
        status = "failed" if states and all(s == DOC_FAILED for s in states) else "done"
    elif done or DOC_SCANNING in states:
        status = "running"
    else:
        status = DOC_QUEUED
    errors = [{"document_id": d.id, "file": d.file, "code": d.error_code, "message": d.error_message}
              for d in docs if d.status == DOC_FAILED]
    return {**view, "status": status, "done": done, "total": len(states), "errors": errors,
            "documents": [{"id": d.id, "file": d.file, "status": d.status} for d in docs]}


def review_queue(session: Session, who: Principal, limit: int) -> list[dict]:
    """Unreviewed clauses of open drafts, those the model was least sure of first."""
    query = (
        select(Clause, Document, Draft)
        .join(Document, Clause.document_id == Document.id)
        .join(Draft, Draft.document_id == Document.id)
        .where(Clause.margin.is_not(None), Clause.reviewed.is_(False), Draft.status == DRAFT)
        .order_by(Clause.margin, Clause.id)
        .limit(limit)
    )
    query = who.scope(query, Document.unit)
    return [{**clause_view(c), "document_id": doc.id, "file": doc.file, "unit": doc.unit, "draft_id": draft.id}
            for c, doc, draft in session.execute(query)]

