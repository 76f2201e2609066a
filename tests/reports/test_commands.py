"""`chiso report` and `chiso export` in-process."""

from __future__ import annotations

import csv

from click.testing import CliRunner
from docx import Document as open_docx
from openpyxl import load_workbook

from chiso.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_report_periodic_writes_the_docx(seed_data, db, tmp_path):
    out = tmp_path / "bc.docx"
    result = run("report", "periodic", "--period", "2024-11", "--date", "25/11/2024", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Phụ lục I" in [p.text for p in open_docx(out).paragraphs]


def test_report_dti_writes_the_docx(seed_data, db, tmp_path):
    out = tmp_path / "kh.docx"
    result = run("report", "dti", "--unit", "dong-thap", "--year", "2025", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "KẾ HOẠCH" in [p.text for p in open_docx(out).paragraphs]


def test_report_for_an_unknown_unit_fails_in_vietnamese(seed_data, db, tmp_path):
    result = run("report", "dti", "--unit", "khong-co", "--year", "2025", "--out", str(tmp_path / "x.docx"))
    assert result.exit_code == 2
    assert "không có đơn vị «khong-co»" in result.output


def test_export_one_appendix_as_csv(seed_data, db, tmp_path):
    out = tmp_path / "pl1.csv"
    result = run("export", "dti", "--unit", "dong-thap", "--year", "2025", "--appendix", "bang-2", "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[-1][1:4] == ["TỔNG", "1.000", "817,41"]


def test_export_all_appendices_as_xlsx(seed_data, db, tmp_path):
    out = tmp_path / "dti.xlsx"
    assert run("export", "dti", "--unit", "dong-thap", "--year", "2025", "--out", str(out)).exit_code == 0
    assert load_workbook(out).sheetnames == ["Bảng 1", "Bảng 2", "Phụ lục I", "Phụ lục II"]
