"""The office adds, grants, deactivates and resets users of its province, and no one else's.

The office is the persona «vanphong» (quản trị on Tỉnh Đồng Tháp); An Giang is another province
with its own office and reporter (conftest).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from chiso.accounts.models import Grant, Role
from chiso.audit.trail import history
from tests.fixtures.personas import PASSWORD

NEW_PASSWORD = "Xa-Tan-Hoa-2026!"


def add_user(client, unit, role=Role.REPORTER, username="xa_nhaplieu", **extra):
    return client.post(
        reverse("quan_tri:auth_user_add"),
        {
            "username": username,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "first_name": "Nguyễn Văn",
            "last_name": "Xã",
            "email": "",
            "unit": unit.pk,
            "role": role,
            **extra,
        },
    )


def grants_post(user, *rows, **fields) -> dict:
    """The user's change form as posted: its fields and its grants inline with ``rows`` added."""
    existing = list(user.grants.all())
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "grants-TOTAL_FORMS": len(existing) + len(rows),
        "grants-INITIAL_FORMS": len(existing),
        "grants-MIN_NUM_FORMS": 0,
        "grants-MAX_NUM_FORMS": 1000,
    }
    if user.is_active:
        data["is_active"] = "on"
    for i, grant in enumerate(existing):
        data |= {
            f"grants-{i}-id": grant.pk,
            f"grants-{i}-user": user.pk,
            f"grants-{i}-unit": grant.unit_id,
            f"grants-{i}-role": grant.role,
        }
    for i, (unit, role) in enumerate(rows, start=len(existing)):
        data |= {f"grants-{i}-user": user.pk, f"grants-{i}-unit": unit.pk, f"grants-{i}-role": role}
    return data | fields


def change_url(user) -> str:
    return reverse("quan_tri:auth_user_change", args=[user.pk])


def test_a_reporter_the_office_adds_logs_in_and_opens_the_unit_entry_page(office_client, units, submission, client):
    add_user(office_client, units["so-khcn"])
    office_client.logout()
    client.post(reverse("accounts:login"), {"username": "xa_nhaplieu", "password": NEW_PASSWORD})
    page = client.get(reverse("collection:submission", args=[submission.pk]))
    assert page.status_code == 200
    assert "Lưu nháp" in page.content.decode()


def test_a_grant_added_on_the_user_page_gives_the_unit(office_client, units, people):
    reporter = people["reporter"]
    office_client.post(change_url(reporter), grants_post(reporter, (units["so-tai-chinh"], Role.REPORTER)))
    assert set(reporter.grants.values_list("unit__code", flat=True)) == {"so-khcn", "so-tai-chinh"}


def test_the_office_does_not_list_a_user_of_another_province(office_client, other_province):
    page = office_client.get(reverse("quan_tri:auth_user_changelist"))
    assert "nhaplieu" in page.content.decode()
    assert "nhaplieu_ag" not in page.content.decode()


def test_the_office_cannot_open_a_user_of_another_province(office_client, other_province):
    page = office_client.get(change_url(other_province["reporter"]))
    assert page.status_code in (302, 404)
    assert not Grant.objects.filter(user=other_province["reporter"]).exclude(unit=other_province["department"]).exists()


def test_the_office_cannot_reset_the_password_of_a_user_of_another_province(office_client, other_province):
    url = reverse("quan_tri:auth_user_password_change", args=[other_province["reporter"].pk])
    office_client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert User.objects.get(pk=other_province["reporter"].pk).check_password(PASSWORD)


def test_the_office_cannot_add_a_user_granted_in_another_province(office_client, other_province):
    page = add_user(office_client, other_province["department"])
    assert page.status_code == 200  # the form again, with the error beside the unit
    assert "Hãy chọn một lựa chọn hợp lệ" in page.content.decode()
    assert not User.objects.filter(username="xa_nhaplieu").exists()


def test_the_office_cannot_grant_a_unit_of_another_province_to_its_own_user(office_client, people, other_province):
    reporter = people["reporter"]
    office_client.post(change_url(reporter), grants_post(reporter, (other_province["department"], Role.ADMIN)))
    assert not reporter.grants.filter(unit=other_province["department"]).exists()


def test_the_office_cannot_make_anyone_staff_or_superuser(office_client, people, units):
    reporter = people["reporter"]
    office_client.post(change_url(reporter), grants_post(reporter, is_staff="on", is_superuser="on"))
    add_user(office_client, units["so-khcn"], is_staff="on", is_superuser="on")
    made = User.objects.filter(username__in=["nhaplieu", "xa_nhaplieu"])
    assert made.count() == 2
    assert not made.filter(is_staff=True).exists()
    assert not made.filter(is_superuser=True).exists()


