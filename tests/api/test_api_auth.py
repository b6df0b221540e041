"""Logging in, tokens, and the roles' boundaries."""
from __future__ import annotations

import time

from api import security
from api.security import issue_token, read_token

from apitest_server import PASSWORD


def test_login_gives_a_token_that_opens_the_api(service, clerk):
    me = service.get("/api/me", clerk).json()
    assert (me["name"], me["unit"], me["role"]) == ("clerk-a", "市交通运输局", "clerk")
    r = service.client.post("/api/auth/token", data={"username": "clerk-a", "password": PASSWORD})
    body = r.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 8 * 3600 and body["user"]["name"] == "clerk-a"


def test_wrong_password_unknown_user_and_missing_token(service, clerk):
    for user, password in (("clerk-a", "wrong password"), ("nobody", PASSWORD)):
        r = service.client.post("/api/auth/token", data={"username": user, "password": password})
        assert r.status_code == 401 and r.json()["error"]["code"] == "bad_credentials"
    for path in ("/api/documents", "/api/drafts", "/api/review-queue", "/api/models", "/api/ledger.xlsx", "/api/me"):
        r = service.client.get(path)
        assert r.status_code == 401 and r.json()["error"]["code"] == "not_authenticated", path
        assert r.headers["www-authenticate"] == "Bearer"
    r = service.client.get("/api/me", headers={"Authorization": "Bearer " + clerk["Authorization"][-20:]})
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_token"


def test_tokens_are_signed_and_expire():
    key = b"k" * 32
    token = issue_token(key, 7, 60)
    assert read_token(key, token) == 7
    assert read_token(b"another key", token) is None
    payload, signature = token.split(".")
    forged = issue_token(key, 8, 60).split(".")[0] + "." + signature
    assert read_token(key, forged) is None
    assert read_token(key, issue_token(key, 7, 60, now=time.time() - 120)) is None
    assert read_token(key, "garbage") is None and read_token(key, "") is None


def test_passwords_are_stored_as_argon2_hashes(service):
    service.user("clerk-a")
    from api.models import User

    with service.runtime.db.session() as session:
        stored = session.query(User).one().password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert security.verify_password(stored, PASSWORD) and not security.verify_password(stored, "nope")


def test_admin_manages_users_and_others_cannot(service, clerk):
    admin = service.user("admin", unit="市发改委", role="admin")
    new = {"name": "clerk-c", "unit": "市教育局", "role": "clerk", "password": "a long password"}
    r = service.client.post("/api/users", json=new, headers=admin)
    assert r.status_code == 201 and r.json()["unit"] == "市教育局"
    assert service.client.post("/api/users", json=new, headers=admin).json()["error"]["code"] == "user_exists"
    assert service.client.post("/api/users", json={**new, "name": "x", "password": "short"},
                               headers=admin).json()["error"]["code"] == "weak_password"
    assert service.client.post("/api/users", json={**new, "name": "y"}, headers=clerk).status_code == 403
    assert [u["name"] for u in service.get("/api/users", admin).json()] == ["clerk-a", "admin", "clerk-c"]
    r = service.client.post("/api/auth/token", data={"username": "clerk-c", "password": "a long password"})
    assert r.status_code == 200


def test_a_deactivated_users_token_stops_working(service, clerk):
    from api.models import User

    with service.runtime.db.transaction() as session:
        session.query(User).filter_by(name="clerk-a").one().active = False
    r = service.get("/api/me", clerk)
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_token"
