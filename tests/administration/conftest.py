"""A second province with its own office, department and reporter: what the first must not touch."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from chiso.accounts.models import Grant, Role
from chiso.orgunits.models import OrgUnit
from tests.fixtures.personas import PASSWORD


@pytest.fixture
def other_province(units) -> dict:
    province = OrgUnit.objects.create(code="an-giang", name="Tỉnh An Giang", type="tinh")
    department = OrgUnit.objects.create(
        code="so-khcn-an-giang", name="Sở KH&CN An Giang", type="so_ban_nganh", parent=province
    )
    reporter = User.objects.create_user("nhaplieu_ag", password=PASSWORD)
    Grant.objects.create(user=reporter, unit=department, role=Role.REPORTER)
    office = User.objects.create_user("vanphong_ag", password=PASSWORD)
    Grant.objects.create(user=office, unit=province, role=Role.ADMIN)
    return {"province": province, "department": department, "reporter": reporter, "office": office}


@pytest.fixture
def office_client(client, people):
    client.force_login(people["office"])
    return client
