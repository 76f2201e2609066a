"""The report page in a real browser: choose the 11/2024 report, see it, download the .docx."""

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from docx import Document as open_docx
from playwright.sync_api import expect

from chiso.accounts.models import Grant, Role
from tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_previews_and_downloads_the_monthly_report(live_server, page, seed_data):
    from chiso.orgunits.models import OrgUnit

    user = User.objects.create_user("canbo", password="Mat-khau-2024!")
    Grant.objects.create(user=user, unit=OrgUnit.objects.get(code="dong-thap-cu"), role=Role.VIEWER)
    log_in(page, live_server, "canbo", "Mat-khau-2024!")
    page.goto(f"{live_server.url}/van-ban/")
    page.get_by_label("Kỳ báo cáo").fill("Tháng 11/2024")
    page.get_by_role("button", name="Xem trước").click()
    # the click only starts the navigation: wait until the preview has loaded before counting
    expect(page.locator("figure img")).to_have_count(1)
    assert page.get_by_text("Tổng hợp số lượng").count() == 0  # the page shows summaries, not rows
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải văn bản (.docx)").click()
    doc = open_docx(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert "Phụ lục VII" in [p.text for p in doc.paragraphs]
