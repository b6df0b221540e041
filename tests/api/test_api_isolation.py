"""Units see only their own records: another unit's answer 404 everywhere, as if absent."""
from __future__ import annotations

from openpyxl import load_workbook
import io

from apitest_documents import regulation


def test_another_units_records_answer_404(service, clerk, scanned_doc):
    other = service.user("clerk-b", unit="市财政局")
    doc_id, draft_id = scanned_doc["id"], scanned_doc["draft_id"]
    ref = scanned_doc["clauses"][0]["ref"]
    version = scanned_doc["draft_version"]

    for path in (f"/api/documents/{doc_id}", f"/api/drafts/{draft_id}", f"/api/jobs/{scanned_doc['job_id']}"):
        r = service.get(path, other)
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found", path
    assert service.client.patch(f"/api/drafts/{draft_id}", json={"version": version, "summary": "x"},
                                headers=other).status_code == 404
    assert service.client.post(f"/api/drafts/{draft_id}/confirm", json={"version": version},
                               headers=other).status_code == 404
    assert service.client.put(f"/api/clauses/{ref}/labels", json={"labels": []}, headers=other).status_code == 404
    # Same answer as for records that do not exist at all.
    assert service.get("/api/documents/999999", other).json() == service.get(f"/api/documents/{doc_id}", other).json()

    assert service.get("/api/documents", other).json() == []
    assert service.get("/api/drafts", other).json() == []
    assert service.get("/api/review-queue", other).json() == []
    assert service.get("/api/ledger.xlsx", other, params={"unit": "市交通运输局"}).status_code == 404
    # Nothing of ours changed through those attempts.
    assert service.draft(clerk, draft_id)["version"] == version


def test_coordinator_reads_every_unit_but_does_not_edit(service, clerk, scanned_doc):
    other = service.user("clerk-b", unit="市财政局")
    service.scanned(other, ("财政.txt", regulation(2)))
    coordinator = service.user("coord", unit="市发改委", role="coordinator")
    assert {d["unit"] for d in service.get("/api/drafts", coordinator).json()} == {"市交通运输局", "市财政局"}
    only = service.get("/api/drafts", coordinator, params={"unit": "市财政局"}).json()
    assert [d["unit"] for d in only] == ["市财政局"]
    assert service.get(f"/api/documents/{scanned_doc['id']}", coordinator).status_code == 200
    r = service.client.patch(f"/api/drafts/{scanned_doc['draft_id']}",
                             json={"version": scanned_doc["draft_version"], "summary": "x"}, headers=coordinator)
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"


def test_a_clerk_exports_only_their_own_unit(service, clerk, scanned_doc):
    other = service.user("clerk-b", unit="市财政局")
    service.scanned(other, ("财政.txt", regulation(2)))
    r = service.get("/api/ledger.xlsx", clerk, params={"status": "all"})
    book = load_workbook(io.BytesIO(r.content))
    assert book.sheetnames == ["市交通运输局", "市交通运输局审核提示"]
    assert book.active.cell(2, 1).value == "填报单位(公章)：市交通运输局"
