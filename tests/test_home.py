"""The home page is the overview (Tổng quan); it is for signed-in users only."""

from django.contrib.auth.models import User
from django.test import Client


def test_the_home_page_asks_an_anonymous_visitor_to_log_in(client: Client, db) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/")


def test_the_home_page_is_the_overview_in_vietnamese(client: Client, db) -> None:
    client.force_login(User.objects.create_user("lanhdao"))
    page = client.get("/").content.decode()
    assert "<h1>Tổng quan" in page
    assert "Chưa có điểm DTI của tỉnh" in page
