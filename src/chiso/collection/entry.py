"""Checking and saving what a reporter enters: one validation for the web form and the Excel file.

A value is read with :mod:`chiso.engine.numbers` in the Vietnamese writing (``1.234,5``); every
problem is a Vietnamese message keyed by the input it belongs to (``value``, ``numerator``,
``denominator``), so the page can show it beside the field and the Excel upload can name the
cell. A save names the version of the value it read; a value changed meanwhile by someone else
is refused with who changed it and when — no update is lost silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from chiso.audit.trail import record
from chiso.collection.evidence import retire_evidence, store_evidence
from chiso.collection.models import EnteredValue, FormItem, Submission
from chiso.engine.errors import NumberFormatError
from chiso.engine.evaluation import yes_no_word
from chiso.engine.limits import LINE_LENGTH, TEXT_LENGTH, number_problem, text_problem
from chiso.engine.numbers import format_number, parse_decimal
from chiso.engine.periods import parse_period
from chiso.engine.plausibility import PlausibleRange, fraction_problem, outlier_message, value_problem
from chiso.observations.readings import shown_text

SECTIONS = {
    "ket_qua": ("results_text", "Kết quả thực hiện"),
    "kho_khan": ("difficulties_text", "Khó khăn, vướng mắc"),
    "de_xuat": ("proposals_text", "Đề xuất, kiến nghị"),
}


class StaleEdit(Exception):
    """Someone else saved the same value or report after this user read it."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class ValueInput:
    """What the reporter typed for one item, as text (web form or Excel cell)."""

    value: str = ""
    numerator: str = ""
    denominator: str = ""
    comment: str = ""
    evidence_ref: str = ""
    jump_confirmed: bool = False


@dataclass
class CheckedValue:
    """The reading of one input: the fields to store, errors by input name, a jump warning, and
    the outlier message when the figure lies far outside its plausible range."""

    item: FormItem
    given: ValueInput
    stored: dict = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    warning: str = ""
    outlier: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors


def _number(text: str, label: str, errors: dict, key: str) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    try:
        number = parse_decimal(text.removesuffix("%").strip(), "vi")
    except NumberFormatError as error:
        errors[key] = (
            f"{label}: không đọc được số «{text}» ({error.message_vi.lower()}). "
            "Viết số kiểu Việt Nam, ví dụ 1.234 hoặc 83,5."
        )
        return None
    problem = number_problem(number, label)
    if problem:
        errors[key] = problem
        return None
    return number


def _check_range(item: FormItem, number: Decimal, errors: dict, key: str) -> None:
    if item.min_value is not None and number < item.min_value:
        errors[key] = f"Giá trị {format_number(number)} nhỏ hơn mức tối thiểu {format_number(item.min_value)}."
    elif item.max_value is not None and number > item.max_value:
        errors[key] = f"Giá trị {format_number(number)} lớn hơn mức tối đa {format_number(item.max_value)}."


def _read_fraction(item: FormItem, given: ValueInput, stored: dict, errors: dict) -> None:
    numerator = _number(given.numerator, "Tử số", errors, "numerator")
    denominator = _number(given.denominator, "Mẫu số", errors, "denominator")
    if errors:
        return
    if (numerator is None) != (denominator is None):
        missing = "denominator" if denominator is None else "numerator"
        errors[missing] = "Cần nhập cả tử số và mẫu số."
        return
    if numerator is None:
        return
    wrong = fraction_problem(numerator, denominator)
    if wrong:
        errors[wrong[0]] = wrong[1]
    if errors:
        return
    share = numerator / denominator
    number = share * 100 if item.indicator.measure == "percent" else share
    stored.update(
        numerator=numerator,
        denominator=denominator,
        number=number.quantize(Decimal("0.000001")),
        raw=f"{given.numerator.strip()}/{given.denominator.strip()}",
    )


def _read(item: FormItem, given: ValueInput, stored: dict, errors: dict) -> None:
    kind = item.input_type
    if kind == FormItem.InputType.FRACTION:
        _read_fraction(item, given, stored, errors)
    elif kind == FormItem.InputType.NUMBER:
        number = _number(given.value, "Giá trị", errors, "value")
        if number is not None:
            problem = value_problem(item.indicator.measure, number)
            if problem:
                errors["value"] = problem
            else:
                _check_range(item, number, errors, "value")
            stored.update(number=number, raw=given.value.strip())
    elif kind == FormItem.InputType.YES_NO:
        answer, word = yes_no_word(given.value), given.value.strip()
        if answer is not None:
            stored.update(yes_no=answer, raw=word)
        elif word:
            errors["value"] = f"Chỉ ghi «Có» hoặc «Không» (nhận được «{given.value.strip()}»)."
    else:
        stored["text"] = given.value.strip()


