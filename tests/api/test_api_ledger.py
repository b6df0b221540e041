"""The ledger download: the official template's headings, status filter, one sheet per unit."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from taizhang.ledger_file import NEAR_SHEET, NOTES_SHEET, TITLE
from taizhang.ledger_row import COLUMNS

from apitest_documents import plain, regulation

HEADINGS = [heading for _, heading in COLUMNS]


def _book(response):
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response.headers["content-disposition"]
    return load_workbook(io.BytesIO(response.content))


def _rows(sheet) -> list[list]:
    return [list(r) for r in sheet.iter_rows(min_row=6, values_only=True) if any(r)]


def test_export_has_the_template_headings_and_only_the_chosen_rows(service, clerk):
    docs = service.scanned(clerk, ("a.txt", regulation(1)), ("b.txt", regulation(2)), ("值班.txt", plain(1)))
    confirmed = docs[0]
    service.client.patch(f"/api/drafts/{confirmed['draft_id']}", json={"version": 1, "responsible_person": "王五 科长"},
                         headers=clerk)
    service.client.post(f"/api/drafts/{confirmed['draft_id']}/confirm", json={"version": 2}, headers=clerk)
    plain_draft = docs[2]["draft_id"]
    service.client.post(f"/api/drafts/{plain_draft}/confirm", json={"version": 1}, headers=clerk)

    sheet = _book(service.get("/api/ledger.xlsx", clerk)).active
    assert sheet.cell(1, 1).value == TITLE
    assert [sheet.cell(5, j).value for j in range(1, len(HEADINGS) + 2)] == HEADINGS + [None]
    rows = _rows(sheet)
    # Confirmed only by default; the confirmed notice that involves nothing is not a ledger row.
    assert len(rows) == 1
    assert rows[0][0] == 1 and rows[0][1] == "《某市城市生活垃圾分类管理办法》(某政〔2020〕1号)"
    assert rows[0][HEADINGS.index("责任人姓名及职务")] == "王五 科长"
    # Confirmed: the disposal is the reviewer's, no longer marked as a suggestion.
    assert rows[0][HEADINGS.index("处置方式")] in ("保留", "修订", "立法", "废止")

    sheet = _book(service.get("/api/ledger.xlsx", clerk, params={"status": "all"})).active
    rows = _rows(sheet)
    assert [r[1] for r in rows] == ["《某市城市生活垃圾分类管理办法》(某政〔2020〕1号)",
                                    "《某市城市生活垃圾分类管理办法》(某政〔2020〕2号)"]
    # An unconfirmed draft's disposal is one of the four values, marked a suggestion by a comment.
    disposal = sheet.cell(7, HEADINGS.index("处置方式") + 1)
    assert disposal.value in ("保留", "修订", "立法", "废止") and "系统建议" in disposal.comment.text
    assert sheet.cell(6, HEADINGS.index("处置方式") + 1).comment is None
    assert service.get("/api/ledger.xlsx", clerk, params={"status": "draft"}).status_code == 422


def test_coordinator_export_holds_every_unit_one_sheet_each(service, clerk):
    service.scanned(clerk, ("a.txt", regulation(1)))
    finance = service.user("clerk-b", unit="市财政局")
    service.scanned(finance, ("b.txt", regulation(2)), ("c.txt", regulation(3)))
    coordinator = service.user("coord", unit="市发改委", role="coordinator")

    book = _book(service.get("/api/ledger.xlsx", coordinator, params={"status": "all"}))
    # Each unit's template sheet, followed by its reviewer's notes.
    assert book.sheetnames == ["市交通运输局", f"市交通运输局{NOTES_SHEET}", "市财政局", f"市财政局{NOTES_SHEET}"]
    for name, count in (("市交通运输局", 1), ("市财政局", 2)):
        sheet = book[name]
        assert sheet.cell(2, 1).value == f"填报单位(公章)：{name}"
        assert sheet.cell(5, 2).value == HEADINGS[1] and len(_rows(sheet)) == count

    book = _book(service.get("/api/ledger.xlsx", coordinator, params={"status": "all", "unit": "市财政局"}))
    assert book.sheetnames == ["市财政局", f"市财政局{NOTES_SHEET}"]
    # Nothing confirmed yet: still the template, with no rows.
    book = _book(service.get("/api/ledger.xlsx", coordinator))
    assert len(book.sheetnames) == 1 and _rows(book.active) == []


def test_export_names_documents_left_out_that_came_close_to_a_flag(start_service, settings_for, held_back_model):
    service = start_service(settings_for(model=held_back_model))
    clerk = service.user("clerk-a")
    service.scanned(clerk, ("a.txt", regulation(1)), ("值班.txt", plain(1)))
    book = _book(service.get("/api/ledger.xlsx", clerk, params={"status": "all"}))
    assert _rows(book.active) == []
    [sheet] = [book[name] for name in book.sheetnames if name.endswith(NEAR_SHEET)]
    assert sheet.cell(4, 2).value == "《某市城市生活垃圾分类管理办法》(某政〔2020〕1号)" and sheet.cell(5, 2).value is None
    assert "接近判定门槛" in sheet.cell(4, 3).value
