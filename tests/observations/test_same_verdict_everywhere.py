"""One figure against one target gets one verdict on every surface.

Each case is a figure as written, its target and last month's figure. It is stored three ways —
transcribed from a document for Phường Cao Lãnh, entered and approved by Phường Sa Đéc, and as
the province's figure made from its units — and read through the report appendix, the unit page,
the overview, the API, open data, the national path and the simulator.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from chiso.accounts.models import Role
from chiso.collection.models import EnteredValue, FormItem, Submission
from chiso.collection.schedules import ensure_expected
from chiso.engine import frameworks as engine
from chiso.engine.values import judge, read_value
from chiso.frameworks.models import Indicator
from chiso.observations.readings import figures
from chiso.observations.rollup import ParentFigure, replace
from tests.observations.conftest import person, set_target, transcribe

MONTH, BEFORE, YEAR = "2026-12", "2026-11", "2026"


@dataclass(frozen=True)
class Case:
    code: str
    text: str  # the figure as a document writes it
    target: str
    verdict: str
    previous: str = ""
    entered: dict | None = None  # the same figure as a unit enters it
    entered_before: dict | None = None
    input_type: str = "number"
    measure: str = "count"
    unit_label: str = ""


CASES = [
    Case("P.1", "83,80%", "80%", "Vượt", entered={"number": "83.80"}, measure="percent", unit_label="%"),
    Case("P.2", "80%", "80%", "Đạt", entered={"number": "80"}, measure="percent", unit_label="%"),
    Case("P.3", "40%", "Trên 50%", "Chưa đạt", entered={"number": "40"}, measure="percent", unit_label="%"),
    Case(
        "F.1",
        "145/226",
        "Từ 50% trở lên",
        "Vượt",
        input_type="fraction",
        measure="percent",
        unit_label="%",
        entered={"numerator": "145", "denominator": "226", "number": "64.159292"},
    ),
    Case("Y.1", "Có", "Có", "Đạt", input_type="yes_no", measure="yes_no", entered={"yes_no": True}),
    Case("Y.2", "Không", "Có", "Chưa đạt", input_type="yes_no", measure="yes_no", entered={"yes_no": False}),
    Case(
        "T.1",
        "Đã ban hành",
        "Hoàn thành 2026",
        "Đạt",
        input_type="text",
        measure="text",
        entered={"text": "Đã ban hành"},
    ),
    Case(
        "M.1",
        "1.250",
        "Duy trì",
        "Duy trì",
        previous="1.200",
        entered={"number": "1250"},
        entered_before={"number": "1200"},
    ),
    Case(
        "M.2",
        "1.100",
        "Duy trì",
        "Chưa đạt",
        previous="1.200",
        entered={"number": "1100"},
        entered_before={"number": "1200"},
    ),
]
EXPECTED = {c.code: c.verdict for c in CASES}


@pytest.fixture
def stored(province):
    """Every case stored three ways for December, with November's figure where the case has one."""
    indicators = {}
    for position, case in enumerate(CASES, start=10):
        indicator = Indicator.objects.create(
            framework=province.framework,
            group=province.indicators["I.2"].group,
            code=case.code,
            name=f"Chỉ tiêu {case.code}",
            measure=case.measure,
            position=position,
        )
        indicators[case.code] = province.indicators[case.code] = indicator
        province.items[case.code] = FormItem.objects.create(
            form=province.form,
            indicator=indicator,
            input_type=case.input_type,
            unit_label=case.unit_label,
            position=position,
            required=False,
        )
        set_target(province, case.code, YEAR, case.target)
        transcribe(province, case.code, "cao-lanh", MONTH, case.text)
        if case.previous:
            transcribe(province, case.code, "cao-lanh", BEFORE, case.previous)
    _enter(province, MONTH, {c.code: c.entered for c in CASES})
    _enter(province, BEFORE, {c.code: c.entered_before for c in CASES if c.entered_before})
    for period, key in ((MONTH, "text"), (BEFORE, "previous")):
        replace(
            province.units["dong-thap"],
            period,
            province.form.code,
            province.form.name,
            [
                ParentFigure(indicators[c.code], getattr(c, key), "sum", covered=["Phường Sa Đéc"], missing=[])
                for c in CASES
                if getattr(c, key)
            ],
        )
    return province


