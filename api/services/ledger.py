"""The ledger download: the official template through taizhang.ledger_file.write_xlsx,
one sheet per unit when a coordinator exports every unit at once."""
from __future__ import annotations

import io
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from taizhang.ledger_file import write_xlsx
from taizhang.ledger_row import involves_any

from ..errors import not_found
from ..models import CONFIRMED, DRAFT, Document, Draft
from ..principal import Principal

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(unit: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub("_", unit)[:28] or "台账"
    title, n = base, 2
    while title in taken:
        title, n = f"{base}_{n}", n + 1
    taken.add(title)
    return title


def rows_by_unit(session: Session, unit: str | None, status: str) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """Rows that involve at least one flag, per unit, in upload order; and, apart, the rows
    that involve none but came close (`near_flags`). `status` all = draft and confirmed: a
    rejected row is one the reviewer ruled out of the ledger."""
    statuses = [CONFIRMED] if status == "confirmed" else [DRAFT, CONFIRMED]
    query = (select(Draft).join(Document, Draft.document_id == Document.id)
             .where(Draft.status.in_(statuses)).order_by(Draft.unit, Document.id))
    if unit:
        query = query.where(Draft.unit == unit)
    grouped: dict[str, list[dict]] = {}
    near: dict[str, list[dict]] = {}
    for draft in session.scalars(query):
        if involves_any(draft.row):
            grouped.setdefault(draft.unit, []).append(draft.row)
        elif draft.row.get("near_flags"):
            near.setdefault(draft.unit, []).append(draft.row)
    return grouped, near


def export(session: Session, who: Principal, unit: str | None, status: str) -> tuple[bytes, str]:
    if not who.reads_all_units:
        if unit and unit != who.unit:
            raise not_found("单位")
        unit = who.unit
    grouped, near = rows_by_unit(session, unit, status)
    units = [unit] if unit else sorted(set(grouped) | set(near))
    workbook, taken = None, set()
    for name in units or [None]:
        workbook = write_xlsx(grouped.get(name, []), None, unit=name, workbook=workbook,
                              sheet_title=_sheet_title(name or "台账", taken), near=near.get(name, []))
    buffer = io.BytesIO()
    workbook.save(buffer)
    label = "已确认" if status == "confirmed" else "全部"
    return buffer.getvalue(), f"台账-{unit or '全部单位'}-{label}.xlsx"
