"""A DTI round opened over the bundled data (`dti_data`, tests/fixtures/contents.py), and logins."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from chiso.accounts.models import Grant
from chiso.assessment.rounds import open_round
from chiso.orgunits.models import OrgUnit


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
