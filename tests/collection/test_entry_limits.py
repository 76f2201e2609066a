"""What a reporter types is refused beside the field when the database could not store it
(too large, too long, control characters), on the web page as in the Excel file and the API,
which share `entry.check`; nothing of the draft is written."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chiso.collection.entry import ValueInput, check
from chiso.collection.models import FormItem
from tests.collection.test_entry_views import draft_post, values_by_code


def _item(submission, code: str) -> FormItem:
    return values_by_code(submission)[code].item


@pytest.mark.parametrize(
    ("code", "typed", "key"),
    [
        ("I.8", {"value": "100.000.000.000.000"}, "value"),
        ("I.2", {"numerator": "1", "denominator": "1" + "0" * 14}, "denominator"),
        ("I.2", {"numerator": "-" + "9" * 15, "denominator": "5"}, "numerator"),
    ],
)
def test_a_number_of_10_to_the_14_or_more_is_refused_beside_its_field(submission, code, typed, key):
    checked = check(_item(submission, code), ValueInput(**typed))
    assert "quá lớn" in checked.errors[key]


@pytest.mark.parametrize("key", ["value", "numerator", "denominator", "comment", "evidence_ref"])
@pytest.mark.parametrize("char", ["\x00", "\x07", "\x7f", "\x85", "\ud83d"])
def test_a_control_character_in_any_input_is_refused(submission, key, char):
    checked = check(_item(submission, "I.23"), ValueInput(**{key: f"Nội{char}dung"}))
    assert "ký tự" in checked.errors[key]


def test_new_lines_and_tabs_in_a_text_are_kept(submission):
    checked = check(_item(submission, "I.23"), ValueInput(value="Dòng 1\n\tDòng 2", comment="a\r\nb"))
    assert checked.ok
    assert checked.stored["text"] == "Dòng 1\n\tDòng 2"


@pytest.mark.parametrize(
    ("key", "limit"), [("evidence_ref", 255), ("numerator", 255), ("comment", 32_767), ("value", 32_767)]
)
def test_a_text_longer_than_it_can_be_stored_is_refused(submission, key, limit):
    item = _item(submission, "I.23")
    assert check(item, ValueInput(**{key: "ữ" * limit})).errors.get(key, "").find("quá giới hạn") == -1
    assert f"quá giới hạn {limit}" in check(item, ValueInput(**{key: "ữ" * (limit + 1)})).errors[key]


def test_the_page_shows_a_too_large_number_and_stores_nothing(client, people, submission):
    client.force_login(people["reporter"])
    response = client.post(
        reverse("collection:submission", args=[submission.pk]),
        draft_post(submission, I_8__value="100.000.000.000.000", I_6__value="Có"),
    )
    assert response.status_code == 400
    assert "quá lớn" in response.content.decode()
    assert values_by_code(submission)["I.6"].yes_no is None


def test_a_long_vietnamese_evidence_file_name_is_shortened_to_fit(client, people, submission, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["reporter"])
    value = values_by_code(submission)["I.8"]
    name = "Biên bản kiểm tra hệ thống quản lý văn bản điều hành của Sở Khoa học và Công nghệ.pdf"
    data = draft_post(submission, I_8__value="12")
    data[f"v{value.pk}-evidence_file"] = SimpleUploadedFile(name, b"%PDF-1.4\n", content_type="application/pdf")
    response = client.post(reverse("collection:submission", args=[submission.pk]), data)
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.number == Decimal(12)
    assert value.evidence_file.name.endswith(".pdf")
    assert len(value.evidence_file.name) <= 100
