"""A reminder's in-app notice: shown to the unit's own people until they mark it read."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from chiso.accounts.models import Grant, Role
from chiso.collection.models import Notice
from chiso.collection.reminders import remind
from chiso.orgunits.models import OrgUnit

from .test_reminders import DEADLINE, expected  # noqa: F401  (the fixture)


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def noticed(expected):  # noqa: F811
    remind(DEADLINE - datetime.timedelta(days=1))
    return Notice.objects.get()


def test_the_unit_s_reporter_sees_the_notice_on_the_page(noticed):
    page = client_for("nhaplieu").get(reverse("collection:tracker")).content.decode()
    assert "Thông báo chưa đọc" in page
    assert "Còn 1 ngày đến hạn" in page


def test_marking_it_read_hides_it_for_that_user_only(noticed):
    reporter = client_for("nhaplieu")
    assert reporter.post(reverse("collection:notice_read", args=[noticed.pk])).status_code == 302
    assert "Còn 1 ngày đến hạn" not in reporter.get(reverse("collection:tracker")).content.decode()
    assert "Còn 1 ngày đến hạn" in client_for("lanhdao").get(reverse("collection:tracker")).content.decode()


def test_another_unit_s_user_neither_sees_nor_marks_it(noticed, merger):
    outsider = User.objects.create_user("taichinh")
    Grant.objects.create(
        user=outsider,
        role=Role.REPORTER,
        unit=OrgUnit.objects.create(
            code="so-tai-chinh", name="Sở Tài chính", type="so_ban_nganh", parent=merger["dong-thap"]
        ),
    )
    client = client_for("taichinh")
    assert "Còn 1 ngày đến hạn" not in client.get(reverse("collection:tracker")).content.decode()
    assert client.post(reverse("collection:notice_read", args=[noticed.pk])).status_code == 404
    assert not noticed.read_by.exists()


def test_a_read_mark_never_redirects_off_site(noticed):
    response = client_for("nhaplieu").post(
        reverse("collection:notice_read", args=[noticed.pk]), {"next": "https://example.com/"}
    )
    assert response["Location"] == "/"
