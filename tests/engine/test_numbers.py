"""Numbers as the seeds write them (000/003/004: vi; 001: en)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chiso.engine.errors import NumberFormatError
from chiso.engine.numbers import format_number, format_percent, format_quantity, parse_decimal, parse_quantity

D = Decimal


@pytest.mark.parametrize(
    ("text", "locale", "value", "unit"),
    [
        ("1.831.160", "vi", D("1831160"), ""),  # 000: FTTH subscribers
        ("83,80%", "vi", D("83.80"), "%"),
        ("0.47%", "en", D("0.47"), "%"),  # 001 Phụ lục I, 6.9
        ("59.65%", "en", D("59.65"), "%"),  # 001 Phụ lục I, 6.5
        ("817.41", "en", D("817.41"), ""),  # 001 Bảng 2 total
        ("106,8%", "vi", D("106.8"), "%"),
        ("02", "vi", D("2"), ""),
        ("28.040", "vi", D("28040"), ""),  # 000 Phụ lục VI budget, million VND
        ("0,42%", "vi", D("0.42"), "%"),
        ("5.785", "vi", D("5785"), ""),
        ("1.238", "vi", D("1238"), ""),  # the ambiguous case: vi reads thousands
        ("1.238", "en", D("1.238"), ""),  # ... en reads a decimal
        ("817.41", "vi", D("817.41"), ""),  # two digits after the dot: a decimal anyway
        ("0.470", "vi", D("0.470"), ""),  # a leading zero never starts a grouping
        ("1.234,5", "vi", D("1234.5"), ""),
        ("1,234.5", "vi", D("1234.5"), ""),  # both marks: the rightmost is the decimal
        ("-1.500", "vi", D("-1500"), ""),
    ],
)
def test_it_reads_the_numbers_of_the_seeds(text, locale, value, unit):
    q = parse_quantity(text, locale)
    assert (q.value, q.unit, q.raw) == (value, unit, text)


def test_it_reads_a_fraction_as_a_percentage_keeping_both_terms():
    q = parse_quantity("3.662/4.393", "vi")  # 004: online dossiers
    assert (q.numerator, q.denominator) == (D(3662), D(4393))
    assert round(q.value, 2) == D("83.36")
    assert q.unit == "%"


@pytest.mark.parametrize(
    ("text", "bound", "value"),
    [
        ("Trên 70%", ">", D(70)),
        ("Dưới 10%", "<", D(10)),
        ("Từ 50% trở lên", ">=", D(50)),
        ("≥ 60%", ">=", D(60)),
        ("Tối thiểu 80%", ">=", D(80)),
    ],
)
def test_it_reads_bounded_figures(text, bound, value):
    q = parse_quantity(text)
    assert (q.bound, q.value) == (bound, value)


@pytest.mark.parametrize("text", ["-", "", "  ", "—"])
def test_it_reads_a_dash_as_no_figure(text):
    assert parse_quantity(text) is None


@pytest.mark.parametrize("text", ["abc", "12.34.5", "1..2", "5/0", "1.2,3,4", "12,"])
def test_it_refuses_unreadable_text_quoting_it(text):
    with pytest.raises(NumberFormatError) as error:
        parse_quantity(text)
    assert f"«{text}»" in str(error.value)


def test_it_formats_the_vietnamese_way():
    assert format_number(D("1831160")) == "1.831.160"
    assert format_percent(D("83.8")) == "83,80%"
    assert format_number(D("817.41"), 2) == "817,41"
    assert format_quantity(parse_quantity("3.662/4.393")) == "3.662/4.393"


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False, allow_infinity=False))
def test_formatting_then_parsing_gives_the_same_number(value):
    assert parse_decimal(format_number(value), "vi") == value


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
def test_a_formatted_percentage_reads_back(value):
    assert parse_quantity(format_percent(value, 2)).value == value


@given(st.from_regex(r"\A[0-9]{1,7}([.,][0-9]{1,4})?%?\Z"), st.sampled_from(["vi", "en"]))
def test_a_plain_figure_reads_the_same_by_the_short_path_as_by_the_general_rules(text, locale):
    """National scoring reads most figures ("84,09%", "73.5") by a short path; it must give
    exactly what the general reading gives (value, digits kept, unit, raw)."""
    from chiso.engine.numbers import _read_written

    try:
        expected = _read_written(text, locale)
    except NumberFormatError:
        with pytest.raises(NumberFormatError):
            parse_quantity(text, locale)
        return
    found = parse_quantity(text, locale)
    assert found == expected
    assert str(found.value) == str(expected.value)
