from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ..deps import current_user, read_session
from ..principal import Principal
from ..services.documents import job_view

router = APIRouter(prefix="/api/jobs", tags=["jobs"])


@router.get("/{job_id}", summary="Progress of a scan or retrain job")
def job(job_id: int, who: Principal = Depends(current_user), session: Session = Depends(read_session)) -> dict:
    return job_view(session, who, job_id)
