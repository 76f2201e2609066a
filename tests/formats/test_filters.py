"""The template filters of the formatting layer, as a page uses them (built into every template)."""

import pytest
from django.template import engines


def render(text: str, **context) -> str:
    return engines["django"].from_string(text).render(context)


@pytest.mark.parametrize("year", [2026, 1999, 2100])
def test_a_year_is_written_without_a_thousands_separator(year):
    assert render("năm {{ y|year }}", y=year) == f"năm {year}"


def test_a_plain_year_would_get_a_separator_without_the_filter():
    # The reason for the filter: the site localises every number (USE_THOUSAND_SEPARATOR).
    assert render("{{ y }}", y=2026) == "2.026"


@pytest.mark.parametrize(
    ("period_id", "words"),
    [
        ("2026-12", "tháng 12/2026"),
        ("2026-Q4", "quý IV/2026"),
        ("2026", "năm 2026"),
        ("2026-H1", "6 tháng đầu năm 2026"),
        ("2021-2025", "giai đoạn 2021-2025"),
    ],
)
def test_a_period_id_is_written_in_words(period_id, words):
    assert render("{{ p|period }}", p=period_id) == words


def test_a_period_in_words_starts_a_cell_with_a_capital():
    assert render("{{ p|period|capfirst }}", p="2024-11") == "Tháng 11/2024"


def test_a_value_that_is_not_a_period_is_shown_as_it_is():
    assert render("{{ p|period }}", p="hiện tại") == "hiện tại"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("86.96%", "86,96%"),
        ("62.5% (5/8)", "62,5% (5/8)"),
        ("tăng tối thiểu 1.5%", "tăng tối thiểu 1,5%"),
        ("1.250 hồ sơ; 83,8%", "1.250 hồ sơ; 83,8%"),
        ("chỉ số 8.2", "chỉ số 8.2"),
    ],
)
def test_a_stored_text_shows_its_percentages_with_the_decimal_comma(stored, shown):
    assert render("{{ t|vi_text }}", t=stored) == shown


@pytest.mark.parametrize("kind", ["linear", "threshold", "steps", "composite", "manual"])
def test_a_scoring_rule_is_named_in_vietnamese_not_by_its_key(kind):
    shown = render("{{ k|rule_name }}", k=kind)
    assert shown
    assert kind not in shown
