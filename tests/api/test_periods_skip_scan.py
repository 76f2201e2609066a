"""The periods with figures are found by skipping through the period indexes (one entry per
period), not by a DISTINCT over every value: the same periods, in the same order, with the same
counts, on SQLite and PostgreSQL; on PostgreSQL the statement reads one index entry per period.

The data: the fixture form's framework (four indicators) and a second framework with its own
indicator. Transcribed values: 2019 (a published figure of the form's framework), 2020 (only
the second framework's), 2021 (only a self-assessment: a working figure, not open data). Reports:
Sở KH&CN's and Sở Tài chính's for 10/2026 (approved) and 11/2026 (drafts).
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.db.models import Count

from chiso.collection.models import EnteredValue, Submission
from chiso.collection.schedules import ensure_expected, ensure_values
from chiso.frameworks.models import Framework, Indicator, IndicatorGroup
from chiso.observations.models import Dataset, DataValue
from chiso.observations.readings import (
    PUBLIC_KINDS,
    PeriodSource,
    Remainder,
    count_periods,
    distinct_periods,
    entered_list,
    entered_model,
    entered_visibility,
    figure_periods,
    periods_query,
)
from chiso.orgunits.models import OrgUnit
from tests.api.conftest import PERIOD, auth

EARLIER = "2026-10"


@pytest.fixture
def spread(form, units) -> dict:
    other = Framework.objects.create(
        code="bo-thu-hai", kind="programme", name="Bộ thứ hai", period_id="2025", locale="vi"
    )
    group = IndicatorGroup.objects.create(framework=other, code="A", name="Nhóm A")
    foreign = Indicator.objects.create(framework=other, group=group, code="A.1", name="Chỉ tiêu A.1", measure="count")
    own = Indicator.objects.filter(framework=form.framework).order_by("position").first()
    dataset = Dataset.objects.create(code="thu-ky", title="Bộ số liệu thử")
    for indicator, period, kind in [
        (own, "2019", "published"),
        (own, "2019", "reported"),
        (foreign, "2020", "reported"),
        (own, "2021", "self_assessed"),
    ]:
        DataValue.objects.create(
            dataset=dataset, indicator=indicator, unit=units["so-khcn"], period_id=period, kind=kind, raw="1", number=1
        )
    ensure_expected(form, EARLIER)
    ensure_expected(form, PERIOD)
    Submission.objects.filter(form=form, period_id=EARLIER).update(status="approved")
    for report in Submission.objects.filter(form=form):
        ensure_values(report)
    return {"form": form, "other": other}


def _reference(framework: str | None = None) -> list[dict]:
    """What GET /api/periods answered before: a UNION of the periods of both tables (every row
    read), and each period's count of values and of reports."""
    values, reports = DataValue.objects.all(), Submission.objects.all()
    if framework:
        values = values.filter(indicator__framework__code=framework)
        reports = reports.filter(form__framework__code=framework)
    periods = [
        p
        for (p,) in values.order_by()
        .values_list("period_id")
        .union(reports.order_by().values_list("period_id"))
        .order_by("period_id")
    ]
    counted = {
        name: dict(rows.values_list("period_id").annotate(n=Count("id")).order_by())
        for name, rows in (("values", values), ("submissions", reports))
    }
    return [
        {"period": p, "values": counted["values"].get(p, 0), "submissions": counted["submissions"].get(p, 0)}
        for p in periods
    ]


@pytest.mark.parametrize("framework", [None, "cds-dong-thap-2021-2025", "bo-thu-hai", "khong-co"])
def test_the_periods_and_their_counts_are_those_of_a_distinct_over_every_row(client, keys, spread, framework):
    path = "/api/periods?limit=1000" + (f"&framework={framework}" if framework else "")
    body = client.get(path, **auth(keys["office"])).json()
    expected = _reference(framework)
    assert body["items"] == expected
    assert body["count"] == len(expected)
    if framework is None:
        assert [p["period"] for p in body["items"]] == ["2019", "2020", "2021", EARLIER, PERIOD]
        assert body["items"][0] == {"period": "2019", "values": 2, "submissions": 0}
        assert body["items"][-1] == {"period": PERIOD, "values": 0, "submissions": 2}
    if framework == "bo-thu-hai":
        assert body["items"] == [{"period": "2020", "values": 1, "submissions": 0}]
    if framework == "khong-co":
        assert body == {"items": [], "count": 0}


