"""The real DTI framework, Đồng Tháp's units and 001's 2026 targets (with their lead agencies)."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from chiso.accounts.models import Grant
from chiso.assessment.rounds import open_round
from chiso.datafiles import BUNDLED_DATA
from chiso.loading import load_paths
from chiso.orgunits.models import OrgUnit


@pytest.fixture
def dti_data(db) -> None:
    load_paths([BUNDLED_DATA / "frameworks" / "dti-tinh-2025.yaml", BUNDLED_DATA / "orgunits",
                BUNDLED_DATA / "datasets" / "dong-thap-dti.yaml"])


@pytest.fixture
def opened(dti_data):
    return open_round(2026, "dong-thap")


@pytest.fixture
def login():
    def make(role: str, unit_code: str, name: str) -> Client:
        user = User.objects.create_user(name, password="x")
        Grant.objects.create(user=user, unit=OrgUnit.objects.get(code=unit_code), role=role)
        client = Client()
        client.force_login(user)
        client.user = user
        return client
    return make
