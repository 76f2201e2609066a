"""A rule bound once to its sub-indicator (`IndicatorScorer`) scores as `score_indicator` does.

National scoring binds each sub-indicator's rule once and asks only for points; pages ask
`score_indicator` for the whole result. Both must give the same points, to the last digit and
the same written form (the kept pillars are stored as text), on every sub-indicator of the
bundled DTI frameworks.
"""

from decimal import Decimal

import pytest

from chiso.datafiles.reading import BUNDLED_DATA, load_framework
from chiso.engine.frameworks import Indicator, Rule
from chiso.engine.numbers import parse_quantity
from chiso.engine.scoring import IndicatorScorer, ScoreInput, apply_rule, bind_rule, score_indicator

D = Decimal

FIGURES = [
    "0",
    "0%",
    "12,5%",
    "49,99%",
    "50%",
    "51",
    "52",
    "59,65%",
    "62.5% (10/16)",
    "80%",
    "84,09%",
    "99,995%",
    "100%",
    "118,2%",
    "145/226",
    "3.662/4.393",
    "< 52",
    "> 70",
    "Dưới 10%",
    "1.831.160",
]
TEXTS = ["Có", "Không", "Đã ban hành", "Chưa ban hành", "Trưởng ban", "Phó trưởng ban", "khác", ""]


def dti_frameworks():
    paths = sorted((BUNDLED_DATA / "frameworks").glob("*.yaml"))
    found = [load_framework(path) for path in paths]
    return [f for f in found if f.kind == "dti"]


def values():
    out = [None, *TEXTS]
    for text in FIGURES:
        try:
            out.append(parse_quantity(text, "vi"))
        except Exception:  # noqa: BLE001 - a text that is not a figure is kept as text
            out.append(text)
    return out


def inputs_of(indicator):
    """No inputs, each part's figures alike, and one part missing (for composites)."""
    parts = [p["code"] for p in (indicator.rule.get("parts") or [])] if indicator.rule else []
    yield {}
    for value in values():
        if parts and value is not None:
            yield dict.fromkeys(parts, value)
            yield {parts[0]: value}


def cases():
    for framework in dti_frameworks():
        for indicator in framework.indicators:
            yield pytest.param(indicator, id=f"{framework.id}:{indicator.code}")


def test_the_bundled_dti_frameworks_are_found():
    frameworks = dti_frameworks()
    assert frameworks
    assert sum(1 for f in frameworks for _ in f.indicators) >= 47


@pytest.mark.parametrize("indicator", list(cases()))
def test_bound_points_equal_score_indicator_on_every_sub_indicator(indicator):
    scorer = IndicatorScorer(indicator)
    compared = 0
    for value in values():
        for inputs in inputs_of(indicator):
            full = score_indicator(indicator, ScoreInput(value=value, inputs=inputs))
            points = scorer.points(value, inputs)
            assert (str(points), points) == (str(full.points), full.points), (value, inputs)
            assert scorer(ScoreInput(value=value, inputs=inputs)) == full
            compared += 1
    assert compared >= len(values())
    missing = score_indicator(indicator, None)
    assert scorer.points(None) == missing.points == 0
    assert not missing.complete
    assert missing.note == "Chưa có số liệu"


def test_a_rule_is_read_when_bound_and_its_errors_raised_when_applied():
    unknown = Indicator(code="x", name="x", max_points=D(10), rule=Rule("no_such_rule"))
    broken = Indicator(code="y", name="y", max_points=D(10), rule=Rule("linear", {"target": "not a number"}))
    # No value: nothing is applied, so nothing is wrong yet.
    assert score_indicator(unknown, None).note == "Chưa có số liệu"
    assert IndicatorScorer(broken).points(None) == 0
    # A value: the unknown kind is a rule error (the value is not scored), as before binding.
    scored = score_indicator(unknown, ScoreInput(parse_quantity("50%")))
    assert (scored.points, scored.complete) == (0, False)
    assert "no_such_rule" in scored.note
    with pytest.raises(ArithmeticError):
        score_indicator(broken, ScoreInput(parse_quantity("50%")))
    with pytest.raises(ArithmeticError):  # raised again on every application
        IndicatorScorer(broken).points(parse_quantity("50%"))


def test_apply_rule_clamps_the_bound_rule():
    rule = Rule("linear", {"target": 50, "cap": 3})
    bound = bind_rule(rule, D(10))
    assert bound(parse_quantity("100%"), {}) == D(20)  # before clamping
    assert apply_rule(rule, parse_quantity("100%"), D(10), {}) == D(10)
