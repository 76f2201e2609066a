"""One authentication gate: the login throttle by (user, address) behind nginx, for the site's
login and the Django admin's (user-name locking: tests/accounts/test_throttle.py)."""

import pytest
from django.contrib.auth.models import User
from django.test import override_settings

from chiso.accounts import throttle

LOGIN = "/tai-khoan/dang-nhap/"
ADMIN_LOGIN = "/admin/login/"
LOCKED = "Đăng nhập sai quá nhiều lần"
PASSWORD = "Mat-khau-2024!"


def fail(client, username: str, forwarded: str, url: str = LOGIN) -> None:
    client.post(url, {"username": username, "password": "sai"}, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)


def log_in(client, username: str, forwarded: str, url: str = LOGIN):
    return client.post(
        url, {"username": username, "password": PASSWORD}, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded
    )


@pytest.fixture
def canbo(db) -> User:
    return User.objects.create_user("canbo", password=PASSWORD, is_staff=True, is_superuser=True)


@override_settings(CHISO_LOGIN_ADDRESS_MAX_FAILURES=3, CHISO_PROXY_COUNT=1)
def test_one_address_guessing_many_names_is_locked_out(client, canbo):
    for name in ("a", "b", "c"):
        fail(client, name, "203.0.113.7")
    response = log_in(client, "canbo", "203.0.113.7")
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(CHISO_LOGIN_MAX_FAILURES=3, CHISO_PROXY_COUNT=1)
def test_one_persons_typos_do_not_lock_out_a_colleague_behind_the_same_address(client, canbo):
    for _ in range(3):
        fail(client, "dongnghiep", "203.0.113.7")
    assert log_in(client, "canbo", "203.0.113.7").status_code == 302


@override_settings(CHISO_LOGIN_MAX_FAILURES=3, CHISO_PROXY_COUNT=1)
def test_a_strangers_wrong_passwords_do_not_lock_the_user_out_at_their_own_address(client, canbo):
    for _ in range(3):
        fail(client, "canbo", "198.51.100.66")
    assert log_in(client, "canbo", "203.0.113.7").status_code == 302


@override_settings(CHISO_LOGIN_MAX_FAILURES=3, CHISO_PROXY_COUNT=1)
def test_the_user_who_mistyped_is_locked_at_that_address(client, canbo):
    for _ in range(3):
        fail(client, "canbo", "203.0.113.7")
    assert LOCKED in log_in(client, "canbo", "203.0.113.7").content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(CHISO_LOGIN_MAX_FAILURES=3, CHISO_PROXY_COUNT=1)
def test_behind_nginx_one_office_mistyping_does_not_lock_out_another(client, canbo):
    for name in ("a", "b", "c"):
        fail(client, name, "203.0.113.7")
    assert log_in(client, "canbo", "198.51.100.9").status_code == 302


@override_settings(CHISO_LOGIN_ADDRESS_MAX_FAILURES=3, CHISO_PROXY_COUNT=1)
def test_a_forged_forwarded_address_does_not_escape_the_lock(client, canbo):
    """The client may prepend anything; only the address nginx appended counts."""
    for forged in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        fail(client, f"x{forged}", f"{forged}, 203.0.113.7")
    response = log_in(client, "canbo", "10.9.9.9, 203.0.113.7")
    assert LOCKED in response.content.decode()


@override_settings(CHISO_LOGIN_MAX_FAILURES=3, CHISO_PROXY_COUNT=1)
def test_the_admin_login_refuses_a_user_locked_out_of_the_site_login(client, canbo):
    for _ in range(3):
        fail(client, "canbo", "203.0.113.7")
    response = log_in(client, "canbo", "203.0.113.7", ADMIN_LOGIN)
    assert "_auth_user_id" not in client.session
    assert LOCKED in response.content.decode()


@override_settings(CHISO_LOGIN_MAX_FAILURES=3, CHISO_PROXY_COUNT=1)
def test_wrong_passwords_at_the_admin_login_lock_the_site_login(client, canbo):
    for _ in range(3):
        fail(client, "canbo", "203.0.113.7", ADMIN_LOGIN)
    assert LOCKED in log_in(client, "canbo", "203.0.113.7").content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("forwarded", ["unknown", "203.0.113.7:5123", "fe80::1%eth0", "x" * 60])
@override_settings(CHISO_PROXY_COUNT=1)
def test_an_unreadable_forwarded_address_is_counted_as_unknown(client, canbo, forwarded):
    response = client.post(
        LOGIN, {"username": "canbo", "password": "sai"}, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded
    )
    assert response.status_code == 200
    assert "không đúng" in response.content.decode()
    assert throttle.failures("canbo", None) == 1


@override_settings(CHISO_LOGIN_MAX_FAILURES=3, CHISO_PROXY_COUNT=1)
def test_unreadable_addresses_cannot_be_used_to_escape_the_lock(client, canbo):
    for garbage in ("unknown", "-", "không rõ"):
        fail(client, "canbo", garbage)
    assert LOCKED in log_in(client, "canbo", "unknown").content.decode()
