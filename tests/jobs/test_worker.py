"""A real Celery worker on Redis runs the periodic report of the 130-unit province: the command
line only queues the job and follows its progress from the database."""

from __future__ import annotations

import re
import socket
import subprocess
import sys

from docx import Document as open_docx

from tests.jobs.stack import ROOT


def test_a_celery_worker_runs_the_periodic_report_to_done_with_docx_and_pdf(job_stack, tmp_path):
    out = tmp_path / "bao-cao.docx"
    result = job_stack.run("-m", "chiso", "jobs", "run", "report-periodic", "--period", "2025-11", "--out", str(out))
    pk = int(re.search(r"Công việc số (\d+):", result.stdout).group(1))
    row = job_stack.job_row(pk)
    assert (row["state"], row["progress"], row["attempts"]) == ("done", 100, 1)
    assert row["runner"] == f"celery:{job_stack.queue}@{socket.gethostname()}"
    assert "Task chiso.jobs.run_job[" in job_stack.worker_log()
    assert "succeeded" in job_stack.worker_log()
    assert "Tình hình chuyển đổi số tháng 11" in "\n".join(p.text for p in open_docx(str(out)).paragraphs)
    assert out.with_suffix(".pdf").read_bytes()[:5] == b"%PDF-"


def test_a_failed_job_in_the_worker_says_why_and_the_command_exits_1(job_stack):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "chiso",
            "jobs",
            "run",
            "report-periodic",
            "--period",
            "2025-11",
            "--framework",
            "khong-co",
        ],
        cwd=ROOT,
        env=job_stack.environment(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Lỗi: Không lập được văn bản: không có bộ chỉ tiêu «khong-co»." in result.stderr
