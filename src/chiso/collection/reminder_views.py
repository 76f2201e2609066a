"""Reminders from the tracker (one unit, the ones ticked, or every unit still due) and their log.

The office presses "Nhắc"; the same service as ``chiso remind`` sends it, so a unit is reminded
at most once a day whether by the schedule or by hand, and every reminder lands in one log.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from chiso.accounts.permissions import require, unit_ids_for
from chiso.collection.entry_views import writes
from chiso.collection.models import Reminder, ReportForm, Submission, SubmissionStatus
from chiso.collection.reminders import Outcome, remind_now
from chiso.collection.tracker import expected_submissions
from chiso.engine.periods import today

PER_PAGE = 50
REFUSED = "Chỉ Văn phòng chuyển đổi số (quyền quản trị) được nhắc các đơn vị và xem nhật ký nhắc nhở."


def _office_units(user) -> set[int]:
    """The units whose reminders ``user`` manages; none (403) for anyone but the office."""
    units = unit_ids_for(user, "manage")
    if not units:
        raise PermissionDenied(REFUSED)
    return units


def _chosen(request: HttpRequest, units: set[int]) -> QuerySet[Submission] | None:
    """The web reports the office asked to remind; None when the request names none."""
    web = Submission.objects.filter(form__isnull=False).select_related("unit", "form")
    if request.POST.get("mot"):
        ids = [request.POST["mot"]]
    elif request.POST.get("tat_ca"):
        form = ReportForm.objects.filter(code=request.POST.get("mau", "")).first()
        if form is None or not request.POST.get("ky"):
            return None
        return expected_submissions(request.POST["ky"], form, units).exclude(status=SubmissionStatus.APPROVED)
    else:
        ids = request.POST.getlist("chon")
    if not ids or not all(i.isdigit() for i in ids):
        return None
    return web.filter(pk__in=ids).order_by("unit__name")


def _summary(outcomes: list[Outcome]) -> list[tuple[int, str]]:
    """(message level, Vietnamese sentence) for each kind of result, naming the units."""

    def names(state: str) -> str:
        return ", ".join(o.submission.unit.name for o in outcomes if o.state == state)

    said = []
    if names("sent"):
        said.append((messages.SUCCESS, f"Đã nhắc: {names('sent')}."))
    if names("already"):
        said.append((messages.INFO, f"Hôm nay đã nhắc rồi, không nhắc lại (mỗi ngày một lần): {names('already')}."))
    if names("not_needed"):
        said.append((messages.INFO, f"Không cần nhắc (đã gửi đầy đủ hoặc đã phê duyệt): {names('not_needed')}."))
    for failed in (o for o in outcomes if o.state == "failed"):
        said.append((messages.WARNING, f"Đã nhắc trong ứng dụng nhưng chưa gửi được thư: {failed.error}"))
    return said


@writes("manage")
@login_required
@require_POST
def remind(request: HttpRequest) -> HttpResponse:
    """Remind one unit, the ticked ones, or every unit of the period and form still due."""
    units = _office_units(request.user)
    chosen = _chosen(request, units)
    if chosen is None or not chosen.exists():
        return HttpResponseBadRequest(
            "Chưa chọn đơn vị nào để nhắc: đánh dấu các đơn vị trong bảng theo dõi rồi bấm «Nhắc các đơn vị đã chọn».",
            content_type="text/plain; charset=utf-8",
        )
    submissions = list(chosen)
    for submission in submissions:
        require(request.user, "manage", submission.unit)
    for level, text in _summary(remind_now(submissions, today(timezone.now()), by=request.user)):
        messages.add_message(request, level, text)
    back = {k: request.POST[k] for k in ("ky", "mau") if request.POST.get(k)}
    return redirect(reverse("collection:tracker") + ("?" + urlencode(back) if back else ""))


@login_required
@require_GET
def reminder_log(request: HttpRequest) -> HttpResponse:
    """Every reminder sent to the office's units: when, to whom, by whom or by schedule, how."""
    units = _office_units(request.user)
    reminders = (
        Reminder.objects.filter(submission__unit_id__in=units)
        .select_related("submission__unit", "submission__form", "sent_by")
        .order_by("-sent_at", "-pk")
    )
    page = Paginator(reminders, PER_PAGE).get_page(request.GET.get("trang"))
    return render(request, "collection/reminder_log.html", {"page": page})
