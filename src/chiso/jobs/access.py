"""Who sees a job: the DX office of the job's province (and superusers); a job of no province
(a backup, the national rescoring, the scheduled reminders) only superusers. The rule is
chiso.accounts.permissions' "manage" — the office's own right in its province."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from chiso.accounts.permissions import can, unit_ids_for
from chiso.jobs.models import Job


def visible_jobs(user) -> QuerySet[Job]:
    if not (user.is_authenticated and user.is_active):
        return Job.objects.none()
    if user.is_superuser:
        return Job.objects.all()
    return Job.objects.filter(province_id__in=unit_ids_for(user, "manage"))


def may_see(user, job: Job) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return job.province_id is not None and can(user, "manage", job.province_id)


def require_job_reader(user, job: Job) -> None:
    if not may_see(user, job):
        raise PermissionDenied(
            "Chỉ Văn phòng chuyển đổi số của tỉnh đã yêu cầu công việc này (hoặc quản trị hệ thống) được xem nó."
        )
