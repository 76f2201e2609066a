"""A unit's page: where it sits in the tree, its values against targets, its tasks."""

from __future__ import annotations

from chiso.accounts.permissions import require
from chiso.observations.readings import Figure, figures
from chiso.orgunits.models import OrgUnit


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


def values_against_targets(unit: OrgUnit, limit: int = 200) -> list[Figure]:
    """The unit's figures — transcribed from documents and entered in its reports (drafts too,
    each saying its report's status) — each with the target that applies and its verdict."""
    return figures(units=[unit], limit=limit)


def tasks_of(unit: OrgUnit) -> list:
    """Tasks the unit leads or helps with."""
    from chiso.tasks.models import Task

    return list(
        (Task.objects.filter(lead_units=unit) | Task.objects.filter(coordinating_units=unit))
        .distinct()
        .order_by("dataset__code", "position")[:100]
    )
