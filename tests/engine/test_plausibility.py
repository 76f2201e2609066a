"""The engine's data-quality rules: what a figure of each measure may be, and its plausible range."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chiso.engine.plausibility import fraction_problem, outlier_message, plausible_range, value_problem


@pytest.mark.parametrize(
    ("measure", "number", "refused"),
    [
        ("count", "-3", "số lượng không được âm"),
        ("count", "12.7", "số lượng phải là số nguyên"),
        ("count", "0", ""),
        ("count", "1250", ""),
        ("percent", "-0.5", "tỷ lệ phần trăm không được âm"),
        ("percent", "100.01", "tỷ lệ phần trăm phải từ 0 đến 100"),
        ("percent", "83.5", ""),
        ("money", "-1", "không được âm"),
        ("money", "12.75", ""),
        ("text", "-3", ""),
    ],
)
def test_a_measure_decides_which_numbers_are_valid(measure, number, refused) -> None:
    problem = value_problem(measure, Decimal(number))
    assert (refused in problem) if refused else problem == ""


def test_a_share_with_a_numerator_above_its_denominator_is_refused_at_the_numerator() -> None:
    assert fraction_problem(Decimal(5), Decimal(4)) == ("numerator", "Tử số (5) không được lớn hơn mẫu số (4).")


def test_a_figure_ten_times_over_the_target_is_an_outlier_and_one_near_it_is_not() -> None:
    expected = plausible_range([], Decimal(200), "Từ 200 trở lên")
    assert "Giá trị 9.999.999 bất thường" in outlier_message(Decimal(9_999_999), expected)
    assert outlier_message(Decimal(1_999), expected) == ""


def test_the_units_history_bounds_a_figure_from_below_and_above() -> None:
    expected = plausible_range([Decimal(230), Decimal(250)], None)
    assert "các kỳ trước (230, 250)" in outlier_message(Decimal(2), expected)
    assert outlier_message(Decimal(2_600), expected) != ""
    assert outlier_message(Decimal(40), expected) == ""


def test_without_history_or_target_nothing_is_an_outlier() -> None:
    assert plausible_range([], None) is None
    assert outlier_message(Decimal(9_999_999), None) == ""
