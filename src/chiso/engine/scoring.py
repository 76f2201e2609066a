"""DTI scoring: a rule per sub-indicator, pillar sums, total out of 1000, index, rank.

Rules are data (`Rule.kind` + parameters, see docs/data-format.md §1.1); `RULES` maps each kind
to the function that applies it. Sub-indicator points are rounded to two decimals, as the
ministry prints them, before they are added into pillars and the total.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Any, TypeVar

from chiso.engine.errors import RuleError
from chiso.engine.evaluation import parse_yes_no
from chiso.engine.formula import evaluate_formula
from chiso.engine.frameworks import Framework, Indicator, Rule
from chiso.engine.numbers import Quantity
from chiso.engine.values import KIND_LABELS

CENT = Decimal("0.01")
ZERO = Decimal(0)

Value = Quantity | str | None
K = TypeVar("K")
# What a rule may need besides the indicator's own value: "best" (the best province's value),
# "inputs" (named values of a formula or composite) and "manual_points".
Context = Mapping[str, Any]


class ScoreKind(str, Enum):
    """Who produced a score. The kinds are kept side by side, never mixed."""

    SELF_ASSESSED = "self_assessed"
    APPRAISED = "appraised"
    PUBLISHED = "published"
    PROJECTED = "projected"

    @property
    def label(self) -> str:
        return KIND_LABELS[self.value]


@dataclass(frozen=True, slots=True)
class ScoreInput:
    """What a sub-indicator is scored on.

    `value` is the province's figure; `inputs` are named parts for composite and formula
    rules; `external_value` is the ministry's own measurement, which wins for rules marked
    external; `manual_points` are points a person entered.
    """

    value: Value = None
    inputs: Mapping[str, Value] = field(default_factory=dict)
    external_value: Value = None
    manual_points: Decimal | None = None


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    code: str
    points: Decimal
    max_points: Decimal
    value: Value = None
    provisional: bool = False
    complete: bool = True
    note: str = ""

    @property
    def lost(self) -> Decimal:
        return self.max_points - self.points


@dataclass(frozen=True, slots=True)
class PillarScore:
    code: str
    name: str
    points: Decimal
    max_points: Decimal


@dataclass(frozen=True, slots=True)
class FrameworkScore:
    framework: str
    pillars: tuple[PillarScore, ...]
    sub_indicators: tuple[IndicatorScore, ...] = ()
    kind: ScoreKind = ScoreKind.SELF_ASSESSED

    @property
    def total(self) -> Decimal:
        return sum((p.points for p in self.pillars), ZERO)

    @property
    def max_points(self) -> Decimal:
        return sum((p.max_points for p in self.pillars), ZERO)

    @property
    def index(self) -> Decimal:
        """Total / maximum on the 0–1 scale the ministry publishes, to four decimals."""
        return (self.total / self.max_points).quantize(Decimal("0.0001"), ROUND_HALF_UP)

    def pillar(self, code: str) -> PillarScore:
        return next(p for p in self.pillars if p.code == code)

    def sub_indicator(self, code: str) -> IndicatorScore:
        return next(s for s in self.sub_indicators if s.code == code)


def round_points(points: Decimal) -> Decimal:
    return points.quantize(CENT, ROUND_HALF_UP)


# --- the rules ------------------------------------------------------------------------------
#
# Each rule kind is a function of the rule and the sub-indicator's maximum that returns the
# rule bound to them: value, context → points (before clamping to [0, max_points]). Binding
# reads the rule's parameters once, so a sub-indicator scored for every unit of the country
# (`IndicatorScorer`) pays only for the arithmetic; `apply_rule` binds and applies in one go.
# A rule's parameters are read when it is bound; an error in them is raised when it is
# applied, as if they were read then (`bind_rule`).

Points = Callable[[Value, Context], Decimal]
Binder = Callable[[Rule, Decimal], Points]

# A figure written "< 52" is below 52: it is read just inside its bound, so a threshold of 52
# is not reached; "> 70" likewise passes a threshold of 70.
_INSIDE_BOUND = {"<": Decimal("-1e-9"), ">": Decimal("1e-9")}


def _number(value: Value, rule: Rule) -> Decimal:
    if isinstance(value, Quantity):
        return value.value + _INSIDE_BOUND.get(value.bound or "", ZERO)
    raise RuleError(f"Quy tắc «{rule.kind}» cần một giá trị số", raw=str(value))


def _linear(rule: Rule, max_points: Decimal) -> Points:
    target = Decimal(str(rule.get("target", 100)))
    cap = Decimal(str(rule.get("cap", 1)))

    def points(value: Value, context: Context) -> Decimal:
        return max_points * min(_number(value, rule) / target, cap)

    return points


def _threshold(rule: Rule, max_points: Decimal) -> Points:
    threshold = Decimal(str(rule.get("threshold", 100)))

    def points(value: Value, context: Context) -> Decimal:
        return max_points if _number(value, rule) >= threshold else ZERO

    return points


def _yes_no(rule: Rule, max_points: Decimal) -> Points:
    def points(value: Value, context: Context) -> Decimal:
        yes = value.value > 0 if isinstance(value, Quantity) else parse_yes_no(value)
        if yes is None:
            raise RuleError("Không hiểu giá trị có/không", raw=str(value))
        return max_points if yes else ZERO

    return points


def _steps(rule: Rule, max_points: Decimal) -> Points:
    def points(value: Value, context: Context) -> Decimal:
        levels = rule.get("levels") or []
        for level in levels:
            if "equals" in level:
                if isinstance(value, str) and _same_text(value, level["equals"]):
                    return Decimal(str(level["points"]))
            elif isinstance(value, Quantity) and value.value >= Decimal(str(level["min"])):
                return Decimal(str(level["points"]))
        return ZERO

    return points


def _same_text(a: str, b: str) -> bool:
    """The answer is the level's words, alone or followed by what the post entails:
    "Trưởng ban Ban chỉ đạo chuyển đổi số và có hoạt động chủ trì…" is the level «Trưởng ban»
    (and "Phó trưởng ban …" is not)."""
    answer, level = " ".join(str(a).split()).lower(), " ".join(str(b).split()).lower()
    return answer == level or answer.startswith(level + " ")


def _relative_to_best(rule: Rule, max_points: Decimal) -> Points:
    def points(value: Value, context: Context) -> Decimal:
        best = rule.get("best", context.get("best"))
        if best is None:
            raise RuleError("Cần giá trị của đơn vị tốt nhất để tính điểm tương đối")
        best = Decimal(str(best))
        if best <= 0:
            return ZERO
        return max_points * min(_number(value, rule) / best, Decimal(1))

    return points


def _formula(rule: Rule, max_points: Decimal) -> Points:
    def points(value: Value, context: Context) -> Decimal:
        names = {"max_points": max_points}
        if isinstance(value, Quantity):
            names["value"] = value.value
        for name in rule.get("inputs") or []:
            part = context.get("inputs", {}).get(name)
            if not isinstance(part, Quantity):
                raise RuleError(f"Thiếu số liệu đầu vào «{name}» của công thức")
            names[name] = part.value
        return evaluate_formula(rule.get("expression", ""), names)

    return points


def _manual(rule: Rule, max_points: Decimal) -> Points:
    def points(value: Value, context: Context) -> Decimal:
        entered = context.get("manual_points")
        if entered is None:
            raise RuleError("Chỉ số chấm điểm thủ công nhưng chưa có điểm")
        return Decimal(str(entered))

    return points


def _all_or_nothing(rule: Rule, max_points: Decimal) -> Points:
    def points(value: Value, context: Context) -> Decimal:
        return max_points if _number(value, rule) >= 100 else ZERO

    return points


def _composite(rule: Rule, max_points: Decimal) -> Points:
    parts = [_bind_part(part) for part in rule.get("parts") or []]

    def points(value: Value, context: Context) -> Decimal:
        total = ZERO
        inputs = context.get("inputs", {})
        for code, label, part_points, part_max in parts:
            part_value = inputs.get(code)
            if part_value is None:
                raise RuleError(f"Thiếu số liệu của phần «{label}»")
            total += max(ZERO, min(part_points(part_value, context), part_max))
        return total

    return points


def _bind_part(part: Mapping[str, Any]) -> tuple[str, str, Points, Decimal]:
    """A composite's part: its code, its name for a message, its rule bound to its maximum."""
    part_rule = part["rule"] if isinstance(part["rule"], Rule) else Rule(kind=part["rule"]["kind"], params=part["rule"])
    part_max = Decimal(str(part["max_points"]))
    return part["code"], part.get("name") or part["code"], bind_rule(part_rule, part_max), part_max


