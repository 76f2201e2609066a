"""The appendices as the seeds print them: 001's Phụ lục I rows and notes, 000's Phụ lục IV and V
columns and titles, Phụ lục VII's unit names, and the printed evaluations their own figures
contradict, flagged to the office (issue 16, item 4). Documents are read back with python-docx.
"""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest

from tests.reports.conftest import cell_rows, table_after

# 001 Phụ lục I (lines 213–291): one row per sub-indicator below full points, by its line;
# 6.5 and 6.6 share the row of line 273. 26 rows, 27 sub-indicators.
PHU_LUC_I_ROWS = [
    ("1.4",),  # l.218
    ("2.3",),  # l.223
    ("3.3",),  # l.228
    ("3.5",),  # l.229
    ("3.6",),  # l.230
    ("3.7",),  # l.234
    ("4.1",),  # l.239
    ("4.2",),  # l.240
    ("4.4",),  # l.244
    ("4.5",),  # l.245
    ("4.6",),  # l.246
    ("5.1",),  # l.254
    ("5.4",),  # l.255
    ("5.5",),  # l.258
    ("5.6",),  # l.259
    ("6.2",),  # l.264
    ("6.3",),  # l.268
    ("6.4",),  # l.269
    ("6.5", "6.6"),  # l.273: "6.5. … đạt 14.91/20 điểm …; Tiêu chí 6.6. … đạt 9.84/50 điểm"
    ("6.9",),  # l.274
    ("7.1",),  # l.279
    ("7.2",),  # l.280
    ("7.5",),  # l.281
    ("8.1",),  # l.286
    ("8.2",),  # l.287
    ("8.3",),  # l.288
]
# 000 Phụ lục I against KH năm 2024: the printed evaluation, what the figures give, the figure
# and the target (value lines of the 11/2024 column in 000).
SLIPS_2024 = {
    "I.9": ("Vượt", "Đạt", "100%", "100%"),  # l.732
    "I.10": ("Vượt", "Đạt", "100%", "100%"),  # l.741
    "I.11": ("Vượt", "Đạt", "100%", "100%"),  # l.750
    "II.3": ("Đạt", "Vượt", "231", "70"),  # l.1040
    "II.7": ("Vượt", "Chưa đạt", "51,55%", "Duy trì"),  # l.1129, 60% the year before
    "II.8": ("Vượt", "Duy trì", "100%", "Duy trì"),  # l.1142
    "II.12": ("Vượt", "Chưa đạt", "6,42%", "6,50%"),  # l.1210
    "III.4": ("Đạt", "Vượt", "78,54%", "70%"),  # l.1295
    "III.7": ("Đạt", "Vượt", "100%", "70%"),  # l.1356
    "III.9": ("Đạt", "Vượt", "100%", "90%"),  # l.1386
}


@pytest.fixture(scope="module")
def documents(bundled_data):
    """The 11/2024 report and the DTI plan as content (flags, counts) and as .docx read back."""
    from docx import Document as open_docx

    from chiso.reports.documents import render
    from chiso.reports.dti_plan import DtiOptions, build_dti, shortfalls
    from chiso.reports.layouts import default_layout
    from chiso.reports.periodic import PeriodicOptions, build_periodic

    def build():
        from chiso.frameworks.models import Framework
        from chiso.orgunits.models import OrgUnit

        periodic = build_periodic(PeriodicOptions(period="2024-11", date=datetime.date(2024, 11, 25)))
        dti = build_dti(DtiOptions(unit="dong-thap", year=2025, date=datetime.date(2026, 1, 5)))
        below = shortfalls(Framework.objects.get(code="dti-tinh-2025"), OrgUnit.objects.get(code="dong-thap"), "2024")
        return {
            "periodic": periodic,
            "dti": dti,
            "below": [s.indicator.code for s in below],
            "periodic_docx": open_docx(io.BytesIO(render(periodic, default_layout()))),
            "dti_docx": open_docx(io.BytesIO(render(dti, default_layout()))),
        }

    return bundled_data.read(build)


pytestmark = pytest.mark.usefixtures("seed_data")


def row_codes(name_cell: str) -> tuple[str, ...]:
    return tuple(re.findall(r"(?:^|; )(\d+\.\d+)\. ", name_cell))


# --- the DTI plan (001) -------------------------------------------------------------------


def test_dti_plan_counts_27_sub_indicators_below_full_points(documents):
    assert len(documents["below"]) == 27
    assert documents["dti"].appendix("I").items == 27
    body = [b.text for b in documents["dti"].body]
    assert any("27 chỉ số thành phần chưa đạt điểm tối đa" in text for text in body)


def test_dti_phu_luc_i_has_exactly_the_rows_of_001(documents):
    rows = cell_rows(table_after(documents["dti_docx"], "Phụ lục I"))[1:]
    assert [row_codes(r[1]) for r in rows if r[0]] == PHU_LUC_I_ROWS


