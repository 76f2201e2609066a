"""Walk the lineage of org units: who carries on a former unit, and whom a unit replaced."""

import datetime

from django.db.models import QuerySet

from chiso.orgunits.models import LineageEvent, OrgUnit


def successors_of(unit: OrgUnit, on: datetime.date | None = None) -> list[OrgUnit]:
    """Return the units that succeed ``unit`` through merges, splits and renames, transitively.

    Units come in the order they are reached (earlier events first), each once. With ``on``,
    only events dated ``on`` or earlier are followed and only successors active on ``on`` are
    returned: the unit(s) that carry on ``unit`` on that day.
    """
    events = LineageEvent.objects.all()
    if on is not None:
        events = events.filter(date__lte=on)
    found = _walk(unit, events, forward=True)
    if on is not None:
        found = [u for u in found if u.is_active_on(on)]
    return found


def predecessors_of(unit: OrgUnit) -> list[OrgUnit]:
    """Return the units that ``unit`` replaced, transitively, nearest first, each once."""
    return _walk(unit, LineageEvent.objects.all(), forward=False)


def _walk(unit: OrgUnit, events: QuerySet[LineageEvent], forward: bool) -> list[OrgUnit]:
    # Breadth-first, one query per generation; `seen` also stops a miscoded cycle.
    seen = {unit.pk}
    found: list[OrgUnit] = []
    frontier = [unit.pk]
    while frontier:
        if forward:
            step = events.filter(predecessors__in=frontier).prefetch_related("successors")
            step = step.order_by("date", "pk").distinct()
            reached = [u for event in step for u in event.successors.all()]
        else:
            step = events.filter(successors__in=frontier).prefetch_related("predecessors")
            step = step.order_by("-date", "-pk").distinct()
            reached = [u for event in step for u in event.predecessors.all()]
        frontier = []
        for other in reached:
            if other.pk not in seen:
                seen.add(other.pk)
                found.append(other)
                frontier.append(other.pk)
    return found
