"""The Excel round trip: a pre-filled .xlsx to fill offline, and reading it back.

The downloaded workbook has two sheets: "Số liệu" (one row per item) and "Thuyết minh" (the
narrative sections). Labels are locked and the sheets protected; input cells are unlocked and
carry data validation. openpyxl does not enforce validation on read, so the upload goes through
the same :func:`chiso.collection.entry.check` as the web form. Any error in the file means
nothing is stored; problems are named by sheet, row and column.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from openpyxl import Workbook, load_workbook
from openpyxl.cell.read_only import EMPTY_CELL
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from chiso.collection.entry import SECTIONS, ValueInput, check, display, previous_values, stale_message
from chiso.collection.expectations import expected_ranges, targets_for
from chiso.collection.models import EnteredValue, FormItem, Submission
from chiso.collection.workbook_limits import UploadRefused, check_workbook, corrupt
from chiso.engine.limits import TEXT_LENGTH
from chiso.engine.numbers import format_number
from chiso.engine.periods import parse_period

VALUES_SHEET, NARRATIVE_SHEET = "Số liệu", "Thuyết minh"
FIRST_ROW = 7  # rows 1-5: title and identification; row 6: headers
# (header, ValueInput field or None for a label column, width)
COLUMNS = [
    ("STT", None, 5),
    ("Mã", None, 8),
    ("Chỉ tiêu", None, 50),
    ("Đơn vị tính", None, 11),
    ("Cách nhập", None, 14),
    ("Mục tiêu", None, 12),
    ("Kỳ trước", None, 14),
    ("Giá trị / Có-Không / Nội dung", "value", 22),
    ("Tử số", "numerator", 12),
    ("Mẫu số", "denominator", 12),
    ("Ghi chú", "comment", 24),
    ("Văn bản kiểm chứng (số/ký hiệu, ngày)", "evidence_ref", 28),
    ("Xác nhận biến động (Có)", "jump_confirmed", 12),
    ("Phiên bản", "version", 9),
]
COL = {name: index + 1 for index, (_h, name, _w) in enumerate(COLUMNS) if name}
INPUT_FILL = PatternFill("solid", fgColor="FFF9E5")
# Sheet protection stops accidental edits of labels; it is not security (the server checks all).
SHEET_PASSWORD = "chiso"
# Excel keeps at most this many characters in a cell and cuts the rest when the file is opened,
# so a longer text is not put in the file: the cell says so, its row is locked, and the upload
# leaves that part alone. New input is capped at this length (engine.limits.TEXT_LENGTH); the
# narrative and values stored before the cap can be longer.
EXCEL_CELL_CHARS = TEXT_LENGTH
TOO_LONG = (
    "[Nội dung dài hơn 32.767 ký tự, quá giới hạn của một ô Excel, nên không đưa vào tệp. "
    "Phần này chỉ xem và sửa được trên trang web; khi tải tệp lên, phần này được giữ "
    "nguyên.]"
)
LONG_FILL = PatternFill("solid", fgColor="EDEDED")


@dataclass
class Change:
    """One value the upload would change: the row, the code, before → after."""

    value_id: int
    code: str
    before: str
    after: str
    name: str = ""  # the indicator's name, so the preview is read without the form beside it


@dataclass
class UploadResult:
    """Every problem found (sheet, row, column named), the changes, and the inputs to apply."""

    errors: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    inputs: dict[int, tuple[ValueInput, int]] = field(default_factory=dict)
    narrative: dict[str, str] = field(default_factory=dict)
    submission_version: int = 0


UNUSED_FILL = PatternFill("solid", fgColor="D9D9D9")


def _unused_columns(item: FormItem) -> tuple[str, ...]:
    """The input columns a row's item does not read: grey and locked, so nothing is typed there."""
    if item.input_type == FormItem.InputType.FRACTION:
        return ("value",)
    return ("numerator", "denominator")


# --- download -----------------------------------------------------------------------------


def _too_long(value) -> bool:
    return isinstance(value, str) and len(value) > EXCEL_CELL_CHARS


def _input_cell(cell, value, *, locked: bool = False) -> None:
    if _too_long(value):
        _too_long_cell(cell)
        return
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # a text starting with "=" stays text, never a formula
    if not locked:
        cell.protection = Protection(locked=False)
        cell.fill = INPUT_FILL


