"""Drafts the office edits before export: versions, restore, redraft, .docx and PDF."""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess

import pytest
from docx import Document as open_docx

from chiso.orgunits.models import OrgUnit
from chiso.reports import drafts
from chiso.reports.drafts import Choice, Letterhead
from chiso.reports.models import DraftVersion, ReportDraft
from tests.fixtures.contents import BUNDLED, Contents, contents_fixture, make_office

NOVEMBER = Choice(kind="periodic", unit="dong-thap-cu", framework="cds-dong-thap-2021-2025", period_id="2024-11")
LETTERHEAD = Letterhead("125/BC-STTTT", datetime.date(2024, 11, 25), "Nguyễn Văn An", ["UBND Tỉnh;", "Lưu: VT, CĐS."])
EDIT = "Văn phòng viết lại: kết quả chính quyền số tháng 11 tăng rõ so với tháng trước."


def _draft_november() -> None:
    drafts.create(NOVEMBER, LETTERHEAD, OrgUnit.objects.get(code="dong-thap"), make_office())


# The office's draft of 11/2024, made over the bundled data once per test process
# (tests/fixtures/contents.py) instead of in each test (0.3–1 s: the report is built from the
# data); each test's edits roll back as before.
NOVEMBER_DRAFTED = Contents("drafted-2024-11", _draft_november, base=BUNDLED, rank=1.1)
november_drafted = contents_fixture(
    "november_drafted", NOVEMBER_DRAFTED, "Asks for vanphong's draft of 11/2024 (LETTERHEAD) over the bundled data."
)


@pytest.fixture
def draft(november_drafted, db) -> ReportDraft:
    """vanphong's draft of 11/2024 (LETTERHEAD), version 1 as `drafts.create` made it."""
    return ReportDraft.objects.get()


def first_body_section(draft) -> drafts.Section:
    return next(s for s in drafts.sections_in(drafts.latest(draft)) if s.part == drafts.BODY and s.text)


def edit(draft, user, key: str, text: str) -> DraftVersion | None:
    return drafts.save_edit(draft, drafts.latest(draft).number, {}, {key: text}, Letterhead.of(draft), user)


def test_a_draft_is_made_from_the_data_as_its_first_version(draft):
    version = drafts.latest(draft)
    sections = drafts.sections_in(version)
    assert version.number == 1
    assert version.change == DraftVersion.Change.DRAFTED
    assert [s.heading for s in sections if s.level == 1][0] == "I. KẾT QUẢ THỰC HIỆN CHUYỂN ĐỔI SỐ"
    assert draft.title.startswith("Báo cáo tình hình chuyển đổi số tháng 11")
    assert draft.recipient_lines == ["UBND Tỉnh;", "Lưu: VT, CĐS."]


def test_empty_recipients_take_the_documents_usual_ones(office):
    letterhead = Letterhead("1/BC-STTTT", datetime.date(2024, 11, 25), "Nguyễn Văn An", [])
    draft = drafts.create(NOVEMBER, letterhead, OrgUnit.objects.get(code="dong-thap"), office)
    assert draft.recipient_lines[-1].startswith("Lưu: VT")
    assert len(draft.recipient_lines) > 2


def test_an_unknown_unit_is_refused_and_nothing_is_stored(office):
    from chiso.reports.models import ReportDraft

    with pytest.raises(drafts.DraftRefused, match="không có đơn vị «khong-co»"):
        drafts.create(
            Choice(**{**NOVEMBER.__dict__, "unit": "khong-co"}),
            LETTERHEAD,
            OrgUnit.objects.get(code="dong-thap"),
            office,
        )
    assert not ReportDraft.objects.exists()


def test_an_edit_is_saved_as_a_new_version(draft, office):
    section = first_body_section(draft)
    version = edit(draft, office, section.key, EDIT + "\r\n\r\nĐoạn thứ hai.")
    assert version is not None
    assert version.number == 2
    assert version.change == DraftVersion.Change.EDITED
    saved = next(s for s in drafts.sections_in(version) if s.key == section.key)
    assert saved.paragraphs == [EDIT, "Đoạn thứ hai."]
    assert section.heading in version.note


