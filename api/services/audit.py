"""The append-only audit log: who did what, when, to which record."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import AuditEntry
from ..principal import Principal
from ..views import iso

ACTIONS = (
    "user.add", "document.upload", "draft.edit", "draft.confirm", "draft.reject", "label.correct",
    "model.retrain", "model.promote", "model.reject", "model.activate", "model.register",
)


def record(session: Session, who: Principal | None, action: str, target: str | None = None, **detail) -> None:
    """Added to the caller's transaction, so the entry exists exactly when the change does."""
    assert action in ACTIONS, action
    session.add(AuditEntry(user_id=who.id if who else None, user_name=who.name if who else None,
                           unit=who.unit if who else None, action=action, target=target, detail=detail or None))


def entries(session: Session, *, action: str | None = None, user: str | None = None, target: str | None = None,
            since: datetime | None = None, before_id: int | None = None, limit: int = 100) -> list[dict]:
    """Newest first; page backwards with `before_id`."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if action:
        query = query.where(AuditEntry.action == action)
    if user:
        query = query.where(AuditEntry.user_name == user)
    if target:
        query = query.where(AuditEntry.target == target)
    if since:
        query = query.where(AuditEntry.at >= since)
    if before_id:
        query = query.where(AuditEntry.id < before_id)
    return [
        {"id": e.id, "at": iso(e.at), "user": e.user_name, "unit": e.unit, "action": e.action,
         "target": e.target, "detail": e.detail}
        for e in session.scalars(query)
    ]