RULES: dict[str, Binder] = {
    "linear": _linear,
    "threshold": _threshold,
    "all_or_nothing": _all_or_nothing,
    "yes_no": _yes_no,
    "steps": _steps,
    "composite": _composite,
    "relative_to_best": _relative_to_best,
    "formula": _formula,
    "manual": _manual,
}


def bind_rule(rule: Rule, max_points: Decimal) -> Points:
    """``rule`` bound to a maximum: value, context → points, not yet clamped. An unknown kind
    or a parameter that cannot be read raises when the bound rule is applied, not here, so a
    sub-indicator without a value is still only "Chưa có số liệu"."""
    binder = RULES.get(rule.kind)
    if binder is None:
        return _raising(RuleError(f"Không có quy tắc chấm điểm «{rule.kind}»"))
    try:
        return binder(rule, max_points)
    except Exception as error:  # noqa: BLE001 - raised again where the rule is applied
        return _raising(error)


def _raising(error: Exception) -> Points:
    def points(value: Value, context: Context) -> Decimal:
        raise error.with_traceback(None)

    return points


def apply_rule(rule: Rule, value: Value, max_points: Decimal, context: Context) -> Decimal:
    """Points for one value under one rule, clamped to [0, max_points]."""
    return max(ZERO, min(bind_rule(rule, max_points)(value, context), max_points))


