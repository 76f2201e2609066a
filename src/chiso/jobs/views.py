"""The pages of background jobs: start the periodic report, follow a job's progress (an htmx
partial polled every second until the job ends), download its file, retry a failed one."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from chiso.accounts.permissions import is_office, require
from chiso.jobs import running
from chiso.jobs.access import require_job_reader, visible_jobs
from chiso.jobs.models import Job, Kind

CONTENT_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
}


def _job(request: HttpRequest, pk: int) -> Job:
    job = get_object_or_404(Job.objects.select_related("province", "requested_by"), pk=pk)
    require_job_reader(request.user, job)
    return running.fail_orphaned(job)


def _htmx(request: HttpRequest) -> bool:
    """True for htmx's own requests (django_htmx's middleware sets ``request.htmx``)."""
    return bool(getattr(request, "htmx", False))


def _progress(request: HttpRequest, job: Job, status: int = 200) -> HttpResponse:
    return render(request, "jobs/progress.html", {"job": job}, status=status)


@login_required
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    if not is_office(request.user):
        raise PermissionDenied("Chỉ Văn phòng chuyển đổi số xem được các công việc chạy nền.")
    jobs = [running.fail_orphaned(j) for j in visible_jobs(request.user).select_related("province")[:50]]
    return render(request, "jobs/list.html", {"jobs": jobs})


@login_required
@require_GET
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "jobs/job_page.html", {"job": _job(request, pk)})


@login_required
@require_GET
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    return _progress(request, _job(request, pk))


@login_required
@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if not running.retry(job):
        message = f"Công việc số {job.pk} {job.get_state_display().lower()}, không phải đã lỗi: không cần chạy lại."
        return HttpResponse(message, status=409, content_type="text/plain; charset=utf-8")
    job.refresh_from_db()
    return _progress(request, job) if _htmx(request) else redirect("jobs:job", pk=job.pk)


@login_required
@require_GET
def job_download(request: HttpRequest, pk: int, which: str) -> FileResponse:
    job = _job(request, pk)
    stored = getattr(job, which)
    if job.state != "done" or not stored:
        raise Http404(f"Công việc số {job.pk} chưa có tệp này để tải về.")
    suffix = PurePosixPath(stored.name).suffix
    return FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"{download_stem(job)}{suffix}",
        content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"),
    )


def download_stem(job: Job) -> str:
    """The downloaded file's name without its extension, as the report page names the same
    document (the stored name may carry the storage's suffix against clashes)."""
    if job.kind == Kind.REPORT_PERIODIC:
        return f"bao-cao-cds-{job.parameters.get('period', '')}"
    return f"{job.kind}-{job.created_at:%Y%m%d-%H%M}"


@login_required
@require_POST
def start_report(request: HttpRequest) -> HttpResponse:
    """The periodic report of the report page's selection, made in the background."""
    from chiso.orgunits.models import OrgUnit
    from chiso.reports.forms import ReportForm
    from chiso.reports.periodic import default_unit
    from chiso.reports.template_store import province_of_unit

    if not is_office(request.user):
        raise PermissionDenied("Chỉ Văn phòng chuyển đổi số được tạo báo cáo chạy nền.")
    form = ReportForm({**request.POST.dict(), "kind": "periodic"})
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[k].label if k in form.fields else 'Lựa chọn'}: {' '.join(map(str, v))}"
            for k, v in form.errors.items()
        )
        return _refused(request, f"Chưa tạo được báo cáo: {problems}", 400)
    args = form.build_args()
    try:
        unit = args["unit"] or default_unit(args["framework"], args["period"])
    except LookupError as error:
        return _refused(request, f"Chưa tạo được báo cáo: {error}", 422)
    province = province_of_unit(unit) or OrgUnit.objects.filter(code=unit).first()
    if province is None:
        return _refused(request, f"Chưa tạo được báo cáo: không có đơn vị «{unit}».", 404)
    require(request.user, "manage", province)
    job = running.start(
        Kind.REPORT_PERIODIC,
        province=province,
        requested_by=request.user,
        parameters={**args, "unit": unit, "pdf": True},
    )
    return _progress(request, job, status=202) if _htmx(request) else redirect("jobs:job", pk=job.pk)


def _refused(request: HttpRequest, message: str, status: int) -> HttpResponse:
    if _htmx(request):
        return render(request, "jobs/refused.html", {"message": message}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
