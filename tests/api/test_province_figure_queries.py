"""A page of province figures (and of evaluations, which end with them) is judged in one go:
its queries do not grow with the number of figures on the page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chiso.collection import workflow
from chiso.collection.schedules import ensure_expected
from chiso.observations.models import DataValue
from tests.fixtures.personas import auth, fill

MONTHS = ("2026-08", "2026-09", "2026-10", "2026-11")


@pytest.fixture
def approved_months(form, units, people):
    """Four months of Sở KH&CN’s report approved: a province figure a month for the share and the count."""
    for month in MONTHS:
        ensure_expected(form, month)
        submission = form.submissions.get(unit=units["so-khcn"], period_id=month)
        fill(submission, people["reporter"])
        workflow.submit(people["approver"], submission)
        workflow.approve(people["office"], submission)
    figures = DataValue.objects.filter(rollup__isnull=False).count()
    assert figures >= 2 * len(MONTHS)
    return figures


def queries_of(client, path: str, key: str) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **auth(key))
    assert response.status_code == 200, response.content
    return len(captured), response.json()["items"]


@pytest.mark.parametrize("path", ["/api/province-figures", "/api/evaluations"])
def test_a_page_of_figures_costs_as_many_queries_as_a_page_of_one(client, keys, approved_months, path):
    queries_of(client, f"{path}?limit=1", keys["office"])  # the key's first use is written once
    one, first = queries_of(client, f"{path}?limit=1", keys["office"])
    many, page = queries_of(client, f"{path}?limit=500", keys["office"])
    assert (len(first), len(page)) == (1, approved_months)
    assert many == one


def test_a_full_page_of_province_figures_stays_within_a_fixed_number_of_queries(
    client, keys, approved_months, django_assert_max_num_queries
):
    # a key's first request (16 today); one query per figure would make it 30 here, 500 on a full page
    with django_assert_max_num_queries(20):
        response = client.get("/api/province-figures?limit=500", **auth(keys["office"]))
    assert len(response.json()["items"]) == approved_months


def test_each_figure_of_a_page_keeps_its_own_verdict_and_previous_value(client, keys, approved_months):
    _, page = queries_of(client, "/api/province-figures?limit=500&unit=dong-thap", keys["office"])
    share = {f["period"]: f for f in page if f["indicator"] == "I.2"}
    # 3.662/4.393 = 83,36% each month, against the 2026 target of 80%
    assert [(share[m]["value"], share[m]["verdict"]) for m in MONTHS] == [("83,36%", "exceeded")] * 4
    assert [share[m]["previous"] for m in MONTHS] == ["", "83,36%", "83,36%", "83,36%"]
