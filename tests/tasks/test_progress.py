"""Who may report progress on a task, through the task page's form."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from chiso.accounts.models import Grant, Role
from chiso.audit.models import AuditEntry
from chiso.observations.models import Dataset
from chiso.orgunits.models import OrgUnit
from chiso.tasks.models import ProgressNote, Task, TaskStatus
from chiso.tasks.progress import open_tasks


@pytest.fixture
def units(db):
    province = OrgUnit.objects.create(code="dong-thap", name="Tỉnh Đồng Tháp", type="tinh")

    def make(code, name):
        return OrgUnit.objects.create(code=code, name=name, type="so_ban_nganh", parent=province)

    return {
        "dong-thap": province,
        "so-khcn": make("so-khcn", "Sở Khoa học và Công nghệ"),
        "cong-an-tinh": make("cong-an-tinh", "Công an tỉnh"),
        "so-tai-chinh": make("so-tai-chinh", "Sở Tài chính"),
    }


@pytest.fixture
def task(units):
    task = Task.objects.create(
        dataset=Dataset.objects.create(code="dti-2026"),
        code="pl2-5.4",
        description="Kiểm tra hệ thống cấp độ 3",
        deadline_text="Quý II/2026",
        deadline_kind="due",
        due_date=datetime.date(2026, 6, 30),
        plan_year=2026,
    )
    task.lead_units.add(units["cong-an-tinh"])
    task.coordinating_units.add(units["so-khcn"])
    return task


def user_with(role, unit, name):
    user = User.objects.create_user(name, password="x")
    Grant.objects.create(user=user, unit=unit, role=role)
    return user


def post(client, user, task, unit, text="Đã kiểm tra 3/5 hệ thống"):
    client.force_login(user)
    return client.post(
        reverse("tasks:add_progress", args=[task.pk]), {"unit": unit.pk, "status": TaskStatus.IN_PROGRESS, "text": text}
    )


def test_the_lead_units_reporter_updates_its_part_and_the_tasks_status(client, units, task) -> None:
    response = post(client, user_with(Role.REPORTER, units["cong-an-tinh"], "ca"), task, units["cong-an-tinh"])
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS
    assert task.unit_progress.get().text == "Đã kiểm tra 3/5 hệ thống"
    assert ProgressNote.objects.get().unit == units["cong-an-tinh"]


def test_a_coordinating_units_reporter_updates_the_task(client, units, task) -> None:
    post(client, user_with(Role.REPORTER, units["so-khcn"], "khcn"), task, units["so-khcn"])
    assert ProgressNote.objects.filter(unit=units["so-khcn"]).count() == 1


def test_another_units_reporter_gets_403_and_nothing_changes(client, units, task) -> None:
    response = post(client, user_with(Role.REPORTER, units["so-tai-chinh"], "stc"), task, units["so-tai-chinh"])
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.status == TaskStatus.NOT_REPORTED
    assert not ProgressNote.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_reporter_cannot_report_in_the_name_of_the_lead_unit(client, units, task) -> None:
    response = post(client, user_with(Role.REPORTER, units["so-tai-chinh"], "stc"), task, units["cong-an-tinh"])
    assert response.status_code == 403
    assert not ProgressNote.objects.exists()


def test_a_viewer_of_the_lead_unit_cannot_update(client, units, task) -> None:
    response = post(client, user_with(Role.VIEWER, units["cong-an-tinh"], "xem"), task, units["cong-an-tinh"])
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.status == TaskStatus.NOT_REPORTED
    assert not ProgressNote.objects.exists()


def test_the_office_updates_its_provinces_task_in_its_own_name(client, units, task) -> None:
    office = user_with(Role.ADMIN, units["dong-thap"], "vp")
    assert post(client, office, task, units["dong-thap"]).status_code == 302
    assert ProgressNote.objects.get().user == office


def test_the_status_change_is_in_the_audit_trail(client, units, task) -> None:
    post(client, user_with(Role.REPORTER, units["cong-an-tinh"], "ca"), task, units["cong-an-tinh"])
    entry = AuditEntry.objects.get(field="status")
    assert (entry.old, entry.new, entry.username) == (TaskStatus.NOT_REPORTED, TaskStatus.IN_PROGRESS, "ca")


def test_an_empty_progress_text_is_refused_with_a_message(client, units, task) -> None:
    response = post(
        client, user_with(Role.REPORTER, units["cong-an-tinh"], "ca"), task, units["cong-an-tinh"], text=" "
    )
    assert "Hãy ghi kết quả thực hiện" in client.get(response.url).content.decode()
    assert not ProgressNote.objects.exists()


def test_open_tasks_of_a_unit_for_a_period(units, task) -> None:
    assert open_tasks(units["so-khcn"], "2026-Q2") == [task]
    assert open_tasks(units["so-khcn"], "2026-Q3") == []  # due at the end of Q2
    assert open_tasks(units["so-tai-chinh"], "2026-Q2") == []


def test_the_form_offers_only_the_units_the_user_reports_for(client, units, task) -> None:
    client.force_login(user_with(Role.REPORTER, units["so-khcn"], "khcn"))
    page = client.get(reverse("tasks:detail", args=[task.pk])).content.decode()
    assert 'name="unit"' in page
    assert "Sở Khoa học và Công nghệ</option>" in page
    assert "Công an tỉnh</option>" not in page


def test_the_refusal_says_why_in_vietnamese(units, task) -> None:
    from django.core.exceptions import PermissionDenied

    from chiso.tasks.progress import check_may_report

    with pytest.raises(PermissionDenied, match="Sở Tài chính không chủ trì hay phối hợp nhiệm vụ này"):
        check_may_report(user_with(Role.REPORTER, units["so-tai-chinh"], "stc"), task, units["so-tai-chinh"])
