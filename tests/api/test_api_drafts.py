"""Editing rows: optimistic versions, hand edits that survive corrections, confirm and reject."""
from __future__ import annotations

from api.services.retrain import corrections_as_training
from apitest_documents import regulation


def _clause(doc: dict, location: str) -> dict:
    return next(c for c in doc["clauses"] if c["location"] == location)


def test_stale_edit_gets_409_and_changes_nothing(service, clerk, scanned_doc):
    draft_id = scanned_doc["draft_id"]
    r = service.client.patch(f"/api/drafts/{draft_id}", json={"version": 1, "responsible_person": "张三 科长"},
                             headers=clerk)
    assert r.status_code == 200 and r.json()["version"] == 2
    before = service.draft(clerk, draft_id)

    r = service.client.patch(f"/api/drafts/{draft_id}", json={"version": 1, "responsible_person": "李四"},
                             headers=clerk)
    assert r.status_code == 409
    error = r.json()["error"]
    assert error["code"] == "stale_version" and "刷新" in error["message"]
    assert error["current"]["version"] == 2 and error["current"]["responsible_person"] == "张三 科长"
    for path in ("confirm", "reject"):
        r = service.client.post(f"/api/drafts/{draft_id}/{path}", json={"version": 1}, headers=clerk)
        assert r.status_code == 409
    assert service.draft(clerk, draft_id) == before


def test_edit_validates_columns_and_values(service, clerk, scanned_doc):
    draft_id = scanned_doc["draft_id"]
    cases = [
        ({"version": 1, "no_such_column": "x"}, "invalid_request"),
        ({"version": 1, "involves_sharing": "也许"}, "invalid_value"),
        ({"version": 1, "disposal": "删除"}, "invalid_value"),
        ({"version": 1, "document_name": None}, "invalid_value"),
        ({"version": 1}, "nothing_to_change"),
        ({"summary": "no version"}, "invalid_request"),
    ]
    for body, code in cases:
        r = service.client.patch(f"/api/drafts/{draft_id}", json=body, headers=clerk)
        assert r.status_code == 422 and r.json()["error"]["code"] == code, (body, r.text)
    assert service.draft(clerk, draft_id)["version"] == 1


def test_label_correction_rebuilds_the_row_but_keeps_hand_edited_columns(service, clerk, scanned_doc):
    draft_id = scanned_doc["draft_id"]
    sixth, seventh = _clause(scanned_doc, "第六条"), _clause(scanned_doc, "第七条")
    flagged = [c for c in scanned_doc["clauses"] if c["labels"]]

    # Clearing every flag makes the row 否 throughout, summary gone: the row follows the labels.
    for clause in flagged:
        r = service.client.put(f"/api/clauses/{clause['ref']}/labels", json={"labels": []}, headers=clerk)
        assert r.status_code == 200 and r.json()["clause"]["labels"] == []
    row = service.draft(clerk, draft_id)
    assert (row["involves_sharing"], row["involves_blacklist"], row["involves_punishment"]) == ("否", "否", "否")
    assert row["summary"] is None and row["version"] > 1

    # The reviewer writes the summary by hand; later corrections leave it alone but still move 是/否.
    row = service.client.patch(f"/api/drafts/{draft_id}", json={"version": row["version"], "summary": "人工摘要"},
                               headers=clerk).json()
    assert row["edited"] == ["summary"]
    answer = service.client.put(f"/api/clauses/{seventh['ref']}/labels", json={"labels": ["punishment", "blacklist"]},
                                headers=clerk).json()
    assert answer["clause"]["labels"] == ["blacklist", "punishment"]  # stored in canonical order
    row = answer["draft"]
    assert row["summary"] == "人工摘要"
    assert (row["involves_sharing"], row["involves_blacklist"], row["involves_punishment"]) == ("否", "是", "是")

    # A hand-set 是/否 column is not overwritten either.
    row = service.client.patch(f"/api/drafts/{draft_id}", json={"version": row["version"], "involves_sharing": "是"},
                               headers=clerk).json()
    row = service.client.put(f"/api/clauses/{sixth['ref']}/labels", json={"labels": []}, headers=clerk).json()["draft"]
    assert row["involves_sharing"] == "是" and sorted(row["edited"]) == ["involves_sharing", "summary"]

    doc = service.get(f"/api/documents/{scanned_doc['id']}", clerk).json()
    assert _clause(doc, "第七条")["labels"] == ["blacklist", "punishment"]
    assert _clause(doc, "第七条")["model_labels"] == seventh["labels"] and _clause(doc, "第七条")["reviewed"]


def test_added_label_brings_its_clause_into_the_summary(service, clerk, scanned_doc):
    eighth = _clause(scanned_doc, "第八条")  # a plain fine: no label
    assert eighth["labels"] == []
    row = service.client.put(f"/api/clauses/{eighth['ref']}/labels", json={"labels": ["punishment"]},
                             headers=clerk).json()["draft"]
    assert "第八条：" in row["summary"]
    # A reviewer's label is firm: the row no longer points the column out as weak.
    assert "involves_punishment" not in {w["column"] for w in row["weak_flags"]}


def test_unknown_label_is_refused(service, clerk, scanned_doc):
    ref = scanned_doc["clauses"][0]["ref"]
    r = service.client.put(f"/api/clauses/{ref}/labels", json={"labels": ["sharing", "redlist"]}, headers=clerk)
    assert r.status_code == 422 and r.json()["error"]["code"] == "unknown_label"


