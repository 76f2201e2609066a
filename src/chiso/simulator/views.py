"""The DTI simulator pages: list and create scenarios, play with values, save."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from chiso.accounts.permissions import can, is_office, require, unit_ids_for
from chiso.dashboard.overview import dti_trend
from chiso.engine.numbers import format_number
from chiso.observations.models import TotalPoints
from chiso.observations.scores import engine_framework
from chiso.simulator.forms import ScenarioForm
from chiso.simulator.models import Scenario
from chiso.simulator.scenarios import (
    PART_MARK,
    base_values,
    estimate,
    latest_settled_period,
    parse_peers,
    peers_text,
    scenario_values,
    starting_sentences,
)

SCENARIOS_PER_PAGE = 50


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The scenarios of the provinces the user reaches, and a form to start one (the DX office
    only, for a province it manages)."""
    provinces = unit_ids_for(request.user, "manage")
    form = ScenarioForm(request.POST or None, provinces=provinces)
    if not form.is_bound:
        _start_at_settled_period(form)
    if request.method == "POST":
        if not is_office(request.user):
            raise PermissionDenied("Chỉ Sở Khoa học và Công nghệ (quản trị) được tạo kịch bản mô phỏng.")
        if form.is_valid():
            scenario = form.save(commit=False)
            scenario.created_by = request.user
            scenario.save()
            return redirect("simulator:detail", pk=scenario.pk)
    scenarios = (
        Scenario.objects.filter(unit__in=unit_ids_for(request.user, "view"))
        .select_related("unit")
        .order_by("-updated_at", "-pk")
    )
    return render(
        request,
        "simulator/index.html",
        {
            "page": Paginator(scenarios, SCENARIOS_PER_PAGE).get_page(request.GET.get("trang")),
            "form": form,
            "can_create": is_office(request.user),
        },
    )


def _start_at_settled_period(form: ScenarioForm) -> None:
    """A new scenario starts from the latest published or appraised figures of the (first) province."""
    province = form.fields["unit"].queryset.first()
    framework_code = Scenario._meta.get_field("framework_code").default
    settled = latest_settled_period(framework_code, province) if province else None
    if settled:
        form.fields["base_period_id"].initial = settled


def _rows(framework, base: dict[str, str], current: dict[str, str], points: dict[str, str]):
    """One row per sub-indicator and per composite part, in framework order."""
    rows = []
    for group in framework.groups:
        for ind in group.indicators:
            parts = [(p["code"], p.get("name") or "") for p in (ind.rule.get("parts") or [])] if ind.rule else []
            named = [(ind.code, ind.name)] + [
                (f"{ind.code}{PART_MARK}{code}", name or f"phần {n}") for n, (code, name) in enumerate(parts, start=1)
            ]
            for key, name in named:
                rows.append(
                    {
                        "key": key,
                        "code": ind.code,
                        "is_part": key != ind.code,
                        "name": name,
                        "pillar": group,
                        "max_points": ind.max_points,
                        "base": base.get(key, ""),
                        "value": current.get(key, ""),
                        "points": points.get(ind.code, ""),
                        "dom_id": dom_id(ind.code),
                    }
                )
    return rows


def _context(scenario: Scenario, values: dict[str, str], points: dict[str, str], peers: list[dict]):
    framework = engine_framework(scenario.framework_code)
    result = estimate(framework, values, points, peers)
    published = TotalPoints.objects.filter(unit=scenario.unit).exclude(rank="").order_by("-period_id").first()
    return {
        "scenario": scenario,
        "framework": framework,
        "result": result,
        "published": published,
        "cells": [(dom_id(s.code), s) for s in result.score.sub_indicators],
    }


def _start(scenario: Scenario, framework) -> list[str]:
    """The sentences saying where the scenario starts, scored on its base values alone."""
    base = base_values(scenario.framework_code, scenario.unit, scenario.base_period_id, scenario.base_kind)
    return starting_sentences(
        scenario, framework, estimate(framework, base, {}, []).score, dti_trend(scenario.unit, scenario.framework_code)
    )


def dom_id(code: str) -> str:
    """An HTML id for a sub-indicator's points cell ("6.4" → "pts-6-4")."""
    return "pts-" + code.replace(".", "-")


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = _readable(request, pk)
    base = base_values(scenario.framework_code, scenario.unit, scenario.base_period_id, scenario.base_kind)
    values = scenario_values(scenario)
    context = _context(scenario, values, scenario.points or {}, scenario.peers or [])
    context.update(
        rows=_rows(context["framework"], base, values, scenario.points or {}),
        start=_start(scenario, context["framework"]),
        peers_text=peers_text(scenario.peers or []),
        can_save=_can_save(request.user, scenario),
    )
    return render(request, "simulator/detail.html", context)


def _read_form(request: HttpRequest):
    values = {k[2:]: v.strip() for k, v in request.POST.items() if k.startswith("v:")}
    points = {k[2:]: v.strip() for k, v in request.POST.items() if k.startswith("p:") and v.strip()}
    return values, points


@login_required
@require_POST
def recompute(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: the totals, index, rank and next points for the values in the form, unsaved."""
    scenario = _readable(request, pk)
    values, points = _read_form(request)
    errors = []
    try:
        peers = parse_peers(request.POST.get("peers", ""))
    except ValueError as error:
        peers, errors = [], [f"Tổng điểm các tỉnh khác — {error}"]
    try:
        context = _context(scenario, {k: v for k, v in values.items() if v}, points, peers)
    except ValueError as error:
        context = _context(scenario, {k: v for k, v in values.items() if v}, {}, peers)
        errors.append(str(error))
    context.update(errors=errors, oob=True)
    return render(request, "simulator/detail.html#result", context)


def _readable(request: HttpRequest, pk: int) -> Scenario:
    """The scenario, for a user who may view its province (403 with the reason otherwise)."""
    scenario = get_object_or_404(Scenario.objects.select_related("unit"), pk=pk)
    require(request.user, "view", scenario.unit)
    return scenario


def _can_save(user, scenario: Scenario) -> bool:
    """The office of the scenario's province, or its creator while they still reach it."""
    if can(user, "manage", scenario.unit):
        return True
    return scenario.created_by_id is not None and scenario.created_by_id == user.pk and can(user, "view", scenario.unit)


@login_required
@require_POST
def save(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep the values that differ from the base, the assumed points and the peers."""
    scenario = get_object_or_404(Scenario.objects.select_related("unit"), pk=pk)
    if not _can_save(request.user, scenario):
        raise PermissionDenied(
            f"Chỉ người tạo kịch bản hoặc văn phòng chuyển đổi số của {scenario.unit.name} được lưu kịch bản này."
        )
    base = base_values(scenario.framework_code, scenario.unit, scenario.base_period_id, scenario.base_kind)
    values, points = _read_form(request)
    try:
        scenario.peers = parse_peers(request.POST.get("peers", ""))
        context = _context(scenario, values, points, scenario.peers)
    except ValueError as error:
        messages.error(request, f"Chưa lưu: {error}")
        return redirect("simulator:detail", pk=pk)
    scenario.values = {k: v for k, v in values.items() if v != base.get(k, "")}
    scenario.points = points
    scenario.save()
    total = context["result"].score.total
    messages.success(request, f"Đã lưu kịch bản «{scenario.name}»: tổng điểm {format_number(total, 2)}.")
    return redirect("simulator:detail", pk=pk)
