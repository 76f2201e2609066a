"""An appendix as plain data: the same table goes into the .docx, the .xlsx and the CSV.

Every cell carries the text printed in the document (Vietnamese number format) and, where the
cell is a number, the number itself with an Excel number format, so the spreadsheet keeps
numbers as numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from chiso.engine.numbers import Quantity, format_number, format_quantity, vietnamese_decimals
from chiso.engine.values import read_value

NO_DATA = "Không có dữ liệu"

# Excel number formats; the viewer's Vietnamese locale shows them as 1.234 and 83,80%.
COUNT_FORMAT = "#,##0"
POINTS_FORMAT = "#,##0.00"


def decimal_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def percent_format(decimals: int) -> str:
    return "0" + ("." + "0" * decimals if decimals else "") + "%"


@dataclass(frozen=True)
class Column:
    title: str
    width_mm: float
    # A header spanning several columns ("Kết quả thực hiện" over three years); "" for none.
    group: str = ""
    align: str = "left"  # left | center | right


@dataclass(frozen=True)
class Cell:
    text: str
    number: Decimal | int | None = None
    number_format: str | None = None
    bold: bool = False


@dataclass
class Row:
    cells: list[Cell]
    # A group heading row ("I. CHÍNH QUYỀN SỐ") is printed bold across the table.
    heading: bool = False
    total: bool = False


@dataclass
class Appendix:
    """One table of a document: Phụ lục I…VII of the monthly report, Bảng 1, 2 of the DTI plan."""

    key: str  # "I", "VII", "bang-1": stable for URLs and file names
    label: str  # "Phụ lục I", "Bảng 1"
    title: str  # the heading printed above the table
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    subtitle: str = ""  # "(Kèm theo Báo cáo số …)"
    unit_note: str = ""  # "ĐVT: Triệu đồng"
    footer: list[str] = field(default_factory=list)  # summary lines under the table
    empty_message: str = NO_DATA
    # "appendix": after the signature, under "Phụ lục …"; "body": inside the text (Bảng 1, 2).
    placement: str = "appendix"
    chart: object = None  # a content.Chart drawn under the table
    # How many items the table lists where one row holds several (001 Phụ lục I prints 6.5 and
    # 6.6 in one row: 26 rows, 27 sub-indicators); None when each row is one item.
    items: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self.rows

    def header(self) -> list[str]:
        return [f"{c.group}: {c.title}" if c.group else c.title for c in self.columns]


def text(value: str | None, *, bold: bool = False) -> Cell:
    return Cell(" ".join((value or "").split()) if value else "", bold=bold)


def blank() -> Cell:
    return Cell("")


def count(value: int, *, bold: bool = False) -> Cell:
    return Cell(format_number(value), value, COUNT_FORMAT, bold=bold)


def points(value: Decimal | None, *, bold: bool = False) -> Cell:
    """Points as the ministry prints them, in Vietnamese form: 109,83; 45; 624,8."""
    if value is None:
        return blank()
    shown = Decimal(value).quantize(Decimal("0.01")).normalize()
    decimals = max(0, -shown.as_tuple().exponent)
    return Cell(format_number(shown), shown, decimal_format(decimals), bold=bold)


def _decimals(raw_number: str) -> int:
    digits = raw_number.strip().rstrip("%").strip()
    for mark in (",", "."):
        head, sep, tail = digits.rpartition(mark)
        if sep and len(tail) != 3 and tail.isdigit():
            return len(tail)
    return 0


def value(raw: str | None, locale: str = "vi") -> Cell:
    """A reported value: the printed text in Vietnamese form, and the number where it is one.

    >>> value("83,80%").text, value("83,80%").number
    ('83,80%', Decimal('0.838'))
    >>> value("90.8%", locale="en").text
    '90,8%'
    >>> value("62.5% (5/8)", locale="en").text
    '62,5% (5/8)'
    """
    shown = " ".join((raw or "").split())
    q = read_value(shown, locale)
    if q is None:
        return Cell(shown or "-")
    if isinstance(q, str):
        # A value with words ("62.5% (5/8)" in the DTI framework's style) keeps its words.
        return Cell(shown if locale == "vi" else vietnamese_decimals(shown))
    return _quantity_cell(q, shown, locale)


def _quantity_cell(q: Quantity, shown: str, locale: str) -> Cell:
    if q.numerator is not None or q.bound:
        # A fraction or "Trên 70%" stays text: the number alone would lose what was printed.
        return Cell(shown if locale == "vi" else format_quantity(q))
    if locale != "vi":
        shown = format_quantity(q)
    decimals = _decimals(shown)
    if q.is_percent:
        return Cell(shown, q.value / 100, percent_format(decimals))
    return Cell(shown, q.value, decimal_format(decimals))


# Average width of a character of Times New Roman at 1 pt, in mm (0.5 em), and a cell's
# left + right margins: enough to tell a column of figures from a column of sentences.
CHAR_MM_PER_PT = 0.5 * 25.4 / 72
CELL_MARGINS_MM = 2.0
# A word longer than this (a URL, a document number) may break inside the cell.
LONGEST_WORD = 12
# A row estimated taller than this may continue on the next page: kept whole, a 1.500-character
# result would leave the rest of its page blank (a landscape page holds about 170 mm of table).
KEEP_TOGETHER_MM = 40


def column_widths(a: Appendix, total_mm: float, font_pt: float) -> list[float]:
    """Column widths from the content, so a long note or result gets room and a page is not
    left holding one row (000 Phụ lục IV: a 1.500-character result in a 25 mm column).

    Each column first gets the width of its longest word (title included), so nothing breaks
    mid-word; what remains goes to the columns whose text must wrap, in proportion to the
    square root of the characters beyond that width (the table's total height is then about
    the least). A table without rows keeps the declared proportions.

    >>> wide = Appendix("x", "x", "x", [Column("STT", 10), Column("Kết quả", 10)],
    ...                 rows=[Row([Cell("1"), Cell("chữ " * 200)])])
    >>> [round(w) for w in column_widths(wide, 200, 11)]
    [10, 190]
    """
    char_mm = CHAR_MM_PER_PT * font_pt
    body = [r for r in a.rows if not r.heading]
    if not body:
        declared = sum(c.width_mm for c in a.columns) or 1
        return [c.width_mm * total_mm / declared for c in a.columns]
    floors, extra = [], []
    for i, col in enumerate(a.columns):
        texts = [r.cells[i].text for r in body if i < len(r.cells)]
        words = [len(w) for text in [*texts, col.title] for w in text.split()]
        # One character more than the longest word: headers are bold.
        floor_chars = min(max(words, default=1), LONGEST_WORD) + 1
        floors.append(floor_chars * char_mm + CELL_MARGINS_MM)
        extra.append(math.sqrt(sum(max(0, len(text) - floor_chars) for text in texts)))
    room = total_mm - sum(floors)
    if room <= 0 or not any(extra):
        scale = total_mm / sum(floors)
        return [f * scale for f in floors] if room <= 0 else [f + room / len(floors) for f in floors]
    return [f + room * e / sum(extra) for f, e in zip(floors, extra, strict=True)]


def row_height_mm(row: Row, widths_mm: list[float], font_pt: float) -> float:
    """About how tall a row prints: its tallest cell's lines at single spacing.

    >>> row_height_mm(Row([Cell("1"), Cell("chữ " * 100)]), [10, 50], 12)
    91.4
    """
    char_mm = CHAR_MM_PER_PT * font_pt
    line_mm = font_pt * 1.2 * 25.4 / 72
    lines = max(
        (
            math.ceil(len(cell.text) * char_mm / max(width - CELL_MARGINS_MM, char_mm)) or 1
            for cell, width in zip(row.cells, widths_mm, strict=False)
        ),
        default=1,
    )
    return round(lines * line_mm, 1)
