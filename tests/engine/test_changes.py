"""How a figure moved and where its monthly pace takes it (chiso.engine.changes)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from chiso.engine.changes import FALL, RISE, SAME, change_words, difference, year_end_outlook
from chiso.engine.numbers import parse_quantity as q

END_2023 = datetime.date(2023, 12, 31)
NOVEMBER = datetime.date(2024, 11, 30)


def test_a_percentage_s_change_is_in_percentage_points():
    assert change_words(difference(q("61,42%"), q("44,41%"))) == "tăng 17,01 điểm phần trăm"


def test_a_count_s_change_is_in_the_count():
    change = difference(q("41"), q("80"))
    assert (change.direction, change_words(change)) == (FALL, "giảm 39")


def test_figures_printed_with_different_decimals_are_the_same():
    assert difference(q("100%"), q("100,00%")).direction == SAME


def test_a_share_and_a_count_are_not_compared():
    assert difference(q("50%"), q("11")) is None


def test_a_fraction_is_compared_by_its_percentage():
    change = difference(q("3.662/4.393"), q("80%"))
    assert change.direction == RISE
    assert change.amount.quantize(Decimal("0.01")) == Decimal("3.36")


def test_the_outlook_carries_the_monthly_pace_to_the_year_s_end():
    outlook = year_end_outlook(q("60%"), END_2023, q("82,42%"), NOVEMBER, Decimal(100))
    assert outlook.months_left == 1
    assert outlook.projected.quantize(Decimal("0.01")) == Decimal("84.46")
    assert not outlook.reaches


def test_a_pace_that_gets_there_reaches_the_target():
    outlook = year_end_outlook(q("15%"), datetime.date(2024, 9, 30), q("30%"), NOVEMBER, Decimal(35))
    assert outlook.reaches


def test_a_december_figure_has_no_outlook():
    assert year_end_outlook(q("60%"), END_2023, q("70%"), datetime.date(2024, 12, 31), Decimal(80)) is None
