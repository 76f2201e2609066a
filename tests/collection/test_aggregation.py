"""Province figures from approved unit values; former departments roll into their successor."""

import datetime
from decimal import Decimal as D

import pytest

from chiso.collection.aggregation import province_figures
from chiso.collection.models import EnteredValue, FormAssignment, FormItem, ReportForm
from chiso.collection.schedules import ensure_expected
from chiso.frameworks.models import Indicator
from chiso.orgunits.models import LineageEvent, OrgUnit

MERGER = datetime.date(2025, 3, 1)  # Sở NN&PTNT + Sở TN&MT → Sở Nông nghiệp và Môi trường


@pytest.fixture
def november(framework, indicator, merger):
    province = merger["dong-thap-cu"]
    last = MERGER - datetime.timedelta(days=1)
    units = {
        code: OrgUnit.objects.create(code=code, name=name, type="so_ban_nganh", parent=province, **life)
        for code, name, life in (
            ("dtc-so-nn-ptnt", "Sở Nông nghiệp và Phát triển nông thôn", {"valid_to": last}),
            ("dtc-so-tnmt", "Sở Tài nguyên và Môi trường", {"valid_to": last}),
            ("dtc-so-nn-mt", "Sở Nông nghiệp và Môi trường", {"valid_from": MERGER}),
            ("dtc-so-y-te", "Sở Y tế", {}),
        )
    }
    event = LineageEvent.objects.create(kind="merge", date=MERGER)
    event.predecessors.set([units["dtc-so-nn-ptnt"], units["dtc-so-tnmt"]])
    event.successors.set([units["dtc-so-nn-mt"]])
    online = Indicator.objects.create(
        framework=framework,
        group=indicator.group,
        code="dvc",
        name="Tỷ lệ hồ sơ trực tuyến",
        measure="percent",
        aggregation="ratio",
    )
    staff = Indicator.objects.create(
        framework=framework,
        group=indicator.group,
        code="can-bo",
        name="Số cán bộ chuyên trách CĐS",
        measure="count",
        aggregation="sum",
    )
    form = ReportForm.objects.create(
        code="cds-thang", name="Báo cáo CĐS tháng", period_kind="month", deadline_rule="18"
    )
    items = {
        i.code: FormItem.objects.create(form=form, indicator=i, input_type=t, position=n)
        for n, (i, t) in enumerate(((online, "fraction"), (staff, "number")))
    }
    for code in ("dtc-so-nn-ptnt", "dtc-so-tnmt", "dtc-so-y-te"):
        FormAssignment.objects.create(form=form, unit=units[code])
    submissions = {s.unit.code: s for s in ensure_expected(form, "2024-11")}
    figures = {
        "dtc-so-nn-ptnt": (30, 40, 2, "approved"),
        "dtc-so-tnmt": (10, 60, 3, "approved"),
        "dtc-so-y-te": (45, 100, 4, "approved"),
    }
    for code, (num, den, people, status) in figures.items():
        EnteredValue.objects.filter(submission=submissions[code], item=items["dvc"]).update(
            numerator=num, denominator=den
        )
        EnteredValue.objects.filter(submission=submissions[code], item=items["can-bo"]).update(number=people)
        submissions[code].status = status
        submissions[code].save()
    return {"form": form, "submissions": submissions, "items": items}


def figure(figures, code):
    return next(f for f in figures if f.code == code)


def test_the_province_ratio_is_summed_numerators_over_summed_denominators(november):
    online = figure(province_figures(november["form"], "2024-11"), "dvc")
    # (30 + 10 + 45) / (40 + 60 + 100) = 85/200
    assert online.aggregate.value == D("42.5")
    assert online.display == "42,5%"


def test_a_sum_indicator_adds_the_units(november):
    assert figure(province_figures(november["form"], "2024-11"), "can-bo").aggregate.value == D(9)


def test_former_departments_roll_into_their_successor(november):
    online = figure(province_figures(november["form"], "2024-11", on=datetime.date(2026, 1, 1)), "dvc")
    by_unit = {u.code: u for u in online.by_unit}
    assert set(by_unit) == {"dtc-so-nn-mt", "dtc-so-y-te"}
    assert by_unit["dtc-so-nn-mt"].aggregate.value == D(40)  # (30 + 10) / (40 + 60)
    assert by_unit["dtc-so-nn-mt"].former == ["Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường"]


def test_before_the_merger_each_department_stands_alone(november):
    online = figure(province_figures(november["form"], "2024-11", on=datetime.date(2024, 12, 1)), "dvc")
    assert {u.code for u in online.by_unit} == {"dtc-so-nn-ptnt", "dtc-so-tnmt", "dtc-so-y-te"}


def test_a_report_not_yet_approved_does_not_count(november):
    submission = november["submissions"]["dtc-so-y-te"]
    submission.status = "submitted"
    submission.save()
    online = figure(province_figures(november["form"], "2024-11"), "dvc")
    assert online.aggregate.value == D(40)
    assert online.aggregate.count == 2
