"""A unit reports progress on its tasks: the section of its periodic form, and the task page.

Used by the collection form's progress section and by the task detail view:

* ``open_tasks(unit, period)`` → the tasks ``unit`` leads or coordinates that are still open and
  concern ``period`` (a ``Period`` or an id such as "2026-Q2"): due in or after the period,
  recurring, ongoing or undated. Template: ``tasks/_progress_section.html`` with
  ``{"tasks": …, "unit": unit, "period": period, "statuses": TaskStatus.choices}``.
* ``apply_progress(task, user=, unit=, status=, text=, on=, period_id="")`` → the new
  ``ProgressNote``. The note sets the unit's own status (``UnitProgress``); the task's status is
  derived from its lead units' (``standing(task)`` → "1/13 đơn vị hoàn thành") and the province's
  result (``Task.status_text``) changes only when the office reports in its own unit's name.
  Raises ``PermissionDenied`` (403, Vietnamese reason) unless ``user`` may report for ``unit`` and
  ``unit`` leads or coordinates ``task``, or ``user`` is the DX office reporting in its own unit's
  name on a task led or coordinated by a unit of its province (never in another unit's name, never
  on another province's task). The status changes go to the audit trail in the same transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from chiso.accounts.permissions import is_office, require, unit_ids_for
from chiso.audit.trail import record
from chiso.engine.deadlines import DUE
from chiso.engine.periods import Period, parse_period
from chiso.tasks.models import CLOSED_STATUSES, ProgressNote, Task, TaskStatus, UnitProgress
from chiso.tasks.status import combined_status, status_from_text

# The audit trail's field for one unit's own status on a task (the task's own is "status").
UNIT_STATUS = "unit_status"


def open_tasks(unit, period: Period | str) -> list[Task]:
    """Open tasks of ``unit`` that concern ``period`` (see the module docstring)."""
    period = parse_period(period) if isinstance(period, str) else period
    from chiso.tasks.queries import tasks_of_unit

    tasks = tasks_of_unit(unit).exclude(status__in=CLOSED_STATUSES)
    tasks = tasks.filter(~Q(deadline_kind=DUE) | Q(due_date__gte=period.start) | Q(due_date__isnull=True))
    own = dict(UnitProgress.objects.filter(unit=unit, task__in=tasks).values_list("task_id", "status"))
    rows = []
    for t in tasks:
        t.own_status = own.get(t.pk, TaskStatus.NOT_REPORTED)  # the unit's own part, shown and preselected
        t.own_status_label = TaskStatus(t.own_status).label
        if t.own_status not in CLOSED_STATUSES:
            rows.append(t)
    return sorted(rows, key=lambda t: (t.due_date or datetime.date.max, t.dataset.code, t.position))


def responsible_units(task: Task):
    return list(task.lead_units.all()) + list(task.coordinating_units.all())


def _office_units(user) -> list:
    """The units where ``user`` holds the office's quản trị grant (the province, usually)."""
    from chiso.accounts.models import Grant, Role

    return [g.unit for g in Grant.objects.filter(user=user, role=Role.ADMIN).select_related("unit")]


def _in_office_province(user, task: Task) -> bool:
    """True when a unit leading or coordinating ``task`` is inside the user's office reach."""
    reach = unit_ids_for(user, "manage")
    return any(u.pk in reach for u in responsible_units(task))


def units_user_may_report_for(user, task: Task) -> list:
    """The task's units the user may report for; the DX office also reports in its own unit's
    name on its province's tasks."""
    allowed = unit_ids_for(user, "report_progress")
    units = [u for u in responsible_units(task) if u.pk in allowed]
    if units or not is_office(user):
        return units
    if user.is_superuser:
        return _office_units(user) or responsible_units(task)[:1]  # a superuser without grants
    return _office_units(user) if _in_office_province(user, task) else []


def check_may_report(user, task: Task, unit) -> None:
    """PermissionDenied unless ``user`` may report progress on ``task`` for ``unit``."""
    if user.is_superuser:
        return
    if unit in _office_units(user):
        if not _in_office_province(user, task):
            raise PermissionDenied(
                f"Nhiệm vụ này không do đơn vị nào thuộc {unit.name} chủ trì hay phối hợp "
                "nên không cập nhật được tiến độ."
            )
        return
    if unit not in responsible_units(task):
        raise PermissionDenied(f"{unit.name} không chủ trì hay phối hợp nhiệm vụ này nên không cập nhật được tiến độ.")
    require(user, "report_progress", unit)


def accountable_units(task: Task) -> list:
    """The units whose own status decides a shared task's: its lead units (the coordinating ones
    when no unit of the province leads it)."""
    return list(task.lead_units.all()) or list(task.coordinating_units.all())


def reports_for_province(user, task: Task, unit) -> bool:
    """True when ``user`` writes the province's own result: the office, in its own unit's name."""
    if unit in _office_units(user):
        return True
    return bool(user.is_superuser) and unit not in responsible_units(task)


@dataclass(frozen=True)
class Standing:
    """How many of a shared task's accountable units have closed their part: "4/13 đơn vị hoàn thành"."""

    closed: int
    total: int

    def __str__(self) -> str:
        return f"{self.closed}/{self.total} đơn vị hoàn thành"


def standing(task: Task) -> Standing:
    """The task's accountable units that have closed their part, out of all of them."""
    units = {u.pk for u in accountable_units(task)}
    closed = sum(1 for p in task.unit_progress.all() if p.unit_id in units and p.status in CLOSED_STATUSES)
    return Standing(closed, len(units))


def province_status(task: Task) -> str:
    """The province's own status: the office's latest word, else what the printed result says."""
    own = next((p for p in task.unit_progress.all() if p.for_province), None)
    return own.status if own else status_from_text(task.status_text)


def derived_status(task: Task) -> str:
    units: dict[int, str] = {u.pk: TaskStatus.NOT_REPORTED for u in accountable_units(task)}
    units.update({p.unit_id: p.status for p in task.unit_progress.all() if p.unit_id in units})
    return combined_status(province_status(task), list(units.values()))


def apply_progress(
    task: Task, *, user, unit, status: str, text: str, on: datetime.date, period_id: str = ""
) -> ProgressNote:
    """Record a dated progress note, the unit's own status and the task's derived one (see the module docstring)."""
    check_may_report(user, task, unit)
    if status not in TaskStatus.values:
        raise ValidationError("Tình trạng không hợp lệ.")
    text = text.strip()
    if not text:
        raise ValidationError("Hãy ghi kết quả thực hiện.")
    for_province = reports_for_province(user, task, unit)
    reason = f"Báo cáo tiến độ ngày {on:%d/%m/%Y} của {unit.name}"
    with transaction.atomic():
        note = ProgressNote.objects.create(
            task=task, date=on, unit=unit, user=user, status=status, text=text, period_id=period_id
        )
        own = UnitProgress.objects.filter(task=task, unit=unit).first()
        record(user, task, UNIT_STATUS, own.status if own else TaskStatus.NOT_REPORTED, status, reason=reason)
        UnitProgress.objects.update_or_create(
            task=task, unit=unit, defaults={"status": status, "text": text, "as_of": on, "for_province": for_province}
        )
        if for_province:
            record(user, task, "status_text", task.status_text, text, reason=reason)
            task.status_text, task.status_as_of = text, on
        old_status = task.status
        task.status = derived_status(task)
        task.save(update_fields=["status", "status_text", "status_as_of"])
        if task.status != old_status:
            record(user, task, "status", old_status, task.status, reason=str(standing(task)))
    return note