def test_pages_of_periods_cut_the_same_ordered_list(client, keys, spread):
    whole = client.get("/api/periods?limit=1000", **auth(keys["office"])).json()["items"]
    pages = [
        client.get(f"/api/periods?limit=2&offset={start}", **auth(keys["office"])).json() for start in range(0, 6, 2)
    ]
    assert [p for page in pages for p in page["items"]] == whole
    assert {page["count"] for page in pages} == {5}
    assert pages[-1]["items"] == whole[4:]


def _distinct_reference(public=False, approved=False, viewer=None) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    stored = DataValue.objects.filter(kind__in=PUBLIC_KINDS) if public else DataValue.objects.all()
    entered = entered_model().objects.filter(entered_visibility(viewer=viewer, public=public, approved=approved))
    for fw, p in [
        *stored.values_list("indicator__framework_id", "period_id").distinct(),
        *entered.values_list("item__indicator__framework_id", "submission__period_id").distinct(),
    ]:
        found.setdefault(fw, set()).add(p)
    return found


@pytest.mark.parametrize("audience", ["public", "approved", "office", "reporter", "outsider"])
def test_open_data_and_every_audience_see_the_periods_a_distinct_finds(spread, people, audience):
    kwargs = {
        "public": {"public": True},
        "approved": {"approved": True},
        "office": {},
        "reporter": {"viewer": people["reporter"]},
        "outsider": {"viewer": people["outsider"]},
    }[audience]
    found = figure_periods(**kwargs)
    assert found == _distinct_reference(**kwargs)
    own, other = spread["form"].framework.pk, spread["other"].pk
    if audience == "public":
        # the self-assessment (2021) and the drafts (11/2026) are not open data
        assert found == {own: {"2019", EARLIER}, other: {"2020"}}
    if audience == "office":
        assert found == {own: {"2019", "2021", EARLIER, PERIOD}, other: {"2020"}}


def test_a_report_approved_later_adds_its_period_to_open_data(spread, client):
    assert PERIOD not in figure_periods(public=True)[spread["form"].framework.pk]
    Submission.objects.filter(period_id=PERIOD).update(status="approved")
    assert PERIOD in figure_periods(public=True)[spread["form"].framework.pk]
    assert f"/du-lieu-mo/cds-dong-thap-2021-2025/{PERIOD}/" in client.get("/du-lieu-mo/").content.decode()


def test_a_filter_nothing_matches_finds_no_period(spread):
    assert distinct_periods(PeriodSource(DataValue.objects.filter(pk__in=[]), DataValue)) == []
    nothing = EnteredValue.objects.filter(pk__in=[])
    assert distinct_periods(PeriodSource(nothing, Submission, "submission__period_id")) == []
    assert distinct_periods(
        PeriodSource(DataValue.objects.filter(pk__in=[]), DataValue), PeriodSource(Submission.objects.all(), Submission)
    ) == [EARLIER, PERIOD]


def test_a_window_of_the_periods_is_cut_and_the_whole_counted_by_the_database(spread):
    sources = (PeriodSource(DataValue.objects.all(), DataValue), PeriodSource(Submission.objects.all(), Submission))
    whole = distinct_periods(*sources)
    assert whole == ["2019", "2020", "2021", EARLIER, PERIOD]
    assert count_periods(*sources) == 5
    assert distinct_periods(*sources, start=1, stop=3) == ["2020", "2021"]
    assert distinct_periods(*sources, start=4) == [PERIOD]
    assert distinct_periods(*sources, start=7, stop=9) == []
    only_drafts = PeriodSource(Submission.objects.exclude(status="approved"), Submission)
    assert count_periods(only_drafts) == 1
    assert count_periods(PeriodSource(DataValue.objects.filter(pk__in=[]), DataValue)) == 0


