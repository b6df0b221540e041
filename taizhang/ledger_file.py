"""Write ledger rows into the official template (附件2): xlsx with openpyxl, or CSV."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from .ledger_row import COLUMNS

TITLE = "失信约束措施清理规范工作台账"
# After the 16 official columns, so they stay exactly as the template has them.
NOTE_HEADING = "风险提示及处置理由（系统生成，供审核）"
# Characters per column: wide enough to read the summary and names without resizing.
WIDTHS = {"seq": 6, "document_name": 34, "summary": 60, "basis_detail": 40, "measures_taken": 24, "progress": 20,
          "responsible_unit": 18, "responsible_person": 16, "phone": 14, "due": 12, "disposal": 12, "note": 60}
DEFAULT_WIDTH = 11


def _header_lines(unit: str | None, contact: str | None, filled_on: date) -> list[str]:
    return [
        f"填报单位(公章)：{unit or ''}",
        f"联系人及联系方式：{contact or ''}",
        f"填报时间：{filled_on.year}年{filled_on.month}月{filled_on.day}日",
    ]


def _note(row: dict) -> str:
    lines = [f"{r.get('location') or r['clause_id']}：{r['message']}（{r['provision']}）" for r in row.get("risks") or []]
    if row.get("disposal_reason"):
        lines.append(row["disposal_reason"])
    return "\n".join(lines)


def _cells(seq: int, row: dict) -> list:
    cells = [seq] + [row.get(key) or "" for key, _ in COLUMNS[1:]]
    if row.get("disposal") and row.get("disposal_suggested"):
        # A suggestion until a reviewer edits or confirms it (the review service records that).
        cells[[key for key, _ in COLUMNS].index("disposal")] = f"{row['disposal']}（建议）"
    return cells + [_note(row)]


def write_xlsx(rows: list[dict], path: Path, unit: str | None = None, contact: str | None = None,
               filled_on: date | None = None, workbook: Workbook | None = None, sheet_title: str = "台账") -> Workbook:
    """One sheet in the template's layout; pass `workbook` to add further sheets (one per unit)."""
    wb = workbook or Workbook()
    ws = wb.active if workbook is None else wb.create_sheet()
    ws.title = sheet_title[:31]
    n = len(COLUMNS) + 1
    ws.cell(1, 1, TITLE).font = Font(bold=True, size=16)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    for i, line in enumerate(_header_lines(unit, contact, filled_on or date.today()), start=2):
        ws.cell(i, 1, line)
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=n)
    head = 5
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    for j, (key, heading) in enumerate([*COLUMNS, ("note", NOTE_HEADING)], start=1):
        cell = ws.cell(head, j, heading)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        cell.border = border
        ws.column_dimensions[cell.column_letter].width = WIDTHS.get(key, DEFAULT_WIDTH)
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(_cells(i, row), start=1):
            cell = ws.cell(head + i, j, value)
            cell.alignment = wrap
            cell.border = border
    ws.freeze_panes = ws.cell(head + 1, 1)
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
            out.writerow(_cells(i, row))
