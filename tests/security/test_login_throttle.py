"""Login throttling by address behind nginx (user-name locking: tests/accounts/test_throttle.py)."""

from django.contrib.auth.models import User
from django.test import override_settings

LOGIN = "/tai-khoan/dang-nhap/"
LOCKED = "Đăng nhập sai quá nhiều lần"


def fail(client, username: str, forwarded: str) -> None:
    client.post(LOGIN, {"username": username, "password": "sai"}, REMOTE_ADDR="127.0.0.1",
                HTTP_X_FORWARDED_FOR=forwarded)


@override_settings(CHISO_LOGIN_MAX_FAILURES=3, CHISO_PROXY_COUNT=1)
def test_one_address_guessing_many_names_is_locked_out(client, db):
    User.objects.create_user("canbo", password="Mat-khau-2024!")
    for name in ("a", "b", "c"):
        fail(client, name, "203.0.113.7")
    response = client.post(LOGIN, {"username": "canbo", "password": "Mat-khau-2024!"},
                           REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert LOCKED in response.content.decode()


@override_settings(CHISO_LOGIN_MAX_FAILURES=3, CHISO_PROXY_COUNT=1)
def test_behind_nginx_one_office_mistyping_does_not_lock_out_another(client, db):
    User.objects.create_user("canbo", password="Mat-khau-2024!")
    for name in ("a", "b", "c"):
        fail(client, name, "203.0.113.7")
    response = client.post(LOGIN, {"username": "canbo", "password": "Mat-khau-2024!"},
                           REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert response.status_code == 302


@override_settings(CHISO_LOGIN_MAX_FAILURES=3, CHISO_PROXY_COUNT=1)
def test_a_forged_forwarded_address_does_not_escape_the_lock(client, db):
    """The client may prepend anything; only the address nginx appended counts."""
    User.objects.create_user("canbo", password="Mat-khau-2024!")
    for forged in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        fail(client, f"x{forged}", f"{forged}, 203.0.113.7")
    response = client.post(LOGIN, {"username": "canbo", "password": "Mat-khau-2024!"},
                           REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7")
    assert LOCKED in response.content.decode()
