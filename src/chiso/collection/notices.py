"""In-app notices: which a user sees (those of the units they enter or sign for), unread first.

A notice is left by the workflow (returned, approved, reopened) and by each reminder; the people
of the unit see a count in the top bar on every page, the list of their notices, the open ones on
the report itself, and an e-mail where they have an address.
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse

from chiso.accounts.models import Grant
from chiso.accounts.permissions import ACTIONS, unit_ids_for
from chiso.collection.models import Notice, Submission
from chiso.formats.filters import period

log = logging.getLogger(__name__)


def notice_unit_ids(user) -> set[int]:
    """Units whose notices concern ``user``: where they enter figures or sign reports.

    Everyone who signs may also enter ("submit" ⊂ "enter" in the permission table), so one
    grants lookup answers both. The DX office is not among them: it watches every unit through
    the tracker instead of receiving each unit's reminders.
    """
    if not user.is_authenticated or user.is_superuser:
        return set()
    cached = getattr(user, "_chiso_notice_units", None)
    if cached is None:
        # The badge, the home page and the report page ask in one request: resolve the tree once.
        cached = unit_ids_for(user, "enter") | unit_ids_for(user, "submit")
        user._chiso_notice_units = cached
    return cached


def notices_for(user) -> QuerySet[Notice]:
    """Every notice of the user's units, newest first (read or not)."""
    return Notice.objects.filter(unit_id__in=notice_unit_ids(user)).select_related("unit", "submission__form")


def unread_for(user) -> QuerySet[Notice]:
    """The notices of the user's units that the user has not marked read, newest first."""
    return notices_for(user).exclude(read_by=user.pk if user.is_authenticated else None)


def unread_count(user) -> int:
    """How many notices wait for ``user``: the number on the top bar's badge (one COUNT query)."""
    if not notice_unit_ids(user):
        return 0
    return unread_for(user).count()


def mark_read(user, notices: QuerySet[Notice]) -> None:
    """Mark these notices read for ``user`` (the ones already read stay as they are)."""
    through = Notice.read_by.through
    fresh = notices.exclude(read_by=user.pk).values_list("pk", flat=True)
    through.objects.bulk_create([through(notice_id=pk, user_id=user.pk) for pk in fresh], ignore_conflicts=True)


def addresses_for(unit) -> list[str]:
    """E-mails of active users who enter or sign for ``unit`` (grants on it or above it)."""
    ancestors = []
    while unit is not None:
        ancestors.append(unit.pk)
        unit = unit.parent
    roles = ACTIONS["enter"] | ACTIONS["submit"]
    user_ids = Grant.objects.filter(unit_id__in=ancestors, role__in=roles).values("user_id")
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email="")
    return sorted({u.email for u in users})


def report_name(submission: Submission) -> str:
    """ "Báo cáo tháng chuyển đổi số tháng 11/2026": the form and the period, as a sentence names them."""
    return f"{submission.form.name if submission.form else 'Báo cáo'} {period(submission.period_id)}"


def report_link(submission: Submission) -> str:
    """The full address of the report page, for an e-mail read outside chiso."""
    return settings.CHISO_SITE_URL.rstrip("/") + reverse("collection:submission", args=[submission.pk])


def notify(submission: Submission, text: str) -> Notice:
    """Leave a notice for the unit and e-mail it to the unit's people who have an address.

    A mail server that fails loses only the e-mail: the notice is in chiso all the same, and
    the return or approval it tells of is not undone.
    """
    notice = Notice.objects.create(unit=submission.unit, submission=submission, text=text)
    recipients = addresses_for(submission.unit)
    if recipients:
        context = {
            "s": submission,
            "text": text,
            "period_label": period(submission.period_id),
            "link": report_link(submission),
        }
        try:
            EmailMessage(
                subject=render_to_string("collection/email/notice_subject.txt", context).strip(),
                body=render_to_string("collection/email/notice_body.txt", context),
                to=recipients,
            ).send()
        except (smtplib.SMTPException, OSError) as error:  # ssl and socket errors are OSErrors
            log.warning(
                "Không gửi được thư thông báo về báo cáo %s của %s tới %s: %s",
                submission.pk,
                submission.unit.name,
                ", ".join(recipients),
                error,
            )
    return notice
