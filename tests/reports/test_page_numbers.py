"""Nghị định 30/2020: page numbers from page 2, centred at the top; none on page 1; the
landscape appendices go on counting. Read back from the .docx with python-docx (the rendered
pages are checked in test_pdf_pages.py)."""

from __future__ import annotations

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

# The documents are built once per module from the bundled data, asked for by name in each test:
# `bundled_data` makes the tests ask for those contents, so they are in place (committed) before
# the test's transaction opens, not loaded inside it and rolled back with it.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bundled_data")]
DOCUMENTS = ["periodic_docx", "dti_docx"]


def page_fields(part) -> list[str]:
    """The field instructions in a header: complex fields (instrText) and simple ones."""
    element = part._element
    complex_ = [t.text.strip() for t in element.iter(qn("w:instrText"))]
    simple = [f.get(qn("w:instr")).strip() for f in element.iter(qn("w:fldSimple"))]
    return [f for f in complex_ + simple if f.split()[0] == "PAGE"]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_text_section_has_a_different_first_page(name, request):
    first = request.getfixturevalue(name).sections[0]
    assert first.different_first_page_header_footer
    assert first._sectPr.find(qn("w:titlePg")) is not None


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_first_page_has_no_page_number(name, request):
    first = request.getfixturevalue(name).sections[0]
    assert not first.first_page_header.is_linked_to_previous
    assert page_fields(first.first_page_header) == []
    assert first.first_page_header._element.xpath("string(.)").strip() == ""


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_header_from_page_2_holds_a_centred_page_field(name, request):
    header = request.getfixturevalue(name).sections[0].header
    assert page_fields(header) == ["PAGE"]
    numbered = [p for p in header.paragraphs if p._p.xpath(".//w:instrText")]
    assert [p.alignment for p in numbered] == [WD_ALIGN_PARAGRAPH.CENTER]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_appendix_sections_go_on_counting(name, request):
    doc = request.getfixturevalue(name)
    landscape = doc.sections[1:]
    assert landscape, "các phụ lục phải ở phần trang ngang riêng"
    for section in landscape:
        assert section.header.is_linked_to_previous  # the same numbered header
        assert not section.different_first_page_header_footer  # numbered on its first page too
        restart = section._sectPr.find(qn("w:pgNumType"))
        assert restart is None or restart.get(qn("w:start")) is None
