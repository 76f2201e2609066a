"""A job's life: queued → running → done | failed, and a failed job queued again by a retry.

The row in the database is the only truth: the page, the CLI and the worker each read it, so a
web server restart loses nothing. Where the work runs is chosen once, by configuration: a
Celery worker when a broker is set (``CELERY_BROKER_URL`` or ``REDIS_URL``), otherwise a thread
of the process that asked (the demo needs no other program).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connections, transaction
from django.utils import timezone

from chiso.jobs.models import Job, State

log = logging.getLogger(__name__)

UNEXPECTED = (
    "Có lỗi ngoài dự kiến khi chạy công việc số {pk}; quản trị hệ thống xem chi tiết trong nhật ký "
    "của máy chủ. Có thể bấm «Thử lại»."
)
STOPPED = "Dừng vì lỗi"
UNSENT = (
    "Không gửi được công việc tới hàng đợi: máy chủ hàng đợi (Redis/RabbitMQ) không trả lời. Quản trị "
    "hệ thống kiểm tra máy chủ hàng đợi, rồi bấm «Thử lại»."
)
ORPHANED = (
    "Máy chủ web đã khởi động lại khi công việc đang chạy (hệ thống chưa cấu hình hàng đợi riêng "
    "nên công việc chạy trong máy chủ web); bấm «Thử lại» để chạy lại từ đầu."
)


class JobFailure(Exception):
    """The work cannot finish; the message is the Vietnamese reason the person reads."""


@dataclass
class StoredFile:
    name: str
    content: bytes


@dataclass
class Outcome:
    """What a finished job leaves: its file (and the PDF of it), and one sentence of result."""

    summary: str
    result: StoredFile | None = None
    result_pdf: StoredFile | None = None


@dataclass
class Progress:
    """Writes the percentage and the step the person sees; each call is its own small update."""

    job_id: int
    steps: list[tuple[int, str]] = field(default_factory=list)

    def __call__(self, percent: int, step: str) -> None:
        self.steps.append((percent, step))
        Job.objects.filter(pk=self.job_id).update(progress=max(0, min(percent, 99)), step=step[:300])


Work = Callable[[Job, Progress], Outcome]


def broker_configured() -> bool:
    return bool(getattr(settings, "CELERY_BROKER_URL", ""))


# --- asking for work ---------------------------------------------------------------------------


def start(kind: str, *, province=None, requested_by=None, parameters: dict | None = None) -> Job:
    """Record the job and hand it to the runner once the row is committed."""
    job = Job.objects.create(
        kind=kind,
        province=province,
        requested_by=requested_by,
        parameters=parameters or {},
        step="Đang chờ đến lượt chạy",
    )
    _dispatch(job.pk)
    return job


def retry(job: Job) -> bool:
    """Queue a failed job again (its attempts go on counting); False if it had not failed."""
    queued = Job.objects.filter(pk=job.pk, state=State.FAILED).update(
        state=State.QUEUED, progress=0, step="Đang chờ chạy lại", error="", finished_at=None, runner=""
    )
    if queued:
        _dispatch(job.pk)
    return bool(queued)


def _dispatch(pk: int) -> None:
    # After the commit: a worker that picks the message up at once must find the row.
    transaction.on_commit(lambda: _send(pk))


def _send(pk: int) -> None:
    if not broker_configured():
        run_in_thread(pk)
        return
    from chiso.jobs.tasks import run_job

    try:
        run_job.delay(pk)
    except Exception:  # kombu raises its own and the socket's errors when the broker is down
        log.exception("job %s could not be sent to the broker", pk)
        Job.objects.filter(pk=pk, state=State.QUEUED).update(
            state=State.FAILED, error=UNSENT, step="Chưa gửi được tới hàng đợi", finished_at=timezone.now()
        )


# --- in-process runner -------------------------------------------------------------------------

_threads: dict[int, threading.Thread] = {}


def this_process() -> str:
    return f"process:{socket.gethostname()}:{os.getpid()}"


def run_in_thread(pk: int) -> threading.Thread:
    thread = threading.Thread(target=_thread_main, args=(pk,), name=f"chiso-job-{pk}", daemon=True)
    _threads[pk] = thread
    # Named before the thread starts: a restart before it claims the job still shows as orphaned.
    Job.objects.filter(pk=pk).update(runner=this_process())
    thread.start()
    return thread


def _thread_main(pk: int) -> None:
    try:
        execute(pk, runner=this_process())
    finally:
        connections.close_all()
        _threads.pop(pk, None)  # a long-lived web process keeps no record of finished jobs


def wait(pk: int, timeout: float | None = None) -> None:
    """Wait for this process's thread running job ``pk`` (the CLI; tests)."""
    thread = _threads.get(pk)
    if thread is not None:
        thread.join(timeout)


def orphaned(job: Job) -> bool:
    """True when an unfinished job ran in a web process of this machine that no longer exists:
    without a broker a restart ends the thread, and nothing else would ever finish the job."""
    kind, _, rest = job.runner.partition(":")
    host, _, pid = rest.rpartition(":")
    if job.finished or kind != "process" or host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return job.pk not in _threads or not _threads[job.pk].is_alive()
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def fail_orphaned(job: Job) -> Job:
    if orphaned(job):
        Job.objects.filter(pk=job.pk, state__in=(State.QUEUED, State.RUNNING)).update(
            state=State.FAILED, error=ORPHANED, step=STOPPED, finished_at=timezone.now()
        )
        job.refresh_from_db()
    return job


# --- doing the work ----------------------------------------------------------------------------


def execute(pk: int, runner: str = "") -> None:
    """Run job ``pk`` and record how it ended. A job already done or failed is left alone (a
    message delivered twice); one left running by a crashed worker runs again from the start."""
    job = _claim(pk, runner)
    if job is None:
        return
    from chiso.jobs.kinds import KINDS

    try:
        outcome = KINDS[job.kind](job, Progress(pk))
    except JobFailure as failure:
        _finish(pk, state=State.FAILED, error=str(failure))
    except Exception:
        log.exception("job %s (%s) failed", pk, job.kind)
        _finish(pk, state=State.FAILED, error=UNEXPECTED.format(pk=pk))
    else:
        _store(job, outcome)


def _claim(pk: int, runner: str) -> Job | None:
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=pk).first()
        if job is None or job.finished:
            return None
        job.state, job.attempts, job.runner = State.RUNNING, job.attempts + 1, runner
        job.progress, job.step, job.error = 0, "Bắt đầu", ""
        job.started_at, job.finished_at = timezone.now(), None
        job.save()
    return job


def _store(job: Job, outcome: Outcome) -> None:
    for name in ("result", "result_pdf"):
        stored: StoredFile | None = getattr(outcome, name)
        if stored is not None:
            getattr(job, name).save(stored.name, ContentFile(stored.content), save=False)
    Job.objects.filter(pk=job.pk).update(result=job.result.name or "", result_pdf=job.result_pdf.name or "")
    _finish(job.pk, state=State.DONE, summary=outcome.summary)


def _finish(pk: int, *, state: str, error: str = "", summary: str = "") -> None:
    done = state == State.DONE
    Job.objects.filter(pk=pk).update(
        state=state,
        error=error,
        summary=summary,
        progress=100 if done else _progress_of(pk),
        step="Đã xong" if done else STOPPED,
        finished_at=timezone.now(),
    )


def _progress_of(pk: int) -> int:
    return Job.objects.filter(pk=pk).values_list("progress", flat=True).first() or 0
