"""A whole month of Sở KH&CN's report in a real browser, as the people who do it (issue 15).

The DX office adds a new reporter and grants them the department; the reporter's Excel file with
a percentage in a column its item does not use is refused, the corrected file is stored, and a
figure far outside its plausible range is confirmed with a comment; the leader signs and sends it
with the document's number and date; the office returns it with a reason, and the reporter sees
the count in the top bar, the notice and the reason; the leader sends it again; the office reminds
the late Sở Tài chính from the tracker, sees the reminder in the log, approves the report, and
switches the tracker to the 11/2024 log: 17 on time, 11 late, 28 of 30 received.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook
from playwright.sync_api import expect

from chiso.accounts.models import Grant, Role
from chiso.collection.excel import COL, FIRST_ROW
from chiso.collection.models import FormAssignment, FormItem, ReportForm, Submission
from chiso.collection.schedules import ensure_expected
from chiso.frameworks.models import Framework, Indicator, IndicatorGroup, Target
from chiso.orgunits.models import OrgUnit
from tests import browser
from tests.fixtures.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_REPORTER, NEW_PASSWORD = "khcn_hoa", "Khcn-Hoa-2026!"
REASON = "Chỉ tiêu I.8 cao bất thường: ghi rõ số văn bản của từng phường rồi gửi lại"
ITEMS = [  # (code, name, measure, input type, unit label, required)
    (
        "I.2",
        "Tỷ lệ hồ sơ thủ tục hành chính được xử lý hoàn toàn trực tuyến",
        "percent",
        FormItem.InputType.FRACTION,
        "%",
        True,
    ),
    ("I.8", "Số văn bản được trao đổi qua môi trường mạng", "count", FormItem.InputType.NUMBER, "văn bản", True),
    ("I.6", "Cơ quan có cung cấp dữ liệu mở", "yes_no", FormItem.InputType.YES_NO, "", True),
]


@pytest.fixture
def month(seed_data) -> Submission:
    """The bundled province (with its 11/2024 log), the office, Sở KH&CN's leader, Sở Tài chính's
    reporter, and a monthly form for 11/2026 (due 18/11/2026) given to both departments."""
    province = OrgUnit.objects.get(code="dong-thap")
    for username, unit, role in (
        ("vanphong", province, Role.ADMIN),
        ("lanhdao", OrgUnit.objects.get(code="so-khcn"), Role.APPROVER),
        ("taichinh", OrgUnit.objects.get(code="so-tai-chinh"), Role.REPORTER),
    ):
        user = User.objects.create_user(
            username, password=PASSWORD, first_name=username, email=f"{username}@dongthap.example.vn"
        )
        Grant.objects.create(user=user, unit=unit, role=role)
    framework = Framework.objects.create(
        code="cds-thang-thu",
        kind="programme",
        period_id="2021-2025",
        name="Chỉ tiêu chuyển đổi số hằng tháng",
        locale="vi",
    )
    group = IndicatorGroup.objects.create(framework=framework, code="I", name="CHÍNH QUYỀN SỐ")
    form = ReportForm.objects.create(
        code="bao-cao-thang-cds",
        name="Báo cáo tháng chuyển đổi số",
        framework=framework,
        period_kind="month",
        deadline_rule="18",
        sections=["ket_qua", "kho_khan", "de_xuat"],
    )
    for position, (code, name, measure, input_type, unit_label, required) in enumerate(ITEMS):
        indicator = Indicator.objects.create(
            framework=framework, group=group, code=code, name=name, measure=measure, position=position
        )
        FormItem.objects.create(
            form=form,
            indicator=indicator,
            input_type=input_type,
            required=required,
            unit_label=unit_label,
            position=position,
            min_value=Decimal(0) if input_type == "number" else None,
        )
    Target.objects.create(indicator=framework.indicators.get(code="I.8"), period_id="2026", text="Từ 200 trở lên")
    for code in ("so-khcn", "so-tai-chinh"):
        FormAssignment.objects.create(form=form, unit=OrgUnit.objects.get(code=code))
    ensure_expected(form, "2026-11")
    return Submission.objects.get(form=form, unit__code="so-khcn", period_id="2026-11")


def sign_in(page, live_server, username: str, password: str = PASSWORD) -> None:
    page.context.clear_cookies()
    browser.log_in(page, live_server, username, password)


def add_the_new_reporter(page, live_server) -> None:
    """The office adds the reporter and grants them Sở KH&CN at /quan-tri/."""
    sign_in(page, live_server, "vanphong")
    page.get_by_role("link", name="Quản trị", exact=True).click()
    page.locator("tr.model-user").get_by_role("link").first.click()
    page.get_by_role("link", name="Thêm vào người dùng").click()
    page.fill("#id_username", NEW_REPORTER)
    page.fill("#id_password1", NEW_PASSWORD)
    page.fill("#id_password2", NEW_PASSWORD)
    page.fill("#id_first_name", "Trần Thị Hoa")
    # By value: the old province's Sở KH&CN (before the 2025 merger) has the same name.
    page.select_option("#id_unit", value=str(OrgUnit.objects.get(code="so-khcn").pk))
    page.select_option("#id_role", value=Role.REPORTER)
    page.locator("input[name=_save]").click()
    page.locator(".messagelist .success").wait_for()


def excel_with(page, tmp_path, cells: dict[tuple[str, str], object]):
    """Download the report's workbook from its page, write `cells` ((code, column): value), save it."""
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp Excel (.xlsx)").click()
    path = tmp_path / f"bao-cao-{len(list(tmp_path.iterdir()))}.xlsx"
    download.value.save_as(path)
    book = load_workbook(path)
    sheet = book.active
    rows = {sheet.cell(row=r, column=2).value: r for r in range(FIRST_ROW, sheet.max_row + 1)}
    for (code, column), value in cells.items():
        sheet.cell(row=rows[code], column=COL[column]).value = value
    book.save(path)
    return path


