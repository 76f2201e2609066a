"""A task shared by several lead units: each reports its own part; the task's status is derived
from theirs ("1/13 đơn vị hoàn thành") and the province's result is the office's alone."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db.models import Count
from django.urls import reverse

from chiso.accounts.models import Grant, Role
from chiso.observations.models import Dataset
from chiso.orgunits.models import OrgUnit
from chiso.tasks.models import Task, TaskStatus
from chiso.tasks.progress import open_tasks

PROVINCE_RESULT = "Đạt 62,11% đơn vị có đầu mối chuyển đổi số"


@pytest.fixture
def shared(db) -> Task:
    """A task led by three departments of Đồng Tháp, with the province's printed result."""
    province = OrgUnit.objects.create(code="dong-thap", name="Tỉnh Đồng Tháp", type="tinh")
    task = Task.objects.create(
        dataset=Dataset.objects.create(code="ke-hoach-2026"),
        code="pl2-4.1",
        name="Sở, ban, ngành có đầu mối chuyển đổi số",
        description="100%",
        deadline_kind="due",
        due_date=datetime.date(2026, 6, 30),
        plan_year=2026,
        status=TaskStatus.IN_PROGRESS,
        status_text=PROVINCE_RESULT,
    )
    for code, name in (
        ("so-khcn", "Sở Khoa học và Công nghệ"),
        ("so-tai-chinh", "Sở Tài chính"),
        ("so-xay-dung", "Sở Xây dựng"),
    ):
        task.lead_units.add(OrgUnit.objects.create(code=code, name=name, type="so_ban_nganh", parent=province))
    return task


def reporter_of(code: str) -> User:
    user = User.objects.create_user(f"nhaplieu-{code}", password="x")
    Grant.objects.create(user=user, unit=OrgUnit.objects.get(code=code), role=Role.REPORTER)
    return user


def office() -> User:
    user = User.objects.create_user("vanphong", password="x")
    Grant.objects.create(user=user, unit=OrgUnit.objects.get(code="dong-thap"), role=Role.ADMIN)
    return user


def report(client, user, task, unit_code, status=TaskStatus.DONE, text="Đã ban hành quyết định phân công"):
    client.force_login(user)
    return client.post(
        reverse("tasks:add_progress", args=[task.pk]),
        {"unit": OrgUnit.objects.get(code=unit_code).pk, "status": status, "text": text},
    )


def page(client, task) -> str:
    return client.get(reverse("tasks:detail", args=[task.pk])).content.decode()


def test_one_lead_units_done_leaves_the_shared_task_open(client, shared) -> None:
    assert report(client, reporter_of("so-khcn"), shared, "so-khcn").status_code == 302
    shared.refresh_from_db()
    assert shared.status == TaskStatus.IN_PROGRESS


def test_the_page_counts_the_lead_units_that_are_done(client, shared) -> None:
    report(client, reporter_of("so-khcn"), shared, "so-khcn")
    assert "1/3 đơn vị hoàn thành" in page(client, shared)


def test_a_units_report_keeps_the_provinces_result(client, shared) -> None:
    report(client, reporter_of("so-tai-chinh"), shared, "so-tai-chinh", text="Sở đã có đầu mối")
    shared.refresh_from_db()
    assert shared.status_text == PROVINCE_RESULT


def test_the_office_writes_the_provinces_result(client, shared) -> None:
    report(client, office(), shared, "dong-thap", status=TaskStatus.IN_PROGRESS, text="Đạt 70% đơn vị")
    shared.refresh_from_db()
    assert shared.status_text == "Đạt 70% đơn vị"


def test_the_task_closes_when_every_lead_unit_is_done(client, shared) -> None:
    for code in ("so-khcn", "so-tai-chinh", "so-xay-dung"):
        report(client, reporter_of(code), shared, code)
    shared.refresh_from_db()
    assert shared.status == TaskStatus.DONE


def test_a_unit_outside_its_scope_changes_nobodys_part(client, shared) -> None:
    response = report(client, reporter_of("so-khcn"), shared, "so-tai-chinh")
    assert response.status_code == 403
    assert not shared.unit_progress.exists()


def test_the_history_speaks_vietnamese(client, shared) -> None:
    report(client, reporter_of("so-khcn"), shared, "so-khcn")
    text = page(client, shared)
    assert "Tình trạng của đơn vị: Chưa báo cáo → Hoàn thành" in text
    for leak in ("chua_bao_cao", "hoan_thanh", "unit_status", "status_text", "«"):
        assert leak not in text.split("Lịch sử thay đổi", 1)[1]


def test_a_unit_done_with_its_part_no_longer_lists_the_task_in_its_report(client, shared) -> None:
    report(client, reporter_of("so-khcn"), shared, "so-khcn")
    assert open_tasks(OrgUnit.objects.get(code="so-khcn"), "2026-Q2") == []
    assert open_tasks(OrgUnit.objects.get(code="so-tai-chinh"), "2026-Q2") == [shared]


def test_the_bundled_task_shared_by_the_most_lead_units_shows_one_done(client, seeded) -> None:
    """000/001's shared task (13 lead units in the plan) after one of them reports "Hoàn thành"."""
    task = Task.objects.annotate(n=Count("lead_units")).order_by("-n", "pk").first()
    before = task.status_text
    unit = task.lead_units.order_by("code").first()
    report(client, reporter_of(unit.code), task, unit.code)
    task.refresh_from_db()
    assert (task.status, task.status_text) == (TaskStatus.IN_PROGRESS, before)
    assert f"1/{task.n} đơn vị hoàn thành" in page(client, task)


def test_the_offices_form_says_it_writes_the_provinces_result(client, shared) -> None:
    client.force_login(office())
    assert "Tỉnh Đồng Tháp — kết quả chung của tỉnh</option>" in page(client, shared)
