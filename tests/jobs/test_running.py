"""A job's life on the bundled data: queued → running → done with its .docx in the storage;
a failure keeps the Vietnamese reason; a retry is a new attempt of the same job."""

from __future__ import annotations

import io
import os
import socket
import subprocess

import pytest
from django.core.files.storage import default_storage
from docx import Document as open_docx

from chiso.jobs import running
from chiso.jobs.kinds import report_periodic
from chiso.jobs.models import Job, Kind, State

PERIOD = "2024-11"


@pytest.fixture
def province(seed_data):
    from chiso.orgunits.models import OrgUnit

    return OrgUnit.objects.get(code="dong-thap")


def _report_job(province, **parameters) -> Job:
    return running.start(
        Kind.REPORT_PERIODIC, province=province, parameters={"period": PERIOD, "pdf": False, **parameters}
    )


def test_a_started_job_waits_queued_and_is_handed_over_after_the_commit(province, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as handed_over:
        job = _report_job(province)
    assert (job.state, job.progress, job.attempts) == (State.QUEUED, 0, 0)
    assert job.step == "Đang chờ đến lượt chạy"
    assert len(handed_over) == 1


def test_a_periodic_report_job_runs_to_done_with_its_docx_stored(province):
    job = _report_job(province)
    running.execute(job.pk)
    job.refresh_from_db()
    assert (job.state, job.progress, job.attempts, job.error) == (State.DONE, 100, 1, "")
    assert job.started_at <= job.finished_at
    assert job.summary.startswith("Báo cáo: Tình hình chuyển đổi số tháng 11")
    with default_storage.open(job.result.name, "rb") as stored:
        document = open_docx(io.BytesIO(stored.read()))
    assert "Phụ lục VII" in [p.text for p in document.paragraphs]


def test_the_report_job_says_each_step_in_vietnamese_with_a_rising_percentage(province):
    job = _report_job(province)
    progress = running.Progress(job.pk)
    report_periodic(job, progress)
    percents = [percent for percent, _ in progress.steps]
    assert percents == sorted(percents)
    assert len(percents) >= 3
    assert progress.steps[0][1] == "Đang đọc số liệu tháng 11/2024 và lập nội dung báo cáo"
    job.refresh_from_db()
    assert (job.progress, job.step) == (95, "Đang lưu tệp kết quả")


def test_a_failed_job_records_why_in_vietnamese(province):
    job = _report_job(province, framework="khong-co-bo-nay")
    running.execute(job.pk)
    job.refresh_from_db()
    assert job.state == State.FAILED
    assert job.error == "Không lập được văn bản: không có bộ chỉ tiêu «khong-co-bo-nay»."
    assert job.progress < 100
    assert job.finished_at is not None
    assert not job.result


def test_a_retry_queues_the_failed_job_again_and_runs_a_second_attempt(province):
    job = _report_job(province, framework="khong-co-bo-nay")
    running.execute(job.pk)
    Job.objects.filter(pk=job.pk).update(parameters={"period": PERIOD, "pdf": False})  # the cause put right
    job.refresh_from_db()
    assert running.retry(job) is True
    job.refresh_from_db()
    assert (job.state, job.error, job.progress, job.finished_at) == (State.QUEUED, "", 0, None)
    running.execute(job.pk)
    job.refresh_from_db()
    assert (job.state, job.attempts) == (State.DONE, 2)


def test_a_job_that_did_not_fail_is_not_retried(province):
    job = _report_job(province)
    assert running.retry(job) is False
    job.refresh_from_db()
    assert job.state == State.QUEUED


def test_a_finished_job_delivered_twice_is_left_alone(province):
    job = _report_job(province)
    running.execute(job.pk)
    running.execute(job.pk)
    job.refresh_from_db()
    assert (job.state, job.attempts) == (State.DONE, 1)


def test_a_job_left_running_by_a_dead_worker_runs_again_from_the_start(province):
    job = _report_job(province)
    Job.objects.filter(pk=job.pk).update(state=State.RUNNING, attempts=1, progress=50, runner="celery:chet")
    running.execute(job.pk)
    job.refresh_from_db()
    assert (job.state, job.attempts, job.progress) == (State.DONE, 2, 100)


def _thread_job(province, pid: int) -> Job:
    job = _report_job(province)
    Job.objects.filter(pk=job.pk).update(state=State.RUNNING, runner=f"process:{socket.gethostname()}:{pid}")
    job.refresh_from_db()
    return job


def test_a_thread_job_whose_web_process_is_gone_fails_with_a_retry_reason(province):
    gone = subprocess.Popen(["true"])
    gone.wait()
    job = running.fail_orphaned(_thread_job(province, gone.pid))
    assert job.state == State.FAILED
    assert job.error.startswith("Máy chủ web đã khởi động lại khi công việc đang chạy")


def test_a_thread_job_of_a_live_process_is_not_taken_for_orphaned(province):
    job = _thread_job(province, os.getppid())  # the process that started pytest: alive
    assert running.orphaned(job) is False


def test_a_retried_job_is_not_taken_for_orphaned_by_the_process_that_ran_it_before(province):
    gone = subprocess.Popen(["true"])
    gone.wait()
    job = _thread_job(province, gone.pid)
    Job.objects.filter(pk=job.pk).update(state=State.FAILED)
    job.refresh_from_db()
    running.retry(job)
    job.refresh_from_db()
    assert running.fail_orphaned(job).state == State.QUEUED
