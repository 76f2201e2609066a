"""`chiso demo` creates documented users who can log in, and this month's expected reports, once."""

import pytest
from django.contrib.auth import authenticate

from chiso.collection.demo import DEMO_PASSWORD, DEMO_USERS, demo_step
from chiso.collection.models import Submission


@pytest.fixture
def dong_thap(units_and_de_an, db) -> None:
    """The bundled units and the Đề án's framework, loaded once per test process
    (tests/fixtures/contents.py)."""


def test_every_demo_user_logs_in_with_the_documented_password(dong_thap) -> None:
    demo_step()
    for username, *_ in DEMO_USERS:
        assert authenticate(username=username, password=DEMO_PASSWORD) is not None, username


def test_running_the_demo_twice_creates_nothing_more(dong_thap) -> None:
    first = demo_step()
    count = Submission.objects.count()
    assert demo_step() == first
    # This month's five expected reports and last month's five example ones.
    assert Submission.objects.count() == count == 10


def test_the_readme_lists_every_demo_user() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for username, *_ in DEMO_USERS:
        assert f"`{username}`" in readme, username


def test_example_reports_say_they_are_example_data_wherever_they_show(dong_thap) -> None:
    from chiso.observations.readings import figures

    demo_step()
    examples = Submission.objects.filter(status="approved", form__code="bao-cao-thang-cds")
    assert examples.count() == 8  # last month's five and three of this month's
    assert {s.document for s in examples} == {"(số liệu mẫu)"}
    shown = figures(units=[examples[0].unit], periods=[examples[0].period_id])
    assert shown
    assert all("số liệu mẫu" in f.source for f in shown)


def test_province_figures_made_of_example_data_say_so(dong_thap) -> None:
    from chiso.observations.models import DataValue

    demo_step()
    rolled = DataValue.objects.filter(rollup__isnull=False)
    assert rolled.exists()
    assert all("số liệu mẫu" in v.note and "số liệu mẫu" in v.dataset.title for v in rolled)
    assert all("số liệu mẫu" in v.source["rollup"] for v in rolled)
