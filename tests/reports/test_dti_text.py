"""The DTI plan's words against 001 (issue 16, item 7) and both documents' Nơi nhận against the
seeds (review items 10–11), read back from the generated .docx with python-docx."""

from __future__ import annotations

import pytest

# The documents are read from the bundled contents: each test marks the database in use, so the
# test database exists however the tests are split between workers.
pytestmark = pytest.mark.django_db

# 001 section V: the 13 agencies, in the plan's order (l.66-186).
AGENCIES_001 = [
    "Các sở, ban, ngành tỉnh và Ủy ban nhân dân xã, phường",
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Sở Tài chính",
    "Công an tỉnh",
    "Bảo hiểm Xã hội tỉnh",
    "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng",
    "Sở Khoa học và Công nghệ",
    "Ủy ban nhân dân xã, phường",
    "Báo và phát thanh, truyền hình Đồng Tháp",
    "Bưu điện tỉnh",
    "Hiệp hội Doanh nghiệp tỉnh",
    "Các doanh nghiệp Viễn thông trên địa bàn tỉnh",
]
# 001 l.198-203 (the drafter's initials after KGVX left out).
NOI_NHAN_001 = [
    "- Bộ Khoa học và Công nghệ;",
    "- Tỉnh ủy, HĐND tỉnh;",
    "- CT và các PCT UBND tỉnh;",
    "- Như mục V;",
    "- VPUB: CVP, các PCVP, TTPVHCC;",
    "- Lưu: VT, KGVX.",
]
# 000 l.519-525.
NOI_NHAN_000 = [
    "- Bộ TT&TT;",
    "- Cục CĐS Quốc gia thuộc Bộ TT&TT;",
    "- UBND Tỉnh;",
    "- Các Sở, ngành Tỉnh;",
    "- UBND các huyện, thành phố;",
    "- GĐ và các PGĐ Sở;",
    "- Lưu: VT, CĐS&ATTT, TTCĐS.",
]


def texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.text.strip()]


def section_v(doc) -> list[str]:
    lines = texts(doc)
    start = lines.index("V. TỔ CHỨC THỰC HIỆN")
    end = next(i for i, line in enumerate(lines) if line.startswith("Trong quá trình thực hiện"))
    return lines[start + 1 : end]


def recipients(doc) -> list[str]:
    cell = next(c for t in doc.tables for r in t.rows for c in r.cells if c.text.startswith("Nơi nhận"))
    return [line.strip() for line in cell.text.splitlines()[1:] if line.strip()]


def test_dti_plan_cites_the_legal_basis_of_001(dti_docx):
    basis = [line for line in texts(dti_docx) if line.startswith("Căn cứ")][:2]
    assert "Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ" in basis[0]
    assert "Quyết định số 405/QĐ-BKHCN ngày 03/4/2025 của Bộ trưởng Bộ Khoa học và Công nghệ" in basis[0]
    for cited in (
        "Kế hoạch số 283/KH-UBND ngày 24/9/2025",
        "Nghị quyết số 71/NQ-CP ngày 01/4/2025",
        "Chương trình hành động số 10-CTr/TU ngày 13/8/2025",
        "Nghị quyết số 57-NQ/TW ngày 22/12/2024",
    ):
        assert cited in basis[1]


def test_dti_plan_aims_at_an_index_of_0_7(dti_docx):
    aim = next(line for line in texts(dti_docx) if line.startswith("a) Đánh giá các kết quả"))
    assert aim.endswith("phấn đấu chỉ số chuyển đổi số cấp tỉnh đạt từ 0,7 trở lên.")
    assert "năm 2025 (đánh giá số liệu năm 2024)" in aim


def test_dti_plan_counts_the_sub_indicators_below_full_points_as_phu_luc_i(dti_docx):
    assessment = next(line for line in texts(dti_docx) if line.startswith("Trong các nhóm tiêu chí DTI"))
    assert "có 27 chỉ số thành phần chưa đạt điểm tối đa" in assessment
    assert assessment.endswith("(chi tiết Phụ lục I).")


def test_dti_plan_section_v_assigns_the_13_agencies_of_001_in_order(dti_docx):
    headings = [line.split(". ", 1)[1] for line in section_v(dti_docx) if line.split(". ", 1)[0].isdigit()]
    assert headings == AGENCIES_001


def test_dti_plan_section_v_lists_each_agencys_lettered_items(dti_docx):
    lines = section_v(dti_docx)
    science = lines[lines.index("8. Sở Khoa học và Công nghệ") + 1 : lines.index("9. Ủy ban nhân dân xã, phường")]
    assert [line.split(")", 1)[0] for line in science] == list("abcd") + ["đ"] + list("eghiklmn")


def test_dti_plan_section_v_ends_with_the_data_deadline_of_001(dti_docx):
    last = section_v(dti_docx)[-1]
    assert "tại Phụ lục II của Kế hoạch này trước ngày 20/12/2026" in last


def test_dti_plan_is_sent_where_001_sends_it(dti_docx):
    assert recipients(dti_docx) == NOI_NHAN_001


def test_periodic_report_is_sent_where_000_sends_it(periodic_docx):
    assert recipients(periodic_docx) == NOI_NHAN_000
