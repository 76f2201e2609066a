"""What an entered figure may be, and what it is likely to be: data-quality rules, like DHIS2's.

Two kinds of rule, both said in Vietnamese so the page, the Excel upload and the API can put
the message beside the field it is about:

* **validity** — the indicator's measure decides what a value can be at all: a count is a
  whole number that is not negative (``-3`` or ``12,7`` doanh nghiệp cannot be), a percentage
  lies between 0 and 100, a share's numerator is at most its denominator. A value that breaks
  these is refused.
* **plausibility** — the unit's own history (its figures of earlier periods) and the target
  give a range a figure is expected to fall in; one far outside it (``9.999.999`` against
  "Từ 200 trở lên") is an *outlier*: it may be right, so it is not refused, but the reporter
  must confirm it with a comment saying why, and the reviewer sees it highlighted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from chiso.engine.numbers import format_number
from chiso.engine.targets import AT_LEAST, AT_MOST, LESS_THAN, MORE_THAN, parse_target

COUNT, PERCENT = "count", "percent"
# Measures whose figures are never below zero (a level, an amount, a rate per 100 or 1.000).
NOT_NEGATIVE = (COUNT, PERCENT, "ratio", "money", "level", "per_100", "per_1000")

# A figure more than this many times the largest of the history and the target, or less than
# this fraction of the smallest earlier figure, is an outlier. Wide on purpose: a monthly
# figure can well double; a tenfold change is almost always a typing slip (a digit too many,
# thousands typed as units).
FACTOR = Decimal(10)
HISTORY_PERIODS = 12  # how many earlier periods of the unit are read for its range


def value_problem(measure: str, number: Decimal, label: str = "Giá trị") -> str:
    """Why ``number`` cannot be a figure of an indicator measured as ``measure``, or "".

    >>> value_problem("count", Decimal("-3"))
    'Giá trị -3 không hợp lệ: số lượng không được âm.'
    >>> value_problem("count", Decimal("12.7"))
    'Giá trị 12,7 không hợp lệ: số lượng phải là số nguyên (không có phần thập phân).'
    >>> value_problem("percent", Decimal("120"))
    'Giá trị 120 không hợp lệ: tỷ lệ phần trăm phải từ 0 đến 100.'
    >>> value_problem("count", Decimal("230"))
    ''
    """
    shown = format_number(number)
    if measure in NOT_NEGATIVE and number < 0:
        what = "số lượng" if measure == COUNT else "tỷ lệ phần trăm" if measure == PERCENT else "chỉ số này"
        return f"{label} {shown} không hợp lệ: {what} không được âm."
    if measure == COUNT and number != number.to_integral_value():
        return f"{label} {shown} không hợp lệ: số lượng phải là số nguyên (không có phần thập phân)."
    if measure == PERCENT and number > 100:
        return f"{label} {shown} không hợp lệ: tỷ lệ phần trăm phải từ 0 đến 100."
    return ""


def fraction_problem(numerator: Decimal, denominator: Decimal) -> tuple[str, str] | None:
    """Which part of a share is wrong and why (``("numerator", "…")``), or None.

    >>> fraction_problem(Decimal("120"), Decimal("100"))
    ('numerator', 'Tử số (120) không được lớn hơn mẫu số (100).')
    >>> fraction_problem(Decimal("3662"), Decimal("4393")) is None
    True
    """
    if numerator < 0:
        return "numerator", "Tử số không được âm."
    if denominator <= 0:
        return "denominator", "Mẫu số phải lớn hơn 0."
    if numerator > denominator:
        return "numerator", (
            f"Tử số ({format_number(numerator)}) không được lớn hơn mẫu số ({format_number(denominator)})."
        )
    return None


@dataclass(frozen=True)
class PlausibleRange:
    """Where a figure is expected to lie, and on what basis (said to the reporter)."""

    low: Decimal | None
    high: Decimal | None
    basis: str

    def contains(self, number: Decimal) -> bool:
        return (self.low is None or number >= self.low) and (self.high is None or number <= self.high)

    @property
    def shown(self) -> str:
        """The range in words: ``từ 23 đến 2.500``, ``đến 2.000``."""
        if self.low is None:
            return f"đến {format_number(self.high)}" if self.high is not None else "bất kỳ"
        return f"từ {format_number(self.low)}" + (f" đến {format_number(self.high)}" if self.high is not None else "")


def target_number(text: str | None, measure: str) -> Decimal | None:
    """The number a target names, when it is a bound of the same kind as the figure.

    >>> target_number("Từ 200 trở lên", "count")
    Decimal('200')
    >>> target_number("80%", "count") is None
    True
    >>> target_number("Duy trì", "count") is None
    True
    """
    if not text:
        return None
    target = parse_target(text)
    if target.kind not in (AT_LEAST, MORE_THAN, AT_MOST, LESS_THAN) or target.value is None:
        return None
    if (target.unit == "%") != (measure == PERCENT):
        return None
    return target.value


def plausible_range(history: Sequence[Decimal], target: Decimal | None, target_text: str = "") -> PlausibleRange | None:
    """The range from the unit's earlier figures and the target; None with neither.

    Above: ten times the largest earlier figure or target. Below: a tenth of the smallest
    earlier figure (a target says how much is wanted, not how little is possible).

    >>> r = plausible_range([], Decimal("200"), "Từ 200 trở lên")
    >>> r.contains(Decimal("9999999")), r.shown
    (False, 'đến 2.000')
    >>> r.basis
    'mục tiêu «Từ 200 trở lên»'
    >>> plausible_range([Decimal("230"), Decimal("250")], None).shown
    'từ 23 đến 2.500'
    >>> plausible_range([Decimal("29.000000")], None).shown
    'từ 2 đến 290'
    """
    earlier = [n for n in history if n >= 0]
    tops = [*earlier, *([target] if target is not None and target > 0 else [])]
    if not tops or max(tops) <= 0:
        return None
    # Whole bounds, rounded outwards: "từ 2 đến 290", never "từ 2,9".
    low = (min(earlier) / FACTOR).to_integral_value(ROUND_FLOOR) if earlier and min(earlier) > 0 else None
    basis = []
    if earlier:
        basis.append("các kỳ trước (" + ", ".join(format_number(n) for n in earlier[-3:]) + ")")
    if target is not None and target > 0:
        basis.append(f"mục tiêu «{target_text}»" if target_text else f"mục tiêu {format_number(target)}")
    high = (max(tops) * FACTOR).to_integral_value(ROUND_CEILING)
    return PlausibleRange(low=low or None, high=high, basis=" và ".join(basis))


def outlier_message(number: Decimal, expected: PlausibleRange | None) -> str:
    """What the reporter is told about a figure far outside its range, or "" when it is not.

    >>> r = plausible_range([], Decimal("200"), "Từ 200 trở lên")
    >>> print(outlier_message(Decimal("9999999"), r))
    Giá trị 9.999.999 bất thường: ngoài khoảng hợp lý đến 2.000, tính theo mục tiêu «Từ 200 trở lên». Nếu số liệu đúng, hãy ghi lý do vào «Ghi chú» và đánh dấu «Xác nhận số liệu đúng».
    >>> outlier_message(Decimal("230"), r)
    ''
    """
    if expected is None or expected.contains(number):
        return ""
    return (
        f"Giá trị {format_number(number)} bất thường: ngoài khoảng hợp lý {expected.shown}, "
        f"tính theo {expected.basis}. Nếu số liệu đúng, hãy ghi lý do vào «Ghi chú» và đánh "
        "dấu «Xác nhận số liệu đúng»."
    )