def test_saving_without_a_change_makes_no_version(draft, office):
    section = first_body_section(draft)
    assert edit(draft, office, section.key, section.text) is None
    assert draft.versions.count() == 1


def test_an_edit_of_an_older_version_is_refused(draft, office):
    section = first_body_section(draft)
    edit(draft, office, section.key, EDIT)
    with pytest.raises(drafts.StaleEdit, match="phiên bản 2"):
        drafts.save_edit(draft, 1, {}, {section.key: "Sửa trên bản cũ."}, Letterhead.of(draft), office)
    assert draft.versions.count() == 2


def test_an_earlier_version_is_restored_as_a_new_one(draft, office):
    section = first_body_section(draft)
    changed = Letterhead("200/BC-STTTT", datetime.date(2024, 11, 28), "Trần Thị Bình", ["UBND Tỉnh;"])
    drafts.save_edit(draft, 1, {}, {section.key: EDIT}, changed, office)
    restored = drafts.restore(draft, 1, office)
    draft.refresh_from_db()
    assert restored.number == 3
    assert restored.note == "Khôi phục phiên bản 1"
    assert drafts.sections_in(restored) == drafts.sections_in(draft.versions.get(number=1))
    assert (draft.number, draft.signer_name) == ("125/BC-STTTT", "Nguyễn Văn An")


def test_restoring_a_version_that_does_not_exist_is_refused(draft, office):
    with pytest.raises(drafts.DraftRefused, match="không có phiên bản 9"):
        drafts.restore(draft, 9, office)


def test_a_redraft_asks_before_replacing_an_edited_section(draft, office):
    section = first_body_section(draft)
    edit(draft, office, section.key, EDIT)
    result = drafts.redraft(draft, office)
    assert result.version is None
    assert [(d.key, d.mine, d.new) for d in result.differences] == [(section.key, EDIT, section.text)]
    assert draft.versions.count() == 2


def test_a_redraft_keeps_the_edit_unless_the_office_takes_the_new_text(draft, office):
    section = first_body_section(draft)
    edit(draft, office, section.key, EDIT)
    kept = drafts.redraft(draft, office, {})
    assert next(s for s in drafts.sections_in(kept.version) if s.key == section.key).text == EDIT
    assert kept.version.note == "Giữ 1 mục đã sửa, lấy 0 mục mới"
    # The kept edit is still an edit: the next redraft asks again.
    assert drafts.redraft(draft, office).differences
    taken = drafts.redraft(draft, office, {section.key: drafts.TAKE_NEW})
    assert next(s for s in drafts.sections_in(taken.version) if s.key == section.key).text == section.text


def test_a_redraft_without_edits_saves_at_once(draft, office):
    result = drafts.redraft(draft, office)
    assert result.differences == []
    assert result.version.number == 2
    assert drafts.sections_in(result.version) == drafts.sections_in(draft.versions.get(number=1))


def test_the_exported_docx_carries_the_edit_and_the_letterhead(draft, office):
    section = first_body_section(draft)
    edit(draft, office, section.key, EDIT)
    doc = open_docx(io.BytesIO(drafts.export_docx(draft)))
    texts = [p.text for p in doc.paragraphs] + [
        p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs
    ]
    assert EDIT in texts
    assert section.paragraphs[0] not in texts
    assert "Nguyễn Văn An" in texts
    assert any("125/BC-STTTT" in t for t in texts)
    assert any("ngày 25 tháng 11 năm 2024" in t for t in texts)
    assert "Phụ lục VII" in texts  # the appendices are built from the data as before


