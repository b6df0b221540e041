"""Uploads, scanning, dedupe, limits, per-file errors and the scan contract over HTTP."""
from __future__ import annotations

import hashlib

from api.models import Document
from api.services.scanning import scan_bytes
from api.services.uploads import sanitise_filename

from apitest_documents import plain, regulation, zipped

CONTRACT_KEYS = {"file", "sha256", "error", "document", "clauses", "ledger_row", "model"}


def test_upload_is_scanned_into_the_contract_object_and_a_draft(service, clerk):
    answer = service.upload(clerk, ("办法.txt", regulation(1)))
    assert set(answer) == {"job_id", "documents"}
    [entry] = answer["documents"]
    assert entry["file"] == "办法.txt" and entry["status"] == "queued"
    assert entry["sha256"] == hashlib.sha256(regulation(1)).hexdigest()
    job = service.wait(clerk, answer["job_id"])
    assert (job["status"], job["done"], job["total"], job["errors"]) == ("done", 1, 1, [])

    doc = service.get(f"/api/documents/{entry['id']}", clerk).json()
    assert CONTRACT_KEYS <= set(doc)
    assert doc["status"] == "scanned" and doc["review_status"] == "draft" and doc["error"] is None
    assert doc["document"]["doc_number"] == "某政〔2020〕1号"
    by_location = {c["location"]: c for c in doc["clauses"]}
    assert "sharing" in by_location["第六条"]["labels"] and by_location["第八条"]["labels"] == []
    assert all({"ref", "id", "labels", "scores", "evidence", "basis"} <= set(c) for c in doc["clauses"])
    assert doc["ledger_row"]["involves_sharing"] == "是" and doc["model"]["version"]

    [draft] = service.get("/api/drafts", clerk).json()
    assert draft["document_id"] == entry["id"] and draft["status"] == "draft" and draft["version"] == 1
    assert draft["document_name"] == "《某市城市生活垃圾分类管理办法》(某政〔2020〕1号)"
    assert draft["risks"] and draft["disposal_reason"]  # shown beside the row for the reviewer


def test_duplicate_upload_is_recognised_and_not_scanned_twice(start_service):
    scans = []

    def counting_scan(scanner, data, file, limits):
        scans.append(file)
        return scan_bytes(scanner, data, file, limits)

    service = start_service(scan_fn=counting_scan)
    clerk = service.user("clerk-a")
    first = service.upload(clerk, ("a.txt", regulation(1)))
    service.wait(clerk, first["job_id"])
    # Same bytes again under another name, and twice within one upload.
    again = service.upload(clerk, ("copy.txt", regulation(1)), ("b.txt", regulation(2)), ("b-again.txt", regulation(2)))
    statuses = [(d["file"], d["status"]) for d in again["documents"]]
    assert statuses == [("copy.txt", "duplicate"), ("b.txt", "queued"), ("b-again.txt", "duplicate")]
    assert again["documents"][0]["id"] == first["documents"][0]["id"]
    assert again["documents"][2]["id"] == again["documents"][1]["id"]
    job = service.wait(clerk, again["job_id"])
    assert job["total"] == 1 and job["status"] == "done"
    assert scans == ["a.txt", "b.txt"]
    assert len(service.get("/api/documents", clerk).json()) == 2

    # Another unit uploading the same file gets its own document and draft, from the stored scan.
    other = service.user("clerk-b", unit="市财政局")
    [doc] = service.scanned(other, ("同一文件.txt", regulation(1)))
    assert doc["status"] == "scanned" and doc["unit"] == "市财政局" and doc["clauses"]
    assert scans == ["a.txt", "b.txt"]
    blobs = [p for p in service.runtime.store.root.rglob("*") if p.is_file()]
    assert len(blobs) == 2  # content-addressed: one stored copy per distinct file


def test_bad_files_are_reported_per_file_while_the_rest_of_the_job_finishes(service, clerk):
    answer = service.upload(
        clerk,
        ("good.txt", regulation(1)),
        ("empty.docx", b""),
        ("broken.docx", b"PK\x03\x04 this is not really a zip"),
        ("photos.rar", b"Rar!\x1a\x07\x00" + b"\x00" * 64),
        ("notice.txt", plain(1)),
    )
    job = service.wait(clerk, answer["job_id"])
    assert job["status"] == "done" and (job["done"], job["total"]) == (5, 5)
    errors = {e["file"]: e["code"] for e in job["errors"]}
    assert errors == {"empty.docx": "corrupt", "broken.docx": "corrupt", "photos.rar": "unsupported_format"}
    assert all(e["message"] for e in job["errors"])
    # Refused at upload already, with the reason in the answer.
    photo = next(d for d in answer["documents"] if d["file"] == "photos.rar")
    assert photo["status"] == "failed" and photo["error"]["code"] == "unsupported_format"
    drafts = service.get("/api/drafts", clerk).json()
    assert sorted(d["file"] for d in drafts) == ["good.txt", "notice.txt"]
    failed = service.get("/api/documents", clerk, params={"status": "failed"}).json()
    assert {d["file"] for d in failed} == set(errors)


