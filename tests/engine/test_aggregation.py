"""Province figures from unit figures: one behaviour per rule, with figures worked by hand."""

from decimal import Decimal as D

import pytest

from chiso.engine.aggregation import UnitFigure, aggregate, default_rule


def fraction(unit: str, num: int, den: int) -> UnitFigure:
    return UnitFigure(unit, numerator=D(num), denominator=D(den))


def test_ratio_divides_summed_numerators_by_summed_denominators() -> None:
    # 10/10 (100 %) at a commune and 3.662/4.393 at a department: 3.672/4.403 = 83,40 %,
    # not the 91,68 % a mean of the two percentages would give.
    result = aggregate("ratio", [fraction("xa", 10, 10), fraction("so", 3662, 4393)], D(100))
    assert result.numerator == D(3672)
    assert result.denominator == D(4403)
    assert round(result.value, 2) == D("83.40")


def test_ratio_leaves_out_a_unit_without_denominator_and_names_it() -> None:
    result = aggregate("ratio", [fraction("a", 1, 4), UnitFigure("b", number=D(80))], D(100))
    assert result.value == D(25)
    assert result.units == ("a",)
    assert result.skipped == ("b",)


def test_ratio_with_zero_denominators_has_no_value_and_says_why() -> None:
    result = aggregate("ratio", [fraction("a", 0, 0)], D(100))
    assert result.value is None
    assert "mẫu số bằng 0" in result.note


def test_sum_adds_the_units_figures() -> None:
    figures = [UnitFigure("a", number=D("1.5")), UnitFigure("b", number=D(12)), UnitFigure("c")]
    result = aggregate("sum", figures)
    assert result.value == D("13.5")
    assert result.count == 2
    assert result.skipped == ("c",)


def test_mean_averages_the_units_that_answered() -> None:
    figures = [UnitFigure("a", number=D(90)), UnitFigure("b", number=D(60)), UnitFigure("c")]
    assert aggregate("mean", figures).value == D(75)


@pytest.mark.parametrize(("answers", "expected"), [((True, True), True), ((True, False), False)])
def test_all_holds_only_when_every_unit_says_yes(answers, expected) -> None:
    figures = [UnitFigure(str(i), yes_no=a) for i, a in enumerate(answers)]
    assert aggregate("all", figures).value is expected


@pytest.mark.parametrize(("answers", "expected"), [((False, True), True), ((False, False), False)])
def test_any_holds_when_one_unit_says_yes(answers, expected) -> None:
    figures = [UnitFigure(str(i), yes_no=a) for i, a in enumerate(answers)]
    assert aggregate("any", figures).value is expected


def test_no_rule_aggregates_nothing() -> None:
    result = aggregate("none", [UnitFigure("a", number=D(1))])
    assert result.value is None
    assert result.skipped == ("a",)


def test_nothing_usable_gives_no_value_with_a_vietnamese_note() -> None:
    result = aggregate("sum", [UnitFigure("a", yes_no=True)])
    assert result.value is None
    assert result.note == "Không đơn vị nào có giá trị số để tổng hợp"


@pytest.mark.parametrize(
    ("measure", "fraction", "rule"),
    [
        ("percent", True, "ratio"),
        ("count", False, "sum"),
        ("money", False, "sum"),
        ("percent", False, "none"),
        ("yes_no", False, "none"),
        ("text", False, "none"),
    ],
)
def test_without_a_framework_rule_only_unambiguous_indicators_aggregate(measure, fraction, rule):
    assert default_rule(measure, entered_as_fraction=fraction) == rule


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        (UnitFigure("dong-thap", number=D("42")), D("42")),
        (UnitFigure("dong-thap", yes_no=False), False),
        (UnitFigure("dong-thap", text="Đã vận hành IOC"), "Đã vận hành IOC"),
    ],
)
def test_entered_at_this_level_is_the_parents_own_figure(figure, expected) -> None:
    result = aggregate("entered", [figure])
    assert result.value == expected
    assert result.units == ("dong-thap",)


def test_entered_at_this_level_without_an_entry_has_no_value_and_says_why() -> None:
    result = aggregate("entered", [UnitFigure("dong-thap")])
    assert result.value is None
    assert result.note == "Cấp tổng hợp chưa nhập số liệu của mình"
