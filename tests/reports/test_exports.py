"""Appendices as .xlsx and CSV, read back."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from chiso.reports import tables as t
from chiso.reports.exports import appendices_xlsx, appendix_csv


def sample() -> t.Appendix:
    return t.Appendix(
        key="I",
        label="Phụ lục I",
        title="KẾT QUẢ",
        columns=[
            t.Column("STT", 10),
            t.Column("Tên chỉ tiêu", 40),
            t.Column("Tháng 11/2024", 20, group="Kết quả"),
            t.Column("Ghi chú", 20),
        ],
        rows=[
            t.Row([t.count(1), t.text("Hộ gia đình có cáp quang FTTH"), t.value("83,80%"), t.text("=1+1")]),
            t.Row([t.count(2), t.text("Thuê bao điện thoại"), t.value("1.831.160"), t.text("@SUM(A1)")]),
            t.Row([t.count(3), t.text("Hồ sơ trực tuyến"), t.value("3.662/4.393"), t.text("-giảm")]),
        ],
        footer=["So với KH năm 2024: Đạt 1/3 chỉ tiêu."],
    )


def test_xlsx_keeps_numbers_as_numbers_with_a_display_format():
    ws = load_workbook(io.BytesIO(appendices_xlsx([sample()])))["Phụ lục I"]
    assert (ws["C5"].value, ws["C5"].number_format) == (0.838, "0.00%")
    assert (ws["C6"].value, ws["C6"].number_format) == (1831160, "#,##0")


def test_xlsx_keeps_a_fraction_as_printed_text():
    ws = load_workbook(io.BytesIO(appendices_xlsx([sample()])))["Phụ lục I"]
    assert ws["C7"].value == "3.662/4.393"


def test_xlsx_never_turns_text_into_a_formula():
    ws = load_workbook(io.BytesIO(appendices_xlsx([sample()])))["Phụ lục I"]
    assert (ws["D5"].value, ws["D5"].data_type) == ("=1+1", "s")


def test_xlsx_has_one_sheet_per_appendix_with_its_summary_line():
    empty = t.Appendix(key="VII", label="Phụ lục VII", title="NHẬN BÁO CÁO", columns=[t.Column("STT", 10)])
    wb = load_workbook(io.BytesIO(appendices_xlsx([sample(), empty])))
    assert wb.sheetnames == ["Phụ lục I", "Phụ lục VII"]
    assert wb["Phụ lục I"]["A9"].value == "So với KH năm 2024: Đạt 1/3 chỉ tiêu."
    assert wb["Phụ lục VII"]["A5"].value.startswith("Không có dữ liệu")


def test_csv_is_utf8_with_bom_and_vietnamese_figures():
    data = appendix_csv(sample())
    assert data.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["STT", "Tên chỉ tiêu", "Kết quả: Tháng 11/2024", "Ghi chú"]
    assert rows[2][2] == "1.831.160"


def test_csv_neutralises_cells_that_start_a_formula():
    rows = list(csv.reader(io.StringIO(appendix_csv(sample()).decode("utf-8-sig"))))
    assert [r[3] for r in rows[1:4]] == ["'=1+1", "'@SUM(A1)", "'-giảm"]


def test_csv_keeps_a_lone_dash_and_a_negative_number_as_printed():
    appendix = sample()
    appendix.rows.append(t.Row([t.count(4), t.text("Chưa có số liệu"), t.text("-"), t.text("-1,5")]))
    rows = list(csv.reader(io.StringIO(appendix_csv(appendix).decode("utf-8-sig"))))
    assert rows[4][2:] == ["-", "-1,5"]
