"""A task's history in words: "Tình trạng: Chưa báo cáo → Hoàn thành", never a field name or a key."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist

from chiso.audit.trail import history
from chiso.tasks.models import Task, TaskStatus
from chiso.tasks.progress import UNIT_STATUS

_LABELS = {"status": "Tình trạng chung", UNIT_STATUS: "Tình trạng của đơn vị", "status_text": "Kết quả chung của tỉnh"}
_STATUS_FIELDS = {"status", UNIT_STATUS}


@dataclass(frozen=True)
class Change:
    """One line of the history: when, who, what changed (in words) and why."""

    at: datetime.datetime
    who: str
    what: str
    old: str
    new: str
    reason: str


def _label(field: str) -> str:
    if field in _LABELS:
        return _LABELS[field]
    try:
        name = str(getattr(Task._meta.get_field(field), "verbose_name", field))
    except FieldDoesNotExist:  # a field since removed: still a change, named plainly
        name = "thông tin khác"
    return name[:1].upper() + name[1:]


def _value(field: str, value: str) -> str:
    if field in _STATUS_FIELDS and value in TaskStatus.values:
        return TaskStatus(value).label
    return value or "(trống)"


def changes(task: Task, limit: int = 20) -> list[Change]:
    """The newest ``limit`` changes of ``task``, worded for people.

    >>> _value("status", "chua_bao_cao"), _label("unit_status")
    ('Chưa báo cáo', 'Tình trạng của đơn vị')
    """
    return [
        Change(e.at, e.username, _label(e.field), _value(e.field, e.old), _value(e.field, e.new), e.reason)
        for e in history(task)[:limit]
    ]
