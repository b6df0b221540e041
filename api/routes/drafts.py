from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field, create_model
from sqlalchemy.orm import Session

from taizhang.ledger_row import COLUMNS

from ..deps import current_user, get_runtime, read_session
from ..principal import Principal
from ..runtime import Runtime
from ..services import drafts
from ..services.drafts import EDITABLE

router = APIRouter(prefix="/api/drafts", tags=["drafts"])
_HEADINGS = dict(COLUMNS)

# {"version": n, <any ledger column>: value, …}; only the columns sent are changed.
DraftEdit = create_model(
    "DraftEdit",
    __config__=ConfigDict(extra="forbid"),
    version=(int, Field(description="the version the edit is based on; a stale one gets 409")),
    **{key: (str | None, Field(None, description=_HEADINGS[key])) for key in EDITABLE},
)


class Decision(BaseModel):
    version: int
    reason: str | None = Field(None, max_length=2000)


@router.get("", summary="Draft ledger rows of the caller's unit (every unit for coordinators)")
def list_drafts(status: Literal["draft", "confirmed", "rejected"] | None = None, unit: str | None = None,
                limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0),
                who: Principal = Depends(current_user), session: Session = Depends(read_session)) -> list[dict]:
    return drafts.list_drafts(session, who, status, unit, limit, offset)


@router.get("/{draft_id}", summary="One draft ledger row")
def get_draft(draft_id: int, who: Principal = Depends(current_user), session: Session = Depends(read_session)) -> dict:
    return drafts.get_draft(session, who, draft_id)


@router.patch("/{draft_id}", summary="Edit columns of a draft row (optimistic: send the version you saw)")
def edit(draft_id: int, body: DraftEdit, who: Principal = Depends(current_user),
         runtime: Runtime = Depends(get_runtime)) -> dict:
    fields = {key: getattr(body, key) for key in body.model_fields_set if key != "version"}
    return drafts.edit(runtime.db, who, draft_id, body.version, fields)


@router.post("/{draft_id}/confirm", summary="Confirm a row")
def confirm(draft_id: int, body: Decision, who: Principal = Depends(current_user),
            runtime: Runtime = Depends(get_runtime)) -> dict:
    return drafts.set_status(runtime.db, who, draft_id, body.version, "confirmed", body.reason)


@router.post("/{draft_id}/reject", summary="Reject a row (not a ledger entry)")
def reject(draft_id: int, body: Decision, who: Principal = Depends(current_user),
           runtime: Runtime = Depends(get_runtime)) -> dict:
    return drafts.set_status(runtime.db, who, draft_id, body.version, "rejected", body.reason)
