"""FastAPI dependencies: the runtime, a read session, the caller, role checks."""
from __future__ import annotations

from collections.abc import Iterator

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session

from .errors import ApiError, forbidden
from .models import User
from .principal import Principal
from .runtime import Runtime
from .security import read_token

oauth2 = OAuth2PasswordBearer(tokenUrl="/api/auth/token", auto_error=False)


def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


def read_session(runtime: Runtime = Depends(get_runtime)) -> Iterator[Session]:
    """For reads; changes go through runtime.db.transaction() in the services."""
    with runtime.db.session() as session:
        yield session


def current_user(token: str | None = Depends(oauth2), runtime: Runtime = Depends(get_runtime)) -> Principal:
    if not token:
        raise ApiError(401, "not_authenticated", "请先登录。")
    user_id = read_token(runtime.signing_key, token)
    if user_id is None:
        raise ApiError(401, "invalid_token", "登录已过期或无效，请重新登录。")
    with runtime.db.session() as session:
        user = session.get(User, user_id)
        if user is None or not user.active:
            raise ApiError(401, "invalid_token", "该账号已停用或不存在，请联系管理员。")
        return Principal.of(user)


def require(*roles: str):
    names = {"clerk": "经办人员", "coordinator": "统筹人员（发改委）", "admin": "系统管理员"}

    def check(who: Principal = Depends(current_user)) -> Principal:
        if who.role not in roles:
            raise forbidden(f"此操作仅限{'、'.join(names[r] for r in roles)}。")
        return who

    return check
