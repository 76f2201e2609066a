"""Province-level figures from unit figures, by each indicator's aggregation rule.

Rules (``Indicator.aggregation``, docs/data-format.md §1):

* ``ratio``: the summed numerators over the summed denominators — never the mean of the units'
  percentages, so a commune with 10 dossiers weighs less than a department with 4,000;
* ``sum``: the units' figures added up;
* ``mean``: the plain average of the units' figures;
* ``all`` / ``any``: a yes/no that holds when every unit / at least one unit says yes;
* ``entered``: entered at this level — the parent's own figure (the office's, from its systems),
  not made from the units' figures;
* ``none``: not aggregated.

A unit whose figure cannot take part (no numerator for a ratio, no yes/no for ``all``) is left
out and named in ``skipped``; the result says how many units it counts. Pure Python: the
collection app turns entered values into :class:`UnitFigure` and back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

RATIO, SUM, MEAN, ALL, ANY, ENTERED, NONE = "ratio", "sum", "mean", "all", "any", "entered", "none"
RULE_LABELS = {
    RATIO: "Tỷ lệ chung (tổng tử số / tổng mẫu số)",
    SUM: "Cộng",
    MEAN: "Trung bình",
    ALL: "Tất cả đạt",
    ANY: "Có ít nhất một",
    ENTERED: "Nhập tại cấp này",
    NONE: "Không tổng hợp",
}


@dataclass(frozen=True)
class UnitFigure:
    """One unit's figure for one indicator, as entered."""

    unit: str
    number: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    yes_no: bool | None = None
    text: str | None = None


@dataclass(frozen=True)
class Aggregate:
    """A figure combined from several units.

    ``value`` is a Decimal (ratio, sum, mean), a bool (all, any), the parent's own figure
    (entered: a Decimal, a bool or a text) or None when nothing could be combined; for ``ratio`` it is numerator / denominator × ``scale`` (100 for a percentage).
    """

    rule: str
    value: Decimal | bool | str | None
    units: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    note: str = ""

    @property
    def count(self) -> int:
        return len(self.units)


ZERO = Decimal(0)


def ratio(figures: Iterable[UnitFigure], scale: Decimal = Decimal(1)) -> Aggregate:
    """Summed numerators over summed denominators.

    >>> ratio([UnitFigure("a", numerator=Decimal(1), denominator=Decimal(4)),
    ...        UnitFigure("b", numerator=Decimal(3), denominator=Decimal(4))], Decimal(100)).value
    Decimal('50.0')
    """
    used, skipped = _split(figures, lambda f: f.numerator is not None and f.denominator is not None)
    if not used:
        return Aggregate(RATIO, None, skipped=skipped, note=_nothing(RATIO))
    num = sum((f.numerator for f in used if f.numerator is not None), ZERO)
    den = sum((f.denominator for f in used if f.denominator is not None), ZERO)
    units = tuple(f.unit for f in used)
    if den == 0:
        return Aggregate(RATIO, None, units, skipped, num, den, "Tổng mẫu số bằng 0, không tính được tỷ lệ")
    return Aggregate(RATIO, num / den * scale, units, skipped, num, den)


def total(figures: Iterable[UnitFigure]) -> Aggregate:
    """The units' figures added up."""
    used, skipped = _split(figures, lambda f: f.number is not None)
    if not used:
        return Aggregate(SUM, None, skipped=skipped, note=_nothing(SUM))
    return Aggregate(SUM, _numbers_sum(used), tuple(f.unit for f in used), skipped)


def mean(figures: Iterable[UnitFigure]) -> Aggregate:
    """The plain average of the units' figures."""
    used, skipped = _split(figures, lambda f: f.number is not None)
    if not used:
        return Aggregate(MEAN, None, skipped=skipped, note=_nothing(MEAN))
    value = _numbers_sum(used) / Decimal(len(used))
    return Aggregate(MEAN, value, tuple(f.unit for f in used), skipped)


