"""An uploaded workbook costs what it really holds: hostile files are refused before openpyxl reads them.

Each hostile file is the report's own downloaded workbook with one part rewritten, so only the
part under test is wrong. A refusal is recognised by what was counted (the row number, the
cells, the strings, the declared size) and by openpyxl never being asked to open the file; no
test relies on wall time. A text longer than an Excel cell holds is kept out of the file with
a visible note, so the round trip never cuts it.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from chiso.collection import excel
from chiso.collection.excel import COL, EXCEL_CELL_CHARS, FIRST_ROW, TOO_LONG, build_workbook
from chiso.collection.models import EnteredValue, Submission
from chiso.collection.workbook_limits import LIMITS

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"  # openpyxl writes inline strings; Excel writes this part
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@pytest.fixture
def reporter(client: Client, people) -> Client:
    client.force_login(people["reporter"])
    return client


@pytest.fixture
def openpyxl_untouched(monkeypatch) -> None:
    """Fail the test if the upload reaches openpyxl: the refusal must come before any expansion."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("openpyxl was asked to open a file that should have been refused")

    monkeypatch.setattr(excel, "load_workbook", refuse)


def rewritten(body: bytes, name: str, content: bytes) -> bytes:
    """The workbook ``body`` with the zip member ``name`` set to ``content`` (compressed)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(body)) as original,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as copy,
    ):
        for item in original.infolist():
            if item.filename != name:
                copy.writestr(item.filename, original.read(item))
        copy.writestr(name, content)
    return out.getvalue()


def sheet_with_rows(body: bytes, rows: bytes) -> bytes:
    """The values sheet's XML with its rows replaced by ``rows``."""
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        xml = archive.read(SHEET)
    return re.sub(rb"<sheetData>.*</sheetData>", b"<sheetData>" + rows + b"</sheetData>", xml, flags=re.S)


def refusal(client: Client, submission: Submission, body: bytes) -> str:
    response = client.post(
        reverse("collection:excel_upload", args=[submission.pk]),
        {"file": SimpleUploadedFile("bao-cao.xlsx", body)},
        follow=True,
    )
    return " ".join(str(m) for m in response.context["messages"])


def stored(submission: Submission) -> list:
    return list(
        EnteredValue.objects.filter(submission=submission)
        .order_by("pk")
        .values_list("number", "numerator", "denominator", "yes_no", "text", "version")
    )


def test_a_cell_at_the_last_excel_row_is_refused_by_its_row_number(reporter, submission, openpyxl_untouched) -> None:
    body = build_workbook(submission)
    far = sheet_with_rows(
        body,
        b'<row r="5"><c r="A5" t="inlineStr"><is><t>x</t></is></c></row>'
        b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>',
    )
    before = stored(submission)
    message = refusal(reporter, submission, rewritten(body, SHEET, far))
    assert "dòng 1.048.576" in message
    assert "giới hạn 5.000 dòng" in message
    assert "Chưa lưu gì" in message
    assert stored(submission) == before


def test_rows_past_the_limit_are_refused_when_the_count_passes_it(reporter, submission, openpyxl_untouched) -> None:
    rows = b"".join(
        b'<row><c t="inlineStr"><is><t>I.8</t></is></c></row>' for _ in range(LIMITS.rows + 1)
    )  # numbered by position, as openpyxl does
    body = build_workbook(submission)
    message = refusal(reporter, submission, rewritten(body, SHEET, sheet_with_rows(body, rows)))
    assert f"dòng {LIMITS.rows + 1:,}".replace(",", ".") in message
    assert "giới hạn 5.000 dòng" in message


def test_cells_past_the_limit_are_refused_when_the_count_passes_it(reporter, submission, openpyxl_untouched) -> None:
    row = b'<row r="7">' + b'<c r="A7"><v>1</v></c>' * (LIMITS.cells + 1) + b"</row>"
    body = build_workbook(submission)
    message = refusal(reporter, submission, rewritten(body, SHEET, sheet_with_rows(body, row)))
    assert "có hơn 100.000 ô, vượt giới hạn 100.000 ô" in message


def test_a_shared_strings_part_declaring_more_than_the_limit_is_refused_unread(
    reporter, submission, openpyxl_untouched
) -> None:
    padding = b"<si><t>" + b"a" * (LIMITS.part_bytes + 1) + b"</t></si>"
    strings = f'<?xml version="1.0"?><sst xmlns="{MAIN}">'.encode() + padding + b"</sst>"
    body = rewritten(build_workbook(submission), STRINGS, strings)
    assert len(body) < 100_000  # a small upload that declares megabytes
    message = refusal(reporter, submission, body)
    assert "bảng chữ dùng chung" in message
    assert "vượt giới hạn 16,0 MB" in message
    assert "sharedStrings" not in message  # internal part names never reach a person


