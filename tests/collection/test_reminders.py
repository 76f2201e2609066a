"""Reminders: before and after the deadline, once per submission and day, email and notice."""

import datetime
import json

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings

from chiso.accounts.models import Grant, Role
from chiso.cli import main
from chiso.collection.models import (FormAssignment, FormItem, Notice, Reminder, ReportForm,
                                     SubmissionStatus)
from chiso.collection.reminders import ReminderPolicy, remind, remind_one
from chiso.collection.schedules import ensure_expected
from chiso.orgunits.models import OrgUnit

DEADLINE = datetime.date(2026, 11, 18)  # "18": the monthly report for 11/2026 is due before 18/11


@pytest.fixture
def expected(indicator, merger):
    """Sở Y tế owes the 11/2026 monthly report; its reporter and leader have emails."""
    unit = OrgUnit.objects.create(code="so-y-te", name="Sở Y tế", type="so_ban_nganh",
                                  parent=merger["dong-thap"])
    form = ReportForm.objects.create(code="cds-thang", name="Báo cáo CĐS tháng", period_kind="month",
                                     deadline_rule="18")
    FormItem.objects.create(form=form, indicator=indicator, input_type="number")
    FormAssignment.objects.create(form=form, unit=unit)
    for name, role, email in (("nhaplieu", Role.REPORTER, "nhaplieu@syt.gov.vn"),
                              ("lanhdao", Role.APPROVER, "lanhdao@syt.gov.vn"),
                              ("xem", Role.VIEWER, "xem@syt.gov.vn"),
                              ("khongthu", Role.REPORTER, "")):
        Grant.objects.create(user=User.objects.create_user(name, email=email), unit=unit, role=role)
    office = User.objects.create_user("vanphong", email="vp@skhcn.gov.vn")
    Grant.objects.create(user=office, unit=merger["dong-thap"], role=Role.ADMIN)
    (submission,) = ensure_expected(form, "2026-11")
    assert submission.deadline == DEADLINE
    return submission


def day(n: int) -> datetime.date:
    return DEADLINE + datetime.timedelta(days=n)


def test_three_days_before_the_unit_s_reporter_and_leader_get_an_email_and_a_notice(expected):
    (outcome,) = remind(day(-3))
    assert outcome.state == "sent" and outcome.kind == "before"
    (message,) = mail.outbox
    assert sorted(message.to) == ["lanhdao@syt.gov.vn", "nhaplieu@syt.gov.vn"]
    assert "Nhắc hạn" in message.subject and "còn 3 ngày" in message.body
    notice = Notice.objects.get(unit=expected.unit)
    assert notice.text.startswith("Còn 3 ngày đến hạn") and "chưa gửi báo cáo" in notice.text


def test_running_again_the_same_day_sends_nothing_more(expected):
    remind(day(-1))
    (again,) = remind(day(-1))
    assert again.state == "already"
    assert len(mail.outbox) == 1 and Notice.objects.count() == 1 and Reminder.objects.count() == 1


def test_a_day_that_is_not_a_reminder_day_sends_nothing(expected):
    assert remind(day(-2)) == [] and mail.outbox == []


def test_after_the_deadline_the_reminder_says_how_late(expected):
    (outcome,) = remind(day(3))
    assert outcome.kind == "after"
    assert "quá hạn 4 ngày" in mail.outbox[0].body


def test_an_approved_report_is_not_reminded(expected):
    expected.status = SubmissionStatus.APPROVED
    expected.save()
    assert remind(day(-1)) == []


def test_a_sent_but_incomplete_report_is_reminded_with_what_is_missing(expected):
    expected.status, expected.received_at = SubmissionStatus.SUBMITTED, datetime.datetime(
        2026, 11, 10, 8, tzinfo=datetime.timezone.utc)
    expected.save()
    (outcome,) = remind(day(0))
    assert outcome.problem == "báo cáo chưa đầy đủ (thiếu: 1.1)"


def test_the_database_constraint_settles_a_race_without_a_second_notice(expected):
    # Another run claimed the day between our look-up and our insert.
    Reminder.objects.create(submission=expected, day=day(-3), kind="before")
    outcome = remind_one(expected, day(-3), "before", "chưa gửi báo cáo")
    assert outcome.state == "already" and mail.outbox == [] and Notice.objects.count() == 0


class BrokenMail(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("máy chủ thư không trả lời")


@override_settings(EMAIL_BACKEND="tests.collection.test_reminders.BrokenMail")
def test_a_failed_email_leaves_the_day_free_for_the_next_run(expected):
    with pytest.raises(ConnectionRefusedError):
        remind(day(-3))
    assert Reminder.objects.count() == 0 and Notice.objects.count() == 0


def test_the_days_are_configurable(expected):
    assert remind(day(-5), ReminderPolicy(before=(5,), after=())) != []


def test_chiso_remind_dry_run_lists_and_sends_nothing(expected):
    result = CliRunner().invoke(main, ["remind", "--on", day(-3).isoformat(), "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert [r["state"] for r in out["reminders"]] == ["would_send"]
    assert out["reminders"][0]["recipients"] == ["lanhdao@syt.gov.vn", "nhaplieu@syt.gov.vn"]
    assert mail.outbox == [] and Reminder.objects.count() == 0


def test_chiso_remind_twice_in_a_day_sends_once(expected):
    for _ in range(2):
        result = CliRunner().invoke(main, ["remind", "--on", "15/11/2026", "--json"])
        assert result.exit_code == 0, result.output
    assert json.loads(result.output)["already"] == 1
    assert len(mail.outbox) == 1


def test_chiso_remind_refuses_a_bad_date_in_vietnamese(expected):
    result = CliRunner().invoke(main, ["remind", "--on", "31/02/2026"])
    assert result.exit_code == 2 and "không phải ngày hợp lệ" in result.output
