"""Layouts the office edits: a broken upload is refused in Vietnamese and the one in use stays."""

from __future__ import annotations

import io

import pytest
from docx import Document as open_docx

from chiso.reports.documents import render
from chiso.reports.layouts import default_layout
from chiso.reports.template_store import TemplateRefused, accept_upload, current_layout, sample_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(merger):
    return merger["dong-thap"]


def edited_layout(extra: str) -> bytes:
    doc = open_docx(io.BytesIO(default_layout()))
    doc.add_paragraph(extra)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def text_of(docx: bytes) -> list[str]:
    return [p.text for p in open_docx(io.BytesIO(docx)).paragraphs]


def test_a_changed_layout_is_used_for_the_next_document(province):
    accept_upload("periodic", "mau-moi.docx", edited_layout("Dòng thêm của Văn phòng"), province=province)
    assert "Dòng thêm của Văn phòng" in text_of(render(sample_document(), current_layout("periodic", province)))


def test_a_file_that_is_not_a_docx_is_refused_and_the_previous_stays(province):
    accept_upload("periodic", "mau-tot.docx", edited_layout("Mẫu tốt"), province=province)
    with pytest.raises(TemplateRefused, match="không phải là văn bản Word"):
        accept_upload("periodic", "bao-cao.pdf", b"%PDF-1.7 not a word file", province=province)
    assert "Mẫu tốt" in text_of(render(sample_document(), current_layout("periodic", province)))


def test_a_layout_with_an_unknown_field_is_refused_naming_the_field(province):
    with pytest.raises(TemplateRefused, match="trường không tồn tại.*ten_co_quan"):
        accept_upload("dti", "mau-loi.docx", edited_layout("{{ ten_co_quan }}"), province=province)
    assert current_layout("dti", province) == default_layout()


def test_a_layout_with_a_broken_command_is_refused(province):
    with pytest.raises(TemplateRefused, match="không dựng được văn bản"):
        accept_upload("dti", "mau-loi.docx", edited_layout("{% for x in %}"), province=province)


def test_the_office_can_drop_the_appendix_field_and_tables_still_come_last():
    doc = open_docx(io.BytesIO(default_layout()))
    for p in doc.paragraphs:
        if p.text == "{{ phu_luc }}":
            p._p.getparent().remove(p._p)
    out = io.BytesIO()
    doc.save(out)
    rendered = open_docx(io.BytesIO(render(sample_document(), out.getvalue())))
    assert "Phụ lục I" in [p.text for p in rendered.paragraphs]
    assert len(rendered.tables) == 3  # header, signature, the appendix
