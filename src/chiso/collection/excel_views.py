"""Download a report as .xlsx, upload it filled, see what will change, then confirm."""

from __future__ import annotations

from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from chiso.collection import workflow
from chiso.collection.entry import StaleEdit, ValueInput
from chiso.collection.entry_views import load_submission, writes
from chiso.collection.excel import UploadRefused, build_workbook, file_name, read_upload

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _session_key(pk: int) -> str:
    return f"collection-upload-{pk}"


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> HttpResponse:
    submission = load_submission(request, pk, "view")
    response = HttpResponse(build_workbook(submission), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{file_name(submission)}"'
    return response


@login_required
@require_POST
@writes("enter")
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Read the file and show the preview; nothing is stored until the user confirms."""
    submission = load_submission(request, pk, "enter")
    try:
        workflow.require_editable(submission)
        if "file" not in request.FILES:
            raise UploadRefused("Chưa chọn tệp Excel để tải lên.")
        result = read_upload(submission, request.FILES["file"])
    except (UploadRefused, workflow.WorkflowError) as error:
        messages.error(request, error.message)
        return redirect("collection:submission", pk=pk)
    if not result.errors:
        request.session[_session_key(pk)] = {
            "inputs": {str(k): [asdict(given), version] for k, (given, version) in result.inputs.items()},
            "narrative": result.narrative,
            "version": result.submission_version,
            "name": request.FILES["file"].name,
        }
    return render(
        request,
        "collection/upload_preview.html",
        {"submission": submission, "result": result, "name": request.FILES["file"].name},
        status=400 if result.errors else 200,
    )


@login_required
@require_POST
@writes("enter")
def confirm_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Store what the previewed file changes, with the versions read at preview time."""
    submission = load_submission(request, pk, "enter")
    pending = request.session.pop(_session_key(pk), None)
    if pending is None:
        messages.error(request, "Không còn tệp chờ xác nhận; hãy tải tệp lên lại.")
        return redirect("collection:submission", pk=pk)
    inputs = {int(k): (ValueInput(**given), version) for k, (given, version) in pending["inputs"].items()}
    try:
        result = workflow.save_draft(request.user, submission, inputs, pending["narrative"] or None, pending["version"])
    except (StaleEdit, workflow.WorkflowError) as error:
        messages.error(request, f"Chưa lưu tệp «{pending['name']}»: {error.message}")
        return redirect("collection:submission", pk=pk)
    if result.ok:
        messages.success(request, f"Đã lưu số liệu từ tệp «{pending['name']}» ({result.changed} thay đổi).")
    else:
        messages.error(request, "Chưa lưu: dữ liệu không còn hợp lệ; hãy tải tệp lên lại.")
    return redirect("collection:submission", pk=pk)
