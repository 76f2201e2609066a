"""Status changes: the unit leader submits; the DX office returns or approves; an admin reopens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from chiso.collection import workflow
from chiso.collection.entry import StaleEdit
from chiso.collection.entry_views import load_submission, writes
from chiso.collection.pages import page_context
from chiso.collection.sent_document import InvalidDocument, read_document
from chiso.collection.task_section import task_section
from chiso.engine.periods import TIMELINESS_LABELS, parse_period, today


def _done(request: HttpRequest, pk: int, step, success: str) -> HttpResponse:
    try:
        outcome = step()
    except workflow.SubmitRefused:
        raise  # the caller shows each missing piece beside its field
    except (StaleEdit, workflow.WorkflowError) as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success.format(outcome=outcome))
    return redirect("collection:submission", pk=pk)


@login_required
@require_POST
@writes("submit")
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """The leader signs the report off with the number and date of the document it is sent by."""
    submission = load_submission(request, pk, "submit")
    typed = {"number": request.POST.get("document", ""), "day": request.POST.get("document_date", "")}
    try:
        document = read_document(typed["number"], typed["day"], parse_period(submission.period_id).start, today())
    except InvalidDocument as error:  # nothing sent: the page again, each message beside its input
        messages.error(request, error.message)
        context = page_context(request.user, submission)
        context.update(tasks=task_section(request, submission), document_errors=error.errors, typed_document=typed)
        return render(request, "collection/submission.html", context, status=400)
    try:
        return _done(
            request,
            pk,
            lambda: TIMELINESS_LABELS[workflow.submit(request.user, submission, document)],
            "Đã gửi báo cáo ({outcome}).",
        )
    except workflow.SubmitRefused as refused:  # nothing sent: each missing piece beside its field
        messages.error(
            request, f"Chưa gửi được báo cáo: còn {len(refused.places)} chỗ cần bổ sung, xem thông báo bên cạnh từng ô."
        )
        context = page_context(request.user, submission, problems=refused.places)
        context.update(tasks=task_section(request, submission), typed_document=typed)
        return render(request, "collection/submission.html", context, status=400)


@login_required
@require_POST
@writes("review")
def return_for_changes(request: HttpRequest, pk: int) -> HttpResponse:
    submission = load_submission(request, pk, "review")
    reason = request.POST.get("reason", "")
    return _done(
        request,
        pk,
        lambda: workflow.return_for_changes(request.user, submission, reason),
        "Đã trả lại báo cáo cho đơn vị.",
    )


@login_required
@require_POST
@writes("review")
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    submission = load_submission(request, pk, "review")
    return _done(
        request, pk, lambda: workflow.approve(request.user, submission), "Đã phê duyệt báo cáo; số liệu đã được khóa."
    )


@login_required
@require_POST
@writes("manage")
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    submission = load_submission(request, pk, "manage")
    reason = request.POST.get("reason", "")
    return _done(
        request, pk, lambda: workflow.reopen(request.user, submission, reason), "Đã mở lại báo cáo để đơn vị sửa."
    )