def test_shared_strings_past_the_limit_are_refused_when_the_count_passes_it(
    reporter, submission, openpyxl_untouched
) -> None:
    strings = (
        f'<?xml version="1.0"?><sst xmlns="{MAIN}">'.encode()
        + b"<si><t>a</t></si>" * (LIMITS.shared_strings + 1)
        + b"</sst>"
    )
    body = rewritten(build_workbook(submission), STRINGS, strings)
    message = refusal(reporter, submission, body)
    assert "có hơn 100.000 đoạn chữ" in message


def test_xml_elements_past_the_limit_are_refused_whatever_their_name(reporter, submission, openpyxl_untouched) -> None:
    crowded = b'<?xml version="1.0"?><Properties>' + b"<x/>" * (LIMITS.elements + 1) + b"</Properties>"
    body = rewritten(build_workbook(submission), "docProps/custom.xml", crowded)
    assert "có hơn 1.000.000 phần tử XML" in refusal(reporter, submission, body)


def test_a_part_with_a_dtd_is_refused_as_not_a_real_workbook(reporter, submission, openpyxl_untouched) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + f'<sst xmlns="{MAIN}"><si><t>&b;</t></si></sst>'.encode()
    )
    body = rewritten(build_workbook(submission), STRINGS, laughs)
    assert "không phải tệp Excel thật" in refusal(reporter, submission, body)


def test_a_zip_declaring_more_than_the_total_limit_is_refused(reporter, submission, openpyxl_untouched) -> None:
    body = build_workbook(submission)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(body)) as original,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as copy,
    ):
        for item in original.infolist():
            copy.writestr(item.filename, original.read(item))
        for n in range(LIMITS.total_bytes // LIMITS.part_bytes + 1):
            copy.writestr(f"xl/media/image{n}.png", b"\0" * LIMITS.part_bytes)
    message = refusal(reporter, submission, out.getvalue())
    assert "khi giải nén, vượt giới hạn 64,0 MB" in message


def test_a_text_longer_than_an_excel_cell_is_replaced_by_a_visible_locked_note(reporter, submission) -> None:
    Submission.objects.filter(pk=submission.pk).update(results_text="Kết quả. " * 4000)
    submission.refresh_from_db()
    assert len(submission.results_text) > EXCEL_CELL_CHARS
    ws = load_workbook(io.BytesIO(build_workbook(submission)))["Thuyết minh"]
    cell = next(ws.cell(row=r, column=2) for r in range(2, 5) if ws.cell(row=r, column=1).value == "Kết quả thực hiện")
    assert cell.value == TOO_LONG
    assert "32.767 ký tự" in cell.value
    assert cell.protection.locked is True


def test_a_long_narrative_comes_back_whole_after_the_excel_round_trip(reporter, submission) -> None:
    long_text = ("Kết quả nổi bật trong tháng. " * 1500).strip()
    Submission.objects.filter(pk=submission.pk).update(results_text=long_text)
    submission.refresh_from_db()
    book = load_workbook(io.BytesIO(reporter.get(reverse("collection:excel", args=[submission.pk])).content))
    ws = book["Số liệu"]
    row = next(r for r in range(FIRST_ROW, FIRST_ROW + 4) if ws.cell(row=r, column=2).value == "I.8")
    ws.cell(row=row, column=COL["value"]).value = 1250
    out = io.BytesIO()
    book.save(out)
    page = reporter.post(
        reverse("collection:excel_upload", args=[submission.pk]),
        {"file": SimpleUploadedFile("bao-cao.xlsx", out.getvalue())},
    ).content.decode()
    assert "1.250" in page
    reporter.post(reverse("collection:excel_confirm", args=[submission.pk]))
    submission.refresh_from_db()
    assert submission.results_text == long_text
    assert submission.values.get(item__indicator__code="I.8").number == 1250


def test_a_value_row_with_a_text_too_long_for_excel_is_locked_and_kept_whole(reporter, submission) -> None:
    """Stored before input was capped at an Excel cell; the row is read-only in the file."""
    long_text = ("Triển khai nền tảng số dùng chung. " * 1000).strip()
    EnteredValue.objects.filter(submission=submission, item__indicator__code="I.23").update(text=long_text)
    book = load_workbook(io.BytesIO(build_workbook(submission)))
    ws = book["Số liệu"]
    row = next(r for r in range(FIRST_ROW, FIRST_ROW + 4) if ws.cell(row=r, column=2).value == "I.23")
    assert ws.cell(row=row, column=COL["value"]).value == TOO_LONG
    assert all(ws.cell(row=row, column=c).protection.locked for c in COL.values())
    out = io.BytesIO()
    book.save(out)
    reporter.post(
        reverse("collection:excel_upload", args=[submission.pk]),
        {"file": SimpleUploadedFile("bao-cao.xlsx", out.getvalue())},
    )
    reporter.post(reverse("collection:excel_confirm", args=[submission.pk]))
    assert EnteredValue.objects.get(submission=submission, item__indicator__code="I.23").text == long_text
