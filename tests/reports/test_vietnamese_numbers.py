"""Vietnamese numbers everywhere in a generated document's text: every paragraph and table cell
of the 11/2024 report and the DTI plan (body, header, appendices, notes) is scanned for a
dot-decimal number ("62.5%", "0.5%", "79.48") — a dot before one or two digits, so "1.831.160"
and "3.662" (thousands) pass. Numbering is no decimal: "6.6. Tỷ lệ …", a code alone in its
cell ("2.1"), a code named as one ("chỉ số 5.1, 5.4 và 5.6"), and "4.0"/"1.0" (a generation or
version, never written with a comma)."""

from __future__ import annotations

import re

import pytest
from docx.oxml.ns import qn

# The documents are asked for by name: `bundled_data` puts their contents in place before the
# test's transaction (see test_page_numbers.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bundled_data")]

DOT_DECIMAL = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d])(\s?%)?|(?<![\d.,])\d+\.\d+\s?%")
# "6.6. Tỷ lệ", "1.1." — a heading's or an indicator's number, followed by its own dot.
NUMBERING = re.compile(r"(?<![\d.,])\d+(\.\d+)+\.(\s|$)")
# "chỉ số 5.1, 5.4 và 5.6", "tiêu chí 3.3": codes named as such.
CODES = re.compile(
    r"(chỉ số|chỉ tiêu|tiêu chí|mục)( thành phần)?\s+\d+\.\d+(\s*(,|và|;|-|–)\s*\d+\.\d+)*", re.IGNORECASE
)
GENERATION = re.compile(r"(?<![\d.,])\d\.0(?![\d,.]\d)")
CODE_CELL = re.compile(r"[IVX]*\.?\d+(\.\d+)*\.?")


def texts(doc) -> list[str]:
    """Every paragraph's text, in the body, in table cells and in headers, once each."""
    parts = [doc.element.body] + [s.header._element for s in doc.sections if not s.header.is_linked_to_previous]
    out = []
    for part in parts:
        for p in part.iter(qn("w:p")):
            text = "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
            if text:
                out.append(text)
    return out


def dot_decimals(text: str) -> list[str]:
    if CODE_CELL.fullmatch(text):
        return []
    for allowed in (NUMBERING, CODES, GENERATION):
        text = allowed.sub(" ", text)
    return [m.group(0) for m in DOT_DECIMAL.finditer(text)]


def test_the_scan_finds_what_the_review_found():
    assert dot_decimals("đạt 62.5% (5/8)") == ["62.5%"]
    assert dot_decimals("tối thiểu 0.5%/dân số") == ["0.5%"]
    assert dot_decimals("giảm 79.48 điểm; điểm 9.63") == ["79.48", "9.63"]
    assert dot_decimals("1.831.160 thuê bao; 3.662/4.393 hồ sơ; 64,35%") == []
    assert dot_decimals("6.6. Tỷ lệ hồ sơ trực tuyến toàn trình") == []
    assert dot_decimals("2.1") == []
    assert dot_decimals("các chỉ số 5.1, 5.4 và 5.6 mất 23,25 điểm") == []
    assert dot_decimals("công nghệ tưới tự động 4.0; Phiên bản 1.0") == []


@pytest.mark.parametrize("name", ["periodic_docx", "dti_docx"])
def test_no_dot_decimal_number_in_any_paragraph_or_cell(name, request):
    doc = request.getfixturevalue(name)
    found = [(m, text[:90]) for text in texts(doc) for m in dot_decimals(text)]
    assert found == []
