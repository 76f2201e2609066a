"""A unit's page: where it sits in the tree, its values against targets, its tasks."""

from __future__ import annotations

from dataclasses import dataclass

from chiso.accounts.permissions import can, require
from chiso.engine.errors import EngineError
from chiso.engine.evaluation import evaluate
from chiso.engine.numbers import parse_quantity
from chiso.engine.targets import parse_target
from chiso.frameworks.models import Indicator, Target
from chiso.observations.models import DataValue
from chiso.orgunits.models import OrgUnit

STATUS_LABELS = {"exceeded": "Vượt", "met": "Đạt", "not_met": "Chưa đạt", "maintained": "Duy trì",
                 "no_basis": "Chưa có cơ sở đánh giá", "not_applicable": "Không thuộc đối tượng"}


def require_view(user, unit: OrgUnit) -> None:
    """Raise 403 unless the user may view the unit or a unit that carries it on.

    A grant on today's province does not sit above the former provinces in the tree, yet their
    figures are the province's own history, so a grant on a successor covers them too.
    """
    from chiso.orgunits.lineage import successors_of

    if any(can(user, "view", u) for u in [unit, *successors_of(unit)]):
        return
    require(user, "view", unit)


def trail(unit: OrgUnit | None) -> list[OrgUnit]:
    """The unit and its parents, top first (the drill-down breadcrumb)."""
    found = []
    while unit is not None:
        found.insert(0, unit)
        unit = unit.parent
    return found


@dataclass(frozen=True)
class AgainstTarget:
    indicator: Indicator
    period_id: str
    value: str
    target: Target | None
    status: str
    reason: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, "")


def values_against_targets(unit: OrgUnit, limit: int = 200) -> list[AgainstTarget]:
    """The unit's stored values, each evaluated against the target for its year."""
    rows = []
    for v in (DataValue.objects.filter(unit=unit).select_related("indicator__framework")
              .order_by("indicator__framework", "indicator__position", "period_id")[:limit]):
        year = v.period_id[:4]
        target = (Target.objects.filter(indicator=v.indicator, period_id=year, unit=unit).first()
                  or Target.objects.filter(indicator=v.indicator, period_id=year, unit__isnull=True).first())
        status, reason = "", ""
        if target is not None:
            locale = v.indicator.framework.locale
            try:
                result = evaluate(parse_quantity(v.raw, locale) or v.raw, parse_target(target.text, locale))
                status, reason = result.status.value, result.reason
            except (EngineError, ValueError) as error:
                reason = str(error)
        rows.append(AgainstTarget(v.indicator, v.period_id, v.raw, target, status, reason))
    return rows


def tasks_of(unit: OrgUnit) -> list:
    """Tasks the unit leads or helps with."""
    from chiso.tasks.models import Task

    return list((Task.objects.filter(lead_units=unit) | Task.objects.filter(coordinating_units=unit))
                .distinct().order_by("dataset__code", "position")[:100])
