"""A DTI round opened over the bundled data (`dti_data`, tests/fixtures/contents.py), and logins."""

from copy import deepcopy
from dataclasses import replace

import pytest
from django.contrib.auth.models import User
from django.test import Client

from chiso.accounts.models import Grant
from chiso.assessment.models import DtiRound
from chiso.assessment.rounds import RoundOpened, open_round
from chiso.orgunits.models import OrgUnit
from tests.fixtures.contents import BUNDLED, Contents, contents_fixture

# What open_round said when it opened the 2026 round over the bundled data, once per test process
# (tests/fixtures/contents.py) instead of in each test (0.15–0.25 s); each test's writes roll back.
MADE: list[RoundOpened] = []


def _open_the_2026_round() -> None:
    MADE[:] = [open_round(2026, "dong-thap")]


ROUND_2026 = Contents("dti-round-2026", _open_the_2026_round, base=BUNDLED, rank=1.3)
round_2026 = contents_fixture("round_2026", ROUND_2026, "Asks for the 2026 DTI round opened over the bundled data.")


@pytest.fixture
def opened(round_2026, dti_data) -> RoundOpened:
    """The 2026 round of Đồng Tháp as `open_round` opened it; the round read again for each test,
    so no test sees another's changes to it."""
    made = MADE[0]
    return replace(
        made,
        round=DtiRound.objects.get(pk=made.round.pk),
        assigned=deepcopy(made.assigned),
        unmapped=deepcopy(made.unmapped),
    )


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