def test_dti_phu_luc_i_has_the_columns_of_001(documents):
    header = cell_rows(table_after(documents["dti_docx"], "Phụ lục I"))[0]
    assert header == ["STT", "Tên chỉ số", "Nguyên nhân", "Giải pháp", "Cơ quan chủ trì khắc phục", "Ghi chú"]


def test_dti_phu_luc_i_prints_no_computed_row_of_its_own(documents):
    # 6.8's 9,63/10 is computed to make Tiền Giang (cũ)'s pillar add up; 001 prints no such row.
    assert "6.8" not in documents["below"]
    text = "\n".join(c for r in cell_rows(table_after(documents["dti_docx"], "Phụ lục I")) for c in r)
    assert "6.8." not in text
    assert "9,63" not in text


def test_dti_phu_luc_i_notes_are_the_seeds_own(documents):
    rows = [r for r in cell_rows(table_after(documents["dti_docx"], "Phụ lục I"))[1:] if r[0]]
    notes = {row_codes(r[1]): r[5] for r in rows}
    assert notes[("2.3",)] == "Năm 2026 đã ban hành"  # 001 l.223
    assert {codes: note for codes, note in notes.items() if note} == {("2.3",): "Năm 2026 đã ban hành"}
    assert not any("Tiền Giang" in r[5] for r in rows)


def test_dti_phu_luc_i_writes_6_5_and_6_6_in_one_row_with_their_shared_cause(documents):
    row = next(r for r in cell_rows(table_after(documents["dti_docx"], "Phụ lục I")) if r[1].startswith("6.5."))
    assert "6.5. Tỷ lệ hồ sơ nộp trực tuyến" in row[1]
    assert "đạt 14,91/20 điểm" in row[1]
    assert "; 6.6. Tỷ lệ hồ sơ trực tuyến toàn trình" in row[1]
    assert "đạt 9,84/50 điểm" in row[1]
    assert row[2].startswith("Chủ yếu do yếu tố khách quan")
    assert row[4] == "Sở, ban ngành tỉnh; UBND xã, phường"  # once, not once per sub-indicator


def test_dti_phu_luc_ii_has_no_status_column_on_a_plan(documents):
    header = cell_rows(table_after(documents["dti_docx"], "Phụ lục II"))[0]
    assert "Tình trạng" not in header
    assert header == [
        "STT",
        "Tên chỉ số",
        "Hiện trạng 2025",
        "Phấn đấu năm 2026",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian hoàn thành",
    ]


def test_dti_appendices_write_percentages_the_vietnamese_way(documents):
    cells = [
        c for key in ("Phụ lục I", "Phụ lục II") for r in cell_rows(table_after(documents["dti_docx"], key)) for c in r
    ]
    assert not [c for c in cells if re.search(r"\d\.\d+%", c)]
    # 001 Phụ lục II 7.2 (l.380) prints "Phấn đấu tăng tối thiểu 1.5%"; the data keeps it so.
    assert any("Phấn đấu tăng tối thiểu 1,5%" in c for c in cells)
    assert any("62,5% (10/16)" in c for c in cells)


def test_the_stored_text_keeps_the_dot_decimals_as_printed(seed_data):
    from chiso.tasks.models import Task

    assert Task.objects.filter(description__contains="1.5%").exists()


# --- the monthly report (000) -------------------------------------------------------------


def test_phu_luc_iv_has_the_five_columns_of_000(documents):
    rows = cell_rows(table_after(documents["periodic_docx"], "Phụ lục IV"))
    # 000 l.1834–1835: STT, Tên chỉ tiêu, KH 5 năm 2021 - 2025, Kết quả đạt được …, Ghi chú.
    assert len(rows[0]) == 5
    assert [rows[0][0], rows[0][1], rows[0][2], rows[0][4]] == [
        "STT",
        "Tên chỉ tiêu",
        "KH 5 năm 2021 - 2025",
        "Ghi chú",
    ]


def test_phu_luc_iv_keeps_the_verdict_in_the_note_as_000_does(documents):
    rows = {r[0]: r for r in cell_rows(table_after(documents["periodic_docx"], "Phụ lục IV"))}
    assert rows["9"][4] == "Chưa đạt Tổng số văn bản đi 35.782; Văn bản ký số 34.857/35.782 chiếm 97,4%"
    assert rows["14"][4] == "Đạt. Đề nghị bổ sung số chính xác"


def test_phu_luc_iv_gives_the_long_result_the_widest_column(documents):
    from docx.oxml.ns import qn

    table = table_after(documents["periodic_docx"], "Phụ lục IV")
    widths = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    assert widths.index(max(widths)) == 3
    assert widths[3] > widths[1]
    assert widths[3] > widths[4]