@pytest.mark.skipif(shutil.which("soffice") is None, reason="chưa cài LibreOffice (soffice): không thử được PDF")
def test_the_pdf_export_renders_every_page(draft, office, tmp_path):
    edit(draft, office, first_body_section(draft).key, EDIT)
    pdf = tmp_path / "du-thao.pdf"
    pdf.write_bytes(drafts.export_pdf(draft))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "trang")], check=True)
    assert pages > 3
    assert len(list(tmp_path.glob("trang-*.png"))) == pages
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Văn phòng viết lại" in text


def test_the_dti_plan_is_drafted_edited_and_exported_likewise(office):
    plan = Choice(kind="dti", unit="dong-thap", year=2025)
    letterhead = Letterhead("15/KH-UBND", datetime.date(2026, 1, 5), "Trần Văn Bình", [])
    draft = drafts.create(plan, letterhead, OrgUnit.objects.get(code="dong-thap"), office)
    assert draft.title.startswith("Kế hoạch nâng cao chỉ số chuyển đổi số")
    edit(draft, office, first_body_section(draft).key, EDIT)
    doc = open_docx(io.BytesIO(drafts.export_docx(draft)))
    assert EDIT in [p.text for p in doc.paragraphs]
    assert drafts.file_name(draft) == "du-thao-ke-hoach-dti-dong-thap-2026"


def test_an_answer_about_an_older_version_redrafts_nothing(draft, office):
    section = first_body_section(draft)
    edit(draft, office, section.key, EDIT)
    edit(draft, office, section.key, EDIT + " Sửa thêm.")
    with pytest.raises(drafts.StaleEdit, match="phiên bản 3 được lưu sau phiên bản 2"):
        drafts.redraft(draft, office, {section.key: drafts.TAKE_NEW}, base=2)
    assert draft.versions.count() == 3


def test_a_redraft_over_an_edited_heading_shows_both_headings(draft, office):
    section = first_body_section(draft)
    renamed = f"{section.heading} (Văn phòng đặt lại tên)"
    drafts.save_edit(draft, 1, {section.key: renamed}, {}, Letterhead.of(draft), office)
    [difference] = drafts.redraft(draft, office).differences
    assert difference.mine == f"{renamed}\n{section.text}"
    assert difference.new == f"{section.heading}\n{section.text}"


def test_an_unknown_framework_is_refused_by_name(office):
    unknown = Choice(**{**NOVEMBER.__dict__, "framework": "khong-co"})
    with pytest.raises(drafts.DraftRefused, match="không có bộ chỉ tiêu «khong-co»"):
        drafts.create(unknown, LETTERHEAD, OrgUnit.objects.get(code="dong-thap"), office)


def synthetic_document():
    from chiso.reports.content import Block, Document, Header, table_marker
    from chiso.reports.tables import Appendix

    header = Header(
        "UBND TỈNH ĐỒNG THÁP", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "", "Đồng Tháp", datetime.date(2026, 1, 5), "KẾ HOẠCH", "Thử"
    )
    body = [
        Block("Đoạn trước mọi đề mục."),
        Block("I. MỤC ĐÍCH", 1),
        Block("1. Chỉ số", 2),
        Block("Kết quả năm 2025 như Bảng 1:"),
        Block(table_marker("bang-1")),
        Block("1.1. Chi tiết", 3),
    ]
    table = Appendix(key="bang-1", label="Bảng 1", title="Điểm DTI", columns=[], placement="body")
    return Document("dti", header, ["Mở đầu một.", "Mở đầu hai."], body, "Kết thúc.", [table])


def test_a_table_place_reads_as_its_label_and_the_text_round_trips():
    document = synthetic_document()
    sections = drafts.sections_of(document)
    assert [s.title for s in sections] == [
        "Phần mở đầu",
        "Đoạn đầu phần nội dung",
        "I. MỤC ĐÍCH",
        "1. Chỉ số",
        "1.1. Chi tiết",
        "Phần kết",
    ]
    assert sections[3].paragraphs == ["Kết quả năm 2025 như Bảng 1:", "[Vị trí Bảng 1]"]
    again = drafts.with_sections(document, sections)
    assert (again.intro, again.body, again.closing) == (document.intro, document.body, document.closing)
