"""The first page of GET /api/values counts exactly what the reader may read, whatever way the
count is made (the entered values are counted as all minus those the reader may not see).

The province: Sở KH&CN and Sở Tài chính each have a draft report for 11/2026 and an approved
one for 10/2026 (four values each). Sở KH&CN's reporter sees his own two reports and the other
unit's approved one, not the other unit's draft.
"""

from __future__ import annotations

import pytest

from chiso.collection.models import EnteredValue, FormItem, Submission
from chiso.collection.schedules import ensure_expected
from chiso.frameworks.models import Indicator
from chiso.observations.models import Dataset, DataValue
from chiso.observations.readings import Remainder, entered_list
from tests.api.conftest import PERIOD, auth

EARLIER = "2026-10"


@pytest.fixture
def reports(form, units) -> dict[tuple[str, str], Submission]:
    """Every unit's report of both months; the earlier month's approved."""
    ensure_expected(form, EARLIER)
    ensure_expected(form, PERIOD)
    Submission.objects.filter(form=form, period_id=EARLIER).update(status="approved")
    return {(s.unit.code, s.period_id): s for s in Submission.objects.filter(form=form).select_related("unit")}


def _count(client, key: str) -> int:
    response = client.get("/api/values?limit=2", **auth(key))
    assert response.status_code == 200, response.content
    return response.json()["count"]


def _walked(client, key: str) -> list[dict]:
    items, address = [], "/api/values?limit=3&count=false"
    while address:
        body = client.get(address, **auth(key)).json()
        items += body["items"]
        address = body["next"]
    return items


def test_the_count_is_the_rows_the_reader_walks_through_and_not_another_units_draft(client, keys, reports):
    walked = _walked(client, keys["reporter"])
    assert _count(client, keys["reporter"]) == len(walked) == 12
    assert ("so-tai-chinh", PERIOD) not in {(item["unit"], item["period"]) for item in walked}


def test_the_province_office_counts_every_report_of_its_units(client, keys, reports):
    assert _count(client, keys["office"]) == len(_walked(client, keys["office"])) == 16


def test_a_value_added_to_a_report_the_reader_sees_counts_one_more(client, keys, reports, form):
    before = _count(client, keys["reporter"])
    indicator = Indicator.objects.create(
        framework=form.framework, group=form.framework.groups.first(), code="I.9", name="Chỉ tiêu thêm", position=9
    )
    item = FormItem.objects.create(form=form, indicator=indicator, input_type="number", position=9)
    EnteredValue.objects.create(submission=reports[("so-khcn", PERIOD)], item=item)
    assert _count(client, keys["reporter"]) == before + 1


def test_a_value_added_to_another_units_draft_does_not_count_for_the_reader(client, keys, reports, form):
    before = _count(client, keys["reporter"])
    indicator = Indicator.objects.create(
        framework=form.framework, group=form.framework.groups.first(), code="I.9", name="Chỉ tiêu thêm", position=9
    )
    item = FormItem.objects.create(form=form, indicator=indicator, input_type="number", position=9)
    EnteredValue.objects.create(submission=reports[("so-tai-chinh", PERIOD)], item=item)
    assert _count(client, keys["reporter"]) == before


def test_another_units_draft_once_approved_counts_its_values(client, keys, reports):
    before = _count(client, keys["reporter"])
    Submission.objects.filter(pk=reports[("so-tai-chinh", PERIOD)].pk).update(status="approved")
    assert _count(client, keys["reporter"]) == before + 4


def test_a_stored_value_added_counts_one_more(client, keys, reports, form):
    before = _count(client, keys["reporter"])
    dataset = Dataset.objects.create(code="bao-cao-tinh", title="Báo cáo của tỉnh")
    DataValue.objects.create(
        dataset=dataset,
        indicator=form.framework.indicators.get(code="I.8"),
        unit=reports[("so-khcn", PERIOD)].unit,
        period_id="2026",
        raw="12",
        kind="reported",
    )
    assert _count(client, keys["reporter"]) == before + 1


@pytest.mark.parametrize("persona", ["office", "reporter", "viewer", "outsider", None])
def test_the_entered_list_counts_the_rows_it_lists_for_every_reader(people, reports, persona):
    listing = entered_list(viewer=people[persona] if persona else None, empty=True)
    assert listing.counted.count() == len(listing.rows)


def test_the_rest_of_a_list_is_its_count_minus_the_part_left_out(reports):
    rows = EnteredValue.objects.all()
    left_out = rows.filter(submission__unit__code="so-tai-chinh", submission__period_id=PERIOD)
    assert Remainder(rows, left_out).count() == rows.count() - 4 == 12


def test_the_rest_of_a_list_nothing_matches_is_none(reports):
    rows = EnteredValue.objects.all()
    assert Remainder(rows.filter(pk__in=[]), rows).count() == 0


def test_the_rest_of_a_list_when_nothing_is_left_out_is_the_whole_list(reports):
    rows = EnteredValue.objects.all()
    assert Remainder(rows, rows.filter(pk__in=[])).count() == rows.count() == 16
