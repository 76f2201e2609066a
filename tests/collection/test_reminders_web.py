"""Reminders from the tracker: the office reminds one unit or every unit still due with one click,
under the same once-a-day rule as `chiso remind`, and one log shows both with who and how."""

from __future__ import annotations

import datetime

import pytest
from click.testing import CliRunner
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from chiso.cli import main
from chiso.collection import workflow
from chiso.collection.models import Notice, Reminder, Submission
from chiso.engine.periods import today
from tests.fixtures.personas import PERIOD


def remind(client, **fields):
    return client.post(reverse("collection:remind"), {"ky": PERIOD, "mau": "bao-cao-thang-cds", **fields})


@pytest.fixture
def office(client, people):
    client.force_login(people["office"])
    return client


def run_cli_today(submission: Submission):
    """`chiso remind` on today's date, with today as one of its scheduled days for this deadline."""
    day = today(timezone.now())
    offset = (day - submission.deadline).days
    days = ["--after", str(offset)] if offset >= 0 else ["--before", str(-offset)]
    result = CliRunner().invoke(main, ["remind", "--on", day.isoformat(), *days])
    assert result.exit_code == 0, result.output
    return result


def test_the_office_reminds_one_unit(office, submission, other_submission, people):
    response = remind(office, mot=submission.pk)
    assert response.status_code == 302
    reminder = Reminder.objects.get()
    assert reminder.submission == submission
    assert reminder.sent_by == people["office"]
    assert Notice.objects.filter(submission=submission).count() == 1
    assert not Notice.objects.filter(submission=other_submission).exists()


def test_the_office_reminds_the_ticked_units(office, submission, other_submission):
    remind(office, chon=[submission.pk, other_submission.pk])
    assert set(Reminder.objects.values_list("submission", flat=True)) == {submission.pk, other_submission.pk}


def test_reminding_all_reaches_every_unit_still_due_and_skips_one_that_sent(
    office, submission, other_submission, people
):
    from tests.fixtures.personas import fill

    fill(submission, people["reporter"])
    workflow.submit(people["approver"], submission)
    response = remind(office, tat_ca="1")
    assert [r.submission for r in Reminder.objects.all()] == [other_submission]
    page = office.get(response["Location"]).content.decode()
    assert "Đã nhắc: Sở Tài chính." in page
    assert "Không cần nhắc (đã gửi đầy đủ hoặc đã phê duyệt): Sở Khoa học và Công nghệ." in page


def test_a_second_click_the_same_day_reminds_no_one_again(office, submission):
    remind(office, mot=submission.pk)
    response = remind(office, mot=submission.pk)
    assert Reminder.objects.count() == 1
    assert Notice.objects.count() == 1
    assert "Hôm nay đã nhắc rồi" in office.get(response["Location"]).content.decode()


def test_the_schedule_does_not_remind_again_a_unit_the_office_reminded_today(office, submission):
    remind(office, mot=submission.pk)
    run_cli_today(submission)
    assert Reminder.objects.filter(submission=submission).count() == 1
    assert Notice.objects.filter(submission=submission).count() == 1


def test_the_office_does_not_remind_again_a_unit_the_schedule_reminded_today(office, submission):
    run_cli_today(submission)
    remind(office, mot=submission.pk)
    assert Reminder.objects.filter(submission=submission).count() == 1
    assert Reminder.objects.get(submission=submission).sent_by is None


def test_the_log_shows_the_scheduled_and_the_office_s_reminders_with_their_channel(
    office, submission, other_submission, people
):
    people["outsider"].email = "taichinh@stc.dongthap.example.vn"
    people["outsider"].save()
    remind(office, mot=other_submission.pk)
    run_cli_today(submission)  # the schedule reminds the unit the office has not reminded today
    page = office.get(reverse("collection:reminder_log")).content.decode()
    rows = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]
    by_unit = {("Sở Tài chính" if "Sở Tài chính" in row else "Sở KH&CN"): row for row in rows}
    assert "Theo lịch tự động" in by_unit["Sở KH&CN"]
    assert "Trong ứng dụng</td>" in by_unit["Sở KH&CN"]
    assert people["office"].first_name in by_unit["Sở Tài chính"]
    assert "thư điện tử tới taichinh@stc.dongthap.example.vn" in by_unit["Sở Tài chính"]
    assert "2026-11" not in page


def test_the_reminder_is_emailed_to_the_unit_s_people_who_have_an_address(office, submission, people):
    people["reporter"].email = "nhaplieu@khcn.dongthap.example.vn"
    people["reporter"].save()
    remind(office, mot=submission.pk)
    (sent,) = mail.outbox
    assert sent.to == ["nhaplieu@khcn.dongthap.example.vn"]
    assert reverse("collection:submission", args=[submission.pk]) in sent.body
    assert Reminder.objects.get().recipients == "nhaplieu@khcn.dongthap.example.vn"


@pytest.mark.parametrize("persona", ["reporter", "approver", "viewer"])
def test_only_the_office_may_remind(client, submission, people, persona):
    client.force_login(people[persona])
    assert remind(client, mot=submission.pk).status_code == 403
    assert remind(client, tat_ca="1").status_code == 403
    assert not Reminder.objects.exists()


@pytest.mark.parametrize("persona", ["reporter", "approver", "viewer"])
def test_only_the_office_sees_the_reminder_log(client, submission, people, persona):
    client.force_login(people[persona])
    assert client.get(reverse("collection:reminder_log")).status_code == 403


def test_reminding_with_nothing_ticked_is_refused_in_vietnamese(office, submission):
    response = remind(office)
    assert response.status_code == 400
    assert "Chưa chọn đơn vị nào" in response.content.decode()


def test_the_office_sees_remind_buttons_on_the_tracker_and_a_reporter_does_not(client, office, submission, people):
    url = reverse("collection:tracker") + f"?ky={PERIOD}&mau=bao-cao-thang-cds"
    page = office.get(url).content.decode()
    assert f'name="mot" value="{submission.pk}"' in page
    assert 'name="tat_ca"' in page
    client.force_login(people["reporter"])
    assert 'name="mot"' not in client.get(url).content.decode()


def test_the_log_is_a_page_at_a_time(office, submission):
    base = today(timezone.now())
    Reminder.objects.bulk_create(
        [Reminder(submission=submission, day=base - datetime.timedelta(days=n), kind="after") for n in range(55)]
    )
    first = office.get(reverse("collection:reminder_log")).content.decode()
    assert first.count("<tr>") == 51  # the header and 50 reminders
    assert "Trang 1/2" in first
