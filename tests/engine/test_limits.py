"""The characters stored text may not hold, and the size a stored number may have."""

import unicodedata
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from chiso.engine.limits import NUMBER_LIMIT, forbidden_character, number_problem


def _unstorable(char: str) -> bool:
    return (unicodedata.category(char) in ("Cc", "Cs") and char not in "\t\n\r") or char in "\ufffe\uffff"


@given(st.characters(exclude_categories=[]))
def test_a_text_is_refused_exactly_for_controls_surrogates_and_non_characters(char):
    assert bool(forbidden_character(f"Sở{char}KH")) == _unstorable(char)


@given(st.characters(exclude_categories=[]))
def test_an_address_also_refuses_tab_and_new_line(char):
    assert bool(forbidden_character(char, address=True)) == (_unstorable(char) or char in "\t\n\r")


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_a_number_is_refused_exactly_when_its_stored_form_reaches_10_to_the_14(number):
    stored = abs(number.quantize(Decimal("0.000001"))) if abs(number) < NUMBER_LIMIT else NUMBER_LIMIT
    assert bool(number_problem(number, "Giá trị")) == (stored >= NUMBER_LIMIT)
