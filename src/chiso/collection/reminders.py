"""Reminders before and after a deadline, by email and as an in-app notice.

``chiso remind`` runs from cron, as often as the operator likes: a unit gets at most one
reminder per submission and day. The day's slot is claimed by inserting the ``Reminder`` row,
whose unique constraint (submission, day) settles a race between two runs in the database
itself. Each submission is its own unit of work: a mail server that refuses, times out or
rejects the login fails that one email, never the run. The in-app notice is kept (the unit
still sees it inside chiso), but the row's ``recipients`` is left empty, because nobody received
the email: the next run on the same day sends the email again, without a second notice. A row
whose ``recipients`` is filled means the day's email went out; no address at all means only the
notice was due.

Days are counted from the deadline D of "trước ngày D" (000 Phụ lục VII): D − 3 and D − 1
before it (D − 1 is the last day on time), D, D + 3 and D + 7 after it (D is the first late
day). Both lists are settings (``CHISO_REMIND_BEFORE_DAYS``, ``CHISO_REMIND_AFTER_DAYS``) or
command options.
"""

from __future__ import annotations

import datetime
import smtplib
import socket
import ssl
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from chiso.collection.models import Notice, Reminder, Submission, SubmissionStatus
from chiso.collection.notices import addresses_for
from chiso.collection.tracker import is_received, unfilled_items
from chiso.engine.periods import period_words

DEFAULT_BEFORE = (3, 1)
DEFAULT_AFTER = (0, 3, 7)


@dataclass(frozen=True)
class ReminderPolicy:
    """Days before and after the deadline on which to remind."""

    before: tuple[int, ...] = DEFAULT_BEFORE
    after: tuple[int, ...] = DEFAULT_AFTER

    @classmethod
    def from_settings(cls) -> ReminderPolicy:
        return cls(
            tuple(getattr(settings, "CHISO_REMIND_BEFORE_DAYS", DEFAULT_BEFORE)),
            tuple(getattr(settings, "CHISO_REMIND_AFTER_DAYS", DEFAULT_AFTER)),
        )

    def kind_on(self, deadline: datetime.date, day: datetime.date) -> str | None:
        """ "before", "after" or None: whether ``day`` is a reminder day for ``deadline``."""
        offset = (day - deadline).days
        if offset < 0 and -offset in self.before:
            return Reminder.Kind.BEFORE
        if offset >= 0 and offset in self.after:
            return Reminder.Kind.AFTER
        return None


@dataclass
class Outcome:
    """What one run did for one submission."""

    submission: Submission
    kind: str
    # "sent", "already" (reminded today), "would_send" (dry run), "failed" (notice kept, email not sent)
    state: str
    recipients: list[str] = field(default_factory=list)
    problem: str = ""
    error: str = ""  # why the email failed, in Vietnamese, naming the unit, recipients and server
    email_only: bool = False  # this run only (re)tried the email; the notice is from an earlier run

    def as_dict(self) -> dict:
        """The outcome as JSON-ready data (``chiso remind --json``)."""
        s = self.submission
        return {
            "unit": s.unit.code,
            "unit_name": s.unit.name,
            "form": s.form.code if s.form else None,
            "period": s.period_id,
            "deadline": s.deadline.isoformat(),
            "kind": self.kind,
            "state": self.state,
            "recipients": self.recipients,
            "problem": self.problem,
            "email_only": self.email_only,
            "error": self.error,
        }


def needs_reminder(submission: Submission) -> str:
    """Why the unit is reminded ("" when it need not be): not sent, returned, or incomplete."""
    if submission.status == SubmissionStatus.APPROVED:
        return ""
    if submission.status == SubmissionStatus.RETURNED:
        return "báo cáo bị trả lại, chưa gửi lại"
    if not is_received(submission):
        return "chưa gửi báo cáo"
    missing = unfilled_items(submission)
    return f"báo cáo chưa đầy đủ (thiếu: {', '.join(missing)})" if missing else ""


def recipients_for(submission: Submission) -> list[str]:
    """Emails of active users who enter or sign for the unit (grants on it or above it)."""
    return addresses_for(submission.unit)


def message_context(submission: Submission, kind: str, reason: str, day: datetime.date) -> dict:
    period_label = period_words(submission.period_id)  # «tháng 11/2026»; an unreadable id as stored
    try:
        path = reverse("collection:submission", args=[submission.pk])
    except NoReverseMatch:
        path = reverse("collection:tracker")
    return {
        "s": submission,
        "kind": kind,
        "reason": reason,
        "period_label": period_label,
        "days_left": (submission.deadline - day).days,
        "days_late": (day - submission.deadline).days + 1,
        "last_day": submission.deadline - datetime.timedelta(days=1),
        "link": settings.CHISO_SITE_URL.rstrip("/") + path,
    }


