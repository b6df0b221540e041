from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from ..deps import get_runtime, read_session, require
from ..principal import Principal
from ..runtime import Runtime
from ..services.users import add_user, list_users

router = APIRouter(prefix="/api/users", tags=["users"])


class NewUser(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    unit: str = Field(min_length=1, max_length=200)
    role: Literal["clerk", "coordinator", "admin"]
    password: str = Field(min_length=1, max_length=200)


@router.get("", summary="All users (admin)")
def users(_: Principal = Depends(require("admin")), session: Session = Depends(read_session)) -> list[dict]:
    return list_users(session)


@router.post("", status_code=201, summary="Create a user (admin)")
def create(body: NewUser, who: Principal = Depends(require("admin")), runtime: Runtime = Depends(get_runtime)) -> dict:
    return add_user(runtime.db, body.name, body.unit, body.role, body.password, by=who)
