from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from ..deps import read_session, require
from ..principal import Principal
from ..services import audit

router = APIRouter(prefix="/api/audit", tags=["audit"])


@router.get("", summary="The audit log, newest first (coordinator, admin)")
def entries(action: str | None = None, user: str | None = None, target: str | None = None,
            since: datetime | None = None, before_id: int | None = None, limit: int = Query(100, ge=1, le=1000),
            _: Principal = Depends(require("coordinator", "admin")),
            session: Session = Depends(read_session)) -> list[dict]:
    return audit.entries(session, action=action, user=user, target=target, since=since, before_id=before_id,
                         limit=limit)