def _enter(province, period_id: str, by_code: dict) -> None:
    ensure_expected(province.form, period_id)
    submission = Submission.objects.get(form=province.form, unit=province.units["sa-dec"], period_id=period_id)
    for code, fields in by_code.items():
        EnteredValue.objects.filter(submission=submission, item=province.items[code]).update(
            **{k: Decimal(v) if k in ("number", "numerator", "denominator") else v for k, v in fields.items()}
        )
    Submission.objects.filter(pk=submission.pk).update(status="approved")


def _of(found, unit_code: str) -> dict[str, str]:
    return {
        f.indicator.code: f.verdict_label
        for f in found
        if f.period_id == MONTH and f.unit and f.unit.code == unit_code and f.indicator.code in EXPECTED
    }


@pytest.mark.parametrize("unit_code", ["cao-lanh", "sa-dec", "dong-thap"], ids=["transcribed", "entered", "rolled up"])
def test_the_read_path_gives_each_case_its_verdict(stored, unit_code):
    assert _of(figures(periods=[MONTH]), unit_code) == EXPECTED


def test_the_report_appendix_gives_the_same_verdicts(stored):
    from chiso.reports.results import framework_results

    rows = framework_results(stored.framework.code, "cao-lanh", MONTH).rows
    assert {r.code: r.computed[YEAR].label for r in rows if r.code in EXPECTED} == EXPECTED


@pytest.mark.parametrize("unit_code", ["cao-lanh", "sa-dec", "dong-thap"], ids=["transcribed", "entered", "rolled up"])
def test_the_unit_page_gives_the_same_verdicts(stored, client, unit_code):
    from chiso.dashboard.units import values_against_targets

    client.force_login(person("van-phong", stored.units["dong-thap"], Role.ADMIN))
    page = client.get(f"/don-vi/{unit_code}/")
    assert page.status_code == 200
    shown = page.context["values"]
    assert shown == values_against_targets(stored.units[unit_code])
    assert _of(shown, unit_code) == EXPECTED


def test_the_overview_lists_exactly_the_entered_figures_not_met(stored):
    from chiso.dashboard.overview import off_target

    period, rows = off_target({stored.units["sa-dec"].pk})
    assert period == MONTH
    assert {r.indicator.code for r in rows} == {c for c, v in EXPECTED.items() if v == "Chưa đạt"}


def test_open_data_gives_the_same_verdicts(stored):
    from chiso.opendata.catalogue import open_values

    found = open_values(stored.framework, MONTH)
    for unit_code in ("cao-lanh", "sa-dec", "dong-thap"):
        assert {
            v.indicator_code: v.evaluation for v in found if v.unit_code == unit_code and v.indicator_code in EXPECTED
        } == EXPECTED


def test_the_api_gives_the_province_figures_the_same_verdicts(stored, client):
    from chiso.api.tokens import issue
    from chiso.engine.evaluation import Status

    key = issue(person("tich-hop", stored.units["dong-thap"], Role.ADMIN), "Tích hợp")[1]
    answer = client.get(
        f"/api/evaluations?framework={stored.framework.code}&unit=dong-thap&period={MONTH}&limit=100",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert answer.status_code == 200
    assert {
        e["indicator"]: Status(e["status"]).label for e in answer.json()["items"] if e.get("origin") == "rollup"
    } == EXPECTED


def test_the_national_path_gives_the_same_verdicts(stored):
    from chiso.observations.bulk_scores import evaluate_periods

    plan = engine.Framework(
        id=stored.framework.code,
        name=stored.framework.name,
        kind="programme",
        groups=(
            engine.Group(
                "I",
                "Chỉ tiêu",
                tuple(engine.Indicator(c.code, c.code, targets=(engine.make_target(YEAR, c.target),)) for c in CASES),
            ),
        ),
    )
    found = evaluate_periods(plan, [MONTH], YEAR)
    assert {e.indicator_code: e.evaluation.label for e in found} == EXPECTED


def test_the_simulator_reads_each_figure_to_the_same_verdict(stored):
    from chiso.simulator.scenarios import base_values

    now = base_values(stored.framework.code, stored.units["cao-lanh"], MONTH)
    before = base_values(stored.framework.code, stored.units["cao-lanh"], BEFORE)
    assert {
        c.code: judge(read_value(now[c.code]), c.target, previous=before.get(c.code)).label for c in CASES
    } == EXPECTED
