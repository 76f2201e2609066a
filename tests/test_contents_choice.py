"""Which committed contents a test gets from the fixtures it asks for (tests/fixtures/contents.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.fixtures.contents import BUNDLED, DEMO, KEPT_COUNTRY, _contents_of


def asking(*fixtures: str) -> SimpleNamespace:
    return SimpleNamespace(nodeid="tests/test_x.py::test_x", fixturenames=["db", *fixtures])


def test_no_contents_fixture_asks_for_the_empty_database() -> None:
    assert _contents_of(asking("client")) is None


def test_contents_and_the_contents_they_are_built_over_give_the_former() -> None:
    assert _contents_of(asking("bundled_data", "demo_data")) is DEMO
    assert _contents_of(asking("demo_data", "bundled_data")) is DEMO
    assert _contents_of(asking("bundled_data")) is BUNDLED
    assert _contents_of(asking("kept_country")) is KEPT_COUNTRY


def test_two_contents_neither_built_over_the_other_are_refused() -> None:
    with pytest.raises(pytest.UsageError, match=r"asks for two database contents: \['bundled', 'kept-country'\]"):
        _contents_of(asking("bundled_data", "kept_country"))
