"""A task's status and its progress notes are what the units reported: the Django admin shows
them but does not change them; any other change made to a task there is audited."""

from __future__ import annotations

import datetime
import json

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from chiso.audit.trail import history
from chiso.observations.models import Dataset
from chiso.tasks.models import ProgressNote, Task, TaskStatus

NO_INLINE_ROWS = {f"{prefix}-{key}": "0" for prefix in ("indicator_links", "progress")
                  for key in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS")}


def form_data(obj, **changes) -> dict:
    """The admin change form as the browser posts it, with ``changes`` typed in."""
    data = dict(NO_INLINE_ROWS)
    for name, value in {**model_to_dict(obj), **changes}.items():
        if value is None or value is False:
            continue
        if obj._meta.get_field(name).many_to_many:
            value = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, dict | list):  # the JSON fields
            value = json.dumps(value)
        data[name] = "on" if value is True else value
    return data


@pytest.fixture
def task(units, people) -> Task:
    task = Task.objects.create(dataset=Dataset.objects.create(code="ke-hoach-cds-2026"), code="pl2-5.4",
                               description="Kiểm tra hệ thống cấp độ 3", deadline_text="Quý II/2026",
                               deadline_kind="due", due_date=datetime.date(2026, 6, 30), plan_year=2026,
                               status=TaskStatus.IN_PROGRESS, status_text="Đã kiểm tra 3/5 hệ thống")
    task.lead_units.add(units["so-khcn"])
    ProgressNote.objects.create(task=task, date=datetime.date(2026, 5, 4), unit=units["so-khcn"],
                                user=people["reporter"], status=TaskStatus.IN_PROGRESS,
                                text="Đã kiểm tra 3/5 hệ thống")
    return task


def test_a_progress_note_cannot_be_rewritten_in_the_admin(admin_client, task):
    note = task.progress.get()
    url = reverse("admin:tasks_progressnote_change", args=[note.pk])
    admin_client.post(url, {**form_data(note, text="Đã hoàn thành"), "task": task.pk})
    assert ProgressNote.objects.get(pk=note.pk).text == "Đã kiểm tra 3/5 hệ thống"


def test_a_progress_note_cannot_be_deleted_in_the_admin(admin_client, task):
    note = task.progress.get()
    admin_client.post(reverse("admin:tasks_progressnote_delete", args=[note.pk]), {"post": "yes"})
    assert ProgressNote.objects.filter(pk=note.pk).exists()


def test_a_tasks_reported_status_is_not_changed_in_the_admin(admin_client, task):
    admin_client.post(reverse("admin:tasks_task_change", args=[task.pk]),
                      form_data(task, status=TaskStatus.DONE, status_text="Hoàn thành"))
    task.refresh_from_db()
    assert (task.status, task.status_text) == (TaskStatus.IN_PROGRESS, "Đã kiểm tra 3/5 hệ thống")


def test_an_admin_change_to_a_task_is_in_the_audit_trail(admin_client, admin_user, task, units):
    response = admin_client.post(reverse("admin:tasks_task_change", args=[task.pk]),
                                 form_data(task, due_date="2026-09-30", lead_units=[units["so-tai-chinh"].pk]))
    assert response.status_code == 302
    entries = {e.field: e for e in history(task)}
    assert (entries["due_date"].old, entries["due_date"].new) == ("2026-06-30", "2026-09-30")
    assert (entries["lead_units"].old, entries["lead_units"].new) == ("Sở Khoa học và Công nghệ", "Sở Tài chính")
    assert entries["lead_units"].username == admin_user.username
