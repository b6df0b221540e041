"""Model versions: which one scans new uploads, and switching between them.

The model the service is first started with (TAIZHANG_MODEL) is registered as
the seed; from then on the registry decides. A model file that appears under
TAIZHANG_MODEL later with a new version is registered too, inactive, for an
admin to activate.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from classifier.model import ClauseModel
from taizhang.scan import Scanner

from ..db import Database
from ..errors import ApiError, not_found
from ..models import ModelVersion
from ..principal import Principal
from ..views import iso
from . import audit


@lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int) -> Scanner:
    # Process-wide: loading and warming a model takes seconds; the file's mtime keys out stale copies.
    scanner = Scanner(ClauseModel.load(Path(path)))
    scanner.warm_up()
    return scanner


def load_scanner(path: str | Path) -> Scanner:
    path = Path(path).resolve()
    if not path.exists():
        raise FileNotFoundError(f"模型文件不存在：{path}")
    return _load(str(path), path.stat().st_mtime_ns)


class ModelHolder:
    """The scanner of the active model, swapped whole when another version is activated."""

    def __init__(self):
        self._scanner: Scanner | None = None
        self.lock = threading.Lock()  # serialises switches, so the last one committed is the one in use

    def use(self, path: str | Path) -> None:
        self._scanner = load_scanner(path)

    @contextmanager
    def switching(self, path: str | Path | None) -> Iterator[None]:
        """Serve the model at `path` from inside the block that commits it as active, so a
        caller who sees the commit never gets the old model; put the old one back if it fails."""
        with self.lock:
            previous = self._scanner
            if path is not None:
                self.use(path)
            try:
                yield
            except BaseException:
                self._scanner = previous
                raise

    def scanner(self) -> Scanner:
        if self._scanner is None:
            raise RuntimeError("no active model loaded")
        return self._scanner


def model_view(m: ModelVersion) -> dict:
    return {"version": m.version, "active": m.active, "state": m.state, "metrics": m.metrics,
            "training_clauses": m.training_clauses, "corrections": m.corrections, "reason": m.reason,
            "job_id": m.job_id, "created_at": iso(m.created_at)}


def active_version(session: Session) -> ModelVersion | None:
    return session.scalars(select(ModelVersion).where(ModelVersion.active.is_(True))).first()


def register_seed(db: Database, path: Path) -> None:
    path = path.resolve()
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    with db.transaction() as session:
        if session.scalars(select(ModelVersion).where(ModelVersion.version == meta["version"])).first():
            return
        first = active_version(session) is None
        session.add(ModelVersion(version=meta["version"], path=str(path), state="seed", active=first,
                                 metrics=meta.get("test"), training_clauses=meta.get("training_clauses"),
                                 corrections=0))
        audit.record(session, None, "model.register", f"model:{meta['version']}", path=str(path), active=first)


def load_active(db: Database, holder: ModelHolder) -> None:
    with db.session() as session:
        active = active_version(session)
        if active is None:
            raise RuntimeError("no active model in the registry")
        holder.use(active.path)


def list_models(session: Session) -> list[dict]:
    return [model_view(m) for m in session.scalars(select(ModelVersion).order_by(ModelVersion.id.desc()))]


def make_active(session: Session, target: ModelVersion) -> str | None:
    """Flags `target` active inside the caller's transaction; returns the version it replaces."""
    previous = active_version(session)
    # Clear the old flag first: the one-active index is checked row by row.
    session.execute(update(ModelVersion).where(ModelVersion.active.is_(True)).values(active=False))
    session.flush()
    target.active = True
    return previous.version if previous else None


def activate(db: Database, holder: ModelHolder, who: Principal, version: str) -> dict:
    """Roll back or forward to a stored version; rejected candidates stay out of service."""
    with db.session() as session:
        target = session.scalars(select(ModelVersion).where(ModelVersion.version == version)).first()
        if target is None:
            raise not_found("模型版本")
        if target.state == "rejected":
            raise ApiError(409, "model_rejected", f"模型 {version} 未通过上线评估（{target.reason}），不能启用。")
        if not Path(target.path).exists():
            raise ApiError(409, "model_missing", f"模型 {version} 的文件已不存在：{target.path}")
        path = target.path
    # A file that does not load fails here, before anything is committed.
    with holder.switching(path), db.transaction() as session:
        target = session.scalars(select(ModelVersion).where(ModelVersion.version == version)).one()
        previous = make_active(session, target)
        audit.record(session, who, "model.activate", f"model:{version}", previous=previous)
        session.flush()
        return model_view(target)
