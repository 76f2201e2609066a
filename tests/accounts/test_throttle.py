"""Login: throttling, argon2 hashes, safe redirects."""

from django.contrib.auth.models import User
from django.test import override_settings

from chiso.accounts import throttle

LOGIN = "/tai-khoan/dang-nhap/"


@override_settings(CHISO_LOGIN_MAX_FAILURES=3)
def test_login_locks_after_repeated_failures_even_with_the_right_password(client, db):
    User.objects.create_user("canbo", password="Mat-khau-2024!")
    for _ in range(3):
        client.post(LOGIN, {"username": "canbo", "password": "sai"})
    response = client.post(LOGIN, {"username": "canbo", "password": "Mat-khau-2024!"})
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_successful_login_clears_earlier_failures(client, db):
    User.objects.create_user("canbo", password="Mat-khau-2024!")
    client.post(LOGIN, {"username": "canbo", "password": "sai"})
    response = client.post(LOGIN, {"username": "canbo", "password": "Mat-khau-2024!"})
    assert response.status_code == 302
    assert throttle.failures("canbo", "127.0.0.1") == 0


def test_passwords_are_hashed_with_argon2(db, production_hashers):
    user = User.objects.create_user("canbo", password="Mat-khau-2024!")
    assert user.password.startswith("argon2")


def test_login_redirect_never_leaves_the_site(client, db):
    User.objects.create_user("canbo", password="Mat-khau-2024!")
    response = client.post(LOGIN + "?next=https://evil.example/", {"username": "canbo", "password": "Mat-khau-2024!"})
    assert response["Location"] == "/"
