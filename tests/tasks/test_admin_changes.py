"""A task's status and its progress notes are what the units reported: the Django admin shows
them but does not change them; any other change made to a task there is audited."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from chiso.audit.trail import history
from chiso.observations.models import Dataset
from chiso.tasks.models import ProgressNote, Task, TaskStatus
from tests.fixtures.admin_forms import change_form

INLINES = ("indicator_links", "progress")


def form_data(obj, **typed) -> dict:
    return change_form(obj, INLINES, **typed)


@pytest.fixture
def task(units, people) -> Task:
    task = Task.objects.create(
        dataset=Dataset.objects.create(code="ke-hoach-cds-2026"),
        code="pl2-5.4",
        description="Kiểm tra hệ thống cấp độ 3",
        deadline_text="Quý II/2026",
        deadline_kind="due",
        due_date=datetime.date(2026, 6, 30),
        plan_year=2026,
        status=TaskStatus.IN_PROGRESS,
        status_text="Đã kiểm tra 3/5 hệ thống",
    )
    task.lead_units.add(units["so-khcn"])
    ProgressNote.objects.create(
        task=task,
        date=datetime.date(2026, 5, 4),
        unit=units["so-khcn"],
        user=people["reporter"],
        status=TaskStatus.IN_PROGRESS,
        text="Đã kiểm tra 3/5 hệ thống",
    )
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
    admin_client.post(
        reverse("admin:tasks_task_change", args=[task.pk]),
        form_data(task, status=TaskStatus.DONE, status_text="Hoàn thành"),
    )
    task.refresh_from_db()
    assert (task.status, task.status_text) == (TaskStatus.IN_PROGRESS, "Đã kiểm tra 3/5 hệ thống")


def test_an_admin_change_to_a_task_is_in_the_audit_trail(admin_client, admin_user, task, units):
    response = admin_client.post(
        reverse("admin:tasks_task_change", args=[task.pk]),
        form_data(task, due_date="2026-09-30", lead_units=[units["so-tai-chinh"].pk]),
    )
    assert response.status_code == 302
    entries = {e.field: e for e in history(task)}
    assert (entries["due_date"].old, entries["due_date"].new) == ("2026-06-30", "2026-09-30")
    assert (entries["lead_units"].old, entries["lead_units"].new) == ("Sở Khoa học và Công nghệ", "Sở Tài chính")
    assert entries["lead_units"].username == admin_user.username
