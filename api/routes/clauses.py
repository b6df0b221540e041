from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from ..deps import current_user, get_runtime
from ..principal import Principal
from ..runtime import Runtime
from ..services.drafts import correct_labels

router = APIRouter(prefix="/api/clauses", tags=["clauses"])


class Labels(BaseModel):
    labels: list[str] = Field(description="the clause's labels after review: any of sharing, blacklist, punishment")


@router.put("/{clause_ref}/labels", summary="Store a reviewer's labels for a clause; the draft row follows")
def put_labels(clause_ref: int, body: Labels, who: Principal = Depends(current_user),
               runtime: Runtime = Depends(get_runtime)) -> dict:
    return correct_labels(runtime.db, runtime.models, who, clause_ref, body.labels)
