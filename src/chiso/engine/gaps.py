"""Where the points are lost, and what it takes to win them back.

For each sub-indicator: the points lost, the value that would give full points, the points a
given change of value brings; the sub-indicators ranked by points recoverable; and the projected
total for a set of assumed values (001's Bảng 2 is such a projection).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from chiso.engine.frameworks import Framework, Indicator
from chiso.engine.numbers import format_number
from chiso.engine.scoring import FrameworkScore, ScoreInput, score_framework, score_indicator


@dataclass(frozen=True)
class Gap:
    code: str
    name: str
    pillar: str
    points: Decimal
    max_points: Decimal
    lost: Decimal
    value_for_full: str
    provisional: bool
    complete: bool


def value_for_full(indicator: Indicator) -> str:
    """The value that gives full points, in words a DX officer reads ("≥ 60%", "Có")."""
    rule = indicator.rule
    unit = "%" if indicator.measure == "percent" else ""
    if rule is None:
        return "Không xác định"
    if rule.kind == "linear":
        target = Decimal(str(rule.get("target", 100))) * Decimal(str(rule.get("cap", 1)))
        return f"≥ {format_number(target)}{unit}"
    if rule.kind == "threshold":
        return f"≥ {format_number(Decimal(str(rule.get('threshold'))))}{unit}"
    if rule.kind == "all_or_nothing":
        return "100%"
    if rule.kind == "yes_no":
        return "Có"
    if rule.kind == "steps":
        top = max(rule.get("levels") or [{}], key=lambda lv: lv.get("points", 0))
        return str(top.get("equals", f"≥ {top.get('min', '?')}"))
    if rule.kind == "composite":
        return "; ".join(f"{p.get('name') or p['code']}: đạt đủ" for p in rule.get("parts") or [])
    if rule.kind == "relative_to_best":
        return "Bằng đơn vị dẫn đầu"
    return "Theo công thức"


def gaps(framework: Framework, score: FrameworkScore) -> list[Gap]:
    """Sub-indicators below full points, the ones losing most first.

    A score known only in part (published points of some sub-indicators) lists what it has.
    """
    known = {s.code: s for s in score.sub_indicators}
    rows = []
    for group in framework.groups:
        for ind in group.indicators:
            s = known.get(ind.code)
            if s is not None and s.lost > 0:
                rows.append(
                    Gap(
                        ind.code,
                        ind.name,
                        group.code,
                        s.points,
                        s.max_points,
                        s.lost,
                        value_for_full(ind),
                        s.provisional,
                        s.complete,
                    )
                )
    return sorted(rows, key=lambda g: (-g.lost, _order(g.code)))


def _order(code: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in code.split("."))


def points_for_change(
    indicator: Indicator, current: ScoreInput, new: ScoreInput, best: Decimal | None = None
) -> Decimal:
    """Points gained (or lost) by moving a sub-indicator from `current` to `new`."""
    return score_indicator(indicator, new, best).points - score_indicator(indicator, current, best).points


def project(
    framework: Framework,
    base: Mapping[str, ScoreInput],
    assumed: Mapping[str, ScoreInput],
    *,
    best: Mapping[str, Decimal] | None = None,
) -> FrameworkScore:
    """The score if the assumed values came true, the others staying as they are."""
    merged = dict(base)
    for code, given in assumed.items():
        merged[code] = _overlaid(merged[code], given) if code in merged else given
    return score_framework(framework, merged, best=best)


def _overlaid(base: ScoreInput, given: ScoreInput) -> ScoreInput:
    """`base` with whatever `given` sets: a value, inputs, an external value, manual points."""
    return replace(
        base,
        value=base.value if given.value is None else given.value,
        inputs=given.inputs or base.inputs,
        external_value=base.external_value if given.external_value is None else given.external_value,
        manual_points=base.manual_points if given.manual_points is None else given.manual_points,
    )
