"""A unit's own report against its own plan (issue 16, item 6): Tháp Mười's 2023 report (004) and
a commune's report after the 2025 merger, generated from the data and read back with python-docx."""

from __future__ import annotations

import datetime
import io

import pytest
from docx import Document as open_docx

from chiso.reports.issuers import UnitGone, periodic_recipients
from tests.reports.conftest import cell_rows, table_after

# The documents are read from the bundled contents: each test marks the database in use, so the
# test database exists however the tests are split between workers.
pytestmark = pytest.mark.django_db

# 004 l.434-448, the drafters' names after "NC" left out.
NOI_NHAN_004 = [
    "- Sở Thông tin và Truyền thông tỉnh;",
    "- CT các PCT UBND huyện;",
    "- TV BCĐ Chuyển đổi số huyện;",
    "- Tổ giúp việc CĐS huyện;",
    "- Các ban, ngành huyện;",
    "- UBND các xã, thị trấn;",
    "- LĐVP;",
    "- Lưu: VT, NC.",
]


def _render(**options) -> bytes:
    from chiso.reports.documents import render
    from chiso.reports.layouts import default_layout
    from chiso.reports.periodic import PeriodicOptions, build_periodic

    return render(build_periodic(PeriodicOptions(**options)), default_layout())


@pytest.fixture(scope="module")
def thap_muoi_docx(bundled_data):
    """`chiso report periodic --framework cds-thap-muoi-2023 --period 2023 --unit thap-muoi`, dated
    as 004 would be (before the district was abolished)."""

    def build() -> bytes:
        return _render(
            period="2023", framework="cds-thap-muoi-2023", unit="thap-muoi", date=datetime.date(2023, 12, 20)
        )

    return open_docx(io.BytesIO(bundled_data.read(build)))


@pytest.fixture(scope="module")
def commune_docx(demo_data):
    """The demo's commune (Phường Cao Lãnh, from 1/7/2025) reporting its month of 11/2026."""

    def build() -> bytes:
        return _render(period="2026-11", unit="phuong-cao-lanh", date=datetime.date(2026, 11, 25))

    return open_docx(io.BytesIO(demo_data.read(build)))


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for table in doc.tables for row in table.rows for c in row.cells]
    return "\n".join(parts)


def header_cell(doc) -> str:
    return doc.tables[0].rows[0].cells[0].text


def recipients(doc) -> list[str]:
    cell = next(c for t in doc.tables for r in t.rows for c in r.cells if c.text.startswith("Nơi nhận"))
    return [line.strip() for line in cell.text.splitlines()[1:] if line.strip()]


def signer(doc) -> str:
    cells = next(r.cells for t in doc.tables for r in t.rows if r.cells[0].text.startswith("Nơi nhận"))
    return cells[-1].text


def test_thap_muoi_report_is_headed_by_its_peoples_committee(thap_muoi_docx):
    header = header_cell(thap_muoi_docx)
    assert header.splitlines()[:2] == ["ỦY BAN NHÂN DÂN", "HUYỆN THÁP MƯỜI"]
    assert "/BC-UBND" in header
    assert "SỞ" not in header


