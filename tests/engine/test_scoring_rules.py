"""Each rule kind on its own, on small hand-made indicators."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from chiso.engine.frameworks import Framework, Group, Indicator, Rule
from chiso.engine.numbers import Quantity
from chiso.engine.numbers import parse_quantity as q
from chiso.engine.scoring import (
    ScoreInput,
    ScoreKind,
    compare_kinds,
    merged_score,
    rank,
    score_framework,
    score_from_pillars,
    score_indicator,
)

D = Decimal


def ind(rule, max_points=20, **params):
    return Indicator(code="x", name="x", max_points=D(max_points), rule=Rule(rule, params))


def points(indicator, value=None, **kw):
    return score_indicator(indicator, ScoreInput(value=value, **kw)).points


def test_linear_is_proportional_and_capped():
    assert points(ind("linear", 20, target=80), q("59.65%", "en")) == D("14.91")  # 001, 6.5
    assert points(ind("linear", 20, target=80), q("95%")) == D("20.00")


def test_threshold_is_all_or_nothing_at_the_threshold():
    rule = ind("threshold", 20, threshold=60)  # 001, 6.4
    assert points(rule, q("57.60%", "en")) == 0
    assert points(rule, q("60%")) == 20


def test_all_or_nothing_needs_every_unit():
    assert points(ind("all_or_nothing", 10), q("62.11%", "en")) == 0  # 001, 4.1
    assert points(ind("all_or_nothing", 10), q("100%")) == 10


def test_yes_no_reads_the_written_answer():
    assert points(ind("yes_no", 10), "Đã ban hành") == 10
    assert points(ind("yes_no", 10), "Chưa ban hành") == 0


def test_steps_take_the_first_level_reached():
    rule = ind("steps", 20, levels=[{"min": 4, "points": 20}, {"min": 2, "points": 10}])
    assert [points(rule, q(v)) for v in ("5", "3", "1")] == [20, 10, 0]
    named = ind("steps", 20, levels=[{"equals": "A", "points": 20}])
    assert points(named, "A") == 20
    assert points(named, "Chưa đáp ứng mức B") == 0


def test_composite_adds_its_parts():
    rule = ind(
        "composite",
        10,
        parts=[
            {"code": "has_section", "max_points": 5, "rule": Rule("yes_no")},
            {"code": "items", "max_points": 5, "rule": Rule("threshold", {"threshold": 52})},
        ],
    )
    assert points(rule, inputs={"has_section": "Có", "items": q("40")}) == 5  # 001, 1.4


def test_relative_to_best_uses_the_best_unit():
    indicator = ind("relative_to_best", 30)
    assert score_indicator(indicator, ScoreInput(q("40%")), best=D(80)).points == 15
    assert not score_indicator(indicator, ScoreInput(q("40%"))).complete


def test_formula_rule_uses_named_inputs():
    rule = ind("formula", 20, expression="max_points * a / b", inputs=["a", "b"])
    assert points(rule, inputs={"a": q("3"), "b": q("4")}) == 15


def test_manual_points_are_taken_as_given_but_capped():
    assert points(ind("manual", 10), manual_points=D("7.5")) == D("7.5")
    assert points(ind("manual", 10), manual_points=D(12)) == 10


def test_the_ministry_value_overrides_for_external_rules():
    indicator = Indicator("7.5", "x", max_points=D(30), rule=Rule("linear", {"target": 100}, external=True))
    s = score_indicator(indicator, ScoreInput(value=q("38.58%", "en"), external_value=q("32.63%", "en")))
    assert s.points == D("9.79")


def test_missing_data_scores_zero_and_is_flagged():
    s = score_indicator(ind("linear", 20, target=100), None)
    assert s.points == 0
    assert not s.complete
    assert s.note == "Chưa có số liệu"


def _tiny():
    return Framework(
        "t",
        "t",
        "dti",
        (
            Group("1", "A", (ind("linear", 50, target=100),), D(50)),
            Group("2", "B", (Indicator("y", "y", max_points=D(50), rule=Rule("yes_no")),), D(50)),
        ),
        max_points=D(100),
    )


def test_pillars_total_and_index_add_up():
    s = score_framework(_tiny(), {"x": ScoreInput(q("50%")), "y": ScoreInput("Có")})
    assert [p.points for p in s.pillars] == [25, 50]
    assert s.total == 75
    assert s.index == D("0.75")


def test_a_merged_province_is_the_average_of_its_former_provinces():
    a = score_from_pillars(_tiny(), {"1": D(40), "2": D(50)})
    b = score_from_pillars(_tiny(), {"1": D(20), "2": D(30)})
    assert merged_score([a, b]).total == D(70)


def test_rank_shares_places_on_equal_totals():
    assert rank({"a": D(600), "b": D(700), "c": D(600), "d": D(500)}) == {"b": 1, "a": 2, "c": 2, "d": 4}


def test_score_kinds_are_compared_side_by_side():
    fw = _tiny()
    own = score_framework(fw, {"x": ScoreInput(q("80%")), "y": ScoreInput("Có")})
    appraised = score_framework(fw, {"x": ScoreInput(q("60%")), "y": ScoreInput("Có")}, kind=ScoreKind.APPRAISED)
    rows = {r.code: r.points for r in compare_kinds({ScoreKind.SELF_ASSESSED: own, ScoreKind.APPRAISED: appraised})}
    assert rows["1"] == {ScoreKind.SELF_ASSESSED: D(40), ScoreKind.APPRAISED: D(30)}
    assert rows["x"][ScoreKind.APPRAISED] == D(30)


RULES = [
    ("linear", {"target": 80}),
    ("linear", {"target": 1}),
    ("threshold", {"threshold": 60}),
    ("all_or_nothing", {}),
    ("steps", {"levels": [{"min": 90, "points": 20}, {"min": 50, "points": 8}]}),
    ("relative_to_best", {"best": 75}),
]


@given(
    st.sampled_from(RULES),
    st.decimals(min_value=0, max_value=1000, places=3),
    st.decimals(min_value=0, max_value=1000, places=3),
)
def test_points_never_exceed_max_and_never_fall_when_the_value_improves(rule, a, b):
    indicator = ind(rule[0], 20, **rule[1])
    low, high = sorted([a, b])
    p_low = points(indicator, Quantity(low, "%"))
    p_high = points(indicator, Quantity(high, "%"))
    assert 0 <= p_low <= p_high <= 20


def test_a_figure_below_a_bound_does_not_reach_the_threshold():
    rule = ind("threshold", 5, threshold=52)  # 001 Phụ lục I, 1.4: "dưới 52 tin bài"
    assert points(rule, q("< 52")) == 0
    assert points(rule, q("> 51")) == 0
    assert points(rule, q("52")) == 5
