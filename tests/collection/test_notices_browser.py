"""A return reaches the reporter in a real browser: the office returns a sent report with a
reason; the reporter sees the count in the top bar, the notice, and the reason on the report."""

import pytest

from chiso.collection import workflow
from tests import browser
from tests.fixtures.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Chỉ tiêu I.8 thiếu số văn bản của tháng 10; bổ sung rồi gửi lại"


def test_the_reporter_sees_the_badge_the_notice_and_the_reason_of_a_return(live_server, page, people, filled):
    workflow.submit(people["approver"], filled)
    browser.log_in(page, live_server, "vanphong", PASSWORD)
    page.goto(f"{live_server.url}/bao-cao-dinh-ky/{filled.pk}/")
    page.get_by_label("Lý do trả lại").fill(REASON)
    page.get_by_role("button", name="Trả lại", exact=True).click()
    page.locator("#status").get_by_text("Bị trả lại").wait_for()
    page.get_by_role("button", name="Đăng xuất").click()

    browser.log_in(page, live_server, "nhaplieu", PASSWORD)
    badge = page.locator("#thong-bao-moi")
    assert badge.locator(".count").inner_text() == "1"
    home = page.locator("section.due-reports")
    assert REASON in home.inner_text()
    assert "trước ngày 18/11/2026" in home.inner_text()
    browser.guide_picture(home, "reporter-home-due.png")
    badge.click()
    notice = page.get_by_role("link", name=REASON, exact=False)
    notice.wait_for()
    browser.guide_picture(page, "reporter-notice.png", full_page=True)
    notice.click()
    page.wait_for_url(f"{live_server.url}/bao-cao-dinh-ky/{filled.pk}/#thong-bao")
    assert REASON in page.get_by_role("note").first.inner_text()
    assert page.locator("#thong-bao-moi .count").count() == 0


def test_the_office_reminds_a_late_unit_from_the_tracker_and_sees_it_in_the_log(live_server, page, people, submission):
    browser.log_in(page, live_server, "vanphong", PASSWORD)
    page.goto(f"{live_server.url}/bao-cao-dinh-ky/theo-doi/?ky={submission.period_id}&mau={submission.form.code}")
    page.locator("tr[data-unit='so-khcn']").get_by_role("button", name="Nhắc").click()
    page.get_by_role("status").get_by_text("Đã nhắc: Sở Khoa học và Công nghệ.").wait_for()
    page.get_by_role("link", name="Nhật ký nhắc nhở").click()
    row = page.locator("#nhat-ky-nhac tbody tr").first
    assert "Sở Khoa học và Công nghệ" in row.inner_text()
    assert "vanphong" in row.inner_text()
    assert "Trong ứng dụng" in row.inner_text()
    browser.guide_picture(page, "office-reminder-log.png", full_page=True)