def test_a_job_of_nothing_but_bad_files_fails(service, clerk):
    answer = service.upload(clerk, ("empty.txt", b""))
    job = service.wait(clerk, answer["job_id"])
    assert job["status"] == "failed" and job["errors"][0]["code"] == "corrupt"


def test_zip_is_expanded_members_named_and_sanitised(service, clerk):
    archive = zipped({"规章/a.txt": regulation(1), "../../b.txt": regulation(2), "__MACOSX/._a.txt": b"x",
                      "c.xlsx": b"PK\x03\x04junk"})
    answer = service.upload(clerk, ("C:\\Users\\clerk\\..批量.zip", archive))
    files = sorted(d["file"] for d in answer["documents"])
    assert files == ["批量.zip!b.txt", "批量.zip!c.xlsx", "批量.zip!规章/a.txt"]
    job = service.wait(clerk, answer["job_id"])
    assert job["total"] == 3 and [e["file"] for e in job["errors"]] == ["批量.zip!c.xlsx"]
    # A member already uploaded loose is a duplicate.
    again = service.upload(clerk, ("a.txt", regulation(1)))
    assert again["documents"][0]["status"] == "duplicate"


def test_filenames_are_sanitised():
    assert sanitise_filename("../../etc/passwd") == "passwd"
    assert sanitise_filename("C:\\Users\\x\\台账\x00\x07.docx") == "台账.docx"
    assert sanitise_filename(" .hidden.txt ") == "hidden.txt"
    assert sanitise_filename("") == sanitise_filename(None) == "未命名文件"
    long = "很" * 300 + ".docx"
    assert len(sanitise_filename(long)) == 200 and sanitise_filename(long).endswith(".docx")


def test_oversize_upload_is_refused_and_nothing_is_stored(start_service, settings_for):
    service = start_service(settings_for(max_upload_bytes=5000, max_file_bytes=3000))
    clerk = service.user("clerk-a")
    r = service.client.post("/api/documents", files=[("files", ("big.txt", b"x" * 6000))], headers=clerk)
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    assert "MB" in r.json()["error"]["message"]
    # Under the request cap but over the per-file cap: refused too, naming the file.
    r = service.client.post("/api/documents", files=[("files", ("ok.txt", plain(1))), ("files", ("大.txt", b"y" * 3500))],
                            headers=clerk)
    assert r.status_code == 413 and "大.txt" in r.json()["error"]["message"]
    with service.runtime.db.session() as session:
        assert session.query(Document).count() == 0
    assert not any(p.is_file() for p in service.runtime.store.root.rglob("*"))


def test_upload_without_files_and_by_the_wrong_role(service, clerk):
    r = service.client.post("/api/documents", headers=clerk)
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"
    coordinator = service.user("coord", unit="市发改委", role="coordinator")
    r = service.client.post("/api/documents", files=[("files", ("a.txt", plain(1)))], headers=coordinator)
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"


def test_review_queue_puts_the_least_certain_clauses_first(service, clerk, scanned_doc):
    queue = service.get("/api/review-queue", clerk).json()
    margins = [item["margin"] for item in queue]
    assert queue and margins == sorted(margins)
    assert {item["document_id"] for item in queue} == {scanned_doc["id"]}
    # A clause the gate never scored (第二条: scope, no trigger term) is not a review question.
    refs = {item["ref"] for item in queue}
    scope = next(c for c in scanned_doc["clauses"] if c["location"] == "第二条")
    assert scope["ref"] not in refs
    top = queue[0]
    service.client.put(f"/api/clauses/{top['ref']}/labels", json={"labels": top["labels"]}, headers=clerk)
    assert top["ref"] not in {item["ref"] for item in service.get("/api/review-queue", clerk).json()}


def test_a_streamed_upload_is_cut_off_at_the_cap(start_service, settings_for):
    service = start_service(settings_for(max_upload_bytes=10_000))
    clerk = service.user("clerk-a")

    def body():  # no Content-Length: the server has to count
        yield b"--x\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\n"
        for _ in range(50):
            yield b"z" * 1000

    r = service.client.post("/api/documents", content=body(),
                            headers={**clerk, "Content-Type": "multipart/form-data; boundary=x"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"


def test_a_scanner_crash_is_reported_for_that_file_only(start_service):
    def crashes_on_b(scanner, data, file, limits):
        if file == "b.txt":
            raise MemoryError("simulated")
        return scan_bytes(scanner, data, file, limits)

    service = start_service(scan_fn=crashes_on_b)
    clerk = service.user("clerk-a")
    answer = service.upload(clerk, ("a.txt", regulation(1)), ("b.txt", regulation(2)))
    job = service.wait(clerk, answer["job_id"])
    assert job["status"] == "done" and [(e["file"], e["code"]) for e in job["errors"]] == [("b.txt", "scan_failed")]
    assert "重新上传" in job["errors"][0]["message"]
