"""In a real browser: the office of a 130-unit province starts the periodic report in the
background, watches its progress bar, and the web server is killed and started again mid-job;
the job finishes in the Celery worker meanwhile, and the page shows it done with its download."""

from __future__ import annotations

import io
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from docx import Document as open_docx

from tests.browser import log_in
from tests.jobs.stack import OFFICE, PASSWORD, free_port, kill_web, stop, until

pytestmark = pytest.mark.browser


def test_the_report_job_survives_a_web_server_restart_and_ends_with_a_download(job_stack, page):
    port = free_port()
    server = SimpleNamespace(url=f"http://127.0.0.1:{port}")
    web = job_stack.start_web(port)
    try:
        log_in(page, server, OFFICE, PASSWORD)
        page.goto(f"{server.url}/van-ban/")
        page.get_by_label("Kỳ của văn bản chạy nền").fill("Tháng 11/2025")
        page.get_by_role("button", name="Tạo báo cáo (chạy nền)").click()
        running = page.locator('#cong-viec-bao-cao [data-state="running"]')
        running.wait_for()
        pk = int(re.fullmatch(r"cong-viec-(\d+)", running.get_attribute("id")).group(1))
        assert int(running.locator("progress").get_attribute("value")) < 100

        kill_web(web)  # mid-job: the page keeps asking, and nobody answers
        until(lambda: job_stack.job_row(pk)["state"] == "done", "the worker to finish the job")
        web = job_stack.start_web(port)

        job = page.locator(f'#cong-viec-{pk}[data-state="done"]')
        job.wait_for()  # the page's own polling found the server again
        assert job.locator("progress").get_attribute("value") == "100"
        assert "lần chạy thứ" not in job.inner_text()  # one attempt: nothing was redone
        with page.expect_download() as download:
            job.get_by_role("link", name="Tải kết quả (.docx)").click()
        assert download.value.suggested_filename == "bao-cao-cds-2025-11.docx"
        document = open_docx(io.BytesIO(Path(download.value.path()).read_bytes()))
        assert "Tình hình chuyển đổi số tháng 11" in "\n".join(p.text for p in document.paragraphs)

        page.reload()  # and a new visit shows the same
        assert page.locator(f'#cong-viec-{pk}[data-state="done"]').get_by_role("link", name="Tải bản PDF").count() == 1
    finally:
        stop(web)
