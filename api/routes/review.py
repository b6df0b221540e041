from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from ..deps import current_user, read_session
from ..principal import Principal
from ..services.documents import review_queue

router = APIRouter(prefix="/api", tags=["review"])


@router.get("/review-queue", summary="Unreviewed clauses, scores nearest their thresholds first")
def queue(limit: int = Query(50, ge=1, le=500), who: Principal = Depends(current_user),
          session: Session = Depends(read_session)) -> list[dict]:
    return review_queue(session, who, limit)