def mail_server() -> str:
    """Where email goes, as an operator would look it up: ``host:port`` for SMTP."""
    if settings.EMAIL_BACKEND.endswith("smtp.EmailBackend"):
        return f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    return settings.EMAIL_BACKEND


_PORTS = "kiểm tra cổng và CHISO_EMAIL_TLS / CHISO_EMAIL_SSL: 587 dùng TLS, 465 dùng SSL"

# What each sending error means for the operator, most specific first (a certificate error is
# also an SSLError, a refused connection also an OSError).
_REASONS: tuple[tuple[type[BaseException], str], ...] = (
    (smtplib.SMTPAuthenticationError, "máy chủ thư từ chối đăng nhập: sai CHISO_EMAIL_USER hoặc CHISO_EMAIL_PASSWORD"),
    (
        smtplib.SMTPNotSupportedError,
        "máy chủ thư không nhận lệnh này, thường là không cho đăng nhập khi chưa mã hóa (thử CHISO_EMAIL_TLS=true)",
    ),
    (smtplib.SMTPRecipientsRefused, "máy chủ thư từ chối mọi địa chỉ người nhận"),
    (smtplib.SMTPSenderRefused, "máy chủ thư từ chối địa chỉ gửi CHISO_EMAIL_FROM"),
    (smtplib.SMTPServerDisconnected, f"máy chủ thư ngắt kết nối giữa chừng ({_PORTS})"),
    (
        ssl.SSLCertVerificationError,
        (
            "chứng chỉ của máy chủ thư không được tin cậy hoặc không mang tên CHISO_EMAIL_HOST "
            "(chứng chỉ tự ký hoặc CA nội bộ: thêm CA vào máy bằng update-ca-certificates)"
        ),
    ),
    (ssl.SSLError, f"lỗi mã hóa TLS với máy chủ thư ({_PORTS})"),
    (ConnectionRefusedError, "máy chủ thư từ chối kết nối (không có dịch vụ thư ở địa chỉ và cổng này)"),
    (socket.gaierror, "không tìm thấy máy chủ thư theo tên CHISO_EMAIL_HOST"),
)


def mail_failure_reason(error: BaseException) -> str:
    """What went wrong while sending, in Vietnamese, with the technical text kept for searching."""
    # smtplib turns a read that timed out into SMTPServerDisconnected; the timeout is its context.
    if isinstance(error, TimeoutError) or isinstance(error.__context__, TimeoutError):
        seconds = getattr(settings, "EMAIL_TIMEOUT", None)
        waited = f"sau {seconds} giây" if seconds else "trong thời gian chờ"
        what = f"máy chủ thư không trả lời {waited} (CHISO_EMAIL_TIMEOUT)"
        if settings.EMAIL_PORT == 465 and not settings.EMAIL_USE_SSL:
            # A port-465 server waits for a TLS hello and says nothing: it looks exactly like this.
            what += "; cổng 465 cần CHISO_EMAIL_SSL=true và CHISO_EMAIL_TLS=false"
    else:
        what = next((text for kind, text in _REASONS if isinstance(error, kind)), "lỗi khi gửi thư")
    return f"{what} ({type(error).__name__}: {error})"


def _send(submission: Submission, recipients: list[str], context: dict) -> str:
    """Send the reminder email; "" when it went out, else the Vietnamese reason it did not."""
    try:
        EmailMessage(
            subject=render_to_string("collection/email/reminder_subject.txt", context).strip(),
            body=render_to_string("collection/email/reminder_body.txt", context),
            to=recipients,
        ).send()
    except (smtplib.SMTPException, OSError) as error:  # ssl and socket errors are OSErrors
        form = submission.form.name if submission.form else "báo cáo"
        return (
            f"Không gửi được thư nhắc «{form} {period_words(submission.period_id)}» của {submission.unit.name} "
            f"tới {', '.join(recipients)} qua máy chủ thư {mail_server()}: {mail_failure_reason(error)}"
        )
    return ""


