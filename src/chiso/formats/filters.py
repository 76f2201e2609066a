"""Template filters of the one Vietnamese formatting layer, built into every template.

Django's localisation writes every number with a thousands separator, years too
("năm 2.026"); periods are stored as ids ("2026-12"); some stored texts carry the English
decimal point ("86.96%"). These filters write them as a Vietnamese reader expects, with the
engine's rules (chiso.engine.periods, chiso.engine.numbers):

    {{ r.year|year }}             → 2026
    {{ period_id|period }}        → tháng 12/2026, quý IV/2026, năm 2026
    {{ value_text|vi_text }}      → 86,96% (20/23)
    {{ rule.kind|rule_name }}     → Theo từng mức đạt được
"""

from __future__ import annotations

from django import template

from chiso.engine.numbers import vietnamese_decimals
from chiso.engine.periods import Period, period_words
from chiso.engine.rule_names import rule_name as scoring_rule_name

register = template.Library()


@register.filter
def year(value: object) -> str:
    """A year as it is written: 2026, never 2.026."""
    return "" if value is None else str(value)


@register.filter
def period(value: object) -> str:
    """A period in words, to follow "kỳ" or stand in a sentence: «tháng 12/2026», «năm 2026».

    A value that is not a period is shown as it is.
    """
    if value is None or value == "":
        return ""
    return period_words(value.id if isinstance(value, Period) else str(value))


@register.filter
def vi_text(value: object) -> str:
    """A stored text with its English-style decimals written the Vietnamese way (86,96%)."""
    return "" if value is None else vietnamese_decimals(str(value))


@register.filter
def rule_name(kind: object) -> str:
    """A scoring rule's kind in words: «linear» → «Tỷ lệ theo giá trị: …»."""
    return scoring_rule_name(str(kind or ""))
