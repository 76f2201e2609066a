"""The DTI plan for Đồng Tháp generated from the loaded data, compared with 001."""

from __future__ import annotations

from tests.reports.conftest import cell_rows, element_text, table_after

# 001 Bảng 1 (DTI 2024, published 10/2025), written the Vietnamese way.
BANG_1 = [
    ["1", "50", "45", "50", "51/63", "1/63"],
    ["2", "50", "40", "50", "45/63", "1/63"],
    ["3", "200", "140", "109,83", "1/63", "49/63"],
    ["4", "100", "45,9", "84,22", "50/63", "36/63"],
    ["5", "100", "75,25", "86,18", "44/63", "25/63"],
    ["6", "200", "90,99", "78,47", "54/63", "61/63"],
    ["7", "150", "83,66", "88,31", "33/63", "24/63"],
    ["8", "150", "75,23", "77,79", "43/63", "33/63"],
]
# 001 Bảng 2 (the 2025 projection of Sở KH&CN): pillar, max, projected points.
BANG_2 = [
    ["1", "50", "50"],
    ["2", "50", "40"],
    ["3", "200", "200"],
    ["4", "100", "76,16"],
    ["5", "100", "81,25"],
    ["6", "200", "150"],
    ["7", "150", "110"],
    ["8", "150", "110"],
    ["", "1.000", "817,41"],
]
# 001 Phụ lục I: the sub-indicators it lists below full points (6.5 and 6.6 share a row there).
PHU_LUC_I_001 = {
    "1.4",
    "2.3",
    "3.3",
    "3.5",
    "3.6",
    "3.7",
    "4.1",
    "4.2",
    "4.4",
    "4.5",
    "4.6",
    "5.1",
    "5.4",
    "5.5",
    "5.6",
    "6.2",
    "6.3",
    "6.4",
    "6.5",
    "6.6",
    "6.9",
    "7.1",
    "7.2",
    "7.5",
    "8.1",
    "8.2",
    "8.3",
}


def body_table(doc, caption: str):
    """Body tables (Bảng 1, 2) carry their caption under them."""
    from docx.table import Table

    previous = None
    for child in doc.element.body.iterchildren():
        if child.tag.endswith("}tbl"):
            previous = child
        elif element_text(child) == caption and previous is not None:
            return Table(previous, doc)
    raise AssertionError(caption)


def test_bang_1_reproduces_the_published_points_and_ranks_of_001(dti_docx):
    rows = cell_rows(body_table(dti_docx, "Bảng 1. Kết quả công bố chỉ số DTI năm 2024"))
    assert rows[1][3:7] == ["Tiền Giang (cũ)", "Đồng Tháp (cũ)", "Tiền Giang (cũ)", "Đồng Tháp (cũ)"]
    assert [[r[0], *r[2:7]] for r in rows[2:10]] == BANG_1


def test_bang_1_totals_are_added_up_to_the_printed_totals(dti_docx):
    rows = cell_rows(body_table(dti_docx, "Bảng 1. Kết quả công bố chỉ số DTI năm 2024"))
    assert rows[10][1:5] == ["TỔNG", "1.000", "596,03", "624,8"]


def test_bang_1_gives_the_merged_rank_with_the_former_ranks(dti_docx):
    rows = cell_rows(body_table(dti_docx, "Bảng 1. Kết quả công bố chỉ số DTI năm 2024"))
    assert rows[2][7] == "27/34 (Tiền Giang (cũ): 51/63; Đồng Tháp (cũ): 45/63)"


def test_bang_2_reproduces_the_projection_of_001(dti_docx):
    rows = cell_rows(body_table(dti_docx, "Bảng 2. Dự kiến kết quả chỉ số DTI năm 2025 của tỉnh Đồng Tháp"))
    assert rows[0][3] == "Điểm dự kiến đạt được"
    assert [[r[0], r[2], r[3]] for r in rows[1:]] == BANG_2


def phu_luc_codes(doc, key="Phụ lục I") -> list[str]:
    """The sub-indicator codes of Phụ lục I's rows; a row that holds two (6.5 and 6.6) gives both."""
    import re

    rows = cell_rows(table_after(doc, key))[1:]
    return [code for r in rows if r[0] for code in re.findall(r"(?:^|; )(\d+\.\d+)\. ", r[1])]


def test_phu_luc_i_covers_every_row_of_001(dti_docx):
    assert set(phu_luc_codes(dti_docx)) >= PHU_LUC_I_001


def test_phu_luc_i_shows_points_after_the_name_then_cause_solution_and_lead(dti_docx):
    row = next(r for r in cell_rows(table_after(dti_docx, "Phụ lục I")) if r[1].startswith("3.3."))
    assert row[1] == "3.3. Tỷ lệ thuê bao băng rộng di động/100 dân: đạt 27,24/30 điểm (90,8%)"
    assert row[2].startswith("Do một số người dân vẫn còn sử dụng thiết bị điện thoại chỉ hỗ trợ công nghệ 2G")
    assert row[4] == "Sở Khoa học và Công nghệ; doanh nghiệp viễn thông"


def test_an_edited_cause_is_used_for_that_sub_indicator_and_year(seed_data, db):
    from chiso.frameworks.models import Indicator
    from chiso.orgunits.models import OrgUnit
    from chiso.reports.dti_plan import shortfalls
    from chiso.reports.models import ImprovementNote

    dti = Indicator.objects.get(framework__code="dti-tinh-2025", code="7.1")
    province = OrgUnit.objects.get(code="dong-thap")
    ImprovementNote.objects.create(
        indicator=dti,
        unit=province,
        period_id="2024",
        cause="Số liệu kinh tế số chưa được thống kê đầy đủ",
        solution="Phối hợp Thống kê tỉnh",
        lead="Sở Khoa học và Công nghệ",
    )
    row = next(s for s in shortfalls(dti.framework, province, "2024") if s.indicator.code == "7.1")
    assert (row.cause, row.solution) == ("Số liệu kinh tế số chưa được thống kê đầy đủ", "Phối hợp Thống kê tỉnh")
    assert all(s.cause != row.cause for s in shortfalls(dti.framework, province, "2023"))


def test_phu_luc_ii_lists_the_2026_tasks_by_pillar(dti_docx):
    rows = cell_rows(table_after(dti_docx, "Phụ lục II"))[1:]
    headings = [r[1] for r in rows if not r[0]]
    assert headings[0] == "1. Nhận thức số"
    assert len(headings) == 8
    fiber = next(r for r in rows if r[1] == "Tỷ lệ hộ gia đình có kết nối Internet băng rộng cáp quang")
    # 001 Phụ lục II row 3.4: 88.66 → 90%, Sở KH&CN, doanh nghiệp viễn thông, Thường xuyên.
    assert [fiber[2], fiber[3], fiber[4], fiber[6]] == ["88,66", "90%", "Sở Khoa học và Công nghệ", "Thường xuyên"]


def test_charts_of_pillars_and_lost_points_are_embedded(dti_docx):
    assert len(dti_docx.inline_shapes) == 2