def jump_warning(item: FormItem, number: Decimal | None, previous: Decimal | None) -> str:
    """A warning when ``number`` moved more than the item's threshold from last period's value."""
    if number is None or previous is None or previous == 0 or item.jump_warning is None:
        return ""
    change = (number - previous) / abs(previous)
    if abs(change) <= item.jump_warning:
        return ""
    return (
        f"Thay đổi {format_number(change * 100, 0)}% so với kỳ trước "
        f"({format_number(previous)} → {format_number(number)}). "
        "Hãy kiểm tra lại và đánh dấu «Xác nhận số liệu đúng»."
    )


# Each input, its label and the longest text it may hold (the one-line ones are varchar(255)).
_TEXT_INPUTS = (
    ("value", "Giá trị", TEXT_LENGTH),
    ("numerator", "Tử số", LINE_LENGTH),
    ("denominator", "Mẫu số", LINE_LENGTH),
    ("comment", "Ghi chú", TEXT_LENGTH),
    ("evidence_ref", "Văn bản kiểm chứng", LINE_LENGTH),
)


def _unused_inputs(item: FormItem, given: ValueInput) -> dict[str, str]:
    """Inputs the item does not read: an error, never dropped silently (a percentage typed in
    the «Giá trị» column of a share item would otherwise vanish from an Excel upload)."""
    if item.input_type == FormItem.InputType.FRACTION:
        typed = given.value.strip()
        return (
            {
                "value": f"Chỉ tiêu này nhập bằng tử số và mẫu số, không nhập vào ô «Giá trị» "
                f"(nhận được «{typed}»): hãy ghi tử số và mẫu số, để trống ô này."
            }
            if typed
            else {}
        )
    found = {}
    for key, label in (("numerator", "Tử số"), ("denominator", "Mẫu số")):
        typed = getattr(given, key).strip()
        if typed:
            found[key] = (
                f"Chỉ tiêu này nhập một giá trị, không có {label.lower()} (nhận được "
                f"«{typed}»): hãy ghi vào ô «Giá trị», để trống ô «{label}»."
            )
    return found


def _outlier(result: CheckedValue, number: Decimal | None, expected: PlausibleRange | None) -> None:
    """An outlier is stored only when the reporter confirms it and says why in the comment."""
    if number is None or result.errors:
        return
    result.outlier = outlier_message(number, expected)
    if not result.outlier:
        return
    if not result.given.jump_confirmed:
        result.errors["value"] = result.outlier
    elif not result.given.comment.strip():
        result.errors["comment"] = (
            "Giá trị bất thường đã được xác nhận: hãy ghi lý do vào ô "
            "«Ghi chú» (ví dụ nguồn số liệu, vì sao tăng mạnh)."
        )


def _text_errors(given: ValueInput) -> dict[str, str]:
    """Inputs that cannot be stored whatever the item's type: control characters, too long."""
    found = {}
    for key, label, limit in _TEXT_INPUTS:
        problem = text_problem(getattr(given, key).strip(), label, limit)
        if problem:
            found[key] = problem
    return found


def check(
    item: FormItem, given: ValueInput, previous: Decimal | None = None, expected: PlausibleRange | None = None
) -> CheckedValue:
    """Read one input by the item's type and its indicator's measure (a count is a whole
    number, not negative; a percentage 0–100; numerator ≤ denominator), refuse a figure in an
    input the item does not use, warn on a jump from ``previous`` and hold an outlier outside
    ``expected`` (see `chiso.collection.expectations`) until it is confirmed with a comment.

    >>> check(item_fraction, ValueInput(numerator="3.662", denominator="4.393")).stored["number"]  # doctest: +SKIP
    Decimal('83.359890')
    """
    stored = {
        "number": None,
        "numerator": None,
        "denominator": None,
        "yes_no": None,
        "text": "",
        "raw": "",
        "comment": given.comment.strip(),
        "evidence_ref": given.evidence_ref.strip(),
    }
    result = CheckedValue(item=item, given=given)
    result.errors.update(_text_errors(given))
    if not result.errors:
        result.errors.update(_unused_inputs(item, given))
    if not result.errors:
        _read(item, given, stored, result.errors)
    if len(stored["raw"]) > LINE_LENGTH:
        result.errors["value"] = "Giá trị quá dài (tối đa 255 ký tự)."
    result.warning = jump_warning(item, stored["number"], previous)
    _outlier(result, stored["number"] if item.input_type == FormItem.InputType.NUMBER else None, expected)
    stored["jump_confirmed"] = bool(result.warning or result.outlier) and given.jump_confirmed
    result.stored = stored
    return result


EVIDENCE_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".jpg", ".jpeg", ".png", ".zip")


