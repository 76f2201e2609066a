"""One report, one issuer, number and date: the 11/2024 report made with `chiso report` and its
appendices made with `chiso export` name the same Sở, number symbol and month, for the date
given and without one (a past period is dated its last day, so 11/2024 is Sở TT&TT's, not
today's Sở KH&CN's). The files are read back with python-docx and openpyxl."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as open_docx
from openpyxl import load_workbook

from chiso.cli import main

pytestmark = pytest.mark.django_db

TT = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Sở Thông tin và Truyền thông", "/BC-STTTT")
KHCN = ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ", "/BC-SKHCN")


def _run(tmp: Path, *args: str) -> bytes:
    out = tmp / ("out.docx" if args[0] == "report" else "out.xlsx")
    result = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


@pytest.fixture(scope="module")
def made(bundled_data, tmp_path_factory):
    """(.docx, .xlsx) of the 11/2024 report: without a date, and dated 05/3/2025 (after the merger)."""
    tmp = tmp_path_factory.mktemp("issuer")

    def build():
        out = {}
        for name, date in (("default", []), ("after", ["--date", "05/03/2025"])):
            out[name] = (
                open_docx(io.BytesIO(_run(tmp, "report", "periodic", "--period", "2024-11", *date))),
                load_workbook(io.BytesIO(_run(tmp, "export", "periodic", "--period", "2024-11", *date))),
            )
        return out

    return bundled_data.read(build)


def header_cells(doc) -> tuple[str, str]:
    """The Nghị định 30 header: (issuer and number, motto and date line)."""
    left, right = doc.tables[0].rows[0].cells
    return left.text, right.text


def docx_subtitles(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.text.startswith("(Kèm theo ")]


def xlsx_subtitles(wb) -> list[str]:
    return [ws["A2"].value for ws in wb if str(ws["A2"].value or "").startswith("(Kèm theo ")]


def test_without_a_date_the_11_2024_report_is_dated_the_period_s_last_day(made):
    doc, _ = made["default"]
    issuer, dated = header_cells(doc)
    assert "Đồng Tháp, ngày 30 tháng 11 năm 2024" in dated
    assert TT[0] in " ".join(issuer.split())
    assert TT[2] in issuer


@pytest.mark.parametrize(("name", "issuer"), [("default", TT), ("after", KHCN)])
def test_the_docx_header_names_the_sở_of_the_report_s_date(made, name, issuer):
    doc, _ = made[name]
    left, _ = header_cells(doc)
    assert issuer[0] in " ".join(left.split())
    assert issuer[2] in left
    other = KHCN if issuer is TT else TT
    assert other[0] not in " ".join(left.split())


@pytest.mark.parametrize(("name", "issuer", "month"), [("default", TT, "/11/2024"), ("after", KHCN, "/03/2025")])
def test_every_sheet_s_subtitle_is_the_docx_s_word_for_word(made, name, issuer, month):
    doc, wb = made[name]
    sheets, pages = xlsx_subtitles(wb), docx_subtitles(doc)
    assert sheets
    assert sheets == pages[: len(sheets)]
    for subtitle in sheets:
        assert issuer[1] in subtitle
        assert issuer[2] in subtitle
        assert month in subtitle


@pytest.mark.parametrize(("name", "issuer"), [("default", TT), ("after", KHCN)])
def test_the_log_sheet_and_the_docx_say_the_reports_were_sent_to_the_same_sở(made, name, issuer):
    doc, wb = made[name]
    title = next(ws["A1"].value for ws in wb if ws.title == "Phụ lục VII")
    assert f"GỬI {issuer[0]}" in title
    assert any(f"GỬI {issuer[0]}" in p.text for p in doc.paragraphs)


def test_the_dti_plan_and_its_sheets_carry_the_same_date(bundled_data, tmp_path):
    def build():
        date = ["--date", "15/01/2026"]
        doc = open_docx(io.BytesIO(_run(tmp_path, "report", "dti", "--unit", "dong-thap", "--year", "2025", *date)))
        wb = load_workbook(io.BytesIO(_run(tmp_path, "export", "dti", "--unit", "dong-thap", "--year", "2025", *date)))
        return docx_subtitles(doc), xlsx_subtitles(wb), header_cells(doc)[1]

    pages, sheets, dated = bundled_data.read(build)
    assert "ngày 15 tháng 01 năm 2026" in dated
    assert sheets
    assert set(sheets) <= set(pages)
    assert all(s.endswith("/2026 của Ủy ban nhân dân tỉnh Đồng Tháp)") for s in sheets)


def test_the_date_option_s_help_says_what_the_default_is():
    for command in (["report", "periodic"], ["export"]):
        help_text = " ".join(CliRunner().invoke(main, [*command, "--help"]).output.split())
        assert "ngày cuối kỳ" in help_text, command
