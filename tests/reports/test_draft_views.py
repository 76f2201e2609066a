"""The draft pages: only the office of the draft's province, Vietnamese refusals, nothing half saved."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from docx import Document as open_docx

from chiso.accounts.models import Grant, Role
from chiso.orgunits.models import OrgUnit
from chiso.reports import drafts
from chiso.reports.drafts import Choice, Letterhead
from chiso.reports.models import ReportDraft
from tests.fixtures.contents import BUNDLED, Contents, contents_fixture, make_office

CREATE = {
    "du-thao-kind": "periodic",
    "du-thao-period": "2024-11",
    "du-thao-framework": "cds-dong-thap-2021-2025",
    "du-thao-number": "125/BC-STTTT",
    "du-thao-date": "25/11/2024",
    "du-thao-signer_name": "Nguyễn Văn An",
    "du-thao-recipients": "UBND Tỉnh;\nLưu: VT, CĐS.",
}
EDIT = "Văn phòng viết lại đoạn này trên trang dự thảo."


def _draft() -> None:
    drafts.create(
        Choice("periodic", "dong-thap-cu", framework="cds-dong-thap-2021-2025", period_id="2024-11"),
        Letterhead("125/BC-STTTT", datetime.date(2024, 11, 25), "Nguyễn Văn An", ["UBND Tỉnh;"]),
        OrgUnit.objects.get(code="dong-thap"),
        make_office(),
    )


# The office's draft, made over the bundled data once per test process (tests/fixtures/contents.py)
# instead of in each test (0.3–0.8 s); each test's edits roll back as before.
DRAFTED = Contents("drafted-for-the-pages", _draft, base=BUNDLED, rank=1.2)
drafted_for_the_pages = contents_fixture(
    "drafted_for_the_pages", DRAFTED, "Asks for vanphong's draft of 11/2024 over the bundled data."
)


@pytest.fixture
def draft(drafted_for_the_pages, db) -> ReportDraft:
    """vanphong's draft of 11/2024, version 1 as `drafts.create` made it."""
    return ReportDraft.objects.get()


@pytest.fixture
def as_office(client, office):
    client.force_login(office)
    return client


def logged_in(client, username: str, code: str, role: str):
    unit = OrgUnit.objects.filter(code=code).first() or OrgUnit.objects.create(
        code=code, name="Thành phố Cần Thơ", type="tinh"
    )
    user = User.objects.create_user(username)
    Grant.objects.create(user=user, unit=unit, role=role)
    client.force_login(user)
    return client


def section_with_text(draft) -> drafts.Section:
    return next(s for s in drafts.sections_in(drafts.latest(draft)) if s.part == drafts.BODY and s.text)


def save_form(draft, **changes) -> dict:
    return {
        "phien_ban": str(drafts.latest(draft).number),
        "number": draft.number,
        "date": draft.date.strftime("%d/%m/%Y"),
        "signer_name": draft.signer_name,
        "recipients": draft.recipients,
        **changes,
    }


def test_the_report_page_offers_the_office_a_draft_form(as_office):
    page = as_office.get(reverse("reports:page")).content.decode()
    assert "Lập dự thảo" in page
    assert "Số văn bản" in page
    assert "Người ký" in page


