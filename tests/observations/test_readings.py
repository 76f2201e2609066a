"""The one read path: figures of both tables with their targets, previous figures and verdicts."""

from chiso.engine.values import Origin
from chiso.observations.readings import figures
from tests.observations.conftest import enter, person, set_target, transcribe


def _one(found, **where):
    matches = [f for f in found if all(getattr(f, k) == v for k, v in where.items())]
    assert len(matches) == 1, matches
    return matches[0]


def test_an_entered_fraction_is_judged_against_the_years_target(province):
    set_target(province, "I.2", "2026", "80%")
    enter(province, "cao-lanh", "2026-12", I_2={"numerator": "3662", "denominator": "4393", "number": "83.36"})
    figure = _one(figures(periods=["2026-12"]), origin=Origin.ENTERED)
    assert figure.text == "3.662/4.393 (83,36%)"
    assert (figure.target_period_id, figure.target_text) == ("2026", "80%")
    assert figure.verdict.label == "Vượt"


def test_the_plans_target_applies_when_the_year_has_none(province):
    set_target(province, "I.2", "2021-2025", "90%")
    transcribe(province, "I.2", "cao-lanh", "2025-11", "85,5%")
    figure = _one(figures(periods=["2025-11"]))
    assert (figure.target_period_id, figure.verdict.label) == ("2021-2025", "Chưa đạt")


def test_a_units_own_target_wins_over_the_frameworks(province):
    set_target(province, "I.2", "2026", "90%")
    set_target(province, "I.2", "2026", "50%", unit=province.units["cao-lanh"])
    transcribe(province, "I.2", "cao-lanh", "2026-12", "60%")
    assert _one(figures(periods=["2026-12"])).target_text == "50%"


def test_yes_against_yes_is_met(province):
    set_target(province, "I.6", "2026", "Có")
    enter(province, "cao-lanh", "2026-12", I_6={"yes_no": True})
    transcribe(province, "I.6", "sa-dec", "2026-12", "Có")
    assert {f.verdict.label for f in figures(periods=["2026-12"])} == {"Đạt"}


def test_maintain_reads_the_previous_months_figure_from_either_table(province):
    set_target(province, "I.8", "2026", "Duy trì")
    transcribe(province, "I.8", "cao-lanh", "2026-11", "1.200")
    enter(province, "cao-lanh", "2026-12", I_8={"number": "1250"})
    figure = _one(figures(periods=["2026-12"]))
    assert figure.previous_text == "1.200"
    assert figure.verdict.label == "Duy trì"


def test_the_public_sees_approved_reports_and_published_documents_only(province):
    enter(province, "cao-lanh", "2026-12", I_8={"number": "10"})
    enter(province, "sa-dec", "2026-12", status="submitted", I_8={"number": "20"})
    transcribe(province, "I.8", "cao-lanh", "2026-11", "5", kind="projected")
    transcribe(province, "I.8", "sa-dec", "2026-11", "7", kind="published")
    assert sorted(f.text for f in figures(public=True)) == ["10", "7"]


def test_a_viewer_sees_the_drafts_of_their_own_unit_and_not_of_others(province):
    enter(province, "cao-lanh", "2026-12", status="draft", I_8={"number": "10"})
    enter(province, "sa-dec", "2026-12", status="draft", I_8={"number": "20"})
    viewer = person("xem-cao-lanh", province.units["cao-lanh"])
    assert [f.text for f in figures(viewer=viewer)] == ["10"]


def test_approved_keeps_only_approved_reports_for_the_office(province):
    enter(province, "cao-lanh", "2026-12", status="submitted", I_8={"number": "10"})
    enter(province, "sa-dec", "2026-12", I_8={"number": "20"})
    assert [f.text for f in figures(approved=True)] == ["20"]


def test_the_number_of_queries_does_not_grow_with_the_figures(province, django_assert_max_num_queries):
    set_target(province, "I.8", "2026", "Duy trì")
    for month in range(1, 13):
        for unit in ("cao-lanh", "sa-dec"):
            enter(
                province,
                unit,
                f"2026-{month:02d}",
                I_8={"number": str(month)},
                I_2={"numerator": "1", "denominator": "2", "number": "50"},
            )
            transcribe(province, "I.6", unit, f"2026-{month:02d}", "Có")
    with django_assert_max_num_queries(6):
        found = figures(periods=["2026-12", "2026-11"], units=list(province.units.values()))
    assert len(found) == 12


def test_a_province_figure_made_from_its_units_reads_as_rolled_up_with_its_coverage(province):
    from chiso.observations.rollup import ParentFigure, replace

    set_target(province, "I.8", "2026", "Từ 20 trở lên")
    replace(
        province.units["dong-thap"],
        "2026-12",
        "bao-cao-thang",
        "Báo cáo tháng",
        [
            ParentFigure(
                province.indicators["I.8"],
                "30",
                "sum",
                number=30,
                covered=["Phường Cao Lãnh"],
                missing=["Phường Sa Đéc"],
            )
        ],
    )
    figure = _one(figures(periods=["2026-12"]))
    assert (figure.origin, figure.coverage, figure.verdict.label) == (Origin.ROLLED_UP, "1/2 đơn vị", "Vượt")
    assert "Tổng hợp từ báo cáo «Báo cáo tháng»" in figure.source
