from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ..deps import current_user, get_runtime, read_session, require
from ..principal import Principal
from ..runtime import Runtime
from ..services import registry

router = APIRouter(prefix="/api/models", tags=["models"])


@router.get("", summary="Model versions with test metrics, training size and the active flag")
def models(_: Principal = Depends(current_user), session: Session = Depends(read_session)) -> list[dict]:
    return registry.list_models(session)


@router.post("/retrain", status_code=202, summary="Retrain on the corpus plus all corrections (admin)")
def retrain(who: Principal = Depends(require("admin")), runtime: Runtime = Depends(get_runtime)) -> dict:
    return runtime.retrains.request(who)


@router.post("/{version}/activate", summary="Make a stored version the active one: roll back or forward (admin)")
def activate(version: str, who: Principal = Depends(require("admin")), runtime: Runtime = Depends(get_runtime)) -> dict:
    return registry.activate(runtime.db, runtime.models, who, version)
