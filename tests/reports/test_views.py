"""The report page: who may use it, and what its downloads contain."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from docx import Document as open_docx
from openpyxl import load_workbook

from chiso.accounts.models import Grant, Role
from chiso.orgunits.models import OrgUnit

QUERY = {"kind": "periodic", "period": "2024-11", "framework": "cds-dong-thap-2021-2025"}


@pytest.fixture
def viewer(seed_data, db, client):
    user = User.objects.create_user("nguoixem", password="Mat-khau-2024!")
    Grant.objects.create(user=user, unit=OrgUnit.objects.get(code="dong-thap-cu"), role=Role.VIEWER)
    client.force_login(user)
    return client


@pytest.fixture
def office(seed_data, db, client):
    user = User.objects.create_user("vanphong", password="Mat-khau-2024!")
    Grant.objects.create(user=user, unit=OrgUnit.objects.get(code="dong-thap"), role=Role.ADMIN)
    client.force_login(user)
    return client


def test_the_page_asks_for_a_login(client, db):
    response = client.get(reverse("reports:page"))
    assert response.status_code == 302
    assert "/tai-khoan/dang-nhap/" in response["Location"]


def test_a_user_without_any_grant_is_refused(seed_data, db, client):
    client.force_login(User.objects.create_user("khach"))
    assert client.get(reverse("reports:page")).status_code == 403


def test_the_page_shows_computed_summaries_and_charts(viewer):
    page = viewer.get(reverse("reports:page"), QUERY).content.decode()
    assert "Vượt 16/46 chỉ tiêu; Đạt 20/46 chỉ tiêu; Chưa đạt 7/46 chỉ tiêu" in page
    assert "data:image/png;base64," in page


def test_a_viewer_downloads_the_report_as_docx(viewer):
    response = viewer.get(reverse("reports:download", args=["docx"]), QUERY)
    assert response.status_code == 200
    assert 'filename="bao-cao-cds-2024-11.docx"' in response["Content-Disposition"]
    doc = open_docx(io.BytesIO(response.content))
    assert "Phụ lục VII" in [p.text for p in doc.paragraphs]


def test_a_viewer_downloads_the_appendices_as_xlsx(viewer):
    response = viewer.get(reverse("reports:download", args=["xlsx"]), QUERY)
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == [f"Phụ lục {n}" for n in ("I", "II", "III", "IV", "V", "VI", "VII")]


def test_a_viewer_downloads_one_appendix_as_csv(viewer):
    response = viewer.get(reverse("reports:download", args=["csv"]), {**QUERY, "appendix": "VII"})
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[-1].startswith(",Tổng hợp số lượng:,17,11,28,28,0,28,28,0")


def test_a_bad_period_is_refused_in_vietnamese(viewer):
    response = viewer.get(reverse("reports:download", args=["docx"]), {**QUERY, "period": "tháng mười"})
    assert response.status_code == 400
    assert "Không hiểu kỳ báo cáo" in response.content.decode()


def test_a_viewer_cannot_upload_a_layout(viewer):
    assert viewer.get(reverse("reports:layouts")).status_code == 403


def test_the_office_is_told_why_an_upload_was_refused(office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = office.post(
        reverse("reports:layout_upload"),
        {"kind": "periodic", "file": SimpleUploadedFile("mau.docx", b"khong phai docx")},
        follow=True,
    )
    assert "không phải là văn bản Word" in response.content.decode()
    assert "Mẫu đang dùng được giữ nguyên" in response.content.decode()


def test_the_office_downloads_the_layout_in_use(office):
    response = office.get(reverse("reports:layout_download", args=["dti"]))
    assert "{{ phu_luc }}" in [p.text for p in open_docx(io.BytesIO(response.content)).paragraphs]


def test_the_office_layout_is_used_for_its_province_downloads(office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from chiso.reports.layouts import default_layout

    doc = open_docx(io.BytesIO(default_layout()))
    doc.add_paragraph("Dòng riêng của Văn phòng Đồng Tháp")
    edited = io.BytesIO()
    doc.save(edited)
    office.post(
        reverse("reports:layout_upload"),
        {"kind": "periodic", "file": SimpleUploadedFile("mau-dt.docx", edited.getvalue())},
    )
    response = office.get(reverse("reports:download", args=["docx"]), QUERY)
    assert "Dòng riêng của Văn phòng Đồng Tháp" in [p.text for p in open_docx(io.BytesIO(response.content)).paragraphs]


def test_a_stored_layout_that_breaks_the_rules_gives_a_vietnamese_refusal_not_an_error(office):
    from chiso.reports.layouts import default_layout
    from chiso.reports.models import ReportTemplate

    doc = open_docx(io.BytesIO(default_layout()))
    doc.add_paragraph("{{ title.__class__.__mro__ }}")
    stored = io.BytesIO()
    doc.save(stored)
    ReportTemplate.objects.create(
        kind="periodic", content=stored.getvalue(), file_name="cu.docx", province=OrgUnit.objects.get(code="dong-thap")
    )
    response = office.get(reverse("reports:download", args=["docx"]), QUERY)
    assert response.status_code == 422
    assert "tải lên mẫu khác" in response.content.decode()
