"""Write ledger rows into the official template (附件2): xlsx with openpyxl, or CSV."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .ledger_row import COLUMNS, DISPOSALS, near_flag_note, weak_flag_note

TITLE = "失信约束措施清理规范工作台账"
# The template sheet keeps exactly its 16 columns (it is reported upward); what the
# system adds for the reviewer goes on a companion sheet, and as one extra column in CSV.
NOTES_SHEET = "审核提示"
NOTE_HEADING = "风险提示及处置理由（系统生成，供审核）"
NOTES_HEADINGS = ["序号", "规章、规范性文件或其他文件名称(含文号)", "处置建议及理由", "风险提示（条款：问题，《指导意见》依据）"]
SUGGESTED = "系统建议，须人工确认（理由见“审核提示”）"
# Characters per column: wide enough to read the summary and names without resizing.
WIDTHS = {"seq": 6, "document_name": 34, "summary": 60, "basis_detail": 40, "measures_taken": 24, "progress": 20,
          "responsible_unit": 18, "responsible_person": 16, "phone": 14, "due": 12, "disposal": 12}
NOTES_WIDTHS = [6, 34, 50, 80]
DEFAULT_WIDTH = 11


def _header_lines(unit: str | None, contact: str | None, filled_on: date) -> list[str]:
    return [
        f"填报单位(公章)：{unit or ''}",
        f"联系人及联系方式：{contact or ''}",
        f"填报时间：{filled_on.year}年{filled_on.month}月{filled_on.day}日",
    ]


def grouped_risks(row: dict) -> list[str]:
    """One line per problem, naming every clause that has it: a document with twenty
    flagged clauses would otherwise repeat the same sentence twenty times."""
    locations: dict[tuple[str, str], list[str]] = {}
    for r in row.get("risks") or []:
        where = locations.setdefault((r["message"], r["provision"]), [])
        place = r.get("location") or r["clause_id"]
        if place not in where:
            where.append(place)
    # Locations contain 、 themselves (二、（三）), so they are separated by ；.
    return [f"{'；'.join(where)}：{message}（{provision}）" for (message, provision), where in locations.items()]


def weak_flag_notes(row: dict) -> list[str]:
    """A 是 that rests only on weakly scored clauses, for the reviewer to confirm first."""
    return [weak_flag_note(w) for w in row.get("weak_flags") or []]


def near_flag_notes(row: dict) -> list[str]:
    """A 否 that clauses came close to, for the reviewer to rule out."""
    return [near_flag_note(n) for n in row.get("near_flags") or []]


def _review_notes(row: dict) -> list[str]:
    """What the reviewer should look at first: the document as a whole (repealed,
    forwarded), weak 是 and near 否 columns, then the risks."""
    return [*(row.get("document_notes") or []), *weak_flag_notes(row), *near_flag_notes(row), *grouped_risks(row)]


def _note(row: dict) -> str:
    return "\n".join([*_review_notes(row), *([row["disposal_reason"]] if row.get("disposal_reason") else [])])


def _cells(seq: int, row: dict) -> list:
    return [seq] + [row.get(key) or "" for key, _ in COLUMNS[1:]]


def _table(ws, head: int, headings: list[str], widths: list[int], rows: list[list]) -> None:
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    for j, (heading, width) in enumerate(zip(headings, widths), start=1):
        cell = ws.cell(head, j, heading)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = border
        ws.column_dimensions[cell.column_letter].width = width
    for i, values in enumerate(rows, start=1):
        for j, value in enumerate(values, start=1):
            cell = ws.cell(head + i, j, value)
            cell.alignment = wrap
            cell.border = border
    ws.freeze_panes = ws.cell(head + 1, 1)
    # Printed on A4 landscape, one page wide, the headings repeated on every page (the
    # ledger is also submitted on paper under the unit's seal).
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{head}:{head}"


UNREAD_SHEET = "未能读取的文件"
NEAR_SHEET = "待核实的文件"


def write_xlsx(rows: list[dict], path: Path, unit: str | None = None, contact: str | None = None,
               filled_on: date | None = None, workbook: Workbook | None = None, sheet_title: str = "台账",
               unread: list[tuple[str, str, str]] = (), near: list[dict] = ()) -> Workbook:
    """The template sheet, and its 审核提示 sheet when the system has notes; pass `workbook`
    to add further pairs (one per unit). `unread`: (file, error code, message) of the
    files that could not be read, on a sheet of their own, so that a ledger short of
    them says so where it is kept, not only on the console. `near`: the rows of documents
    left out of the ledger whose clauses came close to a flag (`near_flags`), listed on a
    sheet of their own for the same reason."""
    wb = workbook or Workbook()
    ws = wb.active if workbook is None else wb.create_sheet()
    ws.title = sheet_title[:31]
    n = len(COLUMNS)
    ws.cell(1, 1, TITLE).font = Font(bold=True, size=16)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    for i, line in enumerate(_header_lines(unit, contact, filled_on or date.today()), start=2):
        ws.cell(i, 1, line)
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=n)
    head = 5
    _table(ws, head, [h for _, h in COLUMNS], [WIDTHS.get(key, DEFAULT_WIDTH) for key, _ in COLUMNS],
           [_cells(i, row) for i, row in enumerate(rows, start=1)])
    column = get_column_letter([key for key, _ in COLUMNS].index("disposal") + 1)
    if rows:
        # 处置方式 takes only the template's four values, so units' ledgers combine cleanly.
        choices = DataValidation(type="list", formula1='"' + ",".join(DISPOSALS) + '"', allow_blank=True,
                                 error="处置方式只能填写：保留、修订、立法、废止", showErrorMessage=True)
        ws.add_data_validation(choices)
        choices.add(f"{column}{head + 1}:{column}{head + len(rows)}")
    keys = [key for key, _ in COLUMNS]
    for i, row in enumerate(rows, start=1):
        if row.get("disposal") and row.get("disposal_suggested"):
            # Still the system's suggestion: the cell holds the bare value, the comment says so.
            ws[f"{column}{head + i}"].comment = Comment(SUGGESTED, "taizhang")
        for flag in row.get("weak_flags") or []:
            # A doubtful 是 is marked where the clerk reads it, not only on the notes sheet.
            ws.cell(head + i, keys.index(flag["column"]) + 1).comment = Comment(weak_flag_note(flag), "taizhang")
        for flag in row.get("near_flags") or []:
            ws.cell(head + i, keys.index(flag["column"]) + 1).comment = Comment(near_flag_note(flag), "taizhang")
    notes = [[i, row.get("document_name") or "", row.get("disposal_reason") or "", "\n".join(review)]
             for i, row in enumerate(rows, start=1)
             if (review := _review_notes(row)) or row.get("disposal_reason")]
    if notes:
        companion = wb.create_sheet(f"{ws.title[:27]}{NOTES_SHEET}" if ws.title != "台账" else NOTES_SHEET)
        companion.cell(1, 1, f"{TITLE}——{NOTES_SHEET}（系统生成，供审核，不随台账报送）").font = Font(bold=True, size=14)
        companion.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(NOTES_HEADINGS))
        _table(companion, 3, NOTES_HEADINGS, NOTES_WIDTHS, notes)
    if near:
        title = f"{ws.title[:25]}{NEAR_SHEET}" if ws.title != "台账" else NEAR_SHEET
        sheet = wb.create_sheet(title)
        sheet.cell(1, 1, f"{TITLE}——{NEAR_SHEET}（未列入台账，但有条款得分接近判定门槛，请逐一核实是否应列入）").font = Font(bold=True, size=14)
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
        _table(sheet, 3, ["序号", "规章、规范性文件或其他文件名称(含文号)", "核实提示"], [6, 50, 90],
               [[i, row.get("document_name") or "", "\n".join(near_flag_notes(row))] for i, row in enumerate(near, start=1)])
    if unread:
        sheet = wb.create_sheet(UNREAD_SHEET)
        sheet.cell(1, 1, f"{TITLE}——{UNREAD_SHEET}（其中可能有应列入台账的文件，请处理后重新扫描）").font = Font(bold=True, size=14)
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
        _table(sheet, 3, ["序号", "文件", "错误代码", "原因及处理办法"], [6, 50, 18, 80],
               [[i, *failure] for i, failure in enumerate(unread, start=1)])
    if path is not None:
        wb.save(path)
    return wb


def write_csv(rows: list[dict], path: Path, unit: str | None = None, contact: str | None = None,
              filled_on: date | None = None) -> None:
    # utf-8-sig so that Excel on Windows opens the Chinese text correctly.
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        for line in _header_lines(unit, contact, filled_on or date.today()):
            out.writerow([line])
        out.writerow([heading for _, heading in COLUMNS] + [NOTE_HEADING])
        for i, row in enumerate(rows, start=1):
            out.writerow(_cells(i, row) + [_note(row)])
