"""A character no person types, in an address or a posted form, is a 400 in Vietnamese before any
view runs (the URL fuzz over every route is tests/security/test_url_fuzz.py)."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "address",
    [
        "/du-lieu-mo/%00/",
        "/du-lieu-mo/?ky=%00",
        "/du-lieu-mo/?%1b=1",
        "/tai-khoan/dang-nhap/?next=/%0d%0aSet-Cookie:x",
        "/%C2%85",
    ],
)
def test_a_control_character_in_an_anonymous_address_is_a_400_in_vietnamese(client, db, address):
    response = client.get(address)
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
    assert "ký tự" in response.content.decode()


def test_the_api_answers_in_its_own_error_format(client, db):
    response = client.get("/api/values?unit=%00")
    assert response.status_code == 400
    assert response.json()["code"] == "ky_tu_khong_hop_le"
    assert "ký tự rỗng (NUL)" in response.json()["message"]


def test_a_nul_in_a_posted_form_is_a_400(client, people, submission):
    client.force_login(people["reporter"])
    response = client.post(
        reverse("collection:submission", args=[submission.pk]),
        {"submission_version": "1", "results_text": "Kết quả\x00"},
    )
    assert response.status_code == 400
    assert "Nội dung gửi lên có ký tự rỗng (NUL)" in response.content.decode()


def test_new_lines_and_tabs_in_a_posted_form_pass(client, people, submission):
    client.force_login(people["reporter"])
    response = client.post(
        reverse("collection:submission", args=[submission.pk]),
        {"submission_version": "1", "results_text": "Dòng 1\r\n\tDòng 2"},
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.results_text == "Dòng 1\r\n\tDòng 2"


def test_vietnamese_text_in_an_address_passes(client, db):
    assert client.get("/du-lieu-mo/?q=Đồng%20Tháp").status_code == 200
