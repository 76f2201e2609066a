"""Reminders: before and after the deadline, once per submission and day, email and notice."""

import datetime
import json
import socket
import threading
import time

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User
from django.core import mail
from django.test import override_settings

from chiso.accounts.models import Grant, Role
from chiso.cli import main
from chiso.collection.models import FormAssignment, FormItem, Notice, Reminder, ReportForm, SubmissionStatus
from chiso.collection.reminders import ReminderPolicy, remind, remind_one
from chiso.collection.schedules import ensure_expected
from chiso.orgunits.models import OrgUnit

DEADLINE = datetime.date(2026, 11, 18)  # "18": the monthly report for 11/2026 is due before 18/11


@pytest.fixture
def expected(indicator, merger):
    """Sở Y tế owes the 11/2026 monthly report; its reporter and leader have emails."""
    unit = OrgUnit.objects.create(code="so-y-te", name="Sở Y tế", type="so_ban_nganh", parent=merger["dong-thap"])
    form = ReportForm.objects.create(code="cds-thang", name="Báo cáo CĐS", period_kind="month", deadline_rule="18")
    FormItem.objects.create(form=form, indicator=indicator, input_type="number")
    FormAssignment.objects.create(form=form, unit=unit)
    for name, role, email in (
        ("nhaplieu", Role.REPORTER, "nhaplieu@syt.gov.vn"),
        ("lanhdao", Role.APPROVER, "lanhdao@syt.gov.vn"),
        ("xem", Role.VIEWER, "xem@syt.gov.vn"),
        ("khongthu", Role.REPORTER, ""),
    ):
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
    assert outcome.state == "sent"
    assert outcome.kind == "before"
    (message,) = mail.outbox
    assert sorted(message.to) == ["lanhdao@syt.gov.vn", "nhaplieu@syt.gov.vn"]
    assert "Nhắc hạn" in message.subject
    assert "còn 3 ngày" in message.body
    notice = Notice.objects.get(unit=expected.unit)
    assert notice.text.startswith("Còn 3 ngày đến hạn")
    assert "chưa gửi báo cáo" in notice.text


def test_running_again_the_same_day_sends_nothing_more(expected):
    remind(day(-1))
    (again,) = remind(day(-1))
    assert again.state == "already"
    assert len(mail.outbox) == 1
    assert Notice.objects.count() == 1
    assert Reminder.objects.count() == 1


def test_a_day_that_is_not_a_reminder_day_sends_nothing(expected):
    assert remind(day(-2)) == []
    assert mail.outbox == []


def test_after_the_deadline_the_reminder_says_how_late(expected):
    (outcome,) = remind(day(3))
    assert outcome.kind == "after"
    assert "quá hạn 4 ngày" in mail.outbox[0].body


def test_an_approved_report_is_not_reminded(expected):
    expected.status = SubmissionStatus.APPROVED
    expected.save()
    assert remind(day(-1)) == []


def test_a_sent_but_incomplete_report_is_reminded_with_what_is_missing(expected):
    expected.status, expected.received_at = (
        SubmissionStatus.SUBMITTED,
        datetime.datetime(2026, 11, 10, 8, tzinfo=datetime.UTC),
    )
    expected.save()
    (outcome,) = remind(day(0))
    assert outcome.problem == "báo cáo chưa đầy đủ (thiếu: 1.1)"


def test_the_database_constraint_settles_a_race_without_a_second_notice(expected):
    # Another run claimed the day between our look-up and our insert, and its email went out.
    Reminder.objects.create(
        submission=expected, day=day(-3), kind="before", recipients="lanhdao@syt.gov.vn, nhaplieu@syt.gov.vn"
    )
    outcome = remind_one(expected, day(-3), "before", "chưa gửi báo cáo")
    assert outcome.state == "already"
    assert mail.outbox == []
    assert Notice.objects.count() == 0


@pytest.fixture
def two_units(expected):
    """Sở Tài chính owes the same report; its reporter has an address too."""
    unit = OrgUnit.objects.create(
        code="so-tai-chinh", name="Sở Tài chính", type="so_ban_nganh", parent=expected.unit.parent
    )
    FormAssignment.objects.create(form=expected.form, unit=unit)
    Grant.objects.create(
        user=User.objects.create_user("ketoan", email="ketoan@stc.gov.vn"), unit=unit, role=Role.REPORTER
    )
    assert len(ensure_expected(expected.form, "2026-11")) == 2
    return expected


@pytest.fixture
def refused_port():
    """A local port that is bound but not listening: connecting there is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


@pytest.fixture
def silent_port():
    """A mail server that takes the connection and never says a word.

    It hangs up after 10 s, so a missing timeout fails the test instead of hanging it.
    """
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(15)
    done = threading.Event()

    def hold() -> None:
        try:
            connection, _ = server.accept()
        except OSError:
            return
        done.wait(10)
        connection.close()

    threading.Thread(target=hold, daemon=True).start()
    yield server.getsockname()[1]
    done.set()
    server.close()


def smtp_at(port: int, timeout: int = 5):
    """Django's real SMTP backend, pointed at 127.0.0.1:``port``."""
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_TIMEOUT=timeout,
    )


def test_a_refused_email_still_leaves_every_unit_its_notice(two_units, refused_port):
    with smtp_at(refused_port):
        outcomes = remind(day(-3))
    assert [(o.submission.unit.code, o.state) for o in outcomes] == [("so-tai-chinh", "failed"), ("so-y-te", "failed")]
    assert sorted(Notice.objects.values_list("unit__code", flat=True)) == ["so-tai-chinh", "so-y-te"]


