"""The Excel round trip: a protected pre-filled workbook, and uploads refused or previewed then stored."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from chiso.collection.excel import COL, FIRST_ROW, build_workbook
from chiso.collection.models import EnteredValue, Submission


def downloaded(client: Client, submission: Submission):
    response = client.get(reverse("collection:excel", args=[submission.pk]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def row_of(ws, code: str) -> int:
    return next(r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(row=r, column=2).value == code)


def as_upload(book, name: str = "bao-cao.xlsx") -> SimpleUploadedFile:
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def upload(client: Client, submission: Submission, file) -> str:
    return client.post(reverse("collection:excel_upload", args=[submission.pk]), {"file": file}).content.decode()


def stored(submission: Submission) -> list:
    return list(
        EnteredValue.objects.filter(submission=submission)
        .order_by("pk")
        .values_list("number", "numerator", "denominator", "yes_no", "text", "version")
    )


@pytest.fixture
def reporter(client: Client, people) -> Client:
    client.force_login(people["reporter"])
    return client


def test_the_workbook_locks_labels_and_unlocks_validated_inputs(reporter, submission) -> None:
    ws = downloaded(reporter, submission)["Số liệu"]
    row = row_of(ws, "I.2")
    assert ws.protection.sheet is True
    assert ws.cell(row=row, column=3).value.startswith("Tỷ lệ hồ sơ thủ tục hành chính")
    assert ws.cell(row=row, column=3).protection.locked is True
    assert ws.cell(row=row, column=COL["numerator"]).protection.locked is False
    validated = {str(rng) for dv in ws.data_validations.dataValidation for rng in dv.sqref.ranges}
    assert ws.cell(row=row, column=COL["numerator"]).coordinate in validated
    assert ws.cell(row=row_of(ws, "I.6"), column=COL["value"]).coordinate in validated


def test_a_filled_file_is_previewed_then_stored_on_confirm(reporter, submission) -> None:
    book = downloaded(reporter, submission)
    ws = book["Số liệu"]
    ws.cell(row=row_of(ws, "I.2"), column=COL["numerator"]).value = 3662
    ws.cell(row=row_of(ws, "I.2"), column=COL["denominator"]).value = "4.393"
    ws.cell(row=row_of(ws, "I.8"), column=COL["value"]).value = 1250
    ws.cell(row=row_of(ws, "I.6"), column=COL["value"]).value = "Có"
    book["Thuyết minh"]["B3"] = "Thiếu nhân lực CNTT."
    before = stored(submission)
    page = upload(reporter, submission, as_upload(book))
    assert "3.662/4.393 (83,36%)" in page
    assert "Thiếu nhân lực CNTT." in page
    assert stored(submission) == before  # the preview stores nothing
    reporter.post(reverse("collection:excel_confirm", args=[submission.pk]))
    i2 = submission.values.get(item__indicator__code="I.2")
    assert (i2.numerator, i2.denominator) == (3662, 4393)
    assert submission.values.get(item__indicator__code="I.8").number == 1250
    assert Submission.objects.get(pk=submission.pk).difficulties_text == "Thiếu nhân lực CNTT."


def test_errors_name_sheet_row_and_column_and_nothing_is_stored(reporter, submission) -> None:
    book = downloaded(reporter, submission)
    ws = book["Số liệu"]
    ws.cell(row=row_of(ws, "I.8"), column=COL["value"]).value = 1250  # valid, yet not stored
    ws.cell(row=row_of(ws, "I.2"), column=COL["numerator"]).value = 5000
    ws.cell(row=row_of(ws, "I.2"), column=COL["denominator"]).value = 4393
    ws.cell(row=row_of(ws, "I.6"), column=COL["value"]).value = "Chưa rõ"
    before = stored(submission)
    page = upload(reporter, submission, as_upload(book))
    row = row_of(ws, "I.2")
    assert f"Trang «Số liệu», ô I{row} (dòng {row}, cột I: Tử số): Tử số (5.000) không được lớn hơn" in page
    assert f"ô H{row_of(ws, 'I.6')} (dòng {row_of(ws, 'I.6')}, cột H" in page
    assert "Chỉ ghi «Có» hoặc «Không»" in page
    assert "chưa lưu gì" in page.lower()
    reporter.post(reverse("collection:excel_confirm", args=[submission.pk]))
    assert stored(submission) == before


def test_a_formula_in_an_input_cell_is_refused(reporter, submission) -> None:
    book = downloaded(reporter, submission)
    ws = book["Số liệu"]
    cell = ws.cell(row=row_of(ws, "I.8"), column=COL["value"])
    cell.value = "=1000+250"
    before = stored(submission)
    page = upload(reporter, submission, as_upload(book))
    assert f"Trang «Số liệu», ô H{cell.row} (dòng {cell.row}, cột H" in page
    assert "có công thức «=1000+250»" in page
    assert stored(submission) == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bao-cao.csv", b"ma,gia_tri\nI.8,1250\n", "không phải tệp Excel .xlsx"),
        ("bao-cao.xls", b"\xd0\xcf\x11\xe0 old excel", "không phải tệp Excel .xlsx"),
        ("bao-cao.xlsx", b"PK\x03\x04 not really a zip", "bị hỏng"),
        ("bao-cao.xlsx", b"hello", "bị hỏng"),
    ],
)
def test_a_file_that_is_not_a_real_xlsx_is_refused(reporter, submission, name, content, message) -> None:
    before = stored(submission)
    response = reporter.post(
        reverse("collection:excel_upload", args=[submission.pk]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    assert any(message in str(m) and name in str(m) for m in response.context["messages"])
    assert stored(submission) == before


def test_a_file_over_the_size_limit_is_refused(reporter, submission, settings) -> None:
    settings.CHISO_UPLOAD_MAX_BYTES = 1024
    body = build_workbook(submission)
    assert len(body) > 1024
    before = stored(submission)
    response = reporter.post(
        reverse("collection:excel_upload", args=[submission.pk]),
        {"file": SimpleUploadedFile("bao-cao.xlsx", body)},
        follow=True,
    )
    assert any("vượt giới hạn" in str(m) for m in response.context["messages"])
    assert stored(submission) == before


def test_a_file_of_another_units_report_is_refused(reporter, submission, other_submission) -> None:
    body = build_workbook(other_submission)
    response = reporter.post(
        reverse("collection:excel_upload", args=[submission.pk]),
        {"file": SimpleUploadedFile("tai-chinh.xlsx", body)},
        follow=True,
    )
    assert any("là của báo cáo khác" in str(m) for m in response.context["messages"])


def test_a_value_changed_on_the_web_after_the_download_is_not_overwritten(reporter, submission) -> None:
    book = downloaded(reporter, submission)
    value = submission.values.get(item__indicator__code="I.8")
    reporter.post(
        reverse("collection:submission", args=[submission.pk]),
        {f"v{value.pk}-version": "1", f"v{value.pk}-value": "900"},
    )
    ws = book["Số liệu"]
    ws.cell(row=row_of(ws, "I.8"), column=COL["value"]).value = 1250
    page = upload(reporter, submission, as_upload(book))
    assert "sau khi bạn tải tệp về" in page
    assert EnteredValue.objects.get(pk=value.pk).number == 900