def _rows_read(plan: dict, tables: set[str]) -> int:
    """Rows the plan's scans of ``tables`` handed up (rows × loops), over the whole tree."""
    read = 0
    if plan.get("Relation Name") in tables:
        read += plan["Actual Rows"] * plan["Actual Loops"] + plan.get("Rows Removed by Filter", 0)
    for child in plan.get("Plans", []):
        read += _rows_read(child, tables)
    return read


def _scans(plan: dict, table: str) -> set[str]:
    """The kinds of scan the plan makes of ``table``."""
    found = {plan["Node Type"]} if plan.get("Relation Name") == table else set()
    for child in plan.get("Plans", []):
        found |= _scans(child, table)
    return found


@pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's")
def test_the_periods_are_found_reading_one_index_entry_per_period_not_every_row(spread):
    own = Indicator.objects.filter(framework=spread["form"].framework).order_by("position").first()
    dataset = Dataset.objects.get(code="thu-ky")
    # Many rows per period, as on a real database: a value of each of 3,000 communes.
    OrgUnit.objects.bulk_create(OrgUnit(code=f"xa-{n}", name=f"Xã {n}", type="xa") for n in range(3000))
    DataValue.objects.bulk_create(
        DataValue(
            dataset=dataset, indicator=own, unit=u, period_id=f"{2000 + i % 3}", kind="reported", raw="1", number=1
        )
        for i, u in enumerate(OrgUnit.objects.filter(code__startswith="xa-"))
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {DataValue._meta.db_table}")
        cursor.execute(f"ANALYZE {Submission._meta.db_table}")
    total = DataValue.objects.count()
    assert total > 3000
    periods = sorted(set(DataValue.objects.values_list("period_id", flat=True)))
    sources = (PeriodSource(DataValue.objects.all(), DataValue), PeriodSource(Submission.objects.all(), Submission))
    assert distinct_periods(*sources) == sorted({*periods, EARLIER, PERIOD})
    query, params = periods_query(*sources)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    read = _rows_read(plan[0]["Plan"], {DataValue._meta.db_table})
    # one entry per distinct period, and the probe that finds none after the last
    assert read <= len(periods) + 2, (read, json.dumps(plan, indent=1)[:4000])
    scans = _scans(plan[0]["Plan"], DataValue._meta.db_table)
    assert scans, plan
    assert scans <= {"Index Only Scan", "Index Scan"}, scans
    # a framework's periods: one probe per period, each stopping at its first row
    framework = spread["form"].framework.code
    filtered = PeriodSource(DataValue.objects.filter(indicator__framework__code=framework), DataValue)
    query, params = periods_query(filtered)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    read = _rows_read(plan[0]["Plan"], {DataValue._meta.db_table})
    assert read < total / 10, (read, total)
    assert distinct_periods(filtered) == [p for p in periods if p in {"2000", "2001", "2002", "2019", "2021"}]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's")
def test_the_reports_a_reader_may_not_see_are_found_by_their_own_index(spread, people, units):
    """The first page of GET /api/values counts the values of other units' unapproved reports to
    take them off the whole: a partial index holds those reports, so the approved history (most
    of the table) is not read."""
    form = spread["form"]
    Submission.objects.bulk_create(
        Submission(
            form=form,
            unit=units["so-tai-chinh"],
            period_id=f"2000-{n:04d}",
            deadline=datetime.date(2000, 1, 18),
            status="approved",
        )
        for n in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Submission._meta.db_table}")
    counted = entered_list(viewer=people["reporter"], empty=True).counted
    assert isinstance(counted, Remainder)
    plan = counted.left_out.explain()
    assert "submission_unit_unapproved" in plan, plan
    assert "Seq Scan on collection_submission" not in plan, plan
    # the count is still exact: the other unit's draft (11/2026) is the only report left out
    hidden = EnteredValue.objects.filter(submission__unit=units["so-tai-chinh"], submission__period_id=PERIOD)
    assert set(counted.left_out.values_list("pk", flat=True)) == set(hidden.values_list("pk", flat=True))
    assert hidden.exists()
    assert counted.count() == EnteredValue.objects.count() - hidden.count()