def test_a_failed_email_names_the_unit_the_recipients_and_the_server_in_vietnamese(expected, refused_port):
    with smtp_at(refused_port):
        (outcome,) = remind(day(-3))
    assert outcome.error.startswith(
        "Không gửi được thư nhắc «Báo cáo CĐS tháng 11/2026» của Sở Y tế "
        "tới lanhdao@syt.gov.vn, nhaplieu@syt.gov.vn "
        f"qua máy chủ thư 127.0.0.1:{refused_port}: máy chủ thư từ chối kết nối"
    )


def test_the_next_run_the_same_day_sends_the_failed_email_without_a_second_notice(expected, refused_port):
    with smtp_at(refused_port):
        remind(day(-3))
    (retry,) = remind(day(-3))  # the mail server works again (Django's test outbox)
    assert retry.state == "sent"
    assert retry.email_only
    (message,) = mail.outbox
    assert sorted(message.to) == ["lanhdao@syt.gov.vn", "nhaplieu@syt.gov.vn"]
    assert "còn 3 ngày" in message.body
    assert Notice.objects.count() == 1


def test_once_the_retried_email_went_out_a_third_run_sends_nothing(expected, refused_port):
    with smtp_at(refused_port):
        remind(day(-3))
    remind(day(-3))
    (third,) = remind(day(-3))
    assert third.state == "already"
    assert len(mail.outbox) == 1
    assert Notice.objects.count() == 1


def test_a_failed_email_fails_again_on_retry_while_the_server_is_still_down(expected, refused_port):
    with smtp_at(refused_port):
        remind(day(-3))
        (again,) = remind(day(-3))
    assert again.state == "failed"
    assert again.email_only
    assert Notice.objects.count() == 1
    (retry,) = remind(day(-3))
    assert retry.state == "sent"
    assert len(mail.outbox) == 1


def test_a_dry_run_after_a_failed_email_says_the_email_is_still_due(expected, refused_port):
    with smtp_at(refused_port):
        remind(day(-3))
    (listed,) = remind(day(-3), dry_run=True)
    assert listed.state == "would_send"
    assert listed.email_only
    assert mail.outbox == []


def test_a_mail_server_that_never_answers_fails_after_the_email_timeout(expected, silent_port):
    started = time.monotonic()
    with smtp_at(silent_port, timeout=1):
        (outcome,) = remind(day(-3))
    assert time.monotonic() - started < 5
    assert outcome.state == "failed"
    assert "máy chủ thư không trả lời sau 1 giây" in outcome.error
    assert Notice.objects.count() == 1


def test_the_days_are_configurable(expected):
    assert remind(day(-5), ReminderPolicy(before=(5,), after=())) != []


def test_chiso_remind_dry_run_lists_and_sends_nothing(expected):
    result = CliRunner().invoke(main, ["remind", "--on", day(-3).isoformat(), "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert [r["state"] for r in out["reminders"]] == ["would_send"]
    assert out["reminders"][0]["recipients"] == ["lanhdao@syt.gov.vn", "nhaplieu@syt.gov.vn"]
    assert mail.outbox == []
    assert Reminder.objects.count() == 0


def test_chiso_remind_twice_in_a_day_sends_once(expected):
    for _ in range(2):
        result = CliRunner().invoke(main, ["remind", "--on", "15/11/2026", "--json"])
        assert result.exit_code == 0, result.output
    assert json.loads(result.output)["already"] == 1
    assert len(mail.outbox) == 1


def test_chiso_remind_refuses_a_bad_date_in_vietnamese(expected):
    result = CliRunner().invoke(main, ["remind", "--on", "31/02/2026"])
    assert result.exit_code == 2
    assert "không phải ngày hợp lệ" in result.output


def test_chiso_remind_prints_each_failed_email_in_vietnamese_and_exits_1(two_units, refused_port):
    with smtp_at(refused_port):
        result = CliRunner().invoke(main, ["remind", "--on", day(-3).isoformat()])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for unit, to in (("Sở Tài chính", "ketoan@stc.gov.vn"), ("Sở Y tế", "lanhdao@syt.gov.vn, nhaplieu@syt.gov.vn")):
        assert (
            f"Lỗi: Không gửi được thư nhắc «Báo cáo CĐS tháng 11/2026» của {unit} tới {to} "
            f"qua máy chủ thư 127.0.0.1:{refused_port}: máy chủ thư từ chối kết nối"
        ) in result.stderr
    assert "Sở Y tế — Báo cáo CĐS tháng 11/2026: đã ghi thông báo trong ứng dụng, thư chưa gửi được" in result.stdout


def test_chiso_remind_json_lists_the_failed_emails_and_exits_1(two_units, refused_port):
    with smtp_at(refused_port):
        result = CliRunner().invoke(main, ["remind", "--on", day(-3).isoformat(), "--json"])
    assert result.exit_code == 1, result.output
    out = json.loads(result.stdout)
    assert out["failed"] == 2
    assert out["sent"] == 0
    assert [(f["unit"], f["recipients"]) for f in out["failures"]] == [
        ("so-tai-chinh", ["ketoan@stc.gov.vn"]),
        ("so-y-te", ["lanhdao@syt.gov.vn", "nhaplieu@syt.gov.vn"]),
    ]
    assert all(f"127.0.0.1:{refused_port}" in f["error"] for f in out["failures"])


def test_chiso_remind_exits_0_once_the_retried_emails_went_out(two_units, refused_port):
    with smtp_at(refused_port):
        CliRunner().invoke(main, ["remind", "--on", day(-3).isoformat()])
    result = CliRunner().invoke(main, ["remind", "--on", day(-3).isoformat(), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["sent"] == 2
    assert out["failed"] == 0
    assert out["failures"] == []
    assert len(mail.outbox) == 2
    assert Notice.objects.count() == 2