def test_the_office_cannot_open_a_superuser(office_client, units):
    root = User.objects.create_superuser("root", password=PASSWORD)
    Grant.objects.create(user=root, unit=units["so-khcn"], role=Role.REPORTER)
    assert office_client.get(change_url(root)).status_code in (302, 404)


def test_the_user_page_shows_no_password_hash(office_client, people):
    reporter = people["reporter"]
    page = office_client.get(change_url(reporter)).content.decode()
    assert "Đặt lại mật khẩu" in page
    assert reporter.password.split("$")[-1] not in page
    assert "md5" not in page.lower()


def test_the_office_deactivates_a_user_who_then_cannot_log_in(office_client, people, client):
    reporter = people["reporter"]
    data = grants_post(reporter)
    del data["is_active"]
    office_client.post(change_url(reporter), data)
    office_client.logout()
    client.post(reverse("accounts:login"), {"username": "nhaplieu", "password": PASSWORD})
    assert client.get(reverse("collection:mine")).status_code == 302


def test_the_office_resets_a_password(office_client, people):
    url = reverse("quan_tri:auth_user_password_change", args=[people["reporter"].pk])
    office_client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert User.objects.get(pk=people["reporter"].pk).check_password(NEW_PASSWORD)


def test_an_empty_new_password_is_refused(office_client, people):
    url = reverse("quan_tri:auth_user_password_change", args=[people["reporter"].pk])
    page = office_client.post(url, {"password1": "", "password2": ""})
    assert "Mật khẩu chưa được đặt" in page.content.decode()
    assert User.objects.get(pk=people["reporter"].pk).check_password(PASSWORD)


def test_adding_a_user_and_the_grant_are_in_the_audit_trail(office_client, units):
    add_user(office_client, units["so-khcn"])
    entries = list(history(User.objects.get(username="xa_nhaplieu")))
    assert {e.field for e in entries} == {"tạo mới", "phân quyền"}
    assert all(e.username == "vanphong" for e in entries)


def test_a_grant_added_or_removed_is_in_the_audit_trail(office_client, people, units):
    reporter = people["reporter"]
    office_client.post(change_url(reporter), grants_post(reporter, (units["so-tai-chinh"], Role.VIEWER)))
    removed = grants_post(reporter, **{"grants-0-DELETE": "on"})
    office_client.post(change_url(reporter), removed)
    changes = [(e.old, e.new) for e in history(reporter).filter(field="phân quyền")]
    assert len(changes) == 2
    removal, addition = changes  # newest first
    assert (removal[1], addition[0]) == ("", "")
    assert "Sở Khoa học" in removal[0]
    assert "Sở Tài chính" in addition[1]


def test_a_deactivation_and_a_password_reset_are_in_the_audit_trail(office_client, people):
    reporter = people["reporter"]
    data = grants_post(reporter)
    del data["is_active"]
    office_client.post(change_url(reporter), data)
    url = reverse("quan_tri:auth_user_password_change", args=[reporter.pk])
    office_client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert {e.field for e in history(reporter)} == {"Kích hoạt", "mật khẩu"}  # the field's own label


@pytest.mark.parametrize("persona", ["reporter", "approver", "viewer"])
def test_a_unit_user_is_refused_with_403(client, people, persona):
    client.force_login(people[persona])
    refused = client.get(reverse("quan_tri:auth_user_changelist"))
    assert refused.status_code == 403
    assert "chỉ dành cho văn phòng chuyển đổi số" in refused.content.decode()  # says why, in Vietnamese
    assert client.get(reverse("quan_tri:index")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, db):
    page = client.get(reverse("quan_tri:auth_user_changelist"))
    assert page.status_code == 302
    assert page.url.startswith(reverse("accounts:login"))


def test_the_office_does_not_list_a_user_granted_also_in_another_province(office_client, people, other_province):
    Grant.objects.create(user=people["reporter"], unit=other_province["department"], role=Role.VIEWER)
    page = office_client.get(reverse("quan_tri:auth_user_changelist")).content.decode()
    assert ">nhaplieu<" not in page
    assert ">lanhdao<" in page


def test_a_former_unit_and_todays_unit_of_the_same_name_are_told_apart_in_the_choices(office_client, units):
    import datetime

    from chiso.orgunits.models import OrgUnit

    OrgUnit.objects.create(
        code="so-khcn-cu",
        name="Sở Khoa học và Công nghệ",
        type="so_ban_nganh",
        parent=units["dong-thap"],
        valid_to=datetime.date(2025, 6, 30),
    )
    page = office_client.get(reverse("quan_tri:auth_user_add")).content.decode()
    assert ">Sở Khoa học và Công nghệ (đến 30/06/2025)</option>" in page
    assert ">Sở Khoa học và Công nghệ</option>" in page
