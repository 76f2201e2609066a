"""Appendices as spreadsheets: .xlsx with numbers kept as numbers, and CSV for other tools.

CSV is UTF-8 with a BOM (so Excel reads the Vietnamese text) and any cell a spreadsheet would
run as a formula gets a leading ' (see `neutralise`).
"""

from __future__ import annotations

import csv
import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from chiso.reports.tables import Appendix, column_widths

# A sheet is laid out like a landscape appendix page (297 mm less the margins).
SHEET_WIDTH_MM = 250

# What a spreadsheet reads as the start of a formula (some skip a tab or carriage return first).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A dash alone (a table's "no figure") or a negative number is no formula. A list item
# ("- Từ năm học …") keeps its guard: Excel runs "- cmd|' /C calc'!A0" as it runs "-2+3";
# "+84…" too, which a spreadsheet would turn into the number 84.
SIGNED_NUMBER = re.compile(r"-?\d[\d.,]*%?")


def neutralise(text: str) -> str:
    """'=1+2' -> "'=1+2": a spreadsheet shows the text instead of computing it.

    >>> neutralise("=HYPERLINK(\\"x\\")")
    '\\'=HYPERLINK("x")'
    >>> neutralise("-"), neutralise("-1,5"), neutralise("-2+3+cmd|' /C calc'!A0")
    ('-', '-1,5', "'-2+3+cmd|' /C calc'!A0")
    """
    if not text.startswith(FORMULA_STARTS) or text == "-" or SIGNED_NUMBER.fullmatch(text):
        return text
    return "'" + text


def appendix_csv(appendix: Appendix) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in appendix.header()])
    for row in appendix.rows:
        writer.writerow([neutralise(c.text) for c in row.cells])
    for line in appendix.footer:
        writer.writerow([neutralise(line)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _sheet_name(appendix: Appendix, used: set[str]) -> str:
    name = "".join(ch for ch in appendix.label if ch not in "[]:*?/\\")[:31] or "Bang"
    base, n = name, 2
    while name in used:
        name, n = f"{base[:28]} ({n})", n + 1
    used.add(name)
    return name


def appendices_xlsx(appendices: list[Appendix]) -> bytes:
    """One sheet per appendix: its title, the header row, the rows, the summary lines."""
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for a in appendices:
        _write_sheet(wb.create_sheet(_sheet_name(a, used)), a)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _text(cell, value: str) -> None:
    cell.value = value
    cell.data_type = "s"  # openpyxl would otherwise turn "=…" into a formula


def _write_sheet(ws, a: Appendix) -> None:
    _text(ws.cell(1, 1), f"{a.label}. {a.title}")
    ws.cell(1, 1).font = Font(bold=True)
    if a.subtitle:
        _text(ws.cell(2, 1), a.subtitle)
    header_row = 4
    # The printed page's column widths (from the content), in Excel's units of about one
    # character of Calibri 11 (1,9 mm).
    widths = column_widths(a, SHEET_WIDTH_MM, 11)
    for c, title in enumerate(a.header(), 1):
        _text(ws.cell(header_row, c), title)
        ws.cell(header_row, c).font = Font(bold=True)
        ws.cell(header_row, c).alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(c)].width = max(6, widths[c - 1] / 1.9)
    r = header_row
    if a.is_empty:
        _text(ws.cell(r + 1, 1), a.empty_message)
    for r, row in enumerate(a.rows, header_row + 1):
        for c, cell in enumerate(row.cells, 1):
            target = ws.cell(r, c)
            if cell.number is not None:
                target.value = cell.number
                target.number_format = cell.number_format or "General"
            else:
                _text(target, cell.text)
            target.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.bold or row.heading or row.total:
                target.font = Font(bold=True)
    for i, line in enumerate(a.footer, r + 2):
        _text(ws.cell(i, 1), line)
    ws.freeze_panes = ws.cell(header_row + 1, 1)
