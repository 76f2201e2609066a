"""The tracker for daily work: the form and period lists agree, rows open the report, the
leader's document reaches Phụ lục VII, a returned report counts as returned, the address keeps
the filters."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document as open_docx

from chiso.collection import workflow
from chiso.collection.models import FormAssignment, ReportForm, Submission
from chiso.collection.schedules import ensure_expected
from chiso.collection.tracker import totals, tracker_rows
from chiso.dashboard.overview import current_submissions
from chiso.orgunits.models import OrgUnit
from chiso.reports.submission_log import log_rows
from chiso.reports.submission_log import totals as log_totals
from tests.fixtures.personas import PERIOD

TRACKER = "collection:tracker"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def tracker_page(client: Client, htmx: bool = False, **query: str):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.get(reverse(TRACKER), query, **headers)


# --- the 11/2024 log from the transcribed data -----------------------------------------------


@pytest.fixture
def office_with_a_web_form(office) -> Client:
    """The office of Đồng Tháp over the bundled data, with a monthly web form that has a newer
    period than the 11/2024 log (so the tracker opens on the web form)."""
    form = ReportForm.objects.create(
        code="cds-thang", name="Báo cáo tháng chuyển đổi số", period_kind="month", deadline_rule="18", sections=[]
    )
    FormAssignment.objects.create(form=form, unit=OrgUnit.objects.get(code="so-khcn"))
    ensure_expected(form, "2026-11")
    return logged_in(office)


def test_choosing_the_log_of_11_2024_shows_17_on_time_11_late_28_of_30_received(office_with_a_web_form) -> None:
    page = tracker_page(office_with_a_web_form, mau="nhat-ky", ky="2024-11").content.decode()
    assert "Theo dõi nhận báo cáo tháng 11/2024" in page
    assert "Đã gửi 28/30" in page
    assert "Đúng hạn 17 · Trễ hạn 11 · Chưa gửi 2" in page


def test_switching_to_the_log_replaces_the_period_list_with_the_log_s_periods(office_with_a_web_form) -> None:
    # The selectors send the form just chosen with the period of the form before it.
    response = tracker_page(office_with_a_web_form, htmx=True, mau="nhat-ky", ky="2026-11")
    page = response.content.decode()
    assert '<option value="2024-11" selected>Tháng 11/2024</option>' in page
    assert "Tháng 11/2026" not in page
    assert "Đã gửi 28/30" in page


def test_switching_back_to_the_web_form_offers_only_its_periods(office_with_a_web_form) -> None:
    page = tracker_page(office_with_a_web_form, htmx=True, mau="cds-thang", ky="2024-11").content.decode()
    assert '<option value="2026-11" selected>Tháng 11/2026</option>' in page
    assert "Tháng 11/2024" not in page
    assert "Sở Khoa học và Công nghệ" in page


def test_a_period_is_never_shown_as_its_stored_code(office_with_a_web_form) -> None:
    page = tracker_page(office_with_a_web_form).content.decode()
    assert ">2026-11<" not in page
    assert ">2024-11<" not in page
    assert "Theo dõi nhận báo cáo tháng 11/2026" in page


def test_a_form_that_does_not_exist_is_a_vietnamese_404(office_with_a_web_form) -> None:
    response = tracker_page(office_with_a_web_form, mau="khong-co", ky="2026-11")
    assert response.status_code == 404


# --- web reports: rows, the leader's document, returns ----------------------------------------


def sign(client: Client, submission: Submission, number: str = "", day: str = ""):
    return client.post(reverse("collection:submit", args=[submission.pk]), {"document": number, "document_date": day})


def test_a_row_opens_its_submission(submission, people) -> None:
    page = tracker_page(logged_in(people["office"]), ky=PERIOD, mau="bao-cao-thang-cds").content.decode()
    assert f'href="{reverse("collection:submission", args=[submission.pk])}"' in page


def test_the_leader_s_document_number_and_date_show_in_the_tracker(filled, people) -> None:
    sign(logged_in(people["approver"]), filled, "125/SKHCN-VP", "2026-11-16")
    filled.refresh_from_db()
    assert filled.status == "submitted"
    page = tracker_page(logged_in(people["office"]), ky=PERIOD, mau="bao-cao-thang-cds").content.decode()
    assert "125/SKHCN-VP ngày 16/11/2026" in page


def test_the_leader_s_document_shows_in_phu_luc_vii_of_the_month_s_docx(filled, people) -> None:
    sign(logged_in(people["approver"]), filled, "125/SKHCN-VP", "16/11/2026")
    response = logged_in(people["office"]).get(
        reverse("reports:download", args=["docx"]),
        {"kind": "periodic", "period": PERIOD, "framework": "cds-dong-thap-2021-2025"},
    )
    assert response.status_code == 200
    doc = open_docx(io.BytesIO(response.content))
    rows = [[cell.text for cell in row.cells] for table in doc.tables for row in table.rows]
    khcn = next(r for r in rows if "Sở Khoa học và Công nghệ" in r)
    assert "125/SKHCN-VP ngày 16/11/2026" in khcn


@pytest.mark.parametrize(
    ("number", "day", "field"),
    [
        ("125/SKHCN-VP", "31/11/2026", "document_date"),
        ("125/SKHCN-VP", "", "document_date"),
        ("", "16/11/2026", "document"),
        ("125/SKHCN-VP", "16/10/2026", "document_date"),  # before the period starts
        ("125/SKHCN-VP", "01/01/2099", "document_date"),  # after today
    ],
)
def test_a_wrong_document_is_refused_beside_its_input_and_nothing_is_sent(filled, people, number, day, field) -> None:
    response = sign(logged_in(people["approver"]), filled, number, day)
    assert response.status_code == 400
    assert f'data-field="{field}"' in response.content.decode()
    filled.refresh_from_db()
    assert (filled.status, filled.document, filled.received_at) == ("draft", "", None)


@pytest.fixture
def returned(filled, people) -> Submission:
    workflow.submit(people["approver"], filled)
    workflow.return_for_changes(people["office"], filled, "Thiếu số liệu I.8 của tháng")
    filled.refresh_from_db()
    return filled


def test_a_returned_report_is_not_counted_as_received_in_the_tracker(returned, people) -> None:
    row = next(r for r in tracker_rows(PERIOD, returned.form) if r.submission.pk == returned.pk)
    assert row.timeliness == "returned"
    assert (row.narrative.received, row.appendix.received, row.complete) == (False, False, None)
    counted = totals(tracker_rows(PERIOD, returned.form))
    assert (counted.sent, counted.on_time, counted.late, counted.returned) == (0, 0, 0, 1)


def test_a_returned_report_is_counted_as_returned_on_the_overview(returned) -> None:
    counts = current_submissions().counts
    assert (counts["returned"], counts["on_time"], counts["late"]) == (1, 0, 0)


def test_the_office_s_home_page_shows_the_returned_report_as_returned(returned, people) -> None:
    page = logged_in(people["office"]).get("/").content.decode()
    assert 'data-testid="submissions-returned">1</a>' in page
    assert 'data-testid="submissions-on_time">0</a>' in page
    assert "Bị trả lại</span>" in page


def test_a_returned_report_is_not_received_in_phu_luc_vii(returned) -> None:
    counted = log_totals(log_rows(PERIOD))
    assert (counted["on_time"], counted["late"]) == (0, 0)
    assert (counted["narrative_received"], counted["appendix_received"]) == (0, 0)


def test_a_resubmitted_report_counts_as_received_again(returned, people) -> None:
    workflow.submit(people["approver"], returned)
    counted = totals(tracker_rows(PERIOD, returned.form))
    assert (counted.sent, counted.returned) == (1, 0)
    assert current_submissions().counts["returned"] == 0


# --- the address keeps the filters ------------------------------------------------------------


def test_a_change_of_selector_puts_the_shown_form_period_and_filters_in_the_address(submission, people) -> None:
    response = tracker_page(
        logged_in(people["office"]), htmx=True, mau="bao-cao-thang-cds", ky="2024-01", han="missing"
    )
    pushed = urlsplit(response["HX-Push-Url"])
    assert pushed.path == reverse(TRACKER)
    assert parse_qs(pushed.query) == {"mau": ["bao-cao-thang-cds"], "ky": [PERIOD], "han": ["missing"]}


def test_opening_the_address_again_shows_the_same_filters(submission, people) -> None:
    page = tracker_page(logged_in(people["office"]), mau="bao-cao-thang-cds", ky=PERIOD, han="missing").content.decode()
    assert '<option value="missing" selected>' in page
    assert "Đã gửi 0/2" in page  # both units' reports, neither sent
