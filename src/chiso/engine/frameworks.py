"""Indicator frameworks as plain data: pillars (groups), indicators, rules, targets.

The same shape serves the provincial DTI (8 pillars, 47 scored sub-indicators), a plan with
targets per period, and a province's own index for its departments and communes. Files are
validated into these classes by `chiso.datafiles`; the engine only reads them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from chiso.engine.targets import Target, parse_target


@dataclass(frozen=True)
class Rule:
    """A scoring rule: its kind and its parameters, as in docs/data-format.md §1.1."""

    kind: str
    params: Mapping[str, Any] = field(default_factory=dict)
    external: bool = False

    def get(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)


@dataclass(frozen=True)
class TargetSpec:
    """A target as printed for one period; `target` is its typed reading."""

    period: str
    text: str
    target: Target


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    measure: str = "percent"
    max_points: Decimal | None = None
    rule: Rule | None = None
    provisional: bool = False
    note: str = ""
    aggregation: str = "none"
    targets: tuple[TargetSpec, ...] = ()

    def target_for(self, period: str) -> TargetSpec | None:
        return next((t for t in self.targets if t.period == period), None)


@dataclass(frozen=True)
class Group:
    """A pillar (chỉ số chính) of an index, or a group (I, II, III) of a plan."""

    code: str
    name: str
    indicators: tuple[Indicator, ...]
    max_points: Decimal | None = None


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    kind: str
    groups: tuple[Group, ...]
    period: str = ""
    locale: str = "vi"
    max_points: Decimal | None = None

    @property
    def indicators(self) -> Iterator[Indicator]:
        for group in self.groups:
            yield from group.indicators

    def indicator(self, code: str) -> Indicator:
        for ind in self.indicators:
            if ind.code == code:
                return ind
        raise KeyError(code)

    def group_of(self, code: str) -> Group:
        for group in self.groups:
            if any(ind.code == code for ind in group.indicators):
                return group
        raise KeyError(code)

    @property
    def is_scored(self) -> bool:
        return self.max_points is not None


def make_target(period: str, text: str, locale: str = "vi") -> TargetSpec:
    return TargetSpec(period=period, text=text, target=parse_target(text, locale))
