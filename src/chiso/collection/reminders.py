"""Reminders before and after a deadline, by email and as an in-app notice.

``chiso remind`` runs from cron, as often as the operator likes: a unit gets at most one
reminder per submission and day. The day's slot is claimed by inserting the ``Reminder`` row,
whose unique constraint (submission, day) settles a race between two runs in the database
itself; the notice and the email go out in the same transaction, so a failed email frees the
slot for the next run instead of being recorded as sent.

Days are counted from the deadline D of "trước ngày D" (000 Phụ lục VII): D − 3 and D − 1
before it (D − 1 is the last day on time), D, D + 3 and D + 7 after it (D is the first late
day). Both lists are settings (``CHISO_REMIND_BEFORE_DAYS``, ``CHISO_REMIND_AFTER_DAYS``) or
command options.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from chiso.accounts.models import Grant
from chiso.accounts.permissions import ACTIONS
from chiso.collection.models import Notice, Reminder, Submission, SubmissionStatus
from chiso.collection.tracker import is_received, unfilled_items
from chiso.engine.periods import parse_period

DEFAULT_BEFORE = (3, 1)
DEFAULT_AFTER = (0, 3, 7)


@dataclass(frozen=True)
class ReminderPolicy:
    """Days before and after the deadline on which to remind."""

    before: tuple[int, ...] = DEFAULT_BEFORE
    after: tuple[int, ...] = DEFAULT_AFTER

    @classmethod
    def from_settings(cls) -> ReminderPolicy:
        return cls(tuple(getattr(settings, "CHISO_REMIND_BEFORE_DAYS", DEFAULT_BEFORE)),
                   tuple(getattr(settings, "CHISO_REMIND_AFTER_DAYS", DEFAULT_AFTER)))

    def kind_on(self, deadline: datetime.date, day: datetime.date) -> str | None:
        """"before", "after" or None: whether ``day`` is a reminder day for ``deadline``."""
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
    state: str  # "sent", "already" (reminded today), "would_send" (dry run)
    recipients: list[str] = field(default_factory=list)
    problem: str = ""

    def as_dict(self) -> dict:
        s = self.submission
        return {"unit": s.unit.code, "unit_name": s.unit.name, "form": s.form.code if s.form else None,
                "period": s.period_id, "deadline": s.deadline.isoformat(), "kind": self.kind,
                "state": self.state, "recipients": self.recipients, "problem": self.problem}


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
    ancestors, unit = [], submission.unit
    while unit is not None:
        ancestors.append(unit.pk)
        unit = unit.parent
    roles = ACTIONS["enter"] | ACTIONS["submit"]
    user_ids = Grant.objects.filter(unit_id__in=ancestors, role__in=roles).values("user_id")
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email="")
    return sorted({u.email for u in users})


def message_context(submission: Submission, kind: str, reason: str, day: datetime.date) -> dict:
    try:
        period_label = parse_period(submission.period_id).label
    except Exception:  # a stored id the engine cannot read is shown as it is
        period_label = submission.period_id
    try:
        path = reverse("collection:submission", args=[submission.pk])
    except NoReverseMatch:
        path = reverse("collection:tracker")
    return {"s": submission, "kind": kind, "reason": reason, "period_label": period_label,
            "days_left": (submission.deadline - day).days, "days_late": (day - submission.deadline).days + 1,
            "last_day": submission.deadline - datetime.timedelta(days=1),
            "link": settings.CHISO_SITE_URL.rstrip("/") + path}


def remind_one(submission: Submission, day: datetime.date, kind: str, reason: str,
               dry_run: bool = False) -> Outcome:
    """Remind one unit about one submission on ``day``, unless it was already reminded that day."""
    recipients = recipients_for(submission)
    if dry_run:
        already = Reminder.objects.filter(submission=submission, day=day).exists()
        return Outcome(submission, kind, "already" if already else "would_send", recipients, reason)
    context = message_context(submission, kind, reason, day)
    try:
        with transaction.atomic():
            # The insert is the claim: a concurrent run blocks on the unique index, then fails here.
            Reminder.objects.create(submission=submission, day=day, kind=kind,
                                    recipients=", ".join(recipients))
            Notice.objects.create(unit=submission.unit, submission=submission,
                                  text=render_to_string("collection/email/reminder_notice.txt", context).strip())
            if recipients:
                EmailMessage(
                    subject=render_to_string("collection/email/reminder_subject.txt", context).strip(),
                    body=render_to_string("collection/email/reminder_body.txt", context),
                    to=recipients,
                ).send()
    except IntegrityError:
        return Outcome(submission, kind, "already", recipients, reason)
    return Outcome(submission, kind, "sent", recipients, reason)


def due_reminders(day: datetime.date, policy: ReminderPolicy):
    """(submission, kind, reason) for every web submission to remind on ``day``."""
    offsets = [day + datetime.timedelta(days=n) for n in policy.before]
    offsets += [day - datetime.timedelta(days=n) for n in policy.after]
    candidates = (Submission.objects.filter(form__isnull=False, form__active=True, deadline__in=offsets)
                  .exclude(status=SubmissionStatus.APPROVED)
                  .select_related("unit", "form").order_by("deadline", "unit__name"))
    for submission in candidates:
        kind = policy.kind_on(submission.deadline, day)
        reason = needs_reminder(submission)
        if kind and reason:
            yield submission, kind, reason


def remind(day: datetime.date, policy: ReminderPolicy | None = None, dry_run: bool = False) -> list[Outcome]:
    """Send the day's reminders; safe to run any number of times a day."""
    policy = policy or ReminderPolicy.from_settings()
    return [remind_one(s, day, kind, reason, dry_run) for s, kind, reason in due_reminders(day, policy)]