_NO_INPUTS: Mapping[str, Value] = {}
_PLAIN: Context = {"inputs": _NO_INPUTS, "manual_points": None, "best": None}  # a value alone (rules only read it)
_MISSING = "Chưa có số liệu"


def _clamped(points: Decimal, max_points: Decimal) -> Decimal:
    """``round_points(max(ZERO, min(points, max_points)))``, as `apply_rule` clamps, written
    out: the builtins cost more than the arithmetic when every value of the country is scored."""
    points = max_points if max_points < points else points
    return (points if points > ZERO else ZERO).quantize(CENT, ROUND_HALF_UP)


class IndicatorScorer:
    """:func:`score_indicator` of one sub-indicator, its rule bound once: scoring the values of
    every unit of the country (75,000 distinct ones a period) pays only for each value's rule.

    ``points`` gives the points alone, for a kept score that needs only the pillars' sums;
    calling the scorer gives the whole `IndicatorScore`. Both are `score_indicator`'s result.
    """

    __slots__ = ("indicator", "max_points", "external", "_points")

    def __init__(self, indicator: Indicator):
        rule = indicator.rule or Rule("manual")
        self.indicator = indicator
        self.max_points = indicator.max_points or ZERO
        self.external = rule.external
        self._points = bind_rule(rule, self.max_points)

    def _judge(
        self, value: Value, inputs: Mapping[str, Value], manual_points: Decimal | None, best: Decimal | None
    ) -> tuple[Decimal, bool, str]:
        """(points, complete, note): the note says why a value could not be scored."""
        if value is None and not inputs and manual_points is None:
            return ZERO, False, _MISSING
        try:
            points = self._points(value, {"inputs": inputs, "manual_points": manual_points, "best": best})
        except RuleError as error:
            return ZERO, False, error.message_vi
        return _clamped(points, self.max_points), True, ""

    def points(self, value: Value, inputs: Mapping[str, Value] = _NO_INPUTS) -> Decimal:
        """The points of a value and its named inputs (no external value, no manual points, no
        best province), as ``score_indicator(indicator, ScoreInput(value, inputs)).points``:
        :meth:`_judge` without the note, the one call national scoring makes per value."""
        if value is None and not inputs:
            return ZERO
        try:
            points = self._points(value, {"inputs": inputs, "manual_points": None, "best": None} if inputs else _PLAIN)
        except RuleError:
            return ZERO
        return _clamped(points, self.max_points)

    def __call__(self, given: ScoreInput | None, best: Decimal | None = None) -> IndicatorScore:
        given = given or ScoreInput()
        value = given.external_value if (self.external and given.external_value is not None) else given.value
        points, complete, note = self._judge(value, given.inputs, given.manual_points, best)
        # Built once, not copied with replace(): national scoring makes hundreds of thousands.
        return IndicatorScore(
            code=self.indicator.code,
            points=points,
            max_points=self.max_points,
            value=value,
            provisional=self.indicator.provisional,
            complete=complete,
            note=note,
        )


