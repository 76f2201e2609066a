"""Judging an actual value against a target: Vượt / Đạt / Chưa đạt / Duy trì / no basis.

The rules, stated once (they are what `chiso evaluate` and the reports apply):

* Two numbers are equal when they differ by less than `TOLERANCE` (0.005 in the value's unit):
  reports print two decimals, so `83,80%` and `83,8%` are the same figure.
* A lower-bound target (`100%`, `Từ 50% trở lên`, `Tối thiểu 80%`, `10`): above the target
  value is Vượt, equal is Đạt, below is Chưa đạt. "Trên X" is strict: exactly X is Chưa đạt.
* An upper-bound target (`Dưới 10%`, `Tối đa …`): the same with the direction reversed.
* `Duy trì`: Duy trì if the value is not below the previous period's, Chưa đạt if it fell,
  no basis without a previous value.
* `Có` / `Hoàn thành …` / `Thực hiện liên tục`: Đạt when the result says yes / done.
* `Phấn đấu tăng …`: the increase over the previous value, judged like a lower bound.
* No value (`-`, empty) or a qualitative or multi-part target: Chưa có cơ sở đánh giá.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from chiso.engine import targets as t
from chiso.engine.errors import EngineError
from chiso.engine.numbers import Quantity, format_number

TOLERANCE = Decimal("0.005")


class Status(str, Enum):
    EXCEEDED = "exceeded"
    MET = "met"
    NOT_MET = "not_met"
    MAINTAINED = "maintained"
    NO_BASIS = "no_basis"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.EXCEEDED: "Vượt",
    Status.MET: "Đạt",
    Status.NOT_MET: "Chưa đạt",
    Status.MAINTAINED: "Duy trì",
    Status.NO_BASIS: "Chưa có cơ sở đánh giá",
    Status.NOT_APPLICABLE: "Không thuộc đối tượng",
}
_WRITTEN = {
    "vượt": Status.EXCEEDED,
    "đạt": Status.MET,
    "chưa đạt": Status.NOT_MET,
    "không đạt": Status.NOT_MET,
    "duy trì": Status.MAINTAINED,
    "chưa có cơ sở đánh giá": Status.NO_BASIS,
    "chưa có cơ sở": Status.NO_BASIS,
    "chưa đủ điều kiện đánh giá": Status.NO_BASIS,  # 000 Phụ lục IV
    "không thuộc đối tượng": Status.NOT_APPLICABLE,
}
# The one vocabulary of yes and no, for documents ("Đã ban hành", "Chưa triển khai") and for
# what reporters type in a yes/no item (also without tone marks: "co", "khong").
YES_WORDS = ("có", "co", "c", "x", "đạt", "đã", "hoàn thành", "đáp ứng", "yes", "true", "1")
NO_WORDS = ("không", "khong", "k", "chưa", "no", "false", "0")


def _words(text: str | None) -> str:
    return " ".join((text or "").split()).lower()


def parse_status(written: str | None) -> Status | None:
    """Read a written evaluation; None for a blank cell (`-`, empty).

    >>> parse_status("Chưa \\nđạt")
    <Status.NOT_MET: 'not_met'>
    """
    s = " ".join((written or "").replace("↑", " ").split()).strip(" .").lower()
    if s in ("", "-", "–", "—"):
        return None
    if s in _WRITTEN:
        return _WRITTEN[s]
    raise EngineError(
        "Không hiểu kết quả đánh giá (Vượt, Đạt, Chưa đạt, Duy trì, Chưa có cơ sở đánh giá, Không thuộc đối tượng)",
        raw=written,
    )


def leading_status(text: str | None) -> Status | None:
    """The evaluation a note begins with, as 000 Phụ lục IV writes it in its Ghi chú column;
    None when the note begins with anything else.

    >>> leading_status("Chưa đạt Tổng số văn bản đi 35.782")
    <Status.NOT_MET: 'not_met'>
    >>> leading_status("Đạt. Đề nghị bổ sung số chính xác")
    <Status.MET: 'met'>
    >>> leading_status("Đề nghị Sở GD&ĐT nêu rõ …") is None
    True
    """
    s = " ".join((text or "").replace("↑", " ").split()).lower()
    for words in sorted(_WRITTEN, key=len, reverse=True):
        if s.startswith(words) and (len(s) == len(words) or not s[len(words)].isalnum()):
            return _WRITTEN[words]
    return None


def status_value(written: str | None) -> str:
    """The stored value of a written evaluation: "" for a blank or a wording not understood
    (the text itself is kept beside it)."""
    try:
        status = parse_status(written)
    except EngineError:
        return ""
    return status.value if status else ""


def yes_no_word(text: str | None) -> bool | None:
    """A whole answer that is exactly a yes or no word ("Có", "không", "x"); else None.

    >>> yes_no_word("Không"), yes_no_word("co"), yes_no_word("Có kế hoạch")
    (False, True, None)
    """
    s = _words(text)
    if s in NO_WORDS:
        return False
    if s in YES_WORDS:
        return True
    return None


def parse_yes_no(text: str | None) -> bool | None:
    """Read a yes/no cell by its first words: "Có", "Đã ban hành", "Đáp ứng" are yes;
    "Chưa …", "Không" are no. A word counts only whole: "Xây dựng …" is not "x".

    >>> parse_yes_no("Đã ban hành"), parse_yes_no("Chưa triển khai"), parse_yes_no("Xây dựng")
    (True, False, None)
    """
    s = _words(text)
    if not s or s == "-":
        return None
    for words, answer in ((NO_WORDS, False), (YES_WORDS, True)):
        if any(s == w or (s.startswith(w) and not s[len(w)].isalnum()) for w in words):
            return answer
    return None


@dataclass(frozen=True, slots=True)
class Evaluation:
    """A judgement with its reason in Vietnamese; `override_reason` is set when a person decided."""

    status: Status
    reason: str
    override_reason: str = ""

    @property
    def label(self) -> str:
        return self.status.label


def evaluate(
    actual: Quantity | str | None, target: t.Target, *, previous: Quantity | None = None, applicable: bool = True
) -> Evaluation:
    """Judge `actual` against `target` by the module's rules.

    `actual` is a parsed quantity, or the text of a yes/no indicator ("Có", "Đã ban hành").
    """
    if not applicable:
        return Evaluation(Status.NOT_APPLICABLE, "Chỉ tiêu không áp dụng cho đơn vị")
    if actual is None:
        return Evaluation(Status.NO_BASIS, "Không có số liệu thực hiện")
    if target.kind in (t.QUALITATIVE, t.MULTI):
        return Evaluation(Status.NO_BASIS, "Chỉ tiêu định tính hoặc nhiều thành phần, cần đánh giá thủ công")
    if target.kind in (t.YES, t.COMPLETE_BY, t.CONTINUOUS):
        return _judge_yes(actual)
    if isinstance(actual, str):
        return Evaluation(Status.NO_BASIS, f"Kết quả «{actual}» không phải là số")
    if target.kind == t.MAINTAIN:
        return _judge_maintain(actual, previous)
    if target.value is None:  # the kinds left compare with a figure; a target without one gives no basis
        return Evaluation(Status.NO_BASIS, f"Chỉ tiêu «{target.text.strip()}» không có con số để so sánh")
    if target.kind == t.INCREASE_BY:
        if previous is None:
            return Evaluation(Status.NO_BASIS, "Không có số liệu kỳ trước để tính mức tăng")
        increase = actual.value - previous.value
        return _compare(
            increase,
            target.value,
            strict=False,
            higher=True,
            what=f"Mức tăng {_show(increase, target.unit)}",
            goal=_show(target.value, target.unit),
        )
    return _compare(
        actual.value,
        target.value,
        strict=target.kind in (t.MORE_THAN, t.LESS_THAN),
        higher=target.higher_is_better,
        what=f"Kết quả {_show(actual.value, actual.unit)}",
        goal=f"«{target.text.strip()}»",
    )


def _show(value: Decimal, unit: str) -> str:
    """A figure for a reason text: at most two decimals, no trailing zeros ("6,42%", "100%")."""
    return format_number(value.quantize(Decimal("0.01")).normalize()) + unit


def _judge_yes(actual: Quantity | str) -> Evaluation:
    yes: bool | None = actual.value > 0 if isinstance(actual, Quantity) else parse_yes_no(actual)
    if yes is None:
        return Evaluation(Status.NO_BASIS, f"Không hiểu kết quả «{actual}»")
    return Evaluation(Status.MET, "Đã thực hiện") if yes else Evaluation(Status.NOT_MET, "Chưa thực hiện")


def _judge_maintain(actual: Quantity, previous: Quantity | None) -> Evaluation:
    if previous is None:
        return Evaluation(Status.NO_BASIS, "Chỉ tiêu duy trì nhưng không có số liệu kỳ trước")
    now, before = _show(actual.value, actual.unit), _show(previous.value, previous.unit)
    if actual.value >= previous.value - TOLERANCE:
        return Evaluation(Status.MAINTAINED, f"Giữ được mức kỳ trước ({now}, kỳ trước {before})")
    return Evaluation(Status.NOT_MET, f"Thấp hơn mức kỳ trước ({now}, kỳ trước {before})")


def _compare(value: Decimal, target: Decimal, *, strict: bool, higher: bool, what: str, goal: str) -> Evaluation:
    diff = (value - target) if higher else (target - value)
    if abs(diff) < TOLERANCE:
        if strict:
            return Evaluation(Status.NOT_MET, f"{what} chỉ bằng mức của chỉ tiêu {goal}")
        return Evaluation(Status.MET, f"{what} bằng chỉ tiêu {goal}")
    if diff > 0:
        return Evaluation(Status.EXCEEDED, f"{what} vượt chỉ tiêu {goal}")
    return Evaluation(Status.NOT_MET, f"{what} chưa đạt chỉ tiêu {goal}")


def override(evaluation: Evaluation, status: Status, reason: str) -> Evaluation:
    """A person's judgement replacing the computed one; it always carries a reason."""
    if not reason or not reason.strip():
        raise EngineError("Phải ghi rõ lý do khi sửa kết quả đánh giá", field="reason")
    return Evaluation(status=status, reason=evaluation.reason, override_reason=reason.strip())


