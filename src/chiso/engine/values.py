"""One reading of a stored figure, one judgement against its target, one rule for which kind counts.

Every surface (report appendix, unit page, overview, API, open data, national path, simulator)
reads a figure and judges it through these functions, so «Có» against the target «Có» is
«Đạt» everywhere:

* :func:`read_value` — a stored text ("83,80%", "145/226", "Có", "Đã ban hành") as a quantity
  when it is a number, else the text itself; nothing (``None``) for a blank ("-", "").
* :func:`read_figure` — the same, and a figure followed by its note ("62.5% (5/8)") as the figure,
  as a score's rules read it.
* :func:`entered_value` — the fields a unit entered (number, fraction, yes/no, text) as the
  same kind of value, so an entered figure and a transcribed one read alike.
* :func:`judge` — a figure against the wording of its target, with the previous period's
  figure for "Duy trì" and "Phấn đấu tăng …".
* :func:`pick` — which kind of figure counts (published, appraised, self-assessed, reported,
  projected) when several are stored for the same indicator.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Any, TypeVar

from chiso.engine.errors import EngineError
from chiso.engine.evaluation import Evaluation, evaluate
from chiso.engine.numbers import Quantity, parse_quantity
from chiso.engine.periods import MULTI_YEAR, parse_period
from chiso.engine.targets import Target, parse_target

Value = Quantity | str | None
T = TypeVar("T")


class ValueKind(str, Enum):
    """Who produced a stored figure; a score or a page reads one kind at a time."""

    REPORTED = "reported"
    SELF_ASSESSED = "self_assessed"
    APPRAISED = "appraised"
    PUBLISHED = "published"
    PROJECTED = "projected"

    @property
    def label(self) -> str:
        return KIND_LABELS[self.value]


# One Vietnamese label per kind (scores use the same words: `scoring.ScoreKind.label`).
KIND_LABELS = {
    "reported": "Báo cáo",
    "self_assessed": "Tự đánh giá",
    "appraised": "Thẩm định",
    "published": "Bộ công bố",
    "projected": "Dự kiến",
}

# Which kind counts when no kind is asked for: the ministry's figure over the appraisal, over
# the province's own assessment, over its projection.
KIND_PREFERENCE = ("published", "appraised", "self_assessed", "projected")


class Origin(str, Enum):
    """Where a figure comes from."""

    TRANSCRIBED = "transcribed"
    ENTERED = "entered"
    ROLLED_UP = "rolled_up"

    @property
    def label(self) -> str:
        return ORIGIN_LABELS[self.value]


ORIGIN_LABELS = {
    "transcribed": "Văn bản đã ban hành",
    "entered": "Báo cáo trên hệ thống",
    "rolled_up": "Tổng hợp từ các đơn vị",
}


@lru_cache(maxsize=200_000)
def read_value(text: str | None, locale: str = "vi") -> Value:
    """A stored text as the engine reads it: a quantity, else the text, ``None`` when blank.

    The national path reads hundreds of thousands of figures that repeat ("Có", "100%"), so
    readings are remembered (quantities are immutable).

    >>> read_value("83,80%").value
    Decimal('83.80')
    >>> read_value("145/226").numerator
    Decimal('145')
    >>> read_value("Đã ban hành")
    'Đã ban hành'
    >>> read_value("-") is None
    True
    """
    try:
        return parse_quantity(text, locale)
    except EngineError:
        return text


def read_figure(text: str | None, locale: str = "vi") -> Value:
    """A figure as a score reads it: :func:`read_value`, and a figure followed by its note in
    brackets as that figure — "62.5% (5/8)" is 62,5%, "75% (hệ thống … chưa đánh giá)" is 75%.

    >>> read_figure("62.5% (10/16) hệ thống được kết nối", "en").value
    Decimal('62.5')
    >>> read_figure("Trưởng ban (Chủ tịch UBND tỉnh)")
    'Trưởng ban (Chủ tịch UBND tỉnh)'
    """
    value = read_value(text, locale)
    if not isinstance(value, str):
        return value
    split = figure_and_note(value, locale)
    return split[0] if split else value


def figure_and_note(text: str, locale: str = "vi") -> tuple[Quantity, str] | None:
    """ "62.5% (5/8)" → (62,5%, "(5/8)"); ``None`` when the text does not start with a figure
    followed by a bracket.

    >>> figure_and_note("85,71% (Nền tảng số quản trị tổng thể)")[1]
    '(Nền tảng số quản trị tổng thể)'
    """
    head, bracket, rest = text.partition("(")
    if not bracket or not head.strip():
        return None
    figure = read_value(head.strip(), locale)
    return (figure, bracket + rest) if isinstance(figure, Quantity) else None


def number_fields(text: str | None, locale: str = "vi") -> dict[str, Decimal | None]:
    """The number columns stored beside a text: all ``None`` for a text value ("Đã ban hành")."""
    value = read_value(text, locale)
    if not isinstance(value, Quantity):
        return {"number": None, "numerator": None, "denominator": None}
    return {"number": round(value.value, 6), "numerator": value.numerator, "denominator": value.denominator}


def entered_value(
    *,
    number: Decimal | None = None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    yes_no: bool | None = None,
    text: str = "",
    percent: bool = False,
) -> Value:
    """What a unit entered, read like a transcribed figure.

    A fraction keeps its parts (``3.662/4.393`` is 83,36%); a yes/no answer is the word «Có»
    or «Không», judged as the same word written in a document would be.

    >>> entered_value(yes_no=True)
    'Có'
    >>> entered_value(number=Decimal("83.8"), percent=True).unit
    '%'
    """
    if yes_no is not None:
        return YES_NO_TEXT[yes_no]
    if number is not None:
        return Quantity(value=number, unit="%" if percent else "", numerator=numerator, denominator=denominator)
    return (text or "").strip() or None


YES_NO_TEXT = {True: "Có", False: "Không"}


@lru_cache(maxsize=4096)
def read_target(text: str, locale: str = "vi") -> Target:
    """A target wording read once per process (many units share one target text)."""
    return parse_target(text, locale)


def judge(value: Value, target_text: str | None, locale: str = "vi", *, previous: Value = None) -> Evaluation | None:
    """A figure (as :func:`read_value` or :func:`entered_value` gives it) against its target.

    ``None`` when there is no target to judge against; ``previous`` is last period's figure
    (a text is read first), used by "Duy trì" and "Phấn đấu tăng …".

    >>> judge(read_value("Có"), "Có").label
    'Đạt'
    >>> judge(read_value("145/226"), "Từ 50% trở lên").label
    'Vượt'
    >>> judge(read_value("83,8%"), "Duy trì", previous="83,80%").label
    'Duy trì'
    """
    if target_text is None:
        return None
    if isinstance(previous, str):
        previous = read_value(previous, locale)
    return evaluate(
        value, read_target(str(target_text), locale), previous=previous if isinstance(previous, Quantity) else None
    )


def judge_text(
    text: str | None, target_text: str | None, locale: str = "vi", *, previous: str | None = None
) -> Evaluation | None:
    """:func:`judge` of a stored text."""
    return judge(read_value(text, locale), target_text, locale, previous=previous)


@lru_cache(maxsize=4096)
def previous_period(period_id: str) -> str | None:
    """The period of the same kind just before (``2026-12`` → ``2026-11``); None for a plan's
    multi-year period or an id that is not a period."""
    try:
        period = parse_period(period_id)
    except EngineError:
        return None
    return None if period.kind == MULTI_YEAR else period.previous().id


def applicable_target(period_id: str, *targets: Mapping[str, str]) -> tuple[str, str] | None:
    """(target period, wording) of the target that applies to a figure of ``period_id``: the
    period's own target if one is set, else the year's, else the plan's (the multi-year period
    holding that year) — the first of :func:`applicable_targets`.

    ``targets`` map a target period to its wording, most specific first (a unit's own targets,
    then the framework's): the first with the period's or the year's target wins, then the
    first with a plan's.

    >>> applicable_target("2024-11", {"2021-2025": "100%", "2024": "Duy trì"})
    ('2024', 'Duy trì')
    >>> applicable_target("2025-03", {"2021-2025": "100%", "2024": "Duy trì"})
    ('2021-2025', '100%')
    >>> applicable_target("2026-12", {"2021-2025": "100%", "2024": "Duy trì"}) is None
    True
    """
    return next(iter(applicable_targets(period_id, *targets)), None)


def applicable_targets(period_id: str, *targets: Mapping[str, str]) -> list[tuple[str, str]]:
    """Every target that applies to a figure of ``period_id``, most specific first: the
    period's own, the year's, then the plans holding that year; for each target period the
    first mapping's wording (a unit's own before the framework's). A report's table shows them
    all as columns (000 Phụ lục I: "KH năm 2024" and "KH 5 năm 2021 - 2025"); a target of
    another year or a plan that has ended does not apply.

    >>> applicable_targets("2024-11", {"2024": "90%"}, {"2021-2025": "100%", "2024": "80%", "2025": "95%"})
    [('2024', '90%'), ('2021-2025', '100%')]
    >>> applicable_targets("2026-12", {"2021-2025": "100%"})
    []
    """
    try:
        year = parse_period(period_id).end.year
    except EngineError:
        return []
    found: dict[str, str] = {}
    for applies in (lambda tp: tp == period_id, lambda tp: tp == str(year), lambda tp: _plan_covers(tp, year)):
        for by_period in targets:
            for target_period, text in by_period.items():
                if target_period not in found and applies(target_period):
                    found[target_period] = text
    return list(found.items())


@lru_cache(maxsize=1024)
def _plan_covers(target_period: str, year: int) -> bool:
    try:
        period = parse_period(target_period)
    except EngineError:
        return False
    return period.kind == MULTI_YEAR and period.start.year <= year <= period.end.year


def kinds_read(kind: str) -> tuple[str, ...]:
    """The stored kinds a score of ``kind`` reads, its own first: a self-assessment also reads
    the figures the province reported, but its own figure wins."""
    return (kind, "reported") if kind == "self_assessed" else (kind,)


def score_kind_of(kind: str) -> str:
    """The kind of score made from figures of ``kind``: reported figures make a self-assessment."""
    return "self_assessed" if kind == "reported" else kind


def first_kind(present: Iterable[str], kind: str | None = None) -> str | None:
    """The kind that counts: ``kind`` when asked for, else the first of `KIND_PREFERENCE`
    whose figures (see :func:`kinds_read`) are among the ``present`` kinds.

    >>> first_kind({"reported", "projected"})
    'self_assessed'
    """
    if kind:
        return kind
    present = set(present)
    return next((k for k in KIND_PREFERENCE if present.intersection(kinds_read(k))), None)


def pick(rows: Iterable[tuple[Hashable, str, T]], kind: str) -> dict[Hashable, T]:
    """For each key, the figure that counts for ``kind`` (see :func:`keep`), whatever order the
    rows come in. ``rows`` are ``(key, kind, figure)``; kinds ``kind`` does not read are ignored.

    >>> pick([("1.1", "self_assessed", "80%"), ("1.1", "reported", "70%"),
    ...       ("1.2", "reported", "Có")], "self_assessed")
    {'1.1': '80%', '1.2': 'Có'}
    """
    wanted = kinds_read(kind)
    chosen: dict[Hashable, T] = {}
    for key, row_kind, figure in rows:
        if row_kind in wanted:
            keep(chosen, key, row_kind, figure, kind)
    return chosen


def keep(chosen: dict[Hashable, Any], key: Hashable, row_kind: str, figure: object, kind: str) -> None:
    """Put one figure of ``row_kind`` (one of ``kinds_read(kind)``) into ``chosen`` if it counts:
    the score's own kind always wins, a figure it only also reads (reported, for a
    self-assessment) fills a gap. One call per row, so the national path (190,000 rows a
    period) applies the rule without building anything more."""
    if row_kind == kind or key not in chosen:
        chosen[key] = figure
