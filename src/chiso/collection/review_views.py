"""Status changes: the unit leader submits; the DX office returns or approves; an admin reopens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from chiso.collection import workflow
from chiso.collection.entry import StaleEdit
from chiso.collection.entry_views import load_submission, writes
from chiso.engine.periods import TIMELINESS_LABELS


def _done(request: HttpRequest, pk: int, step, success: str) -> HttpResponse:
    try:
        outcome = step()
    except (StaleEdit, workflow.WorkflowError) as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success.format(outcome=outcome))
    return redirect("collection:submission", pk=pk)


@login_required
@require_POST
@writes("submit")
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    submission = load_submission(request, pk, "submit")
    return _done(request, pk, lambda: TIMELINESS_LABELS[workflow.submit(request.user, submission)],
                 "Đã gửi báo cáo ({outcome}).")


@login_required
@require_POST
@writes("review")
def return_for_changes(request: HttpRequest, pk: int) -> HttpResponse:
    submission = load_submission(request, pk, "review")
    reason = request.POST.get("reason", "")
    return _done(request, pk, lambda: workflow.return_for_changes(request.user, submission, reason),
                 "Đã trả lại báo cáo cho đơn vị.")


@login_required
@require_POST
@writes("review")
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    submission = load_submission(request, pk, "review")
    return _done(request, pk, lambda: workflow.approve(request.user, submission),
                 "Đã phê duyệt báo cáo; số liệu đã được khóa.")


@login_required
@require_POST
@writes("manage")
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    submission = load_submission(request, pk, "manage")
    reason = request.POST.get("reason", "")
    return _done(request, pk, lambda: workflow.reopen(request.user, submission, reason),
                 "Đã mở lại báo cáo để đơn vị sửa.")