def test_thap_muoi_report_is_dated_at_thap_muoi_and_signed_by_its_chairman(thap_muoi_docx):
    text = all_text(thap_muoi_docx)
    assert "Tháp Mười, ngày 20 tháng 12 năm 2023" in text
    assert signer(thap_muoi_docx).splitlines()[:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_thap_muoi_report_is_sent_where_004_sends_it(thap_muoi_docx):
    assert recipients(thap_muoi_docx) == NOI_NHAN_004


def test_thap_muoi_report_carries_004s_figures_in_004s_words(thap_muoi_docx):
    paragraphs = [p.text for p in thap_muoi_docx.paragraphs]
    assert "3.662/4.393 hồ sơ trực tuyến (cấp huyện), đạt 83,3%." in paragraphs
    assert "101/274 TTHC được cung cấp dịch vụ công trực tuyến toàn trình (cấp huyện), đạt 36,86%." in paragraphs
    assert "38/38 sản phẩm OCOP đã tham gia sàn các sàn thương mại điện tử, đạt 100%." in paragraphs


def test_thap_muoi_report_states_its_summary_line(thap_muoi_docx):
    text = all_text(thap_muoi_docx)
    assert "huyện Tháp Mười đã thực hiện đạt và vượt 24/30 chỉ tiêu" in text
    assert "có 11 chỉ tiêu vượt và 13 chỉ tiêu đạt" in text


def test_thap_muoi_report_names_the_six_indicators_004_lists_as_missed(thap_muoi_docx):
    missed = next(p.text for p in thap_muoi_docx.paragraphs if p.text.startswith("Vẫn còn"))
    assert missed.startswith("Vẫn còn 06 chỉ tiêu chưa đạt theo kế hoạch đề ra:")
    assert "Việc số hóa hồ sơ" in missed


def test_thap_muoi_report_has_nothing_of_the_provinces(thap_muoi_docx):
    text = all_text(thap_muoi_docx)
    assert "tỉnh Huyện" not in text
    assert "đạt đạt" not in text
    assert "706.966" not in text  # the province's 27 projects
    assert "DỰ ÁN ĐẦU TƯ" not in text
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" not in text


def test_thap_muoi_report_ends_as_004_does(thap_muoi_docx):
    paragraphs = [p.text for p in thap_muoi_docx.paragraphs]
    assert "Trên đây là Báo cáo kết quả thực hiện chuyển đổi số năm 2023 của Ủy ban nhân dân huyện Tháp Mười./." in (
        paragraphs
    )


def test_a_district_cannot_report_in_its_name_after_it_was_abolished(seed_data):
    from chiso.reports.periodic import PeriodicOptions, build_periodic

    with pytest.raises(UnitGone, match="Huyện Tháp Mười không còn tồn tại ngày 01/08/2025"):
        build_periodic(
            PeriodicOptions(
                period="2023", framework="cds-thap-muoi-2023", unit="thap-muoi", date=datetime.date(2025, 8, 1)
            )
        )


def test_a_commune_after_the_merger_reports_as_its_peoples_committee(commune_docx):
    header = header_cell(commune_docx)
    assert header.splitlines()[:2] == ["ỦY BAN NHÂN DÂN", "PHƯỜNG CAO LÃNH"]
    assert "/BC-UBND" in header
    text = all_text(commune_docx)
    assert "Cao Lãnh, ngày 25 tháng 11 năm 2026" in text
    assert "Ủy ban nhân dân phường Cao Lãnh báo cáo kết quả thực hiện chuyển đổi số tháng 11/2026" in text


def test_a_commune_after_the_merger_sends_its_report_to_the_science_department(commune_docx):
    lines = recipients(commune_docx)
    assert lines[0] == "- Sở Khoa học và Công nghệ tỉnh;"
    assert "- CT các PCT UBND phường;" in lines
    assert "- UBND các xã, thị trấn;" not in lines


def test_the_province_report_names_the_ministry_of_its_day():
    before = periodic_recipients(datetime.date(2024, 11, 25))
    after = periodic_recipients(datetime.date(2025, 11, 25))
    assert before[:2] == ("Bộ TT&TT;", "Cục CĐS Quốc gia thuộc Bộ TT&TT;")
    assert after[:2] == ("Bộ KH&CN;", "Cục CĐS Quốc gia thuộc Bộ KH&CN;")
    assert "UBND các xã, phường;" in after


def test_thap_muoi_plan_appendix_numbers_its_rows_not_by_data_codes(thap_muoi_docx):
    rows = cell_rows(table_after(thap_muoi_docx, "Phụ lục I"))
    numbers = [cells[0] for cells in rows if cells[0] and cells[0] != "STT"]
    assert numbers[:3] == ["1", "2", "3"]
    assert not any("-" in n for n in numbers)
