"""The office switches the tracker to the 11/2024 log in a real browser and sees 000 Phụ lục VII's
tally (17 on time, 11 late, 28 of 30 received); the address follows, and Back returns."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from chiso.accounts.models import Grant, Role
from tests import browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Mat-khau-2026!"


@pytest.fixture
def province_with_a_web_form(seed_data) -> None:
    """The bundled data (units, the 11/2024 log), the office, and a monthly web form for 11/2026."""
    from chiso.collection.models import FormAssignment, ReportForm
    from chiso.collection.schedules import ensure_expected
    from chiso.orgunits.models import OrgUnit

    office = User.objects.create_user("vanphong", password=PASSWORD, first_name="Văn phòng")
    Grant.objects.create(user=office, unit=OrgUnit.objects.get(code="dong-thap"), role=Role.ADMIN)
    form = ReportForm.objects.create(
        code="cds-thang", name="Báo cáo tháng chuyển đổi số", period_kind="month", deadline_rule="18", sections=[]
    )
    for code in ("so-khcn", "so-tai-chinh"):
        FormAssignment.objects.create(form=form, unit=OrgUnit.objects.get(code=code))
    ensure_expected(form, "2026-11")


def test_the_office_switches_the_tracker_to_11_2024_and_sees_17_11_28_of_30(
    live_server, page, province_with_a_web_form
):
    browser.log_in(page, live_server, "vanphong", PASSWORD)
    page.goto(f"{live_server.url}/bao-cao-dinh-ky/theo-doi/")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("tháng 11/2026")

    page.get_by_label("Mẫu báo cáo").select_option(label="Nhật ký nhận báo cáo (từ văn bản)")

    expect(heading).to_contain_text("tháng 11/2024")
    expect(page.get_by_label("Kỳ báo cáo")).to_have_value("2024-11")
    totals = page.locator("#tong-hop")
    expect(totals).to_contain_text("Đã gửi 28/30")
    expect(totals).to_contain_text("Đúng hạn 17 · Trễ hạn 11")
    assert "mau=nhat-ky" in page.url
    assert "ky=2024-11" in page.url
    page.locator("#tong-hop").scroll_into_view_if_needed()
    browser.guide_picture(page, "office-tracker.png", full_page=True)

    page.go_back()
    expect(heading).to_contain_text("tháng 11/2026")
    expect(page.get_by_label("Mẫu báo cáo")).to_have_value("cds-thang")
