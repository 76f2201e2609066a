"""The month's report from live figures: the target that applies and the verdict are the read
path's (as on the overview, the API and open data), and a unit that is not a province reports
its own approved figures.

The fixture form's framework has a 2026 target of 80% for I.2; here its plan 2021-2025 also set
targets (50% for I.2, 1.000 for I.8). That plan has ended by 11/2026, so it no longer applies.
"""

from __future__ import annotations

import datetime
import json

import pytest
from click.testing import CliRunner

from chiso.cli import main
from chiso.collection import workflow
from chiso.collection.models import FormItem
from chiso.collection.schedules import ensure_expected
from chiso.frameworks.models import Framework, Indicator, IndicatorGroup, Target
from chiso.observations.readings import figures
from chiso.reports.periodic import PeriodicOptions, build_periodic
from chiso.reports.results import framework_results
from tests.fixtures.personas import COMPLETE, PERIOD, fill

PLAN = "2021-2025"


@pytest.fixture
def ended_plan(form):
    for code, text in (("I.2", "50%"), ("I.8", "1.000")):
        Target.objects.create(indicator=form.items.get(indicator__code=code).indicator, period_id=PLAN, text=text)


@pytest.fixture
def approved(submission, people, ended_plan):
    """Sở KH&CN's November report, approved: 3.662/4.393 (83,36%), 1.250 documents, «Có»."""
    fill(submission, people["reporter"])
    workflow.submit(people["approver"], submission)
    workflow.approve(people["office"], submission)
    return submission


def verdicts(framework_code: str, unit_code: str) -> dict[str, dict[str, str]]:
    """indicator → {target period → verdict} of the month's report, for the rows with a figure."""
    results = framework_results(framework_code, unit_code, PERIOD)
    return {r.code: {tp: s.label for tp, s in r.statuses.items() if s} for r in results.rows if r.values.get(PERIOD)}


def read_path_verdicts(unit) -> dict[str, dict[str, str]]:
    return {
        f.indicator.code: ({f.target_period_id: f.verdict_label} if f.verdict else {})
        for f in figures(units=[unit], periods=[PERIOD], approved=True)
    }


def test_the_province_figures_in_the_report_get_the_read_path_verdicts(approved, form, units):
    shown = verdicts(form.framework.code, "dong-thap")
    assert shown == read_path_verdicts(units["dong-thap"])
    assert shown["I.2"] == {"2026": "Vượt"}


def test_a_plan_that_has_ended_gives_the_month_no_target_column(approved, form):
    results = framework_results(form.framework.code, "dong-thap", PERIOD)
    assert [p.id for p in results.target_periods] == ["2026"]
    assert {r.code: r.targets for r in results.rows if r.code in ("I.2", "I.8")} == {"I.2": {"2026": "80%"}, "I.8": {}}


def test_the_appendix_of_the_month_has_no_column_of_the_ended_plan(approved, form):
    document = build_periodic(PeriodicOptions(period=PERIOD, unit="dong-thap", date=datetime.date(2026, 11, 25)))
    titles = [c.title for c in document.appendices[0].columns]
    assert "KH năm 2026" in titles
    assert not [t for t in titles if "2021 - 2025" in t]


def test_a_unit_that_is_not_a_province_reports_its_own_approved_figures(approved, form, units):
    results = framework_results(form.framework.code, "so-khcn", PERIOD)
    shown = {r.code: r.values.get(PERIOD) for r in results.rows}
    assert (shown["I.2"], shown["I.8"], shown["I.6"]) == ("3.662/4.393 (83,36%)", "1.250", "Có")
    assert verdicts(form.framework.code, "so-khcn") == read_path_verdicts(units["so-khcn"])


def test_a_unit_report_leaves_out_its_figures_not_yet_approved(submission, people, form):
    fill(submission, people["reporter"])
    workflow.submit(people["approver"], submission)
    results = framework_results(form.framework.code, "so-khcn", PERIOD)
    assert not [r.code for r in results.rows if r.values]


def test_chiso_report_periodic_for_a_unit_prints_its_own_approved_figures(approved, form, tmp_path):
    out = tmp_path / "bao-cao-so-khcn.docx"
    result = CliRunner().invoke(
        main,
        [
            "report",
            "periodic",
            "--period",
            PERIOD,
            "--unit",
            "so-khcn",
            "--date",
            "25/11/2026",
            "--out",
            str(out),
            "--json",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    written = json.loads(result.output)
    share = next(i for i in written["indicators"] if i["code"] == "I.2")
    assert (share["value"], share["targets"], share["verdicts"]) == (
        "3.662/4.393 (83,36%)",
        {"KH năm 2026": "80%"},
        {"KH năm 2026": "Vượt"},
    )
    assert out.stat().st_size > 0


@pytest.mark.parametrize("code", ["cds-y-te-dong-thap", "dti-tinh-2025"])  # a sector programme; another framework
def test_a_unit_report_has_an_appendix_for_its_approved_figures_of_another_framework(form, units, people, code):
    other = Framework.objects.create(code=code, kind="programme", name="Chuyển đổi số ngành Y tế", locale="vi")
    group = IndicatorGroup.objects.create(framework=other, code="I", name="Y TẾ SỐ")
    indicator = Indicator.objects.create(
        framework=other,
        group=group,
        code="I.1",
        measure="yes_no",
        position=0,
        name="Bệnh viện triển khai bệnh án điện tử",
    )
    FormItem.objects.create(form=form, indicator=indicator, input_type="yes_no", position=9, required=False)
    ensure_expected(form, PERIOD)
    submission = form.submissions.get(unit=units["so-khcn"], period_id=PERIOD)
    fill(submission, people["reporter"], {**COMPLETE, "I.1": {"value": "Có"}})
    workflow.submit(people["approver"], submission)
    workflow.approve(people["office"], submission)
    document = build_periodic(PeriodicOptions(period=PERIOD, unit="so-khcn", date=datetime.date(2026, 11, 25)))
    appendix = next(a for a in document.appendices if "NGÀNH Y TẾ" in a.title)
    assert [[c.text for c in r.cells][1:] for r in appendix.rows if not r.heading][0][:2] == [
        "Bệnh viện triển khai bệnh án điện tử",
        "Có",
    ]