def upload(page, path) -> None:
    page.set_input_files("#excel-file", str(path))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    page.get_by_role("heading", level=1).wait_for()


def enter_the_month(page, live_server, tmp_path, report: Submission) -> None:
    """The new reporter: a wrong-column Excel cell refused, the right file stored, an outlier confirmed."""
    sign_in(page, live_server, NEW_REPORTER, NEW_PASSWORD)
    page.goto(f"{live_server.url}/bao-cao-dinh-ky/{report.pk}/")
    upload(page, excel_with(page, tmp_path, {("I.2", "value"): "82,5%", ("I.6", "value"): "Có"}))
    refusal = page.get_by_role("alert")
    expect(refusal).to_contain_text("chưa lưu gì")
    expect(refusal).to_contain_text("Chỉ tiêu này nhập bằng tử số và mẫu số")
    browser.guide_picture(page, "reporter-excel-refused.png", full_page=True)
    assert report.values.get(item__indicator__code="I.6").yes_no is None

    page.goto(f"{live_server.url}/bao-cao-dinh-ky/{report.pk}/")
    upload(
        page,
        excel_with(page, tmp_path, {("I.2", "numerator"): 3662, ("I.2", "denominator"): 4393, ("I.6", "value"): "Có"}),
    )
    page.get_by_role("button", name="Xác nhận lưu").click()
    expect(page.get_by_label("Tử số I.2")).to_have_value("3.662")

    page.get_by_label("Giá trị I.8").fill("50.000")
    page.get_by_label("Kết quả thực hiện").fill("Đạt 3/3 chỉ tiêu.")
    page.get_by_label("Khó khăn, vướng mắc").fill("Không có.")
    page.get_by_label("Đề xuất, kiến nghị").fill("Không có.")
    page.get_by_role("button", name="Lưu nháp").click()
    row = page.locator("tr", has=page.get_by_label("Giá trị I.8"))
    expect(row.get_by_role("alert").first).to_contain_text("Giá trị 50.000 bất thường")
    row.get_by_label("Xác nhận số liệu đúng I.8").check()
    row.get_by_label("Ghi chú I.8").fill("Tính cả văn bản của 3 phường mới sáp nhập")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã lưu nháp")


