"""The tiny country of tests/synth/test_generator.py, synthesised once per test process as one
more committed contents of the test database (tests/fixtures/contents.py) instead of once in
each test (3–4 s each); each test still runs in its own transaction over it, rolled back."""

from __future__ import annotations

from collections.abc import Callable

from chiso.synth.generator import SynthOptions, synthesise
from tests.fixtures.contents import DATABASE, Contents, ContentsHandle, contents_fixture

TINY = SynthOptions(provinces=3, communes=6, departments=3, years=2, seed=5)

TINY_COUNTRY = Contents("synth-tiny", lambda: synthesise(TINY), rank=9)  # its own rank: its tests run together
tiny_country = contents_fixture(
    "tiny_country",
    TINY_COUNTRY,
    "Asks for `TINY` synthesised into the empty database (3 provinces, 6 communes, 3 departments, 2 years, seed 5).",
)


def read_tiny_country_then_empty(blocker, build: Callable[[], object]) -> object:
    """build() over the committed synthesis of `TINY`, for a module fixture of tests that start
    on the empty database (they synthesise themselves): the database is emptied again before
    their transaction opens (module fixtures are set up after the contents switch, before it)."""
    found = ContentsHandle(TINY_COUNTRY, blocker).read(build)
    with blocker.unblock():
        DATABASE.ensure(None)
    return found
