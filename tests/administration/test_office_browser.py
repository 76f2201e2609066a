"""The office adds a commune reporter with their unit in a real browser (and the guide's picture)."""

import pytest

from chiso.accounts.models import Grant, Role
from tests import browser
from tests.fixtures.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_adds_a_user_and_grants_a_unit(live_server, page, people, units):
    browser.log_in(page, live_server, "vanphong", PASSWORD)
    page.get_by_role("link", name="Quản trị", exact=True).click()
    page.locator("tr.model-user").get_by_role("link").first.click()
    page.get_by_role("link", name="Thêm vào người dùng").click()
    page.fill("#id_username", "xa_tanhoa")
    page.fill("#id_password1", "Xa-Tan-Hoa-2026!")
    page.fill("#id_password2", "Xa-Tan-Hoa-2026!")
    page.fill("#id_first_name", "Nguyễn Thị Hoa")
    page.select_option("#id_unit", label="Sở Khoa học và Công nghệ")
    page.select_option("#id_role", value=Role.REPORTER)
    browser.guide_picture(page, "office-add-user.png", full_page=True)
    page.locator("input[name=_save]").click()
    page.locator(".messagelist .success").wait_for()
    assert Grant.objects.filter(user__username="xa_tanhoa", unit=units["so-khcn"], role=Role.REPORTER).exists()
    assert "Sở Khoa học và Công nghệ" in page.locator(".inline-group").inner_text()