def test_phu_luc_v_has_the_title_of_000(documents):
    appendix = documents["periodic"].appendix("V")
    assert appendix.title == (
        "KẾT QUẢ THỰC HIỆN KẾ HOẠCH HOẠT ĐỘNG NĂM 2024 CỦA UỶ BAN QUỐC GIA VỀ CHUYỂN ĐỔI SỐ "
        "TẠI QUYẾT ĐỊNH SỐ 58/QĐ-UBNQGCĐS NGÀY 19/4/2024"
    )  # 000 l.2133–2135
    texts = [p.text.strip() for p in documents["periodic_docx"].paragraphs]
    assert appendix.title in texts


def test_phu_luc_v_prints_each_group_once_with_its_numeral(documents):
    rows = cell_rows(table_after(documents["periodic_docx"], "Phụ lục V"))[1:]
    top = [r[0] for r in rows if r[0] in ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")]
    assert top == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert not any("›" in c for r in rows for c in r)
    assert sum(r[1] == "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH; KIỂM TRA, GIÁM SÁT" for r in rows) == 1


def test_phu_luc_v_numbers_items_as_000(documents):
    rows = cell_rows(table_after(documents["periodic_docx"], "Phụ lục V"))[1:]
    numbers = [r[0] for r in rows]
    # 000 l.2155–2200: I, 1, 2 (a heading), 2.1, 2.2, 3.
    assert numbers[:6] == ["I", "1", "2", "2.1", "2.2", "3"]
    assert not [n for n in numbers if re.match(r"^[IVX]+\.", n)]
    assert len([r for r in rows if r[2]]) == 73  # 000's 73 tasks


def test_phu_luc_vii_names_the_peoples_committees_as_000(documents):
    names = [r[1] for r in cell_rows(table_after(documents["periodic_docx"], "Phụ lục VII"))]
    # 000 l.4674, 4677
    assert "UBND thành phố Cao Lãnh" in names
    assert "UBND huyện Hồng Ngự" in names
    assert "Thành phố Cao Lãnh" not in names
    assert "Huyện Hồng Ngự" not in names


def test_phu_luc_i_summary_lines_come_in_the_order_of_000(documents):
    footer = documents["periodic"].appendix("I").footer
    # 000 l.1387–1391: the five-year plan first, then the year's.
    assert [line.split(":", 1)[0] for line in footer] == ["So với KH 5 năm 2021 - 2025", "So với KH năm 2024"]


def test_the_ten_printed_slips_against_kh_2024_are_flagged_with_their_figures(documents):
    flags = [f for f in documents["periodic"].flags if f.appendix == "Phụ lục I" and f.target_title == "KH năm 2024"]
    assert {f.code: (f.printed, f.computed, f.value, f.target) for f in flags} == SLIPS_2024
    slip = next(f for f in flags if f.code == "II.12")
    assert slip.message == (
        "Phụ lục I, chỉ tiêu II.12 (so với KH năm 2024): ghi «Vượt», tính từ số liệu được «Chưa đạt» — "
        "Kết quả 6,42% chưa đạt chỉ tiêu «6,50%»."
    )


def test_a_flagged_slip_keeps_its_printed_verdict_in_the_appendix(documents):
    rows = {r[0] + r[1][:20]: r for r in cell_rows(table_after(documents["periodic_docx"], "Phụ lục I"))}
    ii_12 = next(r for key, r in rows.items() if key.startswith("12Kinh tế số"))
    assert ii_12[7] == "Vượt"  # as printed, against KH năm 2024


def test_only_verdicts_the_figures_can_judge_are_flagged(documents):
    # Text results ("Thực hiện liên tục tại VDAPES") give no verdict to contradict.
    assert all(f.computed != "Chưa có cơ sở đánh giá" for f in documents["periodic"].flags)
    assert {f.appendix for f in documents["periodic"].flags} <= {"Phụ lục I", "Phụ lục II", "Phụ lục III", "Phụ lục IV"}


def test_csv_exports_a_lone_dash_as_a_dash(documents):
    from chiso.reports.exports import appendix_csv

    rows = list(csv.reader(io.StringIO(appendix_csv(documents["periodic"].appendix("I")).decode("utf-8-sig"))))
    i_3 = next(r for r in rows if r[0] == "3" and r[1].startswith("Tỷ lệ người dân, doanh nghiệp hài lòng"))
    assert i_3[6] == "-"  # 000 Phụ lục I, I.3, tháng 11/2024 (l.614)
    assert "'-" not in {c for r in rows for c in r}


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("-", "-"),
        ("-12,5%", "-12,5%"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("- cmd|' /C calc'!A0", "'- cmd|' /C calc'!A0"),
        ("-(1)", "'-(1)"),
        ("=1+1", "'=1+1"),
        ("+84", "'+84"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Đạt", "Đạt"),
    ],
)
def test_the_csv_guard_prefixes_only_what_a_spreadsheet_would_run(cell, written):
    from chiso.reports.exports import neutralise

    assert neutralise(cell) == written
