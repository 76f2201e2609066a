"""Logging in through a real browser."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_user_logs_in_and_sees_their_name(live_server, page):
    User.objects.create_user("canbo", password="Mat-khau-2024!", first_name="Nguyễn", last_name="An")
    log_in(page, live_server, "canbo", "Mat-khau-2024!")
    assert "Đăng xuất" in page.content()


def test_wrong_password_is_refused_in_vietnamese(live_server, page):
    User.objects.create_user("canbo", password="Mat-khau-2024!")
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("canbo")
    page.get_by_label("Mật khẩu").fill("sai")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_have_text("Tên đăng nhập hoặc mật khẩu không đúng.")
