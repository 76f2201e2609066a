"""The tracker in a real browser: a report signed and sent on the web shows on time or late."""

import datetime

import pytest
from django.utils import timezone

from chiso.collection.models import Submission
from tests import browser
from tests.fixtures.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username: str) -> None:
    browser.log_in(page, live_server, username, PASSWORD)


def send_on_the_web(page, live_server, submission: Submission) -> None:
    """Sở KH&CN's leader fills the report and signs it off."""
    log_in(page, live_server, "lanhdao")
    page.goto(f"{live_server.url}/bao-cao-dinh-ky/{submission.pk}/")
    page.get_by_label("Tử số I.2").fill("3.662")
    page.get_by_label("Mẫu số I.2").fill("4.393")
    page.get_by_label("Giá trị I.8").fill("1.250")
    page.get_by_label("Giá trị I.6").select_option("Có")
    page.get_by_label("Kết quả thực hiện").fill("Đạt 3/4 chỉ tiêu.")
    page.get_by_label("Khó khăn, vướng mắc").fill("Không có.")
    page.get_by_label("Đề xuất, kiến nghị").fill("Không có.")
    page.get_by_role("button", name="Lưu nháp").click()
    page.get_by_role("status").get_by_text("Đã lưu nháp").wait_for()
    page.get_by_role("button", name="Ký gửi báo cáo").click()
    page.locator("#status").get_by_text("Đã gửi").wait_for()
    page.get_by_role("button", name="Đăng xuất").click()


def tracker_row(page, live_server, submission: Submission):
    log_in(page, live_server, "vanphong")
    page.goto(f"{live_server.url}/bao-cao-dinh-ky/theo-doi/?ky={submission.period_id}&mau={submission.form.code}")
    return page.locator("tr[data-unit='so-khcn']")


def test_a_report_sent_before_the_deadline_day_shows_on_time(live_server, page, people, submission):
    Submission.objects.filter(pk=submission.pk).update(deadline=timezone.localdate() + datetime.timedelta(days=1))
    send_on_the_web(page, live_server, submission)
    row = tracker_row(page, live_server, submission)
    assert "Đúng hạn" in row.inner_text()
    assert timezone.localdate().strftime("%d/%m/%Y") in row.inner_text()
    assert "Đã gửi 1/2" in page.locator("#tong-hop").inner_text()


def test_a_report_sent_on_the_deadline_day_shows_late(live_server, page, people, submission):
    # "trước ngày D": a report that arrives on D itself is late (000 Phụ lục VII).
    Submission.objects.filter(pk=submission.pk).update(deadline=timezone.localdate())
    send_on_the_web(page, live_server, submission)
    row = tracker_row(page, live_server, submission)
    assert "Trễ hạn" in row.inner_text()
    assert "Trễ hạn 1" in page.locator("#tong-hop").inner_text()
