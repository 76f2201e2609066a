"""Login throttling and the permission table."""

import pytest
from django.contrib.auth.models import User
from django.test import override_settings

from chiso.accounts.models import Grant, LoginFailure, Role
from chiso.accounts.permissions import can, unit_ids_for
from chiso.orgunits.models import OrgUnit

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
    assert not LoginFailure.objects.filter(username="canbo").exists()


def test_passwords_are_hashed_with_argon2(db):
    user = User.objects.create_user("canbo", password="Mat-khau-2024!")
    assert user.password.startswith("argon2")


def test_login_redirect_never_leaves_the_site(client, db):
    User.objects.create_user("canbo", password="Mat-khau-2024!")
    response = client.post(LOGIN + "?next=https://evil.example/", {"username": "canbo", "password": "Mat-khau-2024!"})
    assert response["Location"] == "/"


def test_a_grant_on_the_province_reaches_its_departments(db):
    province = OrgUnit.objects.create(code="dong-thap", name="Tỉnh Đồng Tháp", type="tinh")
    dept = OrgUnit.objects.create(code="so-khcn", name="Sở KH&CN", type="so_ban_nganh", parent=province)
    other = OrgUnit.objects.create(code="an-giang", name="Tỉnh An Giang", type="tinh")
    office = User.objects.create_user("vanphong")
    Grant.objects.create(user=office, unit=province, role=Role.ADMIN)
    assert can(office, "review", dept)
    assert not can(office, "review", other)
    assert not can(office, "enter", dept)


def test_a_reporter_may_enter_but_not_submit(db):
    dept = OrgUnit.objects.create(code="so-khcn", name="Sở KH&CN", type="so_ban_nganh")
    reporter = User.objects.create_user("nhaplieu")
    Grant.objects.create(user=reporter, unit=dept, role=Role.REPORTER)
    assert unit_ids_for(reporter, "enter") == {dept.pk}
    assert unit_ids_for(reporter, "submit") == set()


def test_a_refused_write_explains_in_vietnamese_why(client, db):
    """The 403 page shows the reason the permission table gave, not a bare status."""
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory

    from chiso.accounts.permissions import require
    from django.views.defaults import permission_denied

    dept = OrgUnit.objects.create(code="so-khcn", name="Sở KH&CN", type="so_ban_nganh")
    viewer = User.objects.create_user("nguoixem")
    Grant.objects.create(user=viewer, unit=dept, role=Role.VIEWER)
    request = RequestFactory().post("/")
    request.user = viewer
    with pytest.raises(PermissionDenied) as refused:
        require(viewer, "enter", dept)
    page = permission_denied(request, refused.value).content.decode()
    assert "Bạn không có quyền nhập số liệu của Sở KH&amp;CN." in page
