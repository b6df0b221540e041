"""Concurrent reviewers on one document, through a real server and real threads."""
from __future__ import annotations

import threading
import time

import httpx
from sqlalchemy import select

from api.models import Correction
from api.runtime import Runtime
from api.services.users import add_user

from apitest_documents import regulation
from apitest_server import PASSWORD, live_server

THREADS = 8
EDITS_PER_THREAD = 4


def _login(base: str, name: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=30)
    token = client.post("/api/auth/token", data={"username": name, "password": PASSWORD}).json()["access_token"]
    client.headers["Authorization"] = f"Bearer {token}"
    return client


def test_no_correction_or_edit_is_lost_under_concurrent_edits(settings_for):
    runtime = Runtime(settings_for())
    with live_server(runtime) as base:
        for n in range(THREADS):
            add_user(runtime.db, f"clerk-{n}", "市交通运输局", "clerk", PASSWORD)
        clients = [_login(base, f"clerk-{n}") for n in range(THREADS)]
        job = clients[0].post("/api/documents", files=[("files", ("办法.txt", regulation(1)))]).json()
        while clients[0].get(f"/api/jobs/{job['job_id']}").json()["status"] != "done":
            time.sleep(0.02)
        doc = clients[0].get(f"/api/documents/{job['documents'][0]['id']}").json()
        draft_id, clauses = doc["draft_id"], doc["clauses"]
        # Thread n sets clause n to "every label" (that flips 是/否 and the summary) and appends to a
        # shared column with read-modify-write, retrying on 409 as a browser would after reloading.
        wanted = {c["ref"]: ["sharing", "blacklist", "punishment"] for c in clauses[:THREADS]}
        tokens, failures, conflicts = [], [], []
        start = threading.Barrier(THREADS)

        def reviewer(n: int) -> None:
            client = clients[n]
            start.wait()
            try:
                ref = clauses[n]["ref"]
                r = client.put(f"/api/clauses/{ref}/labels", json={"labels": wanted[ref]})
                assert r.status_code == 200, r.text
                for k in range(EDITS_PER_THREAD):
                    token = f"[{n}.{k}]"
                    while True:
                        row = client.get(f"/api/drafts/{draft_id}").json()
                        r = client.patch(f"/api/drafts/{draft_id}",
                                         json={"version": row["version"], "progress": (row["progress"] or "") + token})
                        if r.status_code == 409:
                            conflicts.append(token)
                            continue
                        assert r.status_code == 200, r.text
                        tokens.append(token)
                        break
            except Exception as exc:  # reported below, with the thread that raised it
                failures.append((n, repr(exc)))

        threads = [threading.Thread(target=reviewer, args=(n,)) for n in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert not failures, failures
        assert conflicts, "the threads never collided; the test would prove nothing"

        final = clients[0].get(f"/api/drafts/{draft_id}").json()
        doc = clients[0].get(f"/api/documents/{doc['id']}").json()
        for c in doc["clauses"][:THREADS]:
            assert c["labels"] == wanted[c["ref"]] and c["reviewed"]
        # Every successful append is in the final value, exactly once.
        assert len(tokens) == THREADS * EDITS_PER_THREAD
        assert all(final["progress"].count(t) == 1 for t in tokens)
        assert len(final["progress"]) == sum(len(t) for t in tokens)
        # The corrections' effect on the row survived all the edits (progress was the only hand edit).
        assert (final["involves_sharing"], final["involves_blacklist"], final["involves_punishment"]) == ("是",) * 3
        # Each corrected clause is excerpted, or named on the summary's last line (另有N条：…).
        summary_lines = final["summary"].splitlines()
        rest = summary_lines[-1].split("：", 1)[1].split("；") if summary_lines[-1].startswith("另有") else []
        for c in doc["clauses"][:THREADS]:
            assert any(line.startswith(f"{c['location']}：") for line in summary_lines) or c["location"] in rest, \
                c["location"]
        with runtime.db.session() as session:
            assert len(session.scalars(select(Correction)).all()) == THREADS
        # One version step per change that landed: nothing was overwritten silently.
        assert final["version"] == 1 + len(tokens) + THREADS - _unchanged_rows(runtime)
        for client in clients:
            client.close()


def _unchanged_rows(runtime: Runtime) -> int:
    """Corrections that left the row as it was (no version step): read from the audit log."""
    from api.models import AuditEntry

    with runtime.db.session() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "label.correct")).all()
        return sum(1 for e in entries if not e.detail["row_changed"])
