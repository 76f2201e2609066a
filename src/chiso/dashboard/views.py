"""Overview (home page), framework, indicator and unit pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from chiso.accounts.permissions import unit_ids_for
from chiso.collection.models import FormAssignment, Submission
from chiso.dashboard import indicators, overview, units
from chiso.dashboard.province_month import province_month
from chiso.frameworks.models import Framework, Indicator
from chiso.observations.models import WrittenEvaluation
from chiso.orgunits.lineage import predecessors_of, successors_of
from chiso.orgunits.models import OrgUnit


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Tổng quan: the province's DTI position and this period's reports and tasks."""
    province = overview.province_of(request.user)
    if province is None:
        return render(request, "dashboard/home.html", {"timeliness_labels": overview.TIMELINESS_LABELS})
    made = overview.recent_summary(province, timezone.now(), settings.CHISO_OVERVIEW_SECONDS)
    return render(
        request,
        "dashboard/home.html",
        {
            "province": province,
            "summary": made,
            "refresh": settings.CHISO_OVERVIEW_SECONDS,
            "trend": made.trend,
            "latest": made.latest,
            "former": made.former,
            "losses": made.losses,
            "off_period": made.off_period,
            "off_target": made.off_target,
            "submissions": made.submissions,
            "timeliness_labels": overview.TIMELINESS_LABELS,
            "overdue_count": made.overdue_count,
            "overdue": made.overdue,
            "viewable": unit_ids_for(request.user, "view"),  # a unit link the user cannot open is plain text
            "dti": overview.dti_framework(),
            "month": province_month(province),
            "chart": {
                "labels": [f"{p.period_id} ({p.kind_label})" for p in made.trend],
                "datasets": [{"label": "Chỉ số DTI", "data": [float(p.score.index) for p in made.trend]}],
            },
        },
    )


@login_required
def framework(request: HttpRequest, code: str) -> HttpResponse:
    fw = get_object_or_404(Framework, code=code)
    return render(
        request, "dashboard/framework.html", {"framework": fw, "groups": fw.groups.prefetch_related("indicators")}
    )


@login_required
def indicator(request: HttpRequest, pk: int) -> HttpResponse:
    """Definition, targets, values over periods and by unit, evaluations and evidence."""
    ind = get_object_or_404(Indicator.objects.select_related("framework", "group"), pk=pk)
    found = indicators.readings(ind, request.user)
    periods = indicators.periods(found)
    period = request.GET.get("ky") or (periods[-1] if periods else "")
    parent = OrgUnit.objects.filter(code=request.GET.get("don-vi")).first() if request.GET.get("don-vi") else None
    sort = request.GET.get("xep", "ten")
    return render(
        request,
        "dashboard/indicator.html",
        {
            "indicator": ind,
            "readings": found,
            "periods": periods,
            "period": period,
            "parent": parent,
            "parent_trail": units.trail(parent),
            "sort": sort,
            "viewable": unit_ids_for(request.user, "view"),  # a unit link the user cannot open is plain text
            "rows": indicators.by_unit(found, period, parent, sort),
            "targets": ind.targets.select_related("unit"),
            "evaluations": WrittenEvaluation.objects.filter(indicator=ind)
            .select_related("unit")
            .order_by("period_id", "target_period_id"),
            "evidence": indicators.evidence_of(found),
            "chart": indicators.chart_series(found),
        },
    )


@login_required
def unit(request: HttpRequest, code: str) -> HttpResponse:
    """A unit's assignments, submissions, values against targets and tasks."""
    org = get_object_or_404(OrgUnit, code=code)
    units.require_view(request.user, org)
    return render(
        request,
        "dashboard/unit.html",
        {
            "unit": org,
            "children": org.children.order_by("name"),
            "predecessors": predecessors_of(org),
            "successors": successors_of(org),
            "viewable": unit_ids_for(request.user, "view"),  # a unit link the user cannot open is plain text
            "assignments": FormAssignment.objects.filter(unit=org).select_related("form"),
            "submissions": Submission.objects.filter(unit=org).select_related("form").order_by("-period_id"),
            "values": units.values_against_targets(org),
            "tasks": units.tasks_of(org),
        },
    )
