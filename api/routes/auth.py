from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy.orm import Session

from ..deps import current_user, get_runtime, read_session
from ..errors import ApiError
from ..models import User
from ..principal import Principal
from ..runtime import Runtime
from ..security import issue_token
from ..services.users import authenticate, user_view

router = APIRouter(prefix="/api", tags=["auth"])


@router.post("/auth/token", summary="Log in (OAuth2 password form) and get a bearer token")
def token(form: OAuth2PasswordRequestForm = Depends(), session: Session = Depends(read_session),
          runtime: Runtime = Depends(get_runtime)) -> dict:
    user = authenticate(session, form.username, form.password)
    if user is None:
        raise ApiError(401, "bad_credentials", "用户名或密码错误。")
    lifetime = runtime.settings.token_minutes * 60
    return {"access_token": issue_token(runtime.signing_key, user.id, lifetime), "token_type": "bearer",
            "expires_in": lifetime, "user": user_view(user)}


@router.get("/me", summary="The logged-in user")
def me(who: Principal = Depends(current_user), session: Session = Depends(read_session)) -> dict:
    return user_view(session.get(User, who.id))