def test_confirm_reject_and_reopen_by_editing(service, clerk, scanned_doc):
    draft_id = scanned_doc["draft_id"]
    row = service.client.post(f"/api/drafts/{draft_id}/confirm", json={"version": 1}, headers=clerk).json()
    assert (row["status"], row["version"]) == ("confirmed", 2)
    assert [d["id"] for d in service.get("/api/drafts", clerk, params={"status": "confirmed"}).json()] == [draft_id]
    # Editing a confirmed row puts it back to draft: it has to be confirmed again.
    row = service.client.patch(f"/api/drafts/{draft_id}", json={"version": 2, "phone": "0375-1234567"},
                               headers=clerk).json()
    assert row["status"] == "draft"
    row = service.client.post(f"/api/drafts/{draft_id}/reject", json={"version": 3, "reason": "非本单位文件"},
                              headers=clerk).json()
    assert row["status"] == "rejected"
    doc = service.get(f"/api/documents/{scanned_doc['id']}", clerk).json()
    assert doc["review_status"] == "rejected"
    # The review queue only asks about open drafts.
    assert service.get("/api/review-queue", clerk).json() == []


def test_a_heading_is_kept_with_its_item_and_a_correction_trains_on_both(service, clerk):
    notice = ("某市企业环境信用评价实施方案\n一、评价结果应用\n（一）对环保不良企业\n"
              "1. 暂停安排其各类环保专项资金补助。\n二、组织实施。各单位要认真落实。\n").encode()
    [doc] = service.scanned(clerk, ("方案.txt", notice))
    item = doc["clauses"][0]
    assert item["heading"] == "评价结果应用 对环保不良企业" and item["text"].startswith("1. 暂停")
    r = service.client.put(f"/api/clauses/{item['ref']}/labels", json={"labels": ["sharing", "punishment"]},
                           headers=clerk)
    assert r.status_code == 200
    [correction] = corrections_as_training(service.runtime.db, set())
    assert correction.text == "评价结果应用 对环保不良企业：1. 暂停安排其各类环保专项资金补助。"
    assert correction.labels == {"sharing", "punishment"}


def test_a_weak_flag_stored_before_notes_existed_is_shown_with_its_note():
    # Rows stored by an earlier version carry weak flags without `reason` or `note`; the
    # draft view writes the note the review page shows.
    from datetime import datetime, timezone
    from types import SimpleNamespace

    from api.views import draft_view

    old = {"column": "involves_blacklist", "heading": "是否涉及“黑名单”认定", "score": 0.02, "locations": ["第十条"]}
    draft = SimpleNamespace(row={"weak_flags": [old]}, id=1, document_id=2, unit="u", status="draft", version=1,
                            edited=[], updated_at=datetime(2026, 11, 27, tzinfo=timezone.utc))
    [flag] = draft_view(draft)["weak_flags"]
    assert flag["note"] == "第十条：是否涉及“黑名单”认定判为“是”把握不大（最高得分0.02），请先核实是否确有该类措施；如没有，改为“否”，基于这些条款的风险提示和处置建议随之不成立。"


def test_a_column_held_back_by_the_document_threshold_stays_pointed_out_after_corrections(start_service, settings_for,
                                                                                          held_back_model):
    service = start_service(settings_for(model=held_back_model))
    clerk = service.user("clerk-a")
    doc = service.scanned(clerk, ("办法.txt", regulation(1)))[0]
    held = [c for c in doc["clauses"] if c["held_back"]]
    assert held and not any(c["labels"] for c in doc["clauses"])
    row = service.draft(clerk, doc["draft_id"])
    assert {n["column"] for n in row["near_flags"]} == {f"involves_{label}" for c in held for label in c["held_back"]}
    assert all("接近判定门槛" in n["note"] for n in row["near_flags"])
    columns = lambda row: {n["column"] for n in row["near_flags"]}  # noqa: E731
    # A correction elsewhere rebuilds the row from the stored clauses: the pointers stay.
    other = next(c for c in doc["clauses"] if not c["held_back"])
    row = service.client.put(f"/api/clauses/{other['ref']}/labels", json={"labels": []}, headers=clerk).json()["draft"]
    assert columns(row) == {f"involves_{label}" for c in held for label in c["held_back"]}
    # Found without a measure (the page's 核实无此措施 stores the labels as they are): once
    # every clause holding a label back is judged, its column stays 否 and is not pointed at.
    held_labels = [x for c in held for x in c["held_back"]]
    label = min(held_labels, key=held_labels.count)  # so that some other clause does not hold it
    for clause in [c for c in held if label in c["held_back"]]:
        row = service.client.put(f"/api/clauses/{clause['ref']}/labels", json={"labels": []}, headers=clerk).json()["draft"]
    assert row[f"involves_{label}"] == "否" and f"involves_{label}" not in columns(row)
    # Found with one: the clause flagged, its column 是, no longer near.
    [found, *_] = [c for c in held if label not in c["held_back"]]
    row = service.client.put(f"/api/clauses/{found['ref']}/labels", json={"labels": found["held_back"]},
                             headers=clerk).json()["draft"]
    assert all(row[f"involves_{x}"] == "是" and f"involves_{x}" not in columns(row) for x in found["held_back"])