def _too_long_cell(cell) -> None:
    """The note in place of a text Excel would cut; locked, so it is not typed over by mistake."""
    cell.value, cell.data_type = TOO_LONG, "s"
    cell.font = Font(italic=True)
    cell.fill = LONG_FILL


def _validations(ws, last_row: int, rows: list[EnteredValue]) -> None:
    # Excel's own checks say early what the upload checks again (engine.plausibility).
    numbers = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Số không hợp lệ",
        error="Nhập một số không âm.",
    )
    counts = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Số không hợp lệ",
        error="Số lượng: nhập một số nguyên không âm.",
    )
    percents = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Số không hợp lệ",
        error="Tỷ lệ phần trăm: nhập một số từ 0 đến 100.",
    )
    yes_no = DataValidation(
        type="list", formula1='"Có,Không"', allow_blank=True, showErrorMessage=True, error="Chỉ chọn Có hoặc Không."
    )
    confirm = DataValidation(type="list", formula1='"Có"', allow_blank=True)
    for validation in (numbers, counts, percents, yes_no, confirm):
        ws.add_data_validation(validation)
    for row_no, value in enumerate(rows, start=FIRST_ROW):
        kind = value.item.input_type
        if kind == FormItem.InputType.FRACTION:
            numbers.add(f"{get_column_letter(COL['numerator'])}{row_no}")
            numbers.add(f"{get_column_letter(COL['denominator'])}{row_no}")
        elif kind == FormItem.InputType.NUMBER:
            measure = value.item.indicator.measure
            chosen = counts if measure == "count" else percents if measure == "percent" else numbers
            chosen.add(f"{get_column_letter(COL['value'])}{row_no}")
        elif kind == FormItem.InputType.YES_NO:
            yes_no.add(f"{get_column_letter(COL['value'])}{row_no}")
    confirm.add(
        f"{get_column_letter(COL['jump_confirmed'])}{FIRST_ROW}:{get_column_letter(COL['jump_confirmed'])}{last_row}"
    )


def _cell_value(value: EnteredValue, name: str):
    kind = value.item.input_type
    if name == "value":
        if kind == FormItem.InputType.NUMBER:
            return value.number.normalize() if value.number is not None else None
        return display(value) if kind != FormItem.InputType.FRACTION else None
    if name in ("numerator", "denominator"):
        number = getattr(value, name)
        return number.normalize() if number is not None else None
    if name == "jump_confirmed":
        return "Có" if value.jump_confirmed else None
    if name == "version":
        return value.version
    return getattr(value, name) or None


def _values_sheet(ws, submission: Submission) -> None:
    period = parse_period(submission.period_id)
    ws["A1"] = submission.form.name.upper()
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"Đơn vị: {submission.unit.name}"
    ws["A3"] = f"Kỳ báo cáo: {period.label} — hạn gửi trước ngày {submission.deadline:%d/%m/%Y}"
    ws["A4"] = (
        "Chỉ nhập vào các ô nền vàng (ô nền xám là cột chỉ tiêu đó không dùng). Số viết kiểu Việt Nam (1.234,5) hoặc nhập số trực "
        "tiếp; không dùng công thức. Không sửa cột Mã và Phiên bản."
    )
    ws["A5"] = f"Mã báo cáo: {submission.pk}"
    for index, (header, _name, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=6, column=index, value=header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(index)].width = width
    values = list(submission.values.select_related("item__indicator").order_by("item__position"))
    previous = previous_values(submission)
    targets = targets_for(submission, [v.item.indicator_id for v in values])
    for row_no, value in enumerate(values, start=FIRST_ROW):
        item = value.item
        labels = [
            row_no - FIRST_ROW + 1,
            item.indicator.code,
            item.indicator.name,
            item.unit_label,
            item.get_input_type_display(),
            targets.get(item.indicator_id, ""),
            display(previous.get(item.pk)),
        ]
        for column, label in enumerate(labels, start=1):
            cell = ws.cell(row=row_no, column=column, value=label)
            if isinstance(label, str):
                cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        # A row with a text too long for Excel is shown locked: the upload skips it whole.
        locked = any(_too_long(_cell_value(value, name)) for name in COL)
        for name, column in COL.items():
            if name == "version":
                ws.cell(row=row_no, column=column, value=value.version)
            elif name in _unused_columns(item):
                ws.cell(row=row_no, column=column).fill = UNUSED_FILL  # locked: nothing to type here
            else:
                _input_cell(ws.cell(row=row_no, column=column), _cell_value(value, name), locked=locked)
    _validations(ws, FIRST_ROW + len(values) - 1, values)
    ws.freeze_panes = f"D{FIRST_ROW}"
    ws.protection.sheet = True
    ws.protection.password = SHEET_PASSWORD


