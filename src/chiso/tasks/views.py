"""Task and project pages: lists by unit, indicator and deadline; a task's progress; exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, Value, When
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from chiso.engine import periods
from chiso.frameworks.models import Indicator
from chiso.orgunits.models import OrgUnit
from chiso.tasks import queries
from chiso.tasks.changes import changes
from chiso.tasks.exports import projects_workbook, tasks_workbook
from chiso.tasks.models import Project, ProjectEventKind, Task, TaskStatus
from chiso.tasks.progress import (
    accountable_units,
    apply_progress,
    reports_for_province,
    standing,
    units_user_may_report_for,
)

VIEWS = {
    "theo-han": "Theo thời hạn",
    "qua-han": "Quá hạn",
    "sap-den-han": "Sắp đến hạn (14 ngày)",
    "theo-don-vi": "Theo đơn vị",
    "theo-chi-so": "Theo chỉ số",
}
PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def task_list(request):
    today = periods.today()
    view = request.GET.get("xem", "theo-han")
    tasks = queries.all_tasks()
    unit = OrgUnit.objects.filter(code=request.GET.get("don-vi")).first() if request.GET.get("don-vi") else None
    indicator = (
        Indicator.objects.filter(pk=request.GET.get("chi-so")).first()
        if request.GET.get("chi-so", "").isdigit()
        else None
    )
    if unit:
        tasks = queries.tasks_of_unit(unit, tasks)
    if indicator:
        tasks = tasks.filter(indicators=indicator)
    if view == "qua-han":
        found = queries.overdue(today, tasks)
    elif view == "sap-den-han":
        found = queries.due_soon(today, 14, tasks)  # two weeks of deadlines: a short list
    else:
        found = _current_plan_first(tasks, today)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("trang"))
    rows = list(page)
    for t in rows:
        t.standing = standing(t)
    kept = request.GET.copy()
    kept.pop("trang", None)
    context = {
        "rows": rows,
        "page": page,
        "today": today,
        "view": view,
        "views": VIEWS,
        "unit": unit,
        "indicator": indicator,
        "groups": _grouped(rows, view),
        "overdue_ids": set(
            queries.overdue(today, tasks).filter(pk__in=[t.pk for t in rows]).values_list("pk", flat=True)
        ),
        "units": OrgUnit.objects.filter(pk__in=Task.lead_units.through.objects.values("orgunit_id")),
        "query": kept.urlencode(),
    }
    return render(request, "tasks/task_list.html", context)


def _current_plan_first(tasks, today):
    """The current plan's tasks (the latest plan year up to this year) first, by deadline; older
    plans after it (the national committee's 2024 tasks are not this year's work). Ordered in the
    database, so the list is paged there."""
    current = tasks.filter(plan_year__lte=today.year).order_by("-plan_year").values_list("plan_year", flat=True).first()
    return tasks.annotate(
        other_plan=Case(When(plan_year=current, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by(
        "other_plan",
        F("plan_year").desc(nulls_last=True),
        F("due_date").asc(nulls_last=True),
        "dataset__code",
        "position",
        "pk",
    )


def _grouped(rows, view) -> list[tuple[str, list]]:
    """Rows under headings: each lead unit, or each indicator; one plain list otherwise."""
    if view == "theo-don-vi":
        groups: dict[str, list] = {}
        for t in rows:
            for u in t.lead_units.all() or [None]:
                groups.setdefault(u.name if u else "Chưa có đơn vị của tỉnh chủ trì", []).append(t)
        return sorted(groups.items())
    if view == "theo-chi-so":
        groups = {}
        for t in rows:
            for link in t.indicator_links.select_related("indicator__framework").all() or [None]:
                key = (
                    f"{link.indicator.framework.code} {link.indicator.code}. {link.indicator.name}"
                    if link
                    else "Không gắn chỉ số"
                )
                groups.setdefault(key, []).append(t)
        return sorted(groups.items(), key=lambda kv: _code_key(kv[0]))
    return [("", list(rows))]


def _code_key(text: str):
    parts = text.split(" ", 2)
    if len(parts) > 1 and parts[1].rstrip(".").replace(".", "").isdigit():
        return (parts[0], [int(x) for x in parts[1].rstrip(".").split(".")])
    return ("~", [])


@login_required
def task_detail(request, pk: int):
    task = get_object_or_404(Task.objects.select_related("dataset").prefetch_related("unit_progress__unit"), pk=pk)
    today = periods.today()
    report_units = units_user_may_report_for(request.user, task)
    own = {p.unit_id: p.status for p in task.unit_progress.all()}
    return render(
        request,
        "tasks/task_detail.html",
        {
            "task": task,
            "today": today,
            "overdue": task.overdue_on(today),
            "notes": task.progress.select_related("unit", "user"),
            "history": changes(task),
            "standing": standing(task),
            "parts": _parts(task),
            "report_units": report_units,
            "statuses": TaskStatus.choices,
            "for_province": {u.pk for u in report_units if reports_for_province(request.user, task, u)},
            "chosen": own.get(report_units[0].pk, TaskStatus.NOT_REPORTED) if report_units else None,
            "links": task.indicator_links.select_related("indicator__framework"),
        },
    )


def _parts(task: Task) -> list[tuple]:
    """Each accountable unit with its own status and result ("Chưa báo cáo" until it reports)."""
    rows = {p.unit_id: p for p in task.unit_progress.all()}
    return [(u, rows.get(u.pk)) for u in accountable_units(task)]


@login_required
@require_POST
def add_progress(request, pk: int):
    task = get_object_or_404(Task, pk=pk)
    unit = get_object_or_404(OrgUnit, pk=request.POST.get("unit") or 0)
    try:
        apply_progress(
            task,
            user=request.user,
            unit=unit,
            status=request.POST.get("status", ""),
            text=request.POST.get("text", ""),
            on=periods.today(),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Đã ghi báo cáo tiến độ.")
    return redirect("tasks:detail", pk=task.pk)


@login_required
def project_list(request):
    projects = Project.objects.all()
    source = request.GET.get("nguon")
    if source in ("central", "local", "other"):
        projects = projects.filter(**{f"{source}__gt": 0})
    if request.GET.get("nhom"):
        projects = projects.filter(group__code=request.GET["nhom"]) | projects.filter(
            group__parent_code=request.GET["nhom"]
        )
    status = request.GET.get("tinh-trang")
    groups, overall = queries.project_totals(projects)
    if status:
        for g in groups:
            g.projects = [
                p
                for p in g.projects
                if (queries.latest_event(p) and queries.latest_event(p).kind) == status
                or (status == "none" and not queries.latest_event(p))
            ]
    return render(
        request,
        "tasks/project_list.html",
        {
            "groups": groups,
            "overall": overall,
            "sources": queries.SOURCES,
            "source": source,
            "status": status,
            "event_kinds": ProjectEventKind.choices,
            "filtered": bool(source or status or request.GET.get("nhom")),
        },
    )


@login_required
def tasks_xlsx(request):
    data = tasks_workbook(queries.all_tasks().prefetch_related("indicator_links__indicator"), periods.today())
    return _download(data, "nhiem-vu.xlsx")


@login_required
def projects_xlsx(request):
    return _download(projects_workbook(), "du-an.xlsx")


def _download(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
