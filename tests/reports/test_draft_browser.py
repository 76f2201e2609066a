"""The office edits a draft in a real browser and the exported .docx carries the edit."""

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from docx import Document as open_docx

from chiso.accounts.models import Grant, Role
from tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDIT = "Văn phòng sửa trên trình duyệt: chính quyền số tháng 11 có nhiều chuyển biến."


def test_the_office_drafts_edits_saves_and_exports_the_monthly_report(live_server, page, seed_data):
    from chiso.orgunits.models import OrgUnit
    from chiso.reports import drafts
    from chiso.reports.models import ReportDraft

    user = User.objects.create_user("vanphong", password="Mat-khau-2024!")
    Grant.objects.create(user=user, unit=OrgUnit.objects.get(code="dong-thap"), role=Role.ADMIN)
    log_in(page, live_server, "vanphong", "Mat-khau-2024!")
    page.goto(f"{live_server.url}/van-ban/")
    form = page.locator("#lap-du-thao")
    form.get_by_label("Kỳ báo cáo").fill("Tháng 11/2024")
    form.get_by_label("Số văn bản").fill("125/BC-STTTT")
    form.get_by_label("Ngày ban hành").fill("25/11/2024")
    form.get_by_label("Người ký").fill("Nguyễn Văn An")
    form.get_by_role("button", name="Lập dự thảo").click()
    page.get_by_text("Đã lập dự thảo từ số liệu (phiên bản 1)").wait_for()

    draft = ReportDraft.objects.get()
    section = next(s for s in drafts.sections_in(drafts.latest(draft)) if s.part == drafts.BODY and s.text)
    page.get_by_label(f"Nội dung: {section.title}", exact=True).fill(EDIT)
    page.get_by_role("button", name="Lưu dự thảo").click()
    page.get_by_text("Đã lưu phiên bản 2.").wait_for()
    assert page.get_by_label(f"Nội dung: {section.title}", exact=True).input_value() == EDIT

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải dự thảo (.docx)").click()
    doc = open_docx(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert EDIT in [p.text for p in doc.paragraphs]
    signature = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert any("Nguyễn Văn An" in text for text in signature)
