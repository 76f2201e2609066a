"""The DX office reports task progress in its own unit's name, on its own province's tasks only.

Đồng Tháp's office may record progress on a task Sở KH&CN coordinates, as the office; it may not
write in Sở KH&CN's name, and Cần Thơ's office may not touch Đồng Tháp's task at all.
"""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from chiso.accounts.models import Grant, Role
from chiso.observations.models import Dataset
from chiso.orgunits.models import OrgUnit
from chiso.tasks.models import ProgressNote, Task, TaskStatus
from chiso.tasks.progress import units_user_may_report_for


@pytest.fixture
def task(units) -> Task:
    task = Task.objects.create(
        dataset=Dataset.objects.create(code="ke-hoach-cds-2026"),
        code="pl2-5.4",
        description="Kiểm tra hệ thống cấp độ 3",
        deadline_text="Quý II/2026",
        deadline_kind="due",
        due_date=datetime.date(2026, 6, 30),
        plan_year=2026,
    )
    task.coordinating_units.add(units["so-khcn"])
    return task


@pytest.fixture
def can_tho_office(db) -> User:
    province = OrgUnit.objects.create(code="can-tho", name="Thành phố Cần Thơ", type="tinh")
    user = User.objects.create_user("vanphong-cantho", password="Mat-khau-2026!")
    Grant.objects.create(user=user, unit=province, role=Role.ADMIN)
    return user


def post(client, user, task, unit):
    client.force_login(user)
    return client.post(
        reverse("tasks:add_progress", args=[task.pk]),
        {"unit": unit.pk, "status": TaskStatus.IN_PROGRESS, "text": "Đã kiểm tra 3/5 hệ thống"},
    )


def test_the_office_reports_in_its_own_name_on_its_provinces_task(client, people, units, task):
    assert post(client, people["office"], task, units["dong-thap"]).status_code == 302
    assert ProgressNote.objects.get().unit == units["dong-thap"]


def test_the_office_cannot_report_in_a_departments_name(client, people, units, task):
    assert post(client, people["office"], task, units["so-khcn"]).status_code == 403
    task.refresh_from_db()
    assert task.status == TaskStatus.NOT_REPORTED
    assert not ProgressNote.objects.exists()


@pytest.mark.parametrize("unit", ["so-khcn", "dong-thap"])
def test_another_provinces_office_cannot_report_on_this_provinces_task(client, units, task, can_tho_office, unit):
    assert post(client, can_tho_office, task, units[unit]).status_code == 403
    assert not ProgressNote.objects.exists()


def test_another_provinces_office_cannot_report_in_its_own_name_here(client, task, can_tho_office):
    assert post(client, can_tho_office, task, OrgUnit.objects.get(code="can-tho")).status_code == 403
    task.refresh_from_db()
    assert task.status == TaskStatus.NOT_REPORTED


def test_the_task_page_offers_another_provinces_office_no_unit_to_report_for(task, can_tho_office):
    assert units_user_may_report_for(can_tho_office, task) == []