def test_the_office_makes_a_draft_and_is_taken_to_it(as_office):
    response = as_office.post(reverse("reports:draft_create"), CREATE)
    draft = ReportDraft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:draft", args=[draft.pk])
    assert (draft.unit.code, draft.number, draft.date) == ("dong-thap-cu", "125/BC-STTTT", datetime.date(2024, 11, 25))
    page = as_office.get(response["Location"]).content.decode()
    assert "Phiên bản 1" in page
    assert "I. KẾT QUẢ THỰC HIỆN CHUYỂN ĐỔI SỐ" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("du-thao-number", "  ", "Chưa nhập số văn bản."),
        ("du-thao-date", "31/02/2024", "Ngày ban hành không đúng: viết ngày/tháng/năm"),
        ("du-thao-signer_name", "", "Chưa nhập họ tên người ký."),
        ("du-thao-period", "tháng mười", "Không hiểu kỳ báo cáo"),
    ],
)
def test_bad_draft_input_is_refused_in_vietnamese_and_nothing_is_made(as_office, field, value, message):
    response = as_office.post(reverse("reports:draft_create"), {**CREATE, field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReportDraft.objects.exists()


def test_a_viewer_can_neither_make_nor_open_a_draft(client, draft):
    viewer = logged_in(client, "nguoixem", "dong-thap-cu", Role.VIEWER)
    assert viewer.post(reverse("reports:draft_create"), CREATE).status_code == 403
    assert viewer.get(reverse("reports:draft", args=[draft.pk])).status_code == 403
    assert viewer.get(reverse("reports:draft_download", args=[draft.pk, "docx"])).status_code == 403


def test_the_office_of_another_province_cannot_open_edit_or_export_the_draft(client, draft):
    other = logged_in(client, "vanphong-ct", "can-tho", Role.ADMIN)
    assert other.get(reverse("reports:draft", args=[draft.pk])).status_code == 403
    section = section_with_text(draft)
    form = save_form(draft, **{f"noi-dung-{section.key}": EDIT})
    assert other.post(reverse("reports:draft_save", args=[draft.pk]), form).status_code == 403
    assert other.post(reverse("reports:draft_redraft", args=[draft.pk])).status_code == 403
    assert other.get(reverse("reports:draft_download", args=[draft.pk, "docx"])).status_code == 403
    assert draft.versions.count() == 1


def test_the_office_of_another_province_cannot_draft_this_provinces_report(client, seed_data):
    other = logged_in(client, "vanphong-ct", "can-tho", Role.ADMIN)
    assert other.post(reverse("reports:draft_create"), CREATE).status_code == 403
    assert not ReportDraft.objects.exists()


def test_a_draft_that_does_not_exist_is_404(as_office):
    assert as_office.get(reverse("reports:draft", args=[999999])).status_code == 404


def test_an_edit_is_saved_and_listed_among_the_versions(as_office, draft):
    section = section_with_text(draft)
    response = as_office.post(
        reverse("reports:draft_save", args=[draft.pk]), save_form(draft, **{f"noi-dung-{section.key}": EDIT})
    )
    assert response.status_code == 302
    page = as_office.get(response["Location"]).content.decode()
    assert "Đã lưu phiên bản 2." in page
    assert "Sửa nội dung" in page
    assert EDIT in page
    assert "đã sửa" in page


def test_a_bad_date_on_save_keeps_the_typed_text_and_saves_nothing(as_office, draft):
    section = section_with_text(draft)
    form = save_form(draft, date="32/13/2024", **{f"noi-dung-{section.key}": EDIT})
    response = as_office.post(reverse("reports:draft_save", args=[draft.pk]), form)
    assert response.status_code == 400
    assert "Ngày ban hành không đúng" in response.content.decode()
    assert EDIT in response.content.decode()  # what was typed is not lost
    assert draft.versions.count() == 1


def test_saving_over_a_newer_version_is_refused_with_409(as_office, draft):
    section = section_with_text(draft)
    old = save_form(draft, **{f"noi-dung-{section.key}": "Sửa lần đầu."})
    as_office.post(reverse("reports:draft_save", args=[draft.pk]), old)
    response = as_office.post(reverse("reports:draft_save", args=[draft.pk]), {**old, f"noi-dung-{section.key}": EDIT})
    assert response.status_code == 409
    assert "phiên bản 2 được lưu sau phiên bản 1 bạn đang sửa; chưa có gì được lưu" in response.content.decode()
    assert draft.versions.count() == 2


def test_a_redraft_over_an_edit_asks_then_takes_the_new_text_when_chosen(as_office, draft):
    section = section_with_text(draft)
    as_office.post(
        reverse("reports:draft_save", args=[draft.pk]), save_form(draft, **{f"noi-dung-{section.key}": EDIT})
    )
    asked = as_office.post(reverse("reports:draft_redraft", args=[draft.pk])).content.decode()
    assert "1 mục đã sửa khác với nội dung mới" in asked
    assert "Giữ bản đã sửa" in asked
    assert draft.versions.count() == 2  # nothing replaced while asking
    as_office.post(reverse("reports:draft_redraft", args=[draft.pk]), {"tra_loi": "1", "tat_ca": "new"})
    newest = drafts.sections_in(drafts.latest(draft))
    assert next(s for s in newest if s.key == section.key).text == section.text


def test_an_unknown_choice_on_a_redraft_is_refused(as_office, draft):
    response = as_office.post(reverse("reports:draft_redraft", args=[draft.pk]), {"tra_loi": "1", "tat_ca": "ca-hai"})
    assert response.status_code == 400
    assert draft.versions.count() == 1


def test_the_office_restores_an_earlier_version(as_office, draft):
    section = section_with_text(draft)
    as_office.post(
        reverse("reports:draft_save", args=[draft.pk]), save_form(draft, **{f"noi-dung-{section.key}": EDIT})
    )
    response = as_office.post(reverse("reports:draft_restore", args=[draft.pk]), {"phien_ban": "1"}, follow=True)
    assert "Đã khôi phục phiên bản 1 thành phiên bản 3." in response.content.decode()
    assert next(s for s in drafts.sections_in(drafts.latest(draft)) if s.key == section.key).text == section.text


def test_restoring_a_missing_version_is_refused(as_office, draft):
    response = as_office.post(reverse("reports:draft_restore", args=[draft.pk]), {"phien_ban": "7"})
    assert response.status_code == 404
    assert "Dự thảo không có phiên bản 7." in response.content.decode()


def test_the_docx_download_carries_the_saved_edit(as_office, draft):
    section = section_with_text(draft)
    as_office.post(
        reverse("reports:draft_save", args=[draft.pk]), save_form(draft, **{f"noi-dung-{section.key}": EDIT})
    )
    response = as_office.get(reverse("reports:draft_download", args=[draft.pk, "docx"]))
    assert 'filename="du-thao-bao-cao-cds-2024-11.docx"' in response["Content-Disposition"]
    assert EDIT in [p.text for p in open_docx(io.BytesIO(response.content)).paragraphs]


def test_an_unknown_download_format_is_404_in_vietnamese(as_office, draft):
    response = as_office.get(reverse("reports:draft_download", args=[draft.pk, "odt"]))
    assert response.status_code == 404
    assert "dạng .docx hoặc .pdf" in response.content.decode()


def test_the_flagged_slips_are_shown_to_the_office(as_office, draft):
    draft.flags = ["Phụ lục I, chỉ tiêu II.12 (so với KH năm 2024): ghi «Vượt», tính từ số liệu được «Chưa đạt»."]
    draft.save()
    page = as_office.get(reverse("reports:draft", args=[draft.pk])).content.decode()
    assert "Cần Văn phòng xem lại trước khi ban hành" in page
    assert "ghi «Vượt», tính từ số liệu được «Chưa đạt»" in page


def test_without_libreoffice_the_pdf_export_says_so_in_vietnamese(as_office, draft, monkeypatch):
    monkeypatch.setattr("chiso.reports.pdf.soffice", lambda: None)
    response = as_office.get(reverse("reports:draft_download", args=[draft.pk, "pdf"]))
    assert response.status_code == 503
    assert (
        response.content.decode() == "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải dự thảo dạng .docx."
    )


def test_the_office_downloads_the_draft_as_pdf(as_office, draft):
    from chiso.reports.pdf import soffice

    if soffice() is None:
        pytest.skip("chưa cài LibreOffice (soffice): không thử được PDF")
    response = as_office.get(reverse("reports:draft_download", args=[draft.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
