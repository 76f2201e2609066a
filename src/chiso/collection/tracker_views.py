"""Pages of the tracker, its .xlsx export, the province aggregation, and marking notices read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST
from django_htmx.http import push_url

from chiso.accounts.permissions import unit_ids_for
from chiso.collection.aggregation import province_figures
from chiso.collection.models import Notice, ReportForm, SubmissionStatus
from chiso.collection.notices import unread_for
from chiso.collection.tracker import LOG, TrackerFilter, select, totals, tracker_rows
from chiso.collection.tracker_export import tracker_workbook
from chiso.engine.errors import PeriodError
from chiso.engine.periods import TIMELINESS_LABELS, parse_period
from chiso.orgunits.models import OrgUnit

COMPLETENESS = {"complete": "Đầy đủ", "incomplete": "Chưa đầy đủ"}
LOG_NAME = "Nhật ký nhận báo cáo (từ văn bản)"


def _choice(request: HttpRequest, visible: set[int] | None) -> dict:
    """Form, period and filters from the query string; the period list follows the form."""
    try:
        selection = select(visible, request.GET.get("ky", ""), request.GET.get("mau", ""))
    except ReportForm.DoesNotExist:
        raise Http404("Không có mẫu báo cáo này. Hãy chọn mẫu trong danh sách «Mẫu báo cáo».") from None
    chosen = TrackerFilter(
        status=_allowed(request.GET.get("trang_thai", ""), SubmissionStatus.values),
        timeliness=_allowed(request.GET.get("han", ""), TIMELINESS_LABELS),
        completeness=_allowed(request.GET.get("day_du", ""), COMPLETENESS),
        unit_type=_allowed(request.GET.get("loai_don_vi", ""), OrgUnit.Type.values),
    )
    return {
        "period_id": selection.period_id,
        "has_log": selection.has_log,
        "forms": selection.forms,
        "periods": selection.periods,
        "form_code": selection.form_code,
        "form": selection.form,
        "chosen": chosen,
        "form_name": selection.form.name if selection.form else LOG_NAME,
        "log_code": LOG,
        "log_name": LOG_NAME,
    }


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
    visible = unit_ids_for(request.user, "view")
    choice = _choice(request, visible)
    rows = tracker_rows(choice["period_id"], choice["form"], visible, choice["chosen"]) if choice["period_id"] else []
    context = {
        **choice,
        "rows": rows,
        "totals": totals(rows),
        "statuses": SubmissionStatus.choices,
        "timeliness_choices": TIMELINESS_LABELS.items(),
        "completeness_choices": COMPLETENESS.items(),
        "unit_types": OrgUnit.Type.choices,
        "query": _query(choice),
    }
    # A change of a selector swaps the heading, the selectors and the table (the period list
    # follows the form); going back in history asks for the whole page again.
    partial = request.htmx and not request.htmx.history_restore_request
    response = render(request, "collection/tracker.html#tracker" if partial else "collection/tracker.html", context)
    patch_vary_headers(response, ("HX-Request",))
    if partial:  # the address names what is shown, so a reload or a shared link shows it again
        push_url(response, f"{request.path}?{context['query']}")
    return response


def _query(choice: dict) -> str:
    """The query string of what is shown: the form and period as resolved, the filters set."""
    chosen = choice["chosen"]
    pairs = {
        "mau": choice["form_code"],
        "ky": choice["period_id"],
        "trang_thai": chosen.status,
        "han": chosen.timeliness,
        "day_du": chosen.completeness,
        "loai_don_vi": chosen.unit_type,
    }
    return urlencode({k: v for k, v in pairs.items() if v})


@login_required
def tracker_export(request: HttpRequest) -> HttpResponse:
    """The rows on screen (same filters) as an .xlsx file."""
    visible = unit_ids_for(request.user, "view")
    choice = _choice(request, visible)
    if not choice["period_id"]:
        raise Http404("Chưa có kỳ báo cáo nào.")
    rows = tracker_rows(choice["period_id"], choice["form"], visible, choice["chosen"])
    name = choice["form"].name if choice["form"] else "Báo cáo định kỳ"
    title = f"TỔNG HỢP THỜI ĐIỂM NHẬN BÁO CÁO — {name} — {_period_label(choice['period_id'])}"
    body = tracker_workbook(title, rows, totals(rows))
    response = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
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
    return render(
        request,
        "collection/tracker_aggregation.html",
        {"form": form, "period_id": period_id, "period_label": _period_label(period_id), "figures": figures},
    )


@login_required
@require_POST
def notice_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notice read for the current user; only a notice shown to them."""
    notice = get_object_or_404(Notice, pk=pk)
    if (
        not unread_for(request.user).filter(pk=notice.pk).exists()
        and not notice.read_by.filter(pk=request.user.pk).exists()
    ):
        raise Http404("Không có thông báo này.")
    notice.read_by.add(request.user)
    if request.htmx:
        return HttpResponse("")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target or "/")
