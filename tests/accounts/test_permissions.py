"""The permission table: grants reach units below and, for reading, the units a merger replaced."""

import pytest
from django.contrib.auth.models import User

from chiso.accounts.models import Grant, Role
from chiso.accounts.permissions import can, unit_ids_for
from chiso.orgunits.models import OrgUnit

LOGIN = "/tai-khoan/dang-nhap/"


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
    from django.views.defaults import permission_denied

    from chiso.accounts.permissions import require

    dept = OrgUnit.objects.create(code="so-khcn", name="Sở KH&CN", type="so_ban_nganh")
    viewer = User.objects.create_user("nguoixem")
    Grant.objects.create(user=viewer, unit=dept, role=Role.VIEWER)
    request = RequestFactory().post("/")
    request.user = viewer
    with pytest.raises(PermissionDenied) as refused:
        require(viewer, "enter", dept)
    page = permission_denied(request, refused.value).content.decode()
    assert "Bạn không có quyền nhập số liệu của Sở KH&amp;CN." in page


def test_viewing_today_s_province_covers_the_provinces_it_replaced(merger):
    viewer = User.objects.create_user("lanhdao-tinh")
    Grant.objects.create(user=viewer, unit=merger["dong-thap"], role=Role.VIEWER)
    assert can(viewer, "view", merger["tien-giang-cu"])
    assert can(viewer, "view", merger["dong-thap-cu"])


def test_writing_for_a_former_province_is_not_granted_by_its_successor(merger):
    office = User.objects.create_user("vanphong")
    Grant.objects.create(user=office, unit=merger["dong-thap"], role=Role.ADMIN)
    assert not can(office, "review", merger["tien-giang-cu"])


def test_the_actions_a_page_offers_are_exactly_those_the_table_allows(merger):
    """A report page asks once for all its buttons; the answer must equal asking action by
    action — for each role, on the granted unit, a unit below it and a former province."""
    from chiso.accounts.permissions import ACTIONS, actions_in

    dept = OrgUnit.objects.create(code="so-khcn-dt", name="Sở KH&CN", type="so_ban_nganh", parent=merger["dong-thap"])
    units = [merger["dong-thap"], dept, merger["tien-giang-cu"]]
    for role in Role:
        user = User.objects.create_user(f"u-{role.value}")
        Grant.objects.create(user=user, unit=merger["dong-thap"], role=role)
        for unit in units:
            expected = {action for action in ACTIONS if can(user, action, unit)}
            assert actions_in(user, unit) == expected, (role, unit.code)
    lone = User.objects.create_user("khong-quyen")
    assert actions_in(lone, dept) == set()
