"""A province's documents are read by those who reach the province: another province's users
get 403 for its periodic report and DTI plan, on the page and in every download format."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from chiso.accounts.models import Grant, Role
from chiso.orgunits.models import OrgUnit

PERIODIC = {"kind": "periodic", "period": "2024-11", "framework": "cds-dong-thap-2021-2025"}
DTI = {"kind": "dti", "unit": "dong-thap", "year": "2024"}


@pytest.fixture
def can_tho_client(seed_data, db, client):
    """A viewer of Cần Thơ, a province with no figures of its own yet."""
    province = OrgUnit.objects.create(code="can-tho", name="Thành phố Cần Thơ", type="tinh")
    user = User.objects.create_user("nguoixem-cantho", password="Mat-khau-2024!")
    Grant.objects.create(user=user, unit=province, role=Role.VIEWER)
    client.force_login(user)
    return client


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "csv"])
def test_another_provinces_user_cannot_download_the_periodic_report(can_tho_client, fmt):
    response = can_tho_client.get(reverse("reports:download", args=[fmt]), {**PERIODIC, "appendix": "VII"})
    assert response.status_code == 403


def test_naming_the_province_does_not_open_its_report_to_another_province(can_tho_client):
    response = can_tho_client.get(reverse("reports:download", args=["xlsx"]), {**PERIODIC, "unit": "dong-thap-cu"})
    assert response.status_code == 403


def test_another_provinces_user_cannot_download_the_dti_plan(can_tho_client):
    assert can_tho_client.get(reverse("reports:download", args=["docx"]), DTI).status_code == 403


def test_another_provinces_user_does_not_see_the_report_on_the_page(can_tho_client):
    response = can_tho_client.get(reverse("reports:page"), PERIODIC)
    assert response.status_code == 403
    assert "Vượt 16/46 chỉ tiêu" not in response.content.decode()


def test_the_provinces_own_viewer_still_downloads_its_dti_plan(seed_data, client):
    user = User.objects.create_user("nguoixem", password="Mat-khau-2024!")
    Grant.objects.create(user=user, unit=OrgUnit.objects.get(code="dong-thap"), role=Role.VIEWER)
    client.force_login(user)
    assert client.get(reverse("reports:download", args=["docx"]), DTI).status_code == 200