def _email_still_due(
    submission: Submission, day: datetime.date, kind: str, reason: str, recipients: list[str], context: dict
) -> Outcome:
    """The day's reminder exists: send its email if an earlier run failed to, else nothing."""
    if not recipients:
        return Outcome(submission, kind, "already", recipients, reason)
    with transaction.atomic():
        # The update is the claim, as the insert is for a new reminder: a concurrent run waits
        # on the row, then finds the recipients filled (sent) or empty again (failed, rolled back).
        claimed = Reminder.objects.filter(submission=submission, day=day, recipients="").update(
            recipients=", ".join(recipients), sent_at=timezone.now()
        )
        if not claimed:
            return Outcome(submission, kind, "already", recipients, reason)
        error = _send(submission, recipients, context)
        if error:
            transaction.set_rollback(True)
            return Outcome(submission, kind, "failed", recipients, reason, error, email_only=True)
    return Outcome(submission, kind, "sent", recipients, reason, email_only=True)


def remind_one(
    submission: Submission, day: datetime.date, kind: str, reason: str, dry_run: bool = False, by=None
) -> Outcome:
    """Remind one unit about one submission on ``day``: the in-app notice once, the email until it goes.

    A failed email never raises: the outcome says "failed" with the reason, the notice stays,
    and the email is left for the next run on the same day. ``by`` is the office user who pressed
    "Nhắc" on the tracker; None for the scheduled run.
    """
    recipients = recipients_for(submission)
    if dry_run:
        reminded = Reminder.objects.filter(submission=submission, day=day).first()
        email_due = reminded is not None and not reminded.recipients and bool(recipients)
        state = "already" if reminded is not None and not email_due else "would_send"
        return Outcome(submission, kind, state, recipients, reason, email_only=email_due)
    context = message_context(submission, kind, reason, day)
    try:
        with transaction.atomic():
            # The insert is the claim: a concurrent run blocks on the unique index, then fails here.
            claim = Reminder.objects.create(
                submission=submission, day=day, kind=kind, recipients=", ".join(recipients), sent_by=by
            )
            Notice.objects.create(
                unit=submission.unit,
                submission=submission,
                text=render_to_string("collection/email/reminder_notice.txt", context).strip(),
            )
            error = _send(submission, recipients, context) if recipients else ""
            if error:
                # Nobody received it: empty recipients leave the email due for the next run.
                claim.recipients = ""
                claim.save(update_fields=["recipients"])
    except IntegrityError:
        return _email_still_due(submission, day, kind, reason, recipients, context)
    if error:
        return Outcome(submission, kind, "failed", recipients, reason, error)
    return Outcome(submission, kind, "sent", recipients, reason)


def due_reminders(day: datetime.date, policy: ReminderPolicy):
    """(submission, kind, reason) for every web submission to remind on ``day``."""
    offsets = [day + datetime.timedelta(days=n) for n in policy.before]
    offsets += [day - datetime.timedelta(days=n) for n in policy.after]
    candidates = (
        Submission.objects.filter(form__isnull=False, form__active=True, deadline__in=offsets)
        .exclude(status=SubmissionStatus.APPROVED)
        .select_related("unit", "form")
        .order_by("deadline", "unit__name")
    )
    for submission in candidates:
        kind = policy.kind_on(submission.deadline, day)
        reason = needs_reminder(submission)
        if kind and reason:
            yield submission, kind, reason


def remind(day: datetime.date, policy: ReminderPolicy | None = None, dry_run: bool = False) -> list[Outcome]:
    """Send the day's reminders; safe to run any number of times a day."""
    policy = policy or ReminderPolicy.from_settings()
    return [remind_one(s, day, kind, reason, dry_run) for s, kind, reason in due_reminders(day, policy)]


def kind_for(deadline: datetime.date, day: datetime.date) -> str:
    """ "before" until the deadline day, "after" from it ("trước ngày D": D is already late)."""
    return Reminder.Kind.BEFORE if day < deadline else Reminder.Kind.AFTER


def remind_now(submissions, day: datetime.date, by) -> list[Outcome]:
    """Remind these units now, as the office asks from the tracker: the same once-a-day claim
    as ``chiso remind`` (a unit the schedule reminded today is not reminded again), on any day,
    only where something is still due. ``by`` is the office user; permissions are the view's job.

    A unit with nothing due gets the state "not_needed" and no notice.
    """
    outcomes = []
    for submission in submissions:
        reason = needs_reminder(submission)
        if not reason:
            outcomes.append(Outcome(submission, "", "not_needed"))
            continue
        outcomes.append(remind_one(submission, day, kind_for(submission.deadline, day), reason, by=by))
    return outcomes
