"""Notices reach people: a count in the top bar, a list linking to the report, the report's own
open notices, the reporter's home page (what is due, what was returned and why), and e-mail."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from chiso.collection import workflow
from chiso.collection.models import Notice, Submission
from chiso.collection.notices import notify

REASON = "Chỉ tiêu I.8 thiếu số văn bản của quý trước"


@pytest.fixture
def returned(filled: Submission, people) -> Submission:
    """Sở KH&CN's 11/2026 report, sent by its leader and returned by the office with a reason."""
    workflow.submit(people["approver"], filled)
    workflow.return_for_changes(people["office"], filled, REASON)
    filled.refresh_from_db()
    return filled


def signed_in(client: Client, user) -> Client:
    client.force_login(user)
    return client


def badge(page: str) -> str | None:
    """The unread count on the top bar's «Thông báo» link, None when there is no count."""
    link = re.search(r'<a class="notice-badge" id="thong-bao-moi"[^>]*>(.*?)</a>', page, re.S)
    assert link, "the top bar has no «Thông báo» link"
    count = re.search(r'<span class="badge count"[^>]*>(\d+)</span>', link.group(1))
    return count.group(1) if count else None


@pytest.mark.parametrize("page", ["collection:mine", "collection:tracker", "tasks:list"])
def test_the_top_bar_counts_the_unread_notices_on_any_page(client, returned, people, page):
    assert badge(signed_in(client, people["reporter"]).get(reverse(page)).content.decode()) == "1"


def test_the_count_disappears_once_the_notice_is_opened(client, returned, people):
    client = signed_in(client, people["reporter"])
    client.get(reverse("collection:notice_open", args=[Notice.objects.get().pk]))
    assert badge(client.get(reverse("collection:mine")).content.decode()) is None


def test_opening_a_notice_for_one_person_leaves_it_unread_for_another(client, returned, people):
    signed_in(client, people["reporter"]).get(reverse("collection:notice_open", args=[Notice.objects.get().pk]))
    other = Client()
    other.force_login(people["approver"])
    assert badge(other.get(reverse("collection:mine")).content.decode()) == "1"


def test_the_office_gets_no_notice_link_for_the_units_notices(client, returned, people):
    page = signed_in(client, people["office"]).get(reverse("collection:mine")).content.decode()
    assert 'id="thong-bao-moi"' not in page


def test_the_notice_list_shows_the_reason_and_links_to_the_report(client, returned, people):
    client = signed_in(client, people["reporter"])
    page = client.get(reverse("collection:notices")).content.decode()
    notice = Notice.objects.get()
    assert REASON in page
    assert reverse("collection:notice_open", args=[notice.pk]) in page
    opened = client.get(reverse("collection:notice_open", args=[notice.pk]))
    assert opened.status_code == 302
    assert opened["Location"] == reverse("collection:submission", args=[returned.pk]) + "#thong-bao"


def test_another_unit_s_person_cannot_open_the_notice(client, returned, people):
    client = signed_in(client, people["outsider"])
    assert client.get(reverse("collection:notice_open", args=[Notice.objects.get().pk])).status_code == 404
    assert REASON not in client.get(reverse("collection:notices")).content.decode()
    assert not Notice.objects.get().read_by.exists()


def test_the_notice_list_is_a_page_at_a_time(client, submission, people):
    for n in range(35):
        Notice.objects.create(unit=submission.unit, submission=submission, text=f"Thông báo thứ {n}")
    client = signed_in(client, people["reporter"])
    first = client.get(reverse("collection:notices")).content.decode()
    second = client.get(reverse("collection:notices") + "?trang=2").content.decode()
    assert "Thông báo thứ 34<" in first
    assert "Thông báo thứ 0<" not in first
    assert "Thông báo thứ 0<" in second
    assert "Trang 2/2" in second


def test_the_report_page_shows_its_open_notice_with_the_reason(client, returned, people):
    page = (
        signed_in(client, people["reporter"]).get(reverse("collection:submission", args=[returned.pk])).content.decode()
    )
    assert 'id="thong-bao"' in page
    assert f"bị trả lại: {REASON}" in page


def test_the_report_page_does_not_show_another_report_s_notices(client, returned, other_submission, people):
    Notice.objects.create(unit=returned.unit, submission=None, text="Họp giao ban ngày 20/11/2026")
    page = (
        signed_in(client, people["reporter"]).get(reverse("collection:submission", args=[returned.pk])).content.decode()
    )
    assert "Họp giao ban" not in page


def test_the_reporter_s_home_page_says_what_was_returned_and_why(client, returned, people):
    page = signed_in(client, people["reporter"]).get(reverse("home")).content.decode()
    assert "Báo cáo đơn vị bạn cần gửi" in page
    assert "bị trả lại" in page
    assert REASON in page
    assert "trước ngày 18/11/2026" in page


def test_the_reporter_s_home_page_says_what_is_due_and_when(client, submission, people):
    page = signed_in(client, people["reporter"]).get(reverse("home")).content.decode()
    section = page.split("Báo cáo đơn vị bạn cần gửi", 1)[1].split("</section>", 1)[0]
    assert "Báo cáo tháng chuyển đổi số" in section
    assert "hạn gửi: trước ngày 18/11/2026" in section
    assert reverse("collection:submission", args=[submission.pk]) in section


def test_the_reporter_s_home_page_does_not_list_a_report_already_sent(client, filled, people):
    workflow.submit(people["approver"], filled)
    page = signed_in(client, people["reporter"]).get(reverse("home")).content.decode()
    assert "Báo cáo đơn vị bạn cần gửi" not in page


def test_a_return_is_emailed_to_the_unit_s_people_who_have_an_address(filled, people):
    people["reporter"].email = "nhaplieu@khcn.dongthap.example.vn"
    people["reporter"].save()
    people["viewer"].email = "xem@khcn.dongthap.example.vn"  # reads only: not one who must act
    people["viewer"].save()
    workflow.submit(people["approver"], filled)
    workflow.return_for_changes(people["office"], filled, REASON)
    (sent,) = mail.outbox
    assert sent.to == ["nhaplieu@khcn.dongthap.example.vn"]
    assert REASON in sent.body
    assert reverse("collection:submission", args=[filled.pk]) in sent.body
    assert "tháng 11/2026" in sent.subject.lower()


def test_a_mail_server_that_fails_loses_only_the_email(submission, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    people["reporter"].email = "nhaplieu@khcn.dongthap.example.vn"
    people["reporter"].save()
    notify(submission, "Báo cáo tháng 11/2026 đã được phê duyệt.")
    assert Notice.objects.filter(submission=submission).count() == 1
