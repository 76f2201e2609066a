"""Pages where a unit enters its report: the list of my submissions, the form, one value row.

Every write checks the permission on the server with ``require`` before touching anything.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chiso.accounts.permissions import require, unit_ids_for
from chiso.collection import workflow
from chiso.collection.entry import SECTIONS, StaleEdit, ValueInput
from chiso.collection.evidence import atomic_with_evidence
from chiso.collection.models import EnteredValue, ReportForm, Submission
from chiso.collection.pages import build_rows, page_context
from chiso.collection.schedules import ensure_expected
from chiso.collection.task_section import save_task_progress, task_section
from chiso.engine.errors import EngineError
from chiso.engine.periods import period_containing, today


def writes(action: str):
    """Mark a view as a write that needs ``action`` (read by the permission test)."""

    def mark(view):
        view.chiso_action = action
        return view

    return mark


def load_submission(request: HttpRequest, pk: int, action: str) -> Submission:
    submission = get_object_or_404(Submission.objects.select_related("unit", "form"), pk=pk, form__isnull=False)
    require(request.user, action, submission.unit)
    return submission


def _ensure_current_periods() -> None:
    """Make sure this period's expected reports exist, so the list shows what is due now."""
    day = today()
    for form in ReportForm.objects.filter(active=True):
        try:
            ensure_expected(form, period_containing(day, form.period_kind))
        except EngineError:  # a mistyped deadline rule shows in the admin, not as a broken list
            continue


@login_required
@require_GET
def my_submissions(request: HttpRequest) -> HttpResponse:
    """The reports of every unit the user may see, newest period first."""
    _ensure_current_periods()
    rows = (
        Submission.objects.filter(form__isnull=False, unit__in=unit_ids_for(request.user, "view"))
        .select_related("unit", "form")
        .order_by("-period_id", "form__name", "unit__name")
    )
    status = request.GET.get("trang_thai", "")
    if status:
        rows = rows.filter(status=status)
    return render(
        request,
        "collection/my_submissions.html",
        {"submissions": rows[:500], "status": status, "statuses": Submission._meta.get_field("status").choices},
    )


def read_inputs(post, values) -> dict[int, tuple[ValueInput, int]]:
    """The inputs of the value rows present in a POST, with the version each one read."""
    found = {}
    for value in values:
        prefix = f"v{value.pk}-"
        if prefix + "version" not in post:
            continue
        found[value.pk] = (
            ValueInput(
                value=post.get(prefix + "value", ""),
                numerator=post.get(prefix + "numerator", ""),
                denominator=post.get(prefix + "denominator", ""),
                comment=post.get(prefix + "comment", ""),
                evidence_ref=post.get(prefix + "evidence_ref", ""),
                jump_confirmed=post.get(prefix + "confirm") == "on",
            ),
            int(post[prefix + "version"]),
        )
    return found


def read_evidence(files, values) -> dict[int, object]:
    return {v.pk: files[f"v{v.pk}-evidence_file"] for v in values if f"v{v.pk}-evidence_file" in files}


@login_required
@require_http_methods(["GET", "POST"])
@writes("enter")
def submission_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the report; POST saves the draft (all values and the narrative, all or nothing)."""
    if request.method == "GET":
        submission = load_submission(request, pk, "view")
        context = page_context(request.user, submission)
        context["tasks"] = task_section(request, submission)
        return render(request, "collection/submission.html", context)
    submission = load_submission(request, pk, "enter")
    values = list(submission.values.all())
    try:
        inputs = read_inputs(request.POST, values)
        version = int(request.POST.get("submission_version", submission.version))
    except ValueError:
        return HttpResponseBadRequest("Phiên bản không hợp lệ.")
    narrative = {
        SECTIONS[k][0]: request.POST.get(SECTIONS[k][0], "")
        for k in submission.form.sections
        if SECTIONS[k][0] in request.POST
    }
    try:
        with atomic_with_evidence():  # values, narrative, evidence files and task progress: all or nothing
            result = workflow.save_draft(
                request.user, submission, inputs, narrative or None, version, read_evidence(request.FILES, values)
            )
            if result.ok:
                result.changed += save_task_progress(request, submission)
    except (StaleEdit, workflow.WorkflowError) as error:
        messages.error(request, error.message)
        return redirect("collection:submission", pk=submission.pk)
    except ValidationError as error:
        messages.error(request, "Chưa lưu: " + " ".join(error.messages))
        return redirect("collection:submission", pk=submission.pk)
    if result.ok:
        messages.success(
            request,
            f"Đã lưu nháp ({result.changed} thay đổi)."
            + (f" Có {result.warnings} chỉ tiêu biến động lớn cần xác nhận." if result.warnings else ""),
        )
        return redirect("collection:submission", pk=submission.pk)
    messages.error(request, "Chưa lưu: có ô nhập sai, xem thông báo bên cạnh từng ô.")
    context = page_context(request.user, submission, result.checked, narrative)
    context["tasks"] = task_section(request, submission)
    return render(request, "collection/submission.html", context, status=400)


@login_required
@require_POST
@writes("enter")
def save_row(request: HttpRequest, pk: int, value_pk: int) -> HttpResponse:
    """Save one value row in place (htmx); without htmx, back to the page."""
    submission = load_submission(request, pk, "enter")
    value = get_object_or_404(EnteredValue, pk=value_pk, submission=submission)
    try:
        inputs = read_inputs(request.POST, [value])
    except ValueError:
        return HttpResponseBadRequest("Phiên bản không hợp lệ.")
    stale, checked = "", None
    try:
        result = workflow.save_draft(
            request.user, submission, inputs, None, None, read_evidence(request.FILES, [value])
        )
        checked = None if result.ok else result.checked
        note = ("Đã lưu." if result.changed else "Không có gì thay đổi.") if result.ok else ""
    except (StaleEdit, workflow.WorkflowError) as error:
        stale, note = error.message, ""
    if not request.htmx:
        if stale:
            messages.error(request, stale)
        return redirect("collection:submission", pk=submission.pk)
    row = next(r for r in build_rows(submission, checked) if r.value.pk == value.pk)
    row.stale = stale
    context = {"row": row, "saved_note": note, "can_enter": True, "submission": submission}
    return render(request, "collection/submission.html#value_row", context)


@login_required
@require_GET
def value_history(request: HttpRequest, pk: int, value_pk: int) -> HttpResponse:
    """Who changed this value, when, from what to what."""
    submission = load_submission(request, pk, "view")
    value = get_object_or_404(
        EnteredValue.objects.select_related("item__indicator"), pk=value_pk, submission=submission
    )
    return render(
        request,
        "collection/value_history.html",
        {"submission": submission, "value": value, "entries": workflow.value_history(value)},
    )


@login_required
@require_GET
def evidence_file(request: HttpRequest, pk: int, value_pk: int) -> FileResponse:
    """The evidence file of a value, to whoever may view the unit (media is never served directly)."""
    submission = load_submission(request, pk, "view")
    value = get_object_or_404(EnteredValue, pk=value_pk, submission=submission)
    if not value.evidence_file:
        raise Http404("Giá trị này không có tệp kiểm chứng.")
    return FileResponse(
        value.evidence_file.open("rb"), as_attachment=True, filename=Path(value.evidence_file.name).name
    )