def score_indicator(indicator: Indicator, given: ScoreInput | None, best: Decimal | None = None) -> IndicatorScore:
    """Score one sub-indicator. Missing data scores 0 and is marked incomplete, never an error."""
    return IndicatorScorer(indicator)(given, best)


def score_framework(
    framework: Framework,
    given: Mapping[str, ScoreInput],
    *,
    best: Mapping[str, Decimal] | None = None,
    kind: ScoreKind = ScoreKind.SELF_ASSESSED,
) -> FrameworkScore:
    """Score every sub-indicator, then the pillars and the total."""
    best = best or {}
    subs, pillars = [], []
    for group in framework.groups:
        scores = [score_indicator(ind, given.get(ind.code), best.get(ind.code)) for ind in group.indicators]
        subs.extend(scores)
        pillars.append(
            PillarScore(group.code, group.name, sum((s.points for s in scores), ZERO), group.max_points or ZERO)
        )
    return FrameworkScore(framework.id, tuple(pillars), tuple(subs), kind)


def score_from_pillars(
    framework: Framework, points: Mapping[str, Decimal], kind: ScoreKind = ScoreKind.PUBLISHED
) -> FrameworkScore:
    """A score known only per pillar (as the ministry publishes it)."""
    return FrameworkScore(
        framework.id,
        tuple(
            PillarScore(g.code, g.name, Decimal(str(points[g.code])), g.max_points or ZERO) for g in framework.groups
        ),
        (),
        kind,
    )


def merged_score(former: Iterable[FrameworkScore]) -> FrameworkScore:
    """A merged province's score as the ministry computed it in 2025: the average of the
    former provinces' main indices, pillar by pillar."""
    former = list(former)
    if not former:
        raise ValueError("no former provinces to merge")
    n = Decimal(len(former))
    first = former[0]
    pillars = tuple(
        PillarScore(p.code, p.name, sum((f.pillar(p.code).points for f in former), ZERO) / n, p.max_points)
        for p in first.pillars
    )
    return FrameworkScore(first.framework, pillars, (), first.kind)


def rank(totals: Mapping[K, Decimal]) -> dict[K, int]:
    """Competition ranking (1, 2, 2, 4): equal totals share a place.

    >>> rank({"a": Decimal(5), "b": Decimal(7), "c": Decimal(5), "d": Decimal(1)})
    {'a': 2, 'b': 1, 'c': 2, 'd': 4}
    """
    first: dict[Decimal, int] = {}  # a total's place: where it first appears, best first
    for position, total in enumerate(sorted(totals.values(), reverse=True), start=1):
        first.setdefault(total, position)
    return {unit: first[total] for unit, total in totals.items()}


def best_values(values_by_unit: Mapping[str, Mapping[str, Value]]) -> dict[str, Decimal]:
    """The best value of each indicator across a set of units, for relative-to-best rules."""
    best: dict[str, Decimal] = {}
    for values in values_by_unit.values():
        for code, value in values.items():
            if isinstance(value, Quantity) and (code not in best or value.value > best[code]):
                best[code] = value.value
    return best


@dataclass(frozen=True)
class KindComparison:
    """One row of the side-by-side view: a pillar or sub-indicator and its points per kind."""

    code: str
    max_points: Decimal
    points: dict[ScoreKind, Decimal | None]


def compare_kinds(scores: Mapping[ScoreKind, FrameworkScore]) -> list[KindComparison]:
    """Self-assessed, appraised, published and projected points side by side, per pillar
    and per sub-indicator, in framework order."""
    reference = next(iter(scores.values()))
    rows = []
    for pillar in reference.pillars:
        rows.append(
            KindComparison(
                pillar.code,
                pillar.max_points,
                {k: next((p.points for p in s.pillars if p.code == pillar.code), None) for k, s in scores.items()},
            )
        )
    codes = [s.code for s in max(scores.values(), key=lambda s: len(s.sub_indicators)).sub_indicators]
    for code in codes:
        found = {k: next((x for x in s.sub_indicators if x.code == code), None) for k, s in scores.items()}
        max_points = next(x.max_points for x in found.values() if x is not None)
        rows.append(KindComparison(code, max_points, {k: (x.points if x else None) for k, x in found.items()}))
    return rows
