"""A restart in the middle of a job: the unfinished documents are scanned when the service starts again."""
from __future__ import annotations

import threading
import time

from sqlalchemy import func, select

from api.models import Clause, Draft
from api.services.scanning import scan_bytes

from apitest_documents import regulation


def test_restart_mid_job_resumes_and_the_stale_scan_cannot_write(start_service, settings_for):
    settings = settings_for(scan_workers=1)
    in_second, release = threading.Event(), threading.Event()

    def stalls_on_the_second(scanner, data, file, limits):
        if file == "2.txt":
            in_second.set()
            release.wait(30)  # the process "dies" here: this scan never finishes in time
        return scan_bytes(scanner, data, file, limits)

    first = start_service(settings, scan_fn=stalls_on_the_second)
    clerk = first.user("clerk-a")
    answer = first.upload(clerk, *[(f"{n}.txt", regulation(n)) for n in (1, 2, 3)])
    assert in_second.wait(30)
    job = first.client.get(f"/api/jobs/{answer['job_id']}", headers=clerk).json()
    assert job["status"] == "running" and job["done"] == 1
    # Shut down with document 2 mid-scan and 3 still queued, without waiting for the stuck worker.
    first.runtime.scans.stop(timeout=0.1)
    first.stop()

    second = start_service(settings)
    job = second.wait(clerk, answer["job_id"])  # the token is still valid: the key was persisted
    assert (job["status"], job["done"], job["total"], job["errors"]) == ("done", 3, 3, [])

    release.set()  # the old worker wakes up and tries to save document 2 under its lost lease
    time.sleep(0.5)
    with second.runtime.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Draft)) == 3
        per_doc = session.execute(select(Clause.document_id, func.count()).group_by(Clause.document_id)).all()
        assert len(per_doc) == 3 and len({n for _, n in per_doc}) == 1  # no document got its clauses twice