def evidence_problem(upload) -> str:
    """Why an evidence file is refused (size, kind), or "" when it is acceptable."""
    if upload is None:
        return ""
    limit = settings.CHISO_UPLOAD_MAX_BYTES
    if upload.size > limit:
        return (
            f"Tệp «{upload.name}» nặng {format_number(Decimal(upload.size) / 1048576, 1)} MB, "
            f"vượt giới hạn {format_number(Decimal(limit) / 1048576, 1)} MB."
        )
    if not upload.name.lower().endswith(EVIDENCE_SUFFIXES):
        return (
            f"Tệp «{upload.name}» không nhận được: chỉ nhận "
            + ", ".join(s.lstrip(".") for s in EVIDENCE_SUFFIXES)
            + "."
        )
    return ""


def is_empty(value: EnteredValue) -> bool:
    kind = value.item.input_type
    if kind == FormItem.InputType.YES_NO:
        return value.yes_no is None
    if kind == FormItem.InputType.TEXT:
        return not value.text.strip()
    return value.number is None


def display(value: EnteredValue | None) -> str:
    """The value as the report writes it: ``3.662/4.393 (83,36%)``, ``1.250``, ``Có``."""
    return shown_text(value)


def previous_values(submission: Submission) -> dict[int, EnteredValue]:
    """Last period's values of the same unit and indicators, by the current item's id."""
    previous_id = parse_period(submission.period_id).previous().id
    earlier = {
        v.item.indicator_id: v
        for v in EnteredValue.objects.filter(
            submission__unit=submission.unit_id,
            submission__period_id=previous_id,
        ).select_related("item__indicator")
    }
    return {
        v.item_id: earlier[v.item.indicator_id]
        for v in submission.values.select_related("item")
        if v.item.indicator_id in earlier
    }


def _changed_fields(value: EnteredValue, stored: dict) -> dict:
    return {name: new for name, new in stored.items() if getattr(value, name) != new}


def stale_message(value: EnteredValue) -> str:
    who = value.updated_by.get_full_name() or value.updated_by.get_username() if value.updated_by else "người khác"
    when = timezone.localtime(value.updated_at).strftime("%H:%M ngày %d/%m/%Y")
    return (
        f"Chỉ tiêu {value.item.indicator.code} vừa được {who} sửa lúc {when}, sau khi bạn mở "
        f"trang; giá trị hiện tại là «{display(value) or 'trống'}». Số liệu của bạn chưa được "
        "lưu: hãy tải lại trang, xem giá trị mới rồi nhập lại nếu cần."
    )


def save_value(user, value: EnteredValue, checked: CheckedValue, read_version: int, evidence=None) -> bool:
    """Store a checked value if it differs, only if nobody saved it since ``read_version``.

    Returns whether anything changed. Raises :class:`StaleEdit` naming who changed it and when.
    Callers run it inside :func:`~chiso.collection.evidence.atomic_with_evidence`, so a refusal
    leaves nothing half-written: neither the rows nor the evidence file written before the check.
    """
    changes = _changed_fields(value, checked.stored)
    if evidence is not None:
        changes["evidence_file"] = store_evidence(value, evidence)
    if not changes:
        return False
    old_display, old = display(value), {name: getattr(value, name) for name in changes}
    updated = EnteredValue.objects.filter(pk=value.pk, version=read_version).update(
        **changes, updated_by=user, updated_at=timezone.now(), version=F("version") + 1
    )
    if not updated:
        raise StaleEdit(
            stale_message(EnteredValue.objects.select_related("updated_by", "item__indicator").get(pk=value.pk))
        )
    value.refresh_from_db()
    record(user, value, "giá trị", old_display, display(value))
    for name in ("comment", "evidence_ref", "evidence_file", "jump_confirmed"):
        if name in changes:
            record(user, value, name, old[name], getattr(value, name))
    if "evidence_file" in changes:
        retire_evidence(old["evidence_file"].name)
    return True


def save_narrative(user, submission: Submission, texts: dict[str, str], read_version: int) -> int:
    """Store the narrative sections (kết quả, khó khăn, đề xuất) with the same version check;
    how many sections changed (each counts as one change, as the Excel preview lists them)."""
    changes = {name: text.strip() for name, text in texts.items() if getattr(submission, name) != text.strip()}
    if not changes:
        return 0
    old = {name: getattr(submission, name) for name in changes}
    if not Submission.objects.filter(pk=submission.pk, version=read_version).update(
        **changes, version=F("version") + 1
    ):
        raise StaleEdit(
            "Báo cáo vừa được người khác cập nhật sau khi bạn mở trang; phần thuyết "
            "minh của bạn chưa được lưu. Hãy tải lại trang rồi nhập lại."
        )
    submission.refresh_from_db()
    for name, before in old.items():
        record(user, submission, name, before, changes[name])
    return len(changes)
