"""The public open-data pages show approved and published values only."""

import csv
import io

import pytest

from chiso.collection import workflow
from chiso.opendata.exports import neutralise
from tests.fixtures.personas import fill

PAGE = "/du-lieu-mo/cds-dong-thap-2021-2025/2026-11"


def _everywhere(client) -> str:
    """The three public forms of the period, as one text (a 404 counts as nothing shown)."""
    pages = [client.get(f"{PAGE}/"), client.get(f"{PAGE}.csv"), client.get(f"{PAGE}.json")]
    return "\n".join(p.content.decode("utf-8-sig") for p in pages if p.status_code == 200)


def test_a_submitted_report_stays_off_the_public_pages_until_it_is_approved(client, submission, people):
    fill(
        submission,
        people["reporter"],
        {
            "I.8": {"value": "4.321"},
            "I.2": {"numerator": "3.662", "denominator": "4.393"},
            "I.6": {"value": "Có"},
            "I.23": {"value": "Nền tảng số"},
        },
    )
    workflow.submit(people["approver"], submission)
    assert "4321" not in _everywhere(client)
    assert "4.321" not in _everywhere(client)
    workflow.approve(people["office"], submission)
    shown = _everywhere(client)
    assert "4.321" in shown
    assert '"number": "4321"' in shown


def test_a_draft_never_shows(client, submission, people):
    fill(submission, people["reporter"])
    assert client.get(f"{PAGE}.csv").status_code == 404


def test_the_csv_opens_in_excel_in_vietnamese_and_runs_no_formula(client, submission, people):
    fill(
        submission,
        people["reporter"],
        {
            "I.8": {"value": "12"},
            "I.2": {"numerator": "1", "denominator": "2"},
            "I.6": {"value": "Có"},
            "I.23": {"value": "=HYPERLINK(\"x\")"},
        },
    )
    workflow.submit(people["approver"], submission)
    workflow.approve(people["office"], submission)
    body = client.get(f"{PAGE}.csv").content
    assert body.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    text = next(r for r in rows if r["ma_chi_so"] == "I.23")
    assert text["gia_tri"] == "'=HYPERLINK(\"x\")"
    assert text["ten_don_vi"] == "Sở Khoa học và Công nghệ"
    assert {"dinh_nghia", "don_vi_do", "nguon", "cap_nhat"} <= set(rows[0])


@pytest.mark.parametrize(
    ("cell", "written"), [("=1+1", "'=1+1"), ("+84", "'+84"), ("@SUM", "'@SUM"), ("83,80%", "83,80%")]
)
def test_cells_a_spreadsheet_would_run_are_neutralised(cell, written):
    assert neutralise(cell) == written


def test_published_report_figures_show_with_their_source_without_login(client, seed_data):
    page = client.get("/du-lieu-mo/cds-dong-thap-2021-2025/2024-11/").content.decode()
    assert "Báo cáo số …/BC-STTTT tháng 11/2024 của Sở Thông tin và Truyền thông, Phụ lục I" in page
    assert "Văn bản đã công bố" in page


def test_open_data_names_the_source_document_not_its_text_file(client, seed_data):
    page = client.get("/du-lieu-mo/cds-dong-thap-2021-2025/2024-11/").content.decode()
    assert "000_f89b3f5186a6b6d5.txt" not in page
    assert "dòng " not in page


def test_self_assessed_dti_values_are_not_open_data(client, seed_data):
    assert client.get("/du-lieu-mo/dti-tinh-2025/2025/").status_code == 404
    assert client.get("/du-lieu-mo/dti-tinh-2025/2024/").status_code == 200  # published by the ministry
