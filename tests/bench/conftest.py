"""The tiny synthetic country of the in-process bench tests, as one more committed contents of
the test database (tests/fixtures/contents.py): synthesised once per test process, not per test;
each test still runs in its own transaction over it, rolled back."""

from __future__ import annotations

import pytest

from tests.fixtures.contents import TRIGGERS, Contents, ContentsHandle


def _synthesise() -> None:
    from chiso.synth.generator import SynthOptions, synthesise

    synthesise(SynthOptions(provinces=2, communes=4, departments=2, years=2, seed=3))


SYNTH_COUNTRY = Contents("synth-country", _synthesise, rank=3)
TRIGGERS["synth_country"] = SYNTH_COUNTRY


@pytest.fixture(scope="session")
def synth_country(django_db_setup, django_db_blocker) -> ContentsHandle:
    """Asks for the tiny synthetic country (2 provinces, 4 communes, 2 departments, 2 years)."""
    return ContentsHandle(SYNTH_COUNTRY, django_db_blocker)
