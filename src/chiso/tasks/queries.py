"""Which tasks are late, due soon, or whose; and project budgets added up per group."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet

from chiso.engine.deadlines import DUE, RECURRING
from chiso.tasks.models import CLOSED_STATUSES, Project, ProjectGroup, Task


def all_tasks() -> QuerySet[Task]:
    return Task.objects.select_related("dataset").prefetch_related("lead_units", "coordinating_units", "unit_progress")


def tasks_of_unit(unit, tasks: QuerySet[Task] | None = None) -> QuerySet[Task]:
    """Tasks the unit leads or coordinates."""
    tasks = all_tasks() if tasks is None else tasks
    return tasks.filter(Q(lead_units=unit) | Q(coordinating_units=unit)).distinct()


def overdue(on: datetime.date, tasks: QuerySet[Task] | None = None) -> QuerySet[Task]:
    """Open tasks whose last day on time is before ``on`` (a Vietnamese calendar day).

    Matches ``engine.deadlines.is_overdue``: due on D, overdue from 00:00 on D+1.
    """
    tasks = all_tasks() if tasks is None else tasks
    return tasks.filter(deadline_kind=DUE, due_date__lt=on).exclude(status__in=CLOSED_STATUSES).order_by("due_date")


def due_soon(on: datetime.date, days: int = 14, tasks: QuerySet[Task] | None = None) -> list[Task]:
    """Open tasks due within ``days`` days from ``on`` (recurring ones: the end of the current period)."""
    tasks = all_tasks() if tasks is None else tasks
    open_tasks = tasks.exclude(status__in=CLOSED_STATUSES)
    horizon = on + datetime.timedelta(days=days)
    dated = list(open_tasks.filter(deadline_kind=DUE, due_date__gte=on, due_date__lte=horizon))
    recurring = [t for t in open_tasks.filter(deadline_kind=RECURRING) if on <= t.deadline.next_due(on) <= horizon]
    return sorted(dated + recurring, key=lambda t: t.deadline.next_due(on))


# --- projects ---------------------------------------------------------------------------------

SOURCES = (("total", "Khái toán"), ("central", "ĐTPT TW"), ("local", "ĐTPT ĐP"), ("other", "Nguồn khác"))


@dataclass
class Budget:
    """Amounts in million VND; a blank cell counts as nothing."""

    total: Decimal = Decimal(0)
    central: Decimal = Decimal(0)
    local: Decimal = Decimal(0)
    other: Decimal = Decimal(0)
    count: int = 0

    def add(self, p: Project) -> None:
        for name, _ in SOURCES:
            setattr(self, name, getattr(self, name) + (getattr(p, name) or 0))
        self.count += 1


@dataclass
class GroupTotal:
    group: ProjectGroup
    computed: Budget
    projects: list[Project] = field(default_factory=list)

    @property
    def differences(self) -> list[str]:
        """Where the computed sum differs from the printed subtotal, in Vietnamese."""
        out = []
        for name, label in SOURCES[:3]:
            printed = getattr(self.group, f"printed_{name}")
            if printed is not None and printed != getattr(self.computed, name):
                out.append(f"{label}: in {printed}, cộng được {getattr(self.computed, name)}")
        return out


def project_totals(projects: QuerySet[Project] | None = None) -> tuple[list[GroupTotal], GroupTotal | None]:
    """Each group's projects and sums (a parent group such as B adds its sub-groups), and the overall total."""
    projects = list(
        (projects if projects is not None else Project.objects.all())
        .select_related("group", "lead_unit")
        .prefetch_related("events")
    )
    dataset_ids = {p.dataset_id for p in projects}
    groups = ProjectGroup.objects.filter(dataset_id__in=dataset_ids).order_by("dataset__code", "position")
    rows, overall = [], None
    for g in groups:
        members = [
            p for p in projects if p.group_id == g.pk or p.group.parent_code == g.code and p.dataset_id == g.dataset_id
        ]
        if g.is_total:
            members = [p for p in projects if p.dataset_id == g.dataset_id]
        budget = Budget()
        for p in members:
            budget.add(p)
        row = GroupTotal(g, budget, [p for p in members if p.group_id == g.pk])
        if g.is_total:
            overall = row
        else:
            rows.append(row)
    return rows, overall


def latest_event(project: Project):
    events = sorted(project.events.all(), key=lambda e: e.sort_key)
    return events[-1] if events else None