def send(page, live_server, report: Submission, *, picture: str | None = None) -> None:
    """The leader signs and sends the report with the document's number and date (11/11: headless
    chromium shows a date input month first whatever the locale, and the guide shows this one)."""
    sign_in(page, live_server, "lanhdao")
    page.goto(f"{live_server.url}/bao-cao-dinh-ky/{report.pk}/")
    page.get_by_label("Ngày văn bản").fill("2026-11-11")
    page.get_by_label("Số, ký hiệu văn bản").fill("125/SKHCN-VP")
    if picture:
        page.locator("#sign-form").scroll_into_view_if_needed()
        browser.guide_picture(page, picture)
    page.get_by_role("button", name="Ký gửi báo cáo").click()
    expect(page.locator("#status")).to_contain_text("Đã gửi")


def test_a_whole_month_from_a_new_reporter_to_the_approved_report(live_server, page, month, tmp_path):
    add_the_new_reporter(page, live_server)
    assert Grant.objects.filter(user__username=NEW_REPORTER, unit__code="so-khcn", role=Role.REPORTER).exists()

    enter_the_month(page, live_server, tmp_path, month)
    stored = {v.item.indicator.code: v for v in month.values.select_related("item__indicator")}
    assert (stored["I.2"].numerator, stored["I.2"].denominator, stored["I.6"].yes_no) == (3662, 4393, True)
    assert (stored["I.8"].number, stored["I.8"].jump_confirmed) == (50_000, True)

    send(page, live_server, month, picture="leader-submit.png")
    month.refresh_from_db()
    assert (month.document, f"{month.document_date:%d/%m/%Y}") == ("125/SKHCN-VP", "11/11/2026")

    sign_in(page, live_server, "vanphong")
    page.goto(f"{live_server.url}/bao-cao-dinh-ky/{month.pk}/")
    expect(page.locator("tr.outlier")).to_contain_text("Tính cả văn bản của 3 phường mới sáp nhập")
    page.get_by_label("Lý do trả lại").fill(REASON)
    browser.guide_picture(page.locator("form", has=page.get_by_label("Lý do trả lại")), "office-return.png")
    page.get_by_role("button", name="Trả lại", exact=True).click()
    expect(page.locator("#status")).to_contain_text("Bị trả lại")

    sign_in(page, live_server, NEW_REPORTER, NEW_PASSWORD)
    expect(page.locator("#thong-bao-moi .count")).to_have_text("1")
    page.locator("#thong-bao-moi").click()
    page.get_by_role("link", name=REASON, exact=False).click()
    expect(page.get_by_role("note").first).to_contain_text(REASON)

    send(page, live_server, month)
    sign_in(page, live_server, "vanphong")
    page.goto(f"{live_server.url}/bao-cao-dinh-ky/theo-doi/?ky=2026-11&mau=bao-cao-thang-cds")
    page.locator("tr[data-unit='so-tai-chinh']").get_by_role("button", name="Nhắc").click()
    expect(page.get_by_role("status")).to_contain_text("Đã nhắc: Sở Tài chính.")
    page.get_by_role("link", name="Nhật ký nhắc nhở").click()
    logged = page.locator("#nhat-ky-nhac tbody tr").first
    expect(logged).to_contain_text("Sở Tài chính")
    expect(logged).to_contain_text("vanphong")
    page.go_back()

    page.locator("tr[data-unit='so-khcn']").get_by_role("link", name="Sở Khoa học và Công nghệ").click()
    page.get_by_role("button", name="Phê duyệt").click()
    expect(page.locator("#status")).to_contain_text("Đã duyệt")

    page.goto(f"{live_server.url}/bao-cao-dinh-ky/theo-doi/?ky=2026-11&mau=bao-cao-thang-cds")
    page.get_by_label("Mẫu báo cáo").select_option(label="Nhật ký nhận báo cáo (từ văn bản)")
    expect(page.get_by_role("heading", level=1)).to_contain_text("tháng 11/2024")
    expect(page.locator("#tong-hop")).to_contain_text("Đã gửi 28/30")
    expect(page.locator("#tong-hop")).to_contain_text("Đúng hạn 17 · Trễ hạn 11")
