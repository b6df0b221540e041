"""The audit log: one entry per action, who and when; append-only down to the database."""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from apitest_documents import regulation


def test_every_action_leaves_an_entry(service, clerk):
    admin = service.user("admin", unit="市发改委", role="admin")
    coordinator = service.user("coord", unit="市发改委", role="coordinator")
    [doc] = service.scanned(clerk, ("a.txt", regulation(1)))
    draft_id, ref = doc["draft_id"], doc["clauses"][6]["ref"]
    service.client.put(f"/api/clauses/{ref}/labels", json={"labels": ["blacklist"]}, headers=clerk)
    version = service.draft(clerk, draft_id)["version"]
    service.client.patch(f"/api/drafts/{draft_id}", json={"version": version, "phone": "12345"}, headers=clerk)
    service.client.post(f"/api/drafts/{draft_id}/confirm", json={"version": version + 1}, headers=clerk)
    service.client.post(f"/api/drafts/{draft_id}/reject", json={"version": version + 2, "reason": "重复"}, headers=clerk)
    service.client.post("/api/users", json={"name": "new", "unit": "市教育局", "role": "clerk", "password": "12345678"},
                        headers=admin)

    log = service.get("/api/audit", coordinator, params={"limit": 1000}).json()
    assert [e["id"] for e in log] == sorted((e["id"] for e in log), reverse=True)  # newest first
    by_action = {}
    for entry in log:
        by_action.setdefault(entry["action"], []).append(entry)
    for action in ("model.register", "user.add", "document.upload", "label.correct", "draft.edit",
                   "draft.confirm", "draft.reject"):
        assert action in by_action, action
    upload = by_action["document.upload"][0]
    assert upload["user"] == "clerk-a" and upload["unit"] == "市交通运输局" and upload["at"].endswith("Z")
    assert upload["target"] == f"document:{doc['id']}" and upload["detail"]["file"] == "a.txt"
    correction = by_action["label.correct"][0]
    assert correction["target"] == f"clause:{ref}"
    assert correction["detail"]["old"] == doc["clauses"][6]["labels"] and correction["detail"]["new"] == ["blacklist"]
    edit = by_action["draft.edit"][0]
    assert edit["detail"]["changes"] == {"phone": {"old": None, "new": "12345"}}
    assert by_action["draft.reject"][0]["detail"]["reason"] == "重复"
    assert by_action["user.add"][-1]["user"] is None  # made by the test directly, not through the API
    assert by_action["user.add"][0]["user"] == "admin" and by_action["user.add"][0]["detail"]["name"] == "new"

    # Filters and paging.
    only = service.get("/api/audit", admin, params={"action": "draft.confirm"}).json()
    assert [e["action"] for e in only] == ["draft.confirm"]
    page = service.get("/api/audit", admin, params={"limit": 2}).json()
    older = service.get("/api/audit", admin, params={"limit": 2, "before_id": page[-1]["id"]}).json()
    assert older[0]["id"] < page[-1]["id"]
    assert service.get("/api/audit", clerk).status_code == 403


def test_a_refused_change_leaves_no_entry(service, clerk, scanned_doc):
    before = len(service.get("/api/audit", service.user("admin", unit="市发改委", role="admin"), params={"limit": 1000}).json())
    r = service.client.patch(f"/api/drafts/{scanned_doc['draft_id']}", json={"version": 7, "phone": "1"}, headers=clerk)
    assert r.status_code == 409
    admin = service.user("admin2", unit="市发改委", role="admin")
    after = service.get("/api/audit", admin, params={"limit": 1000}).json()
    assert len(after) == before + 1 and after[0]["action"] == "user.add"  # only admin2's creation


def test_the_database_refuses_to_change_or_delete_entries(service, clerk):
    with service.runtime.db.engine.connect() as conn:
        for statement in ("UPDATE audit SET action = 'nothing'", "DELETE FROM audit"):
            with pytest.raises(DBAPIError, match="append-only"):
                conn.execute(text(statement))
            conn.rollback()
        assert conn.execute(text("SELECT count(*) FROM audit")).scalar() >= 1
