"""A unit's page: where it sits in the tree, its values against targets, its tasks."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from chiso.accounts.permissions import require
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
    """Raise 403 unless the user may view the unit (the permission table already lets a grant
    on a successor cover the units it replaced)."""
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
    # Where the figure comes from: a published document, or a report entered in chiso.
    origin: str = "Văn bản đã ban hành"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, "")


def against(indicator: Indicator, raw: str, target: Target, parsed: dict | None = None) -> tuple[str, str]:
    """(status, reason) of a figure as written against ``target``; ("", why) when unreadable.

    ``parsed`` caches target readings across calls (many units share one target text).
    """
    locale = indicator.framework.locale
    try:
        key = (target.text, locale)
        wanted = parsed[key] if parsed is not None and key in parsed else parse_target(target.text, locale)
        if parsed is not None:
            parsed[key] = wanted
        result = evaluate(parse_quantity(raw, locale) or raw, wanted)
    except (EngineError, ValueError) as error:
        return "", str(error)
    return result.status.value, result.reason


def judged(indicator: Indicator, period_id: str, raw: str, unit: OrgUnit, origin: str,
           targets: dict) -> AgainstTarget:
    """A figure as written, evaluated against its target when there is one: the unit's own
    target for the period's year, else the framework-wide one (``targets`` from :func:`targets_of`)."""
    year = period_id[:4]
    target = targets.get((indicator.pk, year, unit.pk)) or targets.get((indicator.pk, year, None))
    status, reason = against(indicator, raw, target) if target is not None else ("", "")
    return AgainstTarget(indicator, period_id, raw, target, status, reason, origin)


def targets_of(indicator_ids, unit: OrgUnit) -> dict:
    """(indicator id, year, unit id or None) → target: the unit's own and the framework-wide."""
    return {(t.indicator_id, t.period_id, t.unit_id): t
            for t in Target.objects.filter(indicator_id__in=set(indicator_ids))
            .filter(Q(unit=unit) | Q(unit__isnull=True))}


def values_against_targets(unit: OrgUnit, limit: int = 200) -> list[AgainstTarget]:
    """The unit's figures — transcribed from documents and entered in its reports — each
    evaluated against the target for its year. Entered figures say their report's status, so a
    draft is never mistaken for an approved figure."""
    from chiso.collection.models import EnteredValue

    # A framework row carries its whole definition file: never decode it once per figure.
    written = list(DataValue.objects.filter(unit=unit).select_related("indicator__framework")
                   .defer("indicator__framework__definition")
                   .order_by("indicator__framework", "indicator__position", "period_id")[:limit])
    entered = list(EnteredValue.objects.filter(submission__unit=unit).exclude(raw="")
                   .select_related("item__indicator__framework", "submission")
                   .defer("item__indicator__framework__definition")
                   .order_by("-submission__period_id", "item__position")[:limit])
    targets = targets_of([v.indicator_id for v in written] + [v.item.indicator_id for v in entered], unit)
    rows = [judged(v.indicator, v.period_id, v.raw, unit, "Văn bản đã ban hành", targets) for v in written]
    rows += [judged(v.item.indicator, v.submission.period_id, v.raw, unit,
                    f"Báo cáo trên hệ thống — {v.submission.get_status_display().lower()}", targets)
             for v in entered]
    return rows


def tasks_of(unit: OrgUnit) -> list:
    """Tasks the unit leads or helps with."""
    from chiso.tasks.models import Task

    return list((Task.objects.filter(lead_units=unit) | Task.objects.filter(coordinating_units=unit))
                .distinct().order_by("dataset__code", "position")[:100])
