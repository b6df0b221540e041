"""Draft ledger rows: hand edits, confirm/reject, and label corrections that rebuild the row.

Every change checks the row's version under a row lock (db.py explains the
locking), so two reviewers cannot overwrite each other: the second one's edit,
sent with the version they saw, gets 409 and changes nothing. Label corrections
carry no version; they rebuild the row from all of the document's current
labels under the same lock, so concurrent corrections all land.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from classifier.corpus import LABELS
from taizhang.ledger_row import DISPOSALS, build_ledger_row

from ..db import Database
from ..errors import forbidden, invalid, not_found, stale_version
from ..models import CONFIRMED, DRAFT, REJECTED, Clause, Correction, Document, Draft, utcnow
from ..principal import Principal
from ..views import LEDGER_KEYS, clause_view, draft_view
from . import audit
from .registry import ModelHolder

EDITABLE = [key for key in LEDGER_KEYS if key != "seq"]
CHOICES = {
    "involves_sharing": ("是", "否"), "involves_blacklist": ("是", "否"), "involves_punishment": ("是", "否"),
    "has_national_basis": ("是", "否"), "has_local_basis": ("是", "否"),
    "disposal": DISPOSALS,
}
REQUIRED = {"document_name", "involves_sharing", "involves_blacklist", "involves_punishment"}
MAX_TEXT = 5000


def check_fields(fields: dict) -> None:
    for key, value in fields.items():
        if key not in EDITABLE:
            raise invalid("unknown_field", f"台账没有“{key}”这一栏，或该栏由系统填写。", field=key)
        if value is None:
            if key in REQUIRED:
                raise invalid("invalid_value", f"“{key}”不能为空。", field=key)
            continue
        if not isinstance(value, str):
            raise invalid("invalid_value", f"“{key}”必须是文字。", field=key)
        if key in CHOICES and value not in CHOICES[key]:
            raise invalid("invalid_value", f"“{key}”只能填 {' / '.join(CHOICES[key])}。", field=key)
        if len(value) > MAX_TEXT:
            raise invalid("invalid_value", f"“{key}”超过 {MAX_TEXT} 字。", field=key)


def _draft_for_review(session: Session, who: Principal, draft: Draft | None) -> Draft:
    if draft is None or not who.can_read(draft.unit):
        raise not_found("台账行")
    if not who.can_review(draft.unit):
        raise forbidden("只有本单位的经办人员可以修改、确认或退回台账行。")
    return draft


def _locked(session: Session, who: Principal, draft_id: int) -> Draft:
    draft = session.scalars(select(Draft).where(Draft.id == draft_id).with_for_update()).first()
    return _draft_for_review(session, who, draft)


def _check_version(draft: Draft, version: int) -> None:
    if draft.version != version:
        raise stale_version(draft.version, version, draft_view(draft))


def _bump(draft: Draft, who: Principal) -> None:
    draft.version += 1
    draft.updated_at, draft.updated_by = utcnow(), who.id


def edit(db: Database, who: Principal, draft_id: int, version: int, fields: dict) -> dict:
    if not fields:
        raise invalid("nothing_to_change", "没有要修改的栏目。")
    check_fields(fields)
    with db.transaction() as session:
        draft = _locked(session, who, draft_id)
        _check_version(draft, version)
        changes = {k: {"old": draft.row.get(k), "new": v} for k, v in fields.items() if draft.row.get(k) != v}
        draft.row = {**draft.row, **fields}
        # Keys set by hand stay as set, even when a later label correction rebuilds the row.
        edited = set(fields)
        if "disposal" in fields:
            # A disposal a reviewer wrote is a decision, no longer the system's suggestion.
            draft.row = {**draft.row, "disposal_suggested": False}
            edited.add("disposal_suggested")
        draft.edited = sorted(set(draft.edited) | edited)
        reopened = draft.status != DRAFT
        draft.status = DRAFT
        _bump(draft, who)
        audit.record(session, who, "draft.edit", f"draft:{draft.id}", document_id=draft.document_id,
                     changes=changes, version=draft.version, reopened=reopened)
        return draft_view(draft)


def set_status(db: Database, who: Principal, draft_id: int, version: int, status: str,
               reason: str | None = None) -> dict:
    assert status in (CONFIRMED, REJECTED)
    with db.transaction() as session:
        draft = _locked(session, who, draft_id)
        _check_version(draft, version)
        previous = draft.status
        draft.status = status
        if status == CONFIRMED and draft.row.get("disposal_suggested"):
            # Confirming accepts the suggested disposal as the reviewer's own.
            draft.row = {**draft.row, "disposal_suggested": False}
        _bump(draft, who)
        action = "draft.confirm" if status == CONFIRMED else "draft.reject"
        audit.record(session, who, action, f"draft:{draft.id}", document_id=draft.document_id,
                     previous=previous, version=draft.version, reason=reason)
        return draft_view(draft)


def _row_clause(clause: Clause, holder: ModelHolder) -> dict:
    """A clause as build_ledger_row expects it, with evidence for its current labels."""
    evidence = clause.evidence
    if not set(clause.labels) <= set(clause.model_labels):
        # A label the model did not give has no evidence yet; ask the model which words support it.
        evidence = holder.scanner().model.evidence(clause.in_context, list(clause.labels))
    return {"id": clause.key, "location": clause.location, "text": clause.text, "labels": list(clause.labels),
            "evidence": evidence, "basis": clause.basis, "scores": clause.scores, "reviewed": clause.reviewed,
            "held_back": list(clause.held_back or [])}


def correct_labels(db: Database, holder: ModelHolder, who: Principal, clause_ref: int, labels: list[str]) -> dict:
    unknown = [label for label in labels if label not in LABELS]
    if unknown:
        raise invalid("unknown_label", f"未知的标签：{'、'.join(unknown)}。可用：{'、'.join(LABELS)}。")
    labels = [label for label in LABELS if label in labels]
    with db.transaction() as session:
        found = session.execute(select(Clause.document_id).where(Clause.id == clause_ref)).first()
        draft = session.scalars(select(Draft).where(Draft.document_id == found[0]).with_for_update()).first() \
            if found else None
        draft = _draft_for_review(session, who, draft)
        # Read after taking the lock: every correction committed before ours is seen.
        doc = session.get(Document, draft.document_id, populate_existing=True)
        clauses = session.scalars(select(Clause).where(Clause.document_id == doc.id).order_by(Clause.position)
                                  .execution_options(populate_existing=True)).all()
        clause = next(c for c in clauses if c.id == clause_ref)
        old = list(clause.labels)
        session.add(Correction(clause_id=clause.id, document_id=doc.id, user_id=who.id, old=old, new=labels))
        clause.labels, clause.reviewed = labels, True
        rebuilt = build_ledger_row(doc.document, [_row_clause(c, holder) for c in clauses], doc.file)
        row = {**draft.row, **{k: v for k, v in rebuilt.items() if k not in draft.edited}}
        changed = row != draft.row
        if changed:
            draft.row = row
            draft.status = DRAFT  # a confirmed row that changes needs confirming again
            _bump(draft, who)
        audit.record(session, who, "label.correct", f"clause:{clause.id}", document_id=doc.id, draft_id=draft.id,
                     clause=clause.key, location=clause.location, old=old, new=labels, row_changed=changed)
        return {"clause": clause_view(clause), "draft": draft_view(draft, doc)}


def list_drafts(session: Session, who: Principal, status: str | None, unit: str | None,
                limit: int, offset: int) -> list[dict]:
    query = who.scope(select(Draft, Document).join(Document, Draft.document_id == Document.id), Draft.unit, unit)
    if status:
        query = query.where(Draft.status == status)
    query = query.order_by(Draft.id.desc()).limit(limit).offset(offset)
    return [draft_view(d, doc) for d, doc in session.execute(query)]


def get_draft(session: Session, who: Principal, draft_id: int) -> dict:
    found = session.execute(select(Draft, Document).join(Document, Draft.document_id == Document.id)
                            .where(Draft.id == draft_id)).first()
    if found is None or not who.can_read(found[0].unit):
        raise not_found("台账行")
    return draft_view(*found)
