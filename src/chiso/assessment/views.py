"""Pages of the DTI round: the side-by-side scores (live), points and assignment forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from chiso.accounts.permissions import can, require, unit_ids_for
from chiso.assessment.appraisal import Refused, assign, save_points
from chiso.assessment.models import DtiRound, RoundPoints
from chiso.assessment.scoreboard import scoreboard
from chiso.orgunits.models import OrgUnit


@login_required
def rounds(request: HttpRequest) -> HttpResponse:
    """The rounds the user may look at (those of provinces they can see)."""
    visible = unit_ids_for(request.user, "view")
    return render(
        request,
        "assessment/rounds.html",
        {"rounds": DtiRound.objects.filter(province_id__in=visible).select_related("province")},
    )


@login_required
def round_page(request: HttpRequest, year: int, province: str) -> HttpResponse:
    """Self-assessed, appraised and published points side by side; the table refreshes itself."""
    dti_round = get_object_or_404(DtiRound, year=year, province__code=province)
    require(request.user, "view", dti_round.province)
    board = scoreboard(dti_round)
    context = {
        "r": dti_round,
        "board": board,
        "kinds": RoundPoints.Kind,
        "can_review": can(request.user, "review", dti_round.province),
        "can_manage": can(request.user, "manage", dti_round.province),
        "units": OrgUnit.objects.filter(parent=dti_round.province).order_by("name"),
    }
    template = "assessment/round.html#board" if request.htmx else "assessment/round.html"
    return render(request, template, context)


@login_required
@require_POST
def points(request: HttpRequest, year: int, province: str, code: str) -> HttpResponse:
    """Save appraisal or published points of one sub-indicator (the DX office only)."""
    dti_round = get_object_or_404(DtiRound, year=year, province__code=province)
    try:
        saved = save_points(
            request.user,
            dti_round,
            code,
            request.POST.get("kind", ""),
            request.POST.get("points", ""),
            request.POST.get("reason", ""),
        )
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Đã lưu điểm {saved.get_kind_display().lower()} chỉ số {code}.")
    return redirect("assessment:round", year=year, province=province)


@login_required
@require_POST
def assign_lead(request: HttpRequest, year: int, province: str) -> HttpResponse:
    """Give an unmapped sub-indicator to a unit (the DX office only)."""
    dti_round = get_object_or_404(DtiRound, year=year, province__code=province)
    code = request.POST.get("indicator", "")
    try:
        assign(request.user, dti_round, code, request.POST.get("unit", ""))
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Đã giao chỉ số {code}.")
    return redirect("assessment:round", year=year, province=province)
