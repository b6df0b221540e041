"""Accounts: created by an admin (API) or on the command line (`taizhang user add`)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db import Database
from ..errors import ApiError, invalid
from ..models import ROLES, User
from ..principal import Principal
from ..security import hash_password, verify_password
from ..views import iso
from . import audit

MIN_PASSWORD = 8


def user_view(user: User) -> dict:
    return {"id": user.id, "name": user.name, "unit": user.unit, "role": user.role, "active": user.active,
            "created_at": iso(user.created_at)}


def add_user(db: Database, name: str, unit: str, role: str, password: str, by: Principal | None = None) -> dict:
    name, unit = name.strip(), unit.strip()
    if not name or not unit:
        raise invalid("invalid_user", "用户名和单位不能为空。")
    if role not in ROLES:
        raise invalid("invalid_role", f"角色必须是 {' / '.join(ROLES)} 之一。")
    if len(password) < MIN_PASSWORD:
        raise invalid("weak_password", f"密码至少 {MIN_PASSWORD} 位。")
    try:
        with db.transaction() as session:
            user = User(name=name, unit=unit, role=role, password_hash=hash_password(password), active=True)
            session.add(user)
            session.flush()
            audit.record(session, by, "user.add", f"user:{user.id}", name=name, unit=unit, role=role)
            return user_view(user)
    except IntegrityError:
        raise ApiError(409, "user_exists", f"用户名“{name}”已存在。") from None


def authenticate(session: Session, name: str, password: str) -> User | None:
    user = session.scalars(select(User).where(User.name == name)).first()
    ok = verify_password(user.password_hash if user else None, password)
    return user if ok and user.active else None


def list_users(session: Session) -> list[dict]:
    return [user_view(u) for u in session.scalars(select(User).order_by(User.id))]
