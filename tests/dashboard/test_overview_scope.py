"""Each province's office sees its own province on the overview, and when its figures were made.

A database may hold several provinces (a ministry's, or the bench's 34): the overview of
Đồng Tháp's office keeps counting Đồng Tháp's 30 reports of 11/2024 (000 Phụ lục VII) when
another province has reported a later month, and that province's office sees only its own.
"""

import datetime
import time

import pytest
from django.contrib.auth.models import User

from chiso.accounts.models import Grant, Role
from chiso.collection.models import Submission
from chiso.orgunits.models import OrgUnit


def counts(page: str) -> dict[str, str]:
    return {
        key: page.split(f'data-testid="submissions-{key}">', 1)[1].split("<", 1)[0]
        for key in ("on_time", "late", "missing")
    }


@pytest.fixture
def can_tho(seed_data) -> OrgUnit:
    """Another province with one department that reported December 2024 late."""
    province = OrgUnit.objects.create(code="can-tho", name="Thành phố Cần Thơ", type="tinh")
    department = OrgUnit.objects.create(code="can-tho-so-khcn", name="Sở KH&CN Cần Thơ", type="so", parent=province)
    Submission.objects.create(
        unit=department,
        period_id="2024-12",
        deadline=datetime.date(2024, 12, 18),
        document_date=datetime.date(2024, 12, 20),
    )
    return province


def office_of(unit: OrgUnit, username: str) -> User:
    user = User.objects.create_user(username, password="Mat-khau-2026!")
    Grant.objects.create(user=user, unit=unit, role=Role.ADMIN)
    return user


def test_dong_thap_keeps_its_november_reports_when_another_province_reported_december(client, office, can_tho):
    client.force_login(office)
    page = client.get("/").content.decode()
    assert "Báo cáo tháng 11/2024" in page
    assert sum(int(n) for n in counts(page).values()) == 30  # 000 Phụ lục VII
    assert "Sở KH&amp;CN Cần Thơ" not in page


def test_another_provinces_office_sees_only_its_own_reports(client, can_tho):
    client.force_login(office_of(can_tho, "vanphong-cantho"))
    page = client.get("/").content.decode()
    assert "Tổng quan — Thành phố Cần Thơ" in page
    assert "Báo cáo tháng 12/2024" in page
    assert counts(page) == {"on_time": "0", "late": "1", "missing": "0"}
    assert "Sở KH&amp;CN Cần Thơ" in page


def test_the_overview_says_when_its_figures_were_made_in_vietnam_time(client, office, settings):
    settings.CHISO_OVERVIEW_SECONDS = 30
    client.force_login(office)
    before = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7)))
    page = client.get("/").content.decode()
    stamp = page.split('data-testid="made-at">', 1)[1].split("</p>", 1)[0]
    made = datetime.datetime.strptime(stamp.split("lúc ", 1)[1][:19], "%H:%M:%S %d/%m/%Y")
    assert abs((made - before.replace(tzinfo=None)).total_seconds()) < 60
    assert "tổng hợp lại sau tối đa 30 giây" in stamp


def test_a_new_report_shows_on_the_overview_once_the_interval_has_passed(client, can_tho, settings, monkeypatch):
    settings.CHISO_OVERVIEW_SECONDS = 1
    # The cache's clock stands still but for the step below: on a busy machine two requests
    # can be more than the 1 s interval apart, and the reuse asserted here would not happen.
    clock = [time.time()]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    client.force_login(office_of(can_tho, "vanphong-cantho"))
    assert counts(client.get("/").content.decode())["late"] == "1"
    department = OrgUnit.objects.create(code="can-tho-so-tc", name="Sở Tài chính Cần Thơ", type="so", parent=can_tho)
    Submission.objects.create(
        unit=department,
        period_id="2024-12",
        deadline=datetime.date(2024, 12, 18),
        document_date=datetime.date(2024, 12, 25),
    )
    assert counts(client.get("/").content.decode())["late"] == "1"  # the same summary, reused
    clock[0] += 1.2
    assert counts(client.get("/").content.decode())["late"] == "2"


def test_with_no_interval_every_view_is_made_afresh(client, can_tho, settings):
    settings.CHISO_OVERVIEW_SECONDS = 0
    client.force_login(office_of(can_tho, "vanphong-cantho"))
    assert counts(client.get("/").content.decode())["late"] == "1"
    Submission.objects.filter(unit__parent=can_tho).update(document_date=datetime.date(2024, 12, 10))
    page = client.get("/").content.decode()
    assert counts(page) == {"on_time": "1", "late": "0", "missing": "0"}
    assert "tổng hợp lại sau" not in page
