"""Password hashes (argon2id) and signed bearer tokens.

A token is `base64url(payload).base64url(hmac_sha256(key, payload))` with the
payload `{"sub": user id, "exp": unix time}`. Stateless, so the server checks the
user still exists and is active on every request; changing the signing key
ends every session.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Compared against when the user name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("taizhang-no-such-user")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(key: bytes, payload: str) -> str:
    return _b64(hmac.new(key, payload.encode(), hashlib.sha256).digest())


def issue_token(key: bytes, user_id: int, lifetime_seconds: int, now: float | None = None) -> str:
    payload = _b64(json.dumps({"sub": user_id, "exp": int((now or time.time()) + lifetime_seconds)}).encode())
    return f"{payload}.{_sign(key, payload)}"


def read_token(key: bytes, token: str, now: float | None = None) -> int | None:
    """The user id of a valid, unexpired token; None for anything else."""
    payload, _, signature = token.partition(".")
    if not payload or not hmac.compare_digest(signature, _sign(key, payload)):
        return None
    try:
        claims = json.loads(_unb64(payload))
        user_id, expires = int(claims["sub"]), float(claims["exp"])
    except (ValueError, KeyError, TypeError):
        return None
    return user_id if expires > (now or time.time()) else None
