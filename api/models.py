"""ORM tables. Schema changes go through Alembic (api/migrations/), never create_all."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from extractor.model import in_context

ROLES = ("clerk", "coordinator", "admin")
DOC_QUEUED, DOC_SCANNING, DOC_SCANNED, DOC_FAILED = "queued", "scanning", "scanned", "failed"
DRAFT, CONFIRMED, REJECTED = "draft", "confirmed", "rejected"


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: DateTime(timezone=True), dict: JSON, list: JSON}


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    unit: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Job(Base):
    """A scan job (one upload) or a retrain job. A scan job's progress is read off its documents."""

    __tablename__ = "jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # scan | retrain
    status: Mapped[str] = mapped_column(String(20), default="queued")  # kept for retrain jobs
    unit: Mapped[str | None] = mapped_column(String(200))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    result: Mapped[dict | None]


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("unit", "sha256", name="uq_documents_unit_sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit: Mapped[str] = mapped_column(String(200), index=True)
    file: Mapped[str] = mapped_column(String(500))
    # Null only for zip members refused before their bytes were read (encrypted, too large).
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    size: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(20), default=DOC_QUEUED, index=True)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"), index=True)
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A worker's claim: its result is written only while the lease is still its own.
    lease: Mapped[str | None] = mapped_column(String(32))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error_code: Mapped[str | None] = mapped_column(String(40))
    error_message: Mapped[str | None] = mapped_column(Text)
    # The scan contract's document object and model stamp (clauses live in their own table).
    document: Mapped[dict | None]
    model: Mapped[dict | None]
    scanned_at: Mapped[datetime | None]


class Clause(Base):
    __tablename__ = "clauses"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(40))  # the scan contract's clause id, e.g. c17
    location: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    # The section heading above a notice-style item; the classifier reads it with the text.
    heading: Mapped[str | None] = mapped_column(Text)
    labels: Mapped[list]  # current labels: the model's until a reviewer sets them
    model_labels: Mapped[list]
    # Labels the clause passed while its document fell short of the document threshold
    # (ClauseModel.held_back); null for clauses stored before they were kept.
    held_back: Mapped[list | None]
    scores: Mapped[dict]
    evidence: Mapped[list]
    basis: Mapped[list]
    # Distance of the score nearest its threshold; null when the gate skipped the clause.
    margin: Mapped[float | None] = mapped_column(Float, index=True)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)

    @property
    def in_context(self) -> str:
        """What the classifier read: as extractor.model.Clause.in_context."""
        return in_context(self.text, self.heading)


class Draft(Base):
    __tablename__ = "drafts"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), unique=True)
    unit: Mapped[str] = mapped_column(String(200), index=True)
    status: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    row: Mapped[dict]
    edited: Mapped[list]  # ledger keys a reviewer has set by hand; label corrections leave them alone
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Correction(Base):
    """One reviewer's label decision on one clause: the training data of the next retrain."""

    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(primary_key=True)
    clause_id: Mapped[int] = mapped_column(ForeignKey("clauses.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    old: Mapped[list]
    new: Mapped[list]


class ModelVersion(Base):
    __tablename__ = "model_versions"
    __table_args__ = (
        # At most one active model, enforced by the database itself.
        Index("uq_model_versions_one_active", "active", unique=True,
              sqlite_where=text("active"), postgresql_where=text("active")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(100), unique=True)
    path: Mapped[str] = mapped_column(String(1000))
    state: Mapped[str] = mapped_column(String(20))  # seed | promoted | rejected
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    metrics: Mapped[dict | None]  # evaluation on the corpus test split
    training_clauses: Mapped[int | None]
    corrections: Mapped[int | None]
    reason: Mapped[str | None] = mapped_column(Text)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(Base):
    """Append-only; the database refuses UPDATE and DELETE (triggers in the migration)."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    user_name: Mapped[str | None] = mapped_column(String(100))
    unit: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40), index=True)
    target: Mapped[str | None] = mapped_column(String(100))
    detail: Mapped[dict | None]


@event.listens_for(Session, "before_flush")
def _audit_is_append_only(session, _context, _instances):
    if any(isinstance(o, AuditEntry) for o in (*session.dirty, *session.deleted)):
        raise RuntimeError("audit entries are append-only")