def _narrative_sheet(ws, submission: Submission) -> None:
    ws["A1"], ws["B1"] = "Phần", "Nội dung"
    ws["A1"].font = ws["B1"].font = Font(bold=True)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 24, 100
    for row_no, key in enumerate(submission.form.sections, start=2):
        name, label = SECTIONS[key]
        ws.cell(row=row_no, column=1, value=label)
        _input_cell(ws.cell(row=row_no, column=2), getattr(submission, name) or None)
        ws.cell(row=row_no, column=2).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row_no].height = 90
    ws.protection.sheet = True
    ws.protection.password = SHEET_PASSWORD


def build_workbook(submission: Submission) -> bytes:
    """The submission as a pre-filled, protected .xlsx."""
    book = Workbook()
    _values_sheet(book.active, submission)
    book.active.title = VALUES_SHEET
    _narrative_sheet(book.create_sheet(NARRATIVE_SHEET), submission)
    book.security.lockStructure = True  # no sheets renamed, added or removed
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def file_name(submission: Submission) -> str:
    return f"bao-cao-{submission.unit.code}-{submission.period_id}.xlsx"


# --- upload -------------------------------------------------------------------------------


def _size_mb(size: int) -> str:
    return format_number(Decimal(size) / 1048576, 1)


def open_upload(upload):
    """The workbook of an uploaded file (read-only, streaming), or :class:`UploadRefused` saying why not.

    The file is measured before openpyxl sees it (:func:`check_workbook`); the caller closes it.
    """
    name, limit = upload.name, settings.CHISO_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise UploadRefused(
            f"Tệp «{name}» nặng {_size_mb(upload.size)} MB, vượt giới hạn {_size_mb(limit)} MB. Chưa lưu gì."
        )
    if not name.lower().endswith(".xlsx"):
        raise UploadRefused(
            f"Tệp «{name}» không phải tệp Excel .xlsx. Hãy tải mẫu .xlsx của báo "
            "cáo này về, nhập số liệu rồi tải lên lại. Chưa lưu gì."
        )
    data = upload.read()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise corrupt(name)
    check_workbook(data, name)
    try:
        return load_workbook(io.BytesIO(data), read_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds (KeyError, BadZipFile, ValueError…) on bad files
        raise corrupt(name) from None


Row = tuple[int, tuple]  # a row number and its cells, columns A… up to the last column read


def _rows(ws, columns: int) -> Iterator[Row]:
    """The sheet's rows in order, each with exactly ``columns`` cells (gaps filled with empty cells).

    :func:`check_workbook` has bounded the highest row number, so this stream is bounded too; the
    dimension the file declares is ignored, since it is the file's claim, not its content.
    """
    ws.reset_dimensions()
    return enumerate(ws.iter_rows(min_row=1, max_col=columns), start=1)


def _at(cells: tuple, column: int):
    return cells[column - 1] if column <= len(cells) else EMPTY_CELL


def _text(cell) -> str:
    """A cell's content as the text a reporter would have typed (numbers in Vietnamese writing)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, (int, float, Decimal)):
        # Written as a person types it here (3662 → "3.662"): kept as typed, it is shown so too.
        return format_number(Decimal(str(value)))
    return str(value).strip()


def _where(sheet: str, row_no: int, column: int, header: str) -> str:
    """A cell as a person finds it: «Trang «Số liệu», ô H12 (dòng 12, cột H: Giá trị …)»."""
    letter = get_column_letter(column)
    return f"Trang «{sheet}», ô {letter}{row_no} (dòng {row_no}, cột {letter}: {header})"


def _formula_errors(sheet: str, row_no: int, cells_with_headers) -> list[str]:
    # Read-only cells keep their type: "f" is a formula, a text typed as "=…" stays "s".
    return [
        f"{_where(sheet, row_no, column, header)}: có công thức «{cell.value}»; hãy nhập giá trị, không dùng công thức."
        for cell, column, header in cells_with_headers
        if cell.data_type == "f"
    ]


def _after_display(value: EnteredValue, stored: dict) -> str:
    shadow = EnteredValue(
        item=value.item, **{k: stored[k] for k in ("number", "numerator", "denominator", "yes_no", "text")}
    )
    return display(shadow)


def _read_values(rows: Iterator[Row], submission: Submission, result: UploadResult) -> None:
    values = {v.item.indicator.code: v for v in submission.values.select_related("item__indicator", "updated_by")}
    previous = previous_values(submission)
    expected = expected_ranges(submission, [v.item for v in values.values()])
    headers = {name: COLUMNS[column - 1][0] for name, column in COL.items()}
    for row_no, row in rows:
        if row_no < FIRST_ROW:
            continue
        code_cell, cells = _at(row, 2), {name: _at(row, column) for name, column in COL.items()}
        code = _text(code_cell)
        if not code and not any(_text(c) for c in cells.values()):
            continue
        if code not in values:
            result.errors.append(
                f"{_where(VALUES_SHEET, row_no, 2, 'Mã')}: mã chỉ tiêu «{code}» không có trong báo cáo này."
            )
            continue
        value = values[code]
        if any(_text(c) == TOO_LONG for c in cells.values()):
            continue  # the row of a text too long for Excel: kept as it is on the web
        formulas = _formula_errors(VALUES_SHEET, row_no, [(c, COL[n], headers[n]) for n, c in cells.items()])
        if formulas:
            result.errors += formulas
            continue
        given = ValueInput(
            **{n: _text(cells[n]) for n in ("value", "numerator", "denominator", "comment", "evidence_ref")},
            jump_confirmed=_text(cells["jump_confirmed"]).lower() in ("có", "co", "x"),
        )
        before = previous.get(value.item_id)
        checked = check(value.item, given, before.number if before else None, expected.get(value.item_id))
        for key, message in checked.errors.items():
            result.errors.append(f"{_where(VALUES_SHEET, row_no, COL[key], headers[key])}: {message}")
        if not checked.ok:
            continue
        changed = any(getattr(value, k) != v for k, v in checked.stored.items())
        if changed and _text(cells["version"]) != str(value.version):
            result.errors.append(
                f"{_where(VALUES_SHEET, row_no, COL['version'], headers['version'])}: "
                + stale_message(value).replace("sau khi bạn mở trang", "sau khi bạn tải tệp về")
            )
            continue
        result.inputs[value.pk] = (given, value.version)
        if changed:
            result.changes.append(
                Change(value.pk, code, display(value), _after_display(value, checked.stored), value.item.indicator.name)
            )


def _read_narrative(book, submission: Submission, result: UploadResult) -> None:
    if NARRATIVE_SHEET not in book.sheetnames:
        return
    by_label = {label: name for key, (name, label) in SECTIONS.items() if key in submission.form.sections}
    for row_no, row in _rows(book[NARRATIVE_SHEET], 2):
        label_cell, text_cell = row
        name = by_label.get(_text(label_cell))
        if name is None or row_no < 2:
            continue
        errors = _formula_errors(NARRATIVE_SHEET, row_no, [(text_cell, 2, "Nội dung")])
        result.errors += errors
        text = _text(text_cell)
        # The note left where a text was too long for Excel: the text on the web stays as it is.
        if not errors and text != TOO_LONG and text != getattr(submission, name):
            result.narrative[name] = text
            result.changes.append(Change(0, _text(label_cell), getattr(submission, name), text))


def read_upload(submission: Submission, upload) -> UploadResult:
    """Read a filled workbook: every problem by sheet, row and column, and what would change.

    Raises :class:`UploadRefused` when the file itself cannot be used.
    """
    book = open_upload(upload)
    try:
        if VALUES_SHEET not in book.sheetnames:
            raise UploadRefused(
                f"Tệp «{upload.name}» không có trang «{VALUES_SHEET}»: đây không "
                "phải mẫu báo cáo tải từ hệ thống. Chưa lưu gì."
            )
        rows = _rows(book[VALUES_SHEET], len(COLUMNS))
        head = dict(itertools.islice(rows, FIRST_ROW - 2))  # rows 1-5: title and identification
        unit_line, identity = (_text(_at(head.get(n, ()), 1)) for n in (2, 5))
        if identity != f"Mã báo cáo: {submission.pk}":
            raise UploadRefused(
                f"Tệp «{upload.name}» là của báo cáo khác ({unit_line}; "
                f"{identity or 'không có mã'}), không phải báo cáo của "
                f"{submission.unit.name} kỳ {submission.period_id}. Chưa lưu gì."
            )
        result = UploadResult(submission_version=submission.version)
        _read_values(rows, submission, result)
        _read_narrative(book, submission, result)
    finally:
        book.close()
    return result
