"""The tracker as an .xlsx workbook laid out like 000 Phụ lục VII, totals line included."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from chiso.collection.tracker import Totals, TrackerRow
from chiso.engine.periods import LATE, ON_TIME

HEADERS = (
    "STT",
    "Đơn vị",
    "Ngày nhận / ngày văn bản",
    "Đúng hạn",
    "Trễ hạn",
    "Báo cáo: đã nhận",
    "Báo cáo: đầy đủ",
    "Báo cáo: chưa đầy đủ",
    "Phụ lục: đã nhận",
    "Phụ lục: đầy đủ",
    "Phụ lục: chưa đầy đủ",
    "Số, ký hiệu văn bản",
    "Trạng thái",
    "Ghi chú",
)
WIDTHS = (6, 42, 14, 10, 10, 10, 10, 12, 10, 10, 12, 22, 14, 40)
# openpyxl reads any string starting with these as a formula; unit names and notes are text.
FORMULA_STARTS = ("=", "+", "-", "@")


def text_cell(ws, row: int, column: int, value) -> None:
    """Write ``value`` as text, even when it starts like a formula ("=1+1", "-3")."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"


def _mark(flag: bool) -> str:
    return "x" if flag else ""


def _row_values(index: int, row: TrackerRow) -> list:
    s = row.submission
    day = row.received_on.strftime("%d/%m/%Y") if row.received_on else ""
    note = (
        s.note
        if s.form_id is None
        else "; ".join(
            filter(None, [s.return_reason, ("Thiếu: " + ", ".join(row.missing_items)) if row.missing_items else ""])
        )
    )
    return [
        index,
        s.unit.name,
        day,
        _mark(row.timeliness == ON_TIME),
        _mark(row.timeliness == LATE),
        _mark(row.narrative.received),
        _mark(row.narrative.complete is True),
        _mark(row.narrative.received and row.narrative.complete is False),
        _mark(row.appendix.received),
        _mark(row.appendix.complete is True),
        _mark(row.appendix.received and row.appendix.complete is False),
        row.document_text,
        s.get_status_display() if s.form_id else "",
        note,
    ]


def tracker_workbook(title: str, rows: list[TrackerRow], total: Totals) -> bytes:
    """The workbook's bytes: a title line, the header, one line per unit, the totals line."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Theo dõi nhận báo cáo"
    text_cell(ws, 1, 1, title)
    ws.cell(row=1, column=1).font = Font(bold=True, size=12)
    for column, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True), start=1):
        cell = ws.cell(row=3, column=column, value=header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(column)].width = width
    for index, row in enumerate(rows, start=1):
        for column, value in enumerate(_row_values(index, row), start=1):
            text_cell(ws, 3 + index, column, value)
    last = 4 + len(rows)
    line = [
        "",
        "Tổng hợp số lượng",
        total.sent,
        total.on_time,
        total.late,
        total.narrative_received,
        total.narrative_complete,
        total.narrative_incomplete,
        total.appendix_received,
        total.appendix_complete,
        total.appendix_incomplete,
        "",
        "",
        f"Chưa gửi: {total.missing}/{total.expected}",
    ]
    for column, value in enumerate(line, start=1):
        text_cell(ws, last, column, value)
        ws.cell(row=last, column=column).font = Font(bold=True)
    ws.freeze_panes = "C4"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
