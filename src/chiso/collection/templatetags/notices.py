"""Notices on any page: ``{% load notices %}`` then

- ``{% notice_badge %}``: the top bar's link to the notice list with the unread count;
- ``{% unread_notices %}``: the user's unread notices, each with «Đã đọc»;
- ``{% submission_notices submission %}``: the open notices of one report, on its page;
- ``{% due_reports %}``: on the home page, what the user's units must send, by when, and what
  was returned and why;
- ``{{ submission|report_name }}`` → «Báo cáo tháng chuyển đổi số tháng 12/2026».
"""

from django import template
from django.utils import timezone

from chiso.collection import notices
from chiso.collection.models import Submission, SubmissionStatus
from chiso.collection.workflow import EDITABLE
from chiso.engine.periods import today

register = template.Library()

SHOWN = 10
DUE_SHOWN = 10


def _user(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


@register.inclusion_tag("collection/_notice_badge.html", takes_context=True)
def notice_badge(context) -> dict:
    user = _user(context)
    # Only people who receive notices get the link: the office follows units on the tracker.
    shown = bool(user and notices.notice_unit_ids(user))
    return {"count": notices.unread_count(user) if shown else 0, "shown": shown}


@register.inclusion_tag("collection/_notices.html", takes_context=True)
def unread_notices(context) -> dict:
    user = _user(context)
    if user is None:
        return {"notices": [], "more": 0}
    unread = list(notices.unread_for(user)[: SHOWN + 1])
    return {
        "notices": unread[:SHOWN],
        "more": max(0, len(unread) - SHOWN),
        "next": context["request"].get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("collection/_notices.html", takes_context=True)
def submission_notices(context, submission: Submission) -> dict:
    user = _user(context)
    if user is None:
        return {"notices": [], "more": 0}
    unread = list(notices.unread_for(user).filter(submission=submission)[: SHOWN + 1])
    return {
        "notices": unread[:SHOWN],
        "more": max(0, len(unread) - SHOWN),
        "anchor": "thong-bao",
        "next": context["request"].get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("collection/_due_reports.html", takes_context=True)
def due_reports(context) -> dict:
    """The reports the user's units still have to send (drafts and returned ones), soonest first."""
    user = _user(context)
    units = notices.notice_unit_ids(user) if user else set()
    if not units:
        return {"due": []}
    due = list(
        Submission.objects.filter(unit_id__in=units, form__isnull=False, form__active=True, status__in=EDITABLE)
        .select_related("unit", "form")
        .order_by("deadline", "unit__name")[:DUE_SHOWN]
    )
    day = today(timezone.now())
    return {
        "due": [
            {
                "s": s,
                "name": notices.report_name(s),
                "returned": s.status == SubmissionStatus.RETURNED,
                "days_left": (s.deadline - day).days,
                "late": day >= s.deadline,
            }
            for s in due
        ]
    }


@register.filter
def report_name(submission: Submission) -> str:
    return notices.report_name(submission)
