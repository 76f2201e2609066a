"""Pages of the tracker, its .xlsx export, the province aggregation, and marking notices read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from chiso.accounts.permissions import unit_ids_for
from chiso.collection.aggregation import province_figures
from chiso.collection.models import Notice, ReportForm, SubmissionStatus
from chiso.collection.notices import unread_for
from chiso.collection.tracker import LOG, TrackerFilter, forms_in_period, periods_with_submissions, totals, tracker_rows
from chiso.collection.tracker_export import tracker_workbook
from chiso.engine.errors import PeriodError
from chiso.engine.periods import TIMELINESS_LABELS, parse_period
from chiso.orgunits.models import OrgUnit

COMPLETENESS = {"complete": "Đầy đủ", "incomplete": "Chưa đầy đủ"}


def _choice(request: HttpRequest) -> dict:
    """Period, form and filters from the query string, defaulting to the newest period."""
    periods = periods_with_submissions()
    period_id = request.GET.get("ky") or (periods[0] if periods else "")
    has_log, forms = forms_in_period(period_id) if period_id else (False, [])
    form_code = request.GET.get("mau") or (LOG if has_log else (forms[0].code if forms else ""))
    form = None
    if form_code != LOG and form_code:
        form = get_object_or_404(ReportForm, code=form_code)
    chosen = TrackerFilter(
        status=_allowed(request.GET.get("trang_thai", ""), SubmissionStatus.values),
        timeliness=_allowed(request.GET.get("han", ""), TIMELINESS_LABELS),
        completeness=_allowed(request.GET.get("day_du", ""), COMPLETENESS),
        unit_type=_allowed(request.GET.get("loai_don_vi", ""), OrgUnit.Type.values))
    return {"periods": periods, "period_id": period_id, "has_log": has_log, "forms": forms,
            "form_code": form_code, "form": form, "chosen": chosen}


def _allowed(value: str, allowed) -> str:
    return value if value in allowed else ""


def _period_label(period_id: str) -> str:
    try:
        return parse_period(period_id).label
    except PeriodError:  # a period id the engine cannot read is still shown as stored
        return period_id


@login_required
def tracker(request: HttpRequest) -> HttpResponse:
    """Who sent what, when, for one period and form; the user's own units only."""
    choice = _choice(request)
    visible = unit_ids_for(request.user, "view")
    rows = tracker_rows(choice["period_id"], choice["form"], visible, choice["chosen"]) if choice["period_id"] else []
    context = {**choice, "rows": rows, "totals": totals(rows),
               "period_label": _period_label(choice["period_id"]),
               "statuses": SubmissionStatus.choices, "timeliness_choices": TIMELINESS_LABELS.items(),
               "completeness_choices": COMPLETENESS.items(), "unit_types": OrgUnit.Type.choices,
               "query": request.GET.urlencode()}
    template = "collection/tracker.html#table" if request.htmx else "collection/tracker.html"
    return render(request, template, context)


@login_required
def tracker_export(request: HttpRequest) -> HttpResponse:
    """The rows on screen (same filters) as an .xlsx file."""
    choice = _choice(request)
    if not choice["period_id"]:
        raise Http404("Chưa có kỳ báo cáo nào.")
    visible = unit_ids_for(request.user, "view")
    rows = tracker_rows(choice["period_id"], choice["form"], visible, choice["chosen"])
    name = choice["form"].name if choice["form"] else "Báo cáo định kỳ"
    title = f"TỔNG HỢP THỜI ĐIỂM NHẬN BÁO CÁO — {name} — {_period_label(choice['period_id'])}"
    body = tracker_workbook(title, rows, totals(rows))
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    filename = f"theo-doi-bao-cao-{choice['period_id']}-{choice['form_code'] or 'tat-ca'}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def aggregation(request: HttpRequest) -> HttpResponse:
    """Province figures of a form and period from approved unit values."""
    form = get_object_or_404(ReportForm, code=request.GET.get("mau", ""))
    period_id = request.GET.get("ky", "")
    visible = unit_ids_for(request.user, "view")
    figures = province_figures(form, period_id, unit_ids=visible) if period_id else []
    return render(request, "collection/tracker_aggregation.html", {
        "form": form, "period_id": period_id, "period_label": _period_label(period_id),
        "figures": figures})


@login_required
@require_POST
def notice_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notice read for the current user; only a notice shown to them."""
    notice = get_object_or_404(Notice, pk=pk)
    if not unread_for(request.user).filter(pk=notice.pk).exists() and \
            not notice.read_by.filter(pk=request.user.pk).exists():
        raise Http404("Không có thông báo này.")
    notice.read_by.add(request.user)
    if request.htmx:
        return HttpResponse("")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target or "/")
