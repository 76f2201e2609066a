"""The user guide at /huong-dan/: open to everyone from the top bar, one part per role, and
every picture it shows served from the installed package."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.test import Client

from chiso.accounts.models import Grant, Role
from chiso.orgunits.models import OrgUnit

PARTS = ("Cán bộ nhập liệu", "Lãnh đạo đơn vị", "Văn phòng chuyển đổi số (quản trị)", "Người xem")


def guide(client: Client) -> str:
    response = client.get("/huong-dan/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_guide_has_a_part_for_each_role(client: Client) -> None:
    headings = re.findall(r"<h2>(.*?)</h2>", guide(client))
    assert headings == list(PARTS)


@pytest.mark.django_db
def test_every_picture_of_the_guide_is_a_static_file_of_the_package(client: Client) -> None:
    pictures = re.findall(r'<img src="/static/([^"]+)"', guide(client))
    assert len(pictures) >= 8
    missing = [name for name in pictures if not finders.find(name)]
    assert missing == []


@pytest.mark.django_db
def test_the_top_bar_links_the_guide_for_a_signed_in_viewer(client: Client) -> None:
    user = User.objects.create_user("nguoixem", password="x")
    unit = OrgUnit.objects.create(code="dong-thap", name="Tỉnh Đồng Tháp", type="tinh")
    Grant.objects.create(user=user, unit=unit, role=Role.VIEWER)
    client.force_login(user)
    assert 'href="/huong-dan/">Hướng dẫn</a>' in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_login_page_links_the_guide(client: Client) -> None:
    assert 'href="/huong-dan/">Hướng dẫn</a>' in client.get("/tai-khoan/dang-nhap/").content.decode()