def every(figures: Iterable[UnitFigure]) -> Aggregate:
    """Yes when every unit that answered says yes."""
    used, skipped = _split(figures, lambda f: f.yes_no is not None)
    if not used:
        return Aggregate(ALL, None, skipped=skipped, note=_nothing(ALL))
    return Aggregate(ALL, all(f.yes_no for f in used), tuple(f.unit for f in used), skipped)


def some(figures: Iterable[UnitFigure]) -> Aggregate:
    """Yes when at least one unit says yes."""
    used, skipped = _split(figures, lambda f: f.yes_no is not None)
    if not used:
        return Aggregate(ANY, None, skipped=skipped, note=_nothing(ANY))
    return Aggregate(ANY, any(f.yes_no for f in used), tuple(f.unit for f in used), skipped)


def own(figures: Iterable[UnitFigure]) -> Aggregate:
    """The parent's own figure, entered at its level: ``figures`` are the parent's entries.

    >>> own([UnitFigure("dong-thap", text="Đã vận hành IOC")]).value
    'Đã vận hành IOC'
    """
    used, skipped = _split(figures, lambda f: _own_value(f) is not None)
    if not used:
        return Aggregate(ENTERED, None, skipped=skipped, note="Cấp tổng hợp chưa nhập số liệu của mình")
    first = used[0]
    return Aggregate(ENTERED, _own_value(first), (first.unit,), skipped, first.numerator, first.denominator)


def _own_value(f: UnitFigure) -> Decimal | bool | str | None:
    if f.number is not None:
        return f.number
    if f.yes_no is not None:
        return f.yes_no
    return f.text or None


RULES: dict[str, Callable[..., Aggregate]] = {
    RATIO: ratio,
    SUM: total,
    MEAN: mean,
    ALL: every,
    ANY: some,
    ENTERED: own,
}
# Every rule a form item may declare, "none" included (legacy: not aggregated).
DECLARABLE = (RATIO, SUM, MEAN, ALL, ANY, ENTERED, NONE)


def default_rule(measure: str, entered_as_fraction: bool) -> str:
    """The rule to use when the framework sets none: only the unambiguous cases.

    A figure entered as numerator/denominator combines as ``ratio``; a count or an amount of
    money adds up. Anything else (a percentage typed as one number, a yes/no) stays ``none``:
    averaging percentages weighs a commune like a department, and "all" vs "any" is a policy
    choice the office must make.

    >>> default_rule("percent", entered_as_fraction=True)
    'ratio'
    >>> default_rule("yes_no", entered_as_fraction=False)
    'none'
    """
    if entered_as_fraction:
        return RATIO
    return SUM if measure in ("count", "money") else NONE


def aggregate(rule: str, figures: Iterable[UnitFigure], scale: Decimal = Decimal(1)) -> Aggregate:
    """Combine ``figures`` by ``rule`` (one of RULES, or "none"/"" for no aggregation)."""
    figures = list(figures)
    if rule in ("", NONE):
        return Aggregate(
            NONE, None, skipped=tuple(f.unit for f in figures), note="Chỉ tiêu không quy định cách tổng hợp"
        )
    if rule not in RULES:
        raise ValueError(f"unknown aggregation rule {rule!r}")
    if rule == RATIO:
        return ratio(figures, scale)
    return RULES[rule](figures)


def _split(
    figures: Iterable[UnitFigure],
    usable: Callable[[UnitFigure], bool],
) -> tuple[list[UnitFigure], tuple[str, ...]]:
    used: list[UnitFigure] = []
    skipped: list[UnitFigure] = []
    for f in figures:
        (used if usable(f) else skipped).append(f)
    return used, tuple(f.unit for f in skipped)


def _numbers_sum(used: list[UnitFigure]) -> Decimal:
    """The units' numbers added up (`used` holds only figures that have one)."""
    return sum((f.number for f in used if f.number is not None), ZERO)


def _nothing(rule: str) -> str:
    needs = {
        RATIO: "tử số và mẫu số",
        SUM: "giá trị số",
        MEAN: "giá trị số",
        ALL: "câu trả lời Có/Không",
        ANY: "câu trả lời Có/Không",
    }[rule]
    return f"Không đơn vị nào có {needs} để tổng hợp"
