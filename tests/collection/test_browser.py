"""A reporter, a unit leader and the DX office drive the report pages in a real browser."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from chiso.collection.excel import COL, FIRST_ROW
from chiso.collection.models import Submission
from tests import browser
from tests.fixtures.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username: str) -> None:
    browser.log_in(page, live_server, username, PASSWORD)


def open_report(page, live_server, submission: Submission) -> None:
    page.goto(f"{live_server.url}/bao-cao-dinh-ky/")
    report_link(page, submission).click()
    page.wait_for_url(f"{live_server.url}/bao-cao-dinh-ky/{submission.pk}/")


def report_link(page, submission: Submission):
    """The list's link to this report: the list also holds this month's reports, which the
    page creates as they fall due, so the form's name alone is not enough."""
    return page.locator(f'a[href="/bao-cao-dinh-ky/{submission.pk}/"]').first


def fill_report(page) -> None:
    page.get_by_label("Tử số I.2").fill("3.662")
    page.get_by_label("Mẫu số I.2").fill("4.393")
    page.get_by_label("Giá trị I.8").fill("1.250")
    page.get_by_label("Giá trị I.6").select_option("Có")
    page.get_by_label("Kết quả thực hiện").fill("Đạt 3/4 chỉ tiêu.")
    page.get_by_label("Khó khăn, vướng mắc").fill("Không có.")
    page.get_by_label("Đề xuất, kiến nghị").fill("Không có.")


def test_a_unit_leader_logs_in_fills_and_submits_the_report(live_server, page, people, submission) -> None:
    log_in(page, live_server, "lanhdao")
    page.get_by_role("link", name="Báo cáo định kỳ").first.click()
    report_link(page, submission).click()
    fill_report(page)
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã lưu nháp")
    assert "3.662/4.393 (83,36%)" in page.content()
    page.get_by_role("button", name="Ký gửi báo cáo").click()
    expect(page.locator("#status")).to_have_text("Đã gửi")
    assert page.locator("#timeliness").inner_text() in ("Đúng hạn", "Trễ hạn")
    assert Submission.objects.get(pk=submission.pk).status == "submitted"


def test_a_validation_error_is_shown_beside_the_field_and_then_fixed(live_server, page, people, submission) -> None:
    log_in(page, live_server, "nhaplieu")
    open_report(page, live_server, submission)
    fill_report(page)
    page.get_by_label("Tử số I.2").fill("5.000")
    page.get_by_role("button", name="Lưu nháp").click()
    row = page.locator("tr", has=page.get_by_label("Tử số I.2"))
    assert "Tử số (5.000) không được lớn hơn mẫu số (4.393)." in row.get_by_role("alert").inner_text()
    assert page.get_by_label("Giá trị I.8").input_value() == "1.250"  # what was typed is kept
    page.get_by_label("Tử số I.2").fill("3.662")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã lưu nháp")
    assert submission.values.get(item__indicator__code="I.2").numerator == 3662


def test_one_row_is_saved_in_place(live_server, page, people, submission) -> None:
    log_in(page, live_server, "nhaplieu")
    open_report(page, live_server, submission)
    page.get_by_label("Giá trị I.8").fill("1.250")
    row = page.locator("tr", has=page.get_by_label("Giá trị I.8"))
    row.get_by_role("button", name="Lưu dòng").click()
    page.get_by_text("Đã lưu.").wait_for()
    assert submission.values.get(item__indicator__code="I.8").number == 1250


def test_the_excel_file_is_downloaded_filled_uploaded_and_confirmed(
    live_server, page, people, submission, tmp_path
) -> None:
    log_in(page, live_server, "nhaplieu")
    open_report(page, live_server, submission)
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp Excel (.xlsx)").click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    ws = book["Số liệu"]
    rows = {ws.cell(row=r, column=2).value: r for r in range(FIRST_ROW, ws.max_row + 1)}
    ws.cell(row=rows["I.2"], column=COL["numerator"]).value = 3662
    ws.cell(row=rows["I.2"], column=COL["denominator"]).value = 4393
    ws.cell(row=rows["I.8"], column=COL["value"]).value = "1.250"
    filled = tmp_path / "bao-cao-da-dien.xlsx"
    book.save(filled)
    page.get_by_label("Tải lên tệp Excel đã điền").set_input_files(str(filled))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    assert "3.662/4.393 (83,36%)" in page.content()
    page.get_by_role("button", name="Xác nhận lưu").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Đã lưu số liệu từ tệp «bao-cao-da-dien.xlsx» (2 thay đổi)"
    )
    assert page.get_by_label("Giá trị I.8").input_value() == "1.250"


def test_the_office_returns_a_report_and_approves_it_once_corrected(live_server, page, people, filled) -> None:
    from chiso.collection import workflow

    workflow.submit(people["approver"], filled)
    log_in(page, live_server, "vanphong")
    page.goto(f"{live_server.url}/bao-cao-dinh-ky/{filled.pk}/")
    page.get_by_label("Lý do trả lại").fill("Mẫu số I.2 chưa khớp số hồ sơ tiếp nhận.")
    page.get_by_role("button", name="Trả lại").click()
    expect(page.locator("#status")).to_have_text("Bị trả lại")
    page.get_by_role("button", name="Đăng xuất").click()

    log_in(page, live_server, "lanhdao")
    page.goto(f"{live_server.url}/bao-cao-dinh-ky/{filled.pk}/")
    assert "Mẫu số I.2 chưa khớp số hồ sơ tiếp nhận." in page.get_by_role("note").inner_text()
    page.get_by_label("Mẫu số I.2").fill("4.400")
    page.get_by_role("button", name="Lưu nháp").click()
    page.get_by_role("button", name="Ký gửi báo cáo").click()
    page.get_by_role("button", name="Đăng xuất").click()

    log_in(page, live_server, "vanphong")
    page.goto(f"{live_server.url}/bao-cao-dinh-ky/{filled.pk}/")
    page.get_by_role("button", name="Phê duyệt").click()
    expect(page.locator("#status")).to_have_text("Đã duyệt")
    assert page.get_by_label("Mẫu số I.2").count() == 0  # values locked