SUMMARY_ORDER = (Status.EXCEEDED, Status.MET, Status.MAINTAINED, Status.NOT_MET, Status.NOT_APPLICABLE)


def count_statuses(statuses: Iterable[Status | None]) -> Counter[Status]:
    """Count statuses; a blank (None) counts as no basis, as the seeds' totals do."""
    return Counter(s or Status.NO_BASIS for s in statuses)


def summary_line(counts: Counter[Status], total: int) -> str:
    """The summary sentence in the seed's own form.

    >>> from collections import Counter
    >>> summary_line(Counter({Status.EXCEEDED: 16, Status.MET: 20, Status.NOT_MET: 7,
    ...                       Status.NO_BASIS: 3}), 46)
    'Vượt 16/46 chỉ tiêu; Đạt 20/46 chỉ tiêu; Chưa đạt 7/46 chỉ tiêu; 03 chỉ tiêu chưa có cơ sở đánh giá'
    """
    parts = [f"{s.label} {counts[s]}/{total} chỉ tiêu" for s in SUMMARY_ORDER if counts.get(s)]
    if counts.get(Status.NO_BASIS):
        parts.append(f"{counts[Status.NO_BASIS]:02d} chỉ tiêu chưa có cơ sở đánh giá")
    return "; ".join(parts)
