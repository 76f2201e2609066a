"""Without a broker (the demo), a job runs in a thread of the process that started it: the
same code as the worker's, committed rows read back by the page and the command line."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from django.core.files.storage import default_storage
from docx import Document as open_docx

from chiso.cli import main
from chiso.jobs import running
from chiso.jobs.models import Job, Kind, State

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _no_broker(settings):
    settings.CELERY_BROKER_URL = ""


def test_a_job_started_without_a_broker_runs_in_a_thread_to_done(form, units):
    job = running.start(
        Kind.REPORT_PERIODIC,
        province=units["dong-thap"],
        parameters={"period": "2026-11", "unit": "dong-thap", "pdf": False},
    )
    running.wait(job.pk, timeout=120)
    job.refresh_from_db()
    assert (job.state, job.progress, job.attempts, job.error) == (State.DONE, 100, 1, "")
    assert job.runner.startswith("process:")
    with default_storage.open(job.result.name, "rb") as stored:
        document = open_docx(io.BytesIO(stored.read()))
    assert any("tháng 11" in p.text for p in document.paragraphs)


def test_the_command_line_runs_the_job_and_writes_its_file(form, units, tmp_path):
    out = tmp_path / "bao-cao.docx"
    result = CliRunner().invoke(
        main,
        ["jobs", "run", "report-periodic", "--period", "2026-11", "--unit", "dong-thap", "--no-pdf", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    job = Job.objects.get()
    assert f"Công việc số {job.pk} (Báo cáo định kỳ chuyển đổi số (.docx, PDF)): Đã xong, 100%" in result.output
    assert open_docx(str(out)).paragraphs


def test_the_command_line_exits_1_with_the_reason_of_a_failed_job(form, units):
    result = CliRunner().invoke(
        main,
        ["jobs", "run", "report-periodic", "--period", "2026-11", "--unit", "dong-thap", "--framework", "khong-co"],
    )
    assert result.exit_code == 1
    assert "Lỗi: Không lập được văn bản: không có bộ chỉ tiêu «khong-co»." in result.output


def test_status_of_an_unknown_job_is_refused_in_vietnamese(db):
    result = CliRunner().invoke(main, ["jobs", "status", "999"])
    assert result.exit_code == 2
    assert "Lỗi: không có công việc số 999" in result.output


def test_a_job_the_broker_does_not_take_fails_with_a_retry_reason(form, units, settings):
    from chiso.jobs.celery import app

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    app.conf.broker_url = settings.CELERY_BROKER_URL
    try:
        job = running.start(Kind.REPORT_PERIODIC, province=units["dong-thap"], parameters={"period": "2026-11"})
    finally:
        app.conf.broker_url = None
    job.refresh_from_db()
    assert job.state == State.FAILED
    assert job.error.startswith(
        "Không gửi được công việc tới hàng đợi: máy chủ hàng đợi (Redis/RabbitMQ) không trả lời."
    )
