"""Data-quality checks through every way in (web form, Excel upload, API), said in Vietnamese.

The fixture form has a count (I.8, «văn bản»), a share (I.2, tử số/mẫu số, %); a percentage
entered as one number (I.9) is added here. Each case is typed through each channel and either
stored or refused with the same message, placed beside its field or naming its Excel cell.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from chiso.collection import workflow
from chiso.collection.entry import ValueInput
from chiso.collection.excel import COL, FIRST_ROW
from chiso.collection.models import EnteredValue, FormItem, Submission
from chiso.collection.schedules import ensure_expected, ensure_values
from chiso.frameworks.models import Indicator, Target
from tests.fixtures.personas import auth, fill

CASES = [  # (code, typed fields, refused with; "" = stored)
    ("I.8", {"value": "-3"}, "số lượng không được âm"),
    ("I.8", {"value": "12,7"}, "số lượng phải là số nguyên"),
    ("I.8", {"value": "1.250"}, ""),
    ("I.9", {"value": "120"}, "tỷ lệ phần trăm phải từ 0 đến 100"),
    ("I.9", {"value": "83,5"}, ""),
    ("I.2", {"numerator": "120", "denominator": "100"}, "Tử số (120) không được lớn hơn mẫu số (100)."),
    ("I.2", {"numerator": "-1", "denominator": "100"}, "Tử số không được âm."),
    ("I.2", {"numerator": "3.662", "denominator": "4.393"}, ""),
    ("I.2", {"value": "82,5%"}, "Chỉ tiêu này nhập bằng tử số và mẫu số"),
    ("I.8", {"value": "1.250", "denominator": "10"}, "không có mẫu số"),
]
CASE_IDS = [f"{code}-{'-'.join(typed.values())}" for code, typed, _ in CASES]


@pytest.fixture
def report(form, submission: Submission) -> Submission:
    """The fixture report with a percentage entered as one number (I.9)."""
    indicator = Indicator.objects.create(
        framework=form.framework,
        group=form.framework.groups.first(),
        code="I.9",
        name="Tỷ lệ cán bộ được tập huấn kỹ năng số",
        measure="percent",
        position=9,
    )
    FormItem.objects.create(
        form=form, indicator=indicator, input_type="number", unit_label="%", required=False, position=9
    )
    ensure_values(submission)
    return submission


def value_of(submission: Submission, code: str) -> EnteredValue:
    return EnteredValue.objects.select_related("item").get(submission=submission, item__indicator__code=code)


def row_html(page: str, value: EnteredValue) -> str:
    return re.search(rf'<tr id="row-{value.pk}"[^>]*>(.*?)</tr>', page, re.S).group(1)


def through_web(client: Client, submission: Submission, code: str, typed: dict) -> tuple[bool, str]:
    value = value_of(submission, code)
    data = {"submission_version": str(submission.version), f"v{value.pk}-version": str(value.version)}
    data.update({f"v{value.pk}-{name}": text for name, text in typed.items()})
    response = client.post(reverse("collection:submission", args=[submission.pk]), data)
    if response.status_code == 302:
        return True, ""
    assert response.status_code == 400
    return False, row_html(response.content.decode(), value)


def workbook(client: Client, submission: Submission):
    response = client.get(reverse("collection:excel", args=[submission.pk]))
    return load_workbook(io.BytesIO(response.content))


def row_of(ws, code: str) -> int:
    return next(r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(row=r, column=2).value == code)


def send(client: Client, submission: Submission, book) -> str:
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("bao-cao.xlsx", out.getvalue())
    return client.post(reverse("collection:excel_upload", args=[submission.pk]), {"file": upload}).content.decode()


def through_excel(client: Client, submission: Submission, code: str, typed: dict) -> tuple[bool, str]:
    book = workbook(client, submission)
    ws = book["Số liệu"]
    for name, text in typed.items():
        ws.cell(row=row_of(ws, code), column=COL[name]).value = text
    page = send(client, submission, book)
    if "chưa lưu gì" in page:
        return False, page
    client.post(reverse("collection:excel_confirm", args=[submission.pk]))
    return True, ""


def through_api(client: Client, submission: Submission, code: str, typed: dict, key: str) -> tuple[bool, str]:
    body = {"submission": submission.pk, "indicator": code, "version": value_of(submission, code).version, **typed}
    response = client.post("/api/values", json.dumps(body), content_type="application/json", **auth(key))
    if response.status_code == 200:
        return True, ""
    assert response.status_code == 422, response.content
    return False, json.dumps(response.json(), ensure_ascii=False)


@pytest.mark.parametrize(("code", "typed", "refused"), CASES, ids=CASE_IDS)
def test_the_web_form_accepts_or_refuses_by_the_items_kind_beside_the_field(
    client, people, report, code, typed, refused
) -> None:
    client.force_login(people["reporter"])
    stored, row = through_web(client, report, code, typed)
    assert stored is (refused == "")
    if refused:
        assert refused in row  # in the item's own row, not only at the top of the page
        assert value_of(report, code).raw == ""


@pytest.mark.parametrize(("code", "typed", "refused"), CASES, ids=CASE_IDS)
def test_an_excel_upload_accepts_or_refuses_by_the_items_kind_naming_the_cell(
    client, people, report, code, typed, refused
) -> None:
    client.force_login(people["reporter"])
    stored, page = through_excel(client, report, code, typed)
    assert stored is (refused == "")
    if refused:
        assert refused in page
        assert re.search(r"ô [HIJ]\d+ \(dòng \d+, cột [HIJ]", page)
        assert value_of(report, code).raw == ""
    else:
        assert value_of(report, code).raw != ""


@pytest.mark.parametrize(("code", "typed", "refused"), CASES, ids=CASE_IDS)
def test_the_api_accepts_or_refuses_by_the_items_kind(client, people, keys, report, code, typed, refused) -> None:
    stored, message = through_api(client, report, code, typed, keys["reporter"])
    assert stored is (refused == "")
    if refused:
        assert refused in message
        assert value_of(report, code).raw == ""


@pytest.fixture
def with_target(form) -> None:
    """I.8 (văn bản) has the 2026 target «Từ 200 trở lên»."""
    Target.objects.create(
        indicator=Indicator.objects.get(framework=form.framework, code="I.8"), period_id="2026", text="Từ 200 trở lên"
    )


def test_an_outlier_against_the_target_is_not_saved_without_confirmation(
    client, people, submission, with_target
) -> None:
    client.force_login(people["reporter"])
    stored, row = through_web(client, submission, "I.8", {"value": "50.000"})
    assert not stored
    assert "Giá trị 50.000 bất thường" in row
    assert "mục tiêu «Từ 200 trở lên»" in row
    assert f'name="v{value_of(submission, "I.8").pk}-confirm"' in row  # the box to confirm it


def test_a_confirmed_outlier_needs_a_comment_asked_for_beside_the_comment(
    client, people, submission, with_target
) -> None:
    client.force_login(people["reporter"])
    stored, row = through_web(client, submission, "I.8", {"value": "50.000", "confirm": "on"})
    assert not stored
    comment_cell = row.split(f'name="v{value_of(submission, "I.8").pk}-comment"')[1]
    assert "hãy ghi lý do vào ô «Ghi chú»" in comment_cell


def test_an_outlier_confirmed_with_a_comment_is_saved_and_highlighted_for_the_reviewer(
    client, people, submission, with_target
) -> None:
    client.force_login(people["reporter"])
    stored, _ = through_web(
        client, submission, "I.8", {"value": "50.000", "confirm": "on", "comment": "Gộp số liệu cả năm của 3 phường"}
    )
    assert stored
    value = value_of(submission, "I.8")
    assert (value.number, value.jump_confirmed, value.comment) == (50_000, True, "Gộp số liệu cả năm của 3 phường")
    client.force_login(people["office"])
    page = client.get(reverse("collection:submission", args=[submission.pk])).content.decode()
    assert f'<tr id="row-{value.pk}" class="outlier">' in page
    assert "Giá trị bất thường" in row_html(page, value)
    assert "Gộp số liệu cả năm của 3 phường" in row_html(page, value)


def test_the_units_own_history_flags_an_outlier_without_a_target(client, people, form, units, submission) -> None:
    october = ensure_expected(form, "2026-10")[0]
    fill(october, people["reporter"], {"I.8": {"value": "230"}})
    client.force_login(people["reporter"])
    stored, row = through_web(client, submission, "I.8", {"value": "2"})
    assert not stored
    assert "các kỳ trước (230)" in row


def test_the_api_saves_an_outlier_only_with_confirmation_and_comment(
    client, people, keys, submission, with_target
) -> None:
    stored, message = through_api(
        client, submission, "I.8", {"value": "50.000", "jump_confirmed": True}, keys["reporter"]
    )
    assert not stored
    assert "Ghi chú" in message
    assert through_api(
        client, submission, "I.8", {"value": "50.000", "jump_confirmed": True, "comment": "Số cả năm"}, keys["reporter"]
    )[0]


def test_a_percentage_in_the_value_column_of_a_share_is_refused_naming_the_cell(client, people, submission) -> None:
    client.force_login(people["reporter"])
    book = workbook(client, submission)
    ws = book["Số liệu"]
    row = row_of(ws, "I.2")
    ws.cell(row=row, column=COL["value"]).value = "82,5%"
    page = send(client, submission, book)
    assert (
        f"Trang «Số liệu», ô H{row} (dòng {row}, cột H: Giá trị / Có-Không / Nội dung): Chỉ tiêu này nhập bằng tử số"
        in page
    )
    assert "chưa lưu gì" in page.lower()


def test_the_workbook_locks_the_columns_an_item_does_not_use(client, people, submission) -> None:
    client.force_login(people["reporter"])
    ws = workbook(client, submission)["Số liệu"]
    share, count = row_of(ws, "I.2"), row_of(ws, "I.8")
    assert ws.cell(row=share, column=COL["value"]).protection.locked is True
    assert ws.cell(row=share, column=COL["numerator"]).protection.locked is False
    assert ws.cell(row=count, column=COL["denominator"]).protection.locked is True
    assert ws.cell(row=count, column=COL["value"]).protection.locked is False
    whole = [dv for dv in ws.data_validations.dataValidation if dv.type == "whole"]
    assert [str(r) for dv in whole for r in dv.sqref.ranges] == [f"H{count}"]


def test_the_excel_preview_and_the_saved_message_count_the_same_changes(client, people, submission) -> None:
    client.force_login(people["reporter"])
    book = workbook(client, submission)
    ws = book["Số liệu"]
    ws.cell(row=row_of(ws, "I.8"), column=COL["value"]).value = 1250
    ws.cell(row=row_of(ws, "I.2"), column=COL["numerator"]).value = 3662
    ws.cell(row=row_of(ws, "I.2"), column=COL["denominator"]).value = 4393
    for row_no in (2, 3, 4):  # all three narrative sections
        book["Thuyết minh"].cell(row=row_no, column=2).value = f"Nội dung phần {row_no}"
    page = send(client, submission, book)
    listed = int(re.search(r'id="change-count">(\d+) thay đổi', page).group(1))
    assert "I.8 — Số văn bản được trao đổi qua môi trường mạng" in page  # named, not only coded
    assert listed == 5 == page.count("<tr><td>")  # 2 values and 3 sections, one row each
    response = client.post(reverse("collection:excel_confirm", args=[submission.pk]), follow=True)
    assert f"({listed} thay đổi)" in response.content.decode()


def test_excel_entered_numbers_keep_their_thousands_separators_on_the_unit_page(client, people, submission) -> None:
    client.force_login(people["reporter"])
    book = workbook(client, submission)
    ws = book["Số liệu"]
    ws.cell(row=row_of(ws, "I.2"), column=COL["numerator"]).value = 3662
    ws.cell(row=row_of(ws, "I.2"), column=COL["denominator"]).value = 4393
    send(client, submission, book)
    client.post(reverse("collection:excel_confirm", args=[submission.pk]))
    page = client.get(reverse("unit", args=[submission.unit.code])).content.decode()
    assert "3.662/4.393" in page
    assert "3662/4393" not in page


def test_an_excel_entered_count_is_kept_as_typed_the_vietnamese_way(client, people, submission) -> None:
    client.force_login(people["reporter"])
    book = workbook(client, submission)
    ws = book["Số liệu"]
    ws.cell(row=row_of(ws, "I.8"), column=COL["value"]).value = 1250
    send(client, submission, book)
    client.post(reverse("collection:excel_confirm", args=[submission.pk]))
    assert value_of(submission, "I.8").raw == "1.250"
    page = client.get(reverse("collection:submission", args=[submission.pk])).content.decode()
    assert 'value="1.250"' in row_html(page, value_of(submission, "I.8"))


def test_check_refuses_the_same_way_for_every_caller(people, submission) -> None:
    value = value_of(submission, "I.8")
    result = workflow.save_draft(people["reporter"], submission, {value.pk: (ValueInput(value="-3"), value.version)})
    assert result.checked[value.pk].errors == {"value": "Giá trị -3 không hợp lệ: số lượng không được âm."}


def test_a_refused_submit_puts_each_missing_piece_beside_its_field(client, people, submission) -> None:
    client.force_login(people["approver"])
    response = client.post(reverse("collection:submit", args=[submission.pk]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Chỉ tiêu I.8: chưa nhập (bắt buộc)." in row_html(page, value_of(submission, "I.8"))
    after_results = page.split('id="id_results_text"')[1].split("<label")[0]
    assert "Phần «Kết quả thực hiện»: chưa nhập" in after_results
    assert Submission.objects.get(pk=submission.pk).status == "draft"
