"""How a figure moved between two periods, how far it is from its target, and where its monthly
pace takes it by the year's end — the arithmetic a report's sentences are written from.

The rules, stated once:

* Two figures of the same unit are compared by their difference, in the figure's unit: a
  percentage's change is in percentage points ("tăng 9,84 điểm phần trăm"), a count's in the
  count ("tăng 158"). Figures that differ by less than `TOLERANCE` are the same (reports print two
  decimals). Figures of different units (a percentage and a count) are not compared.
* The year-end outlook is linear: the change per month between an earlier figure (the end of the
  previous year, or an earlier month of the same year) and the latest one, carried on to
  31 December. It is an outlook, not a forecast; the report says so beside it.

>>> from chiso.engine.numbers import parse_quantity
>>> change_words(difference(parse_quantity("64,35%"), parse_quantity("74,51%")))
'giảm 10,16 điểm phần trăm'
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from chiso.engine.evaluation import TOLERANCE
from chiso.engine.numbers import Quantity, format_number

RISE, FALL, SAME = "rise", "fall", "same"


@dataclass(frozen=True)
class Difference:
    """`now` minus `before` in the figures' unit, and its direction."""

    amount: Decimal  # always ≥ 0
    direction: str  # RISE, FALL or SAME
    unit: str  # "%" or ""


def difference(now: Quantity, before: Quantity) -> Difference | None:
    """The change from `before` to `now`; ``None`` when their units differ.

    >>> from chiso.engine.numbers import parse_quantity
    >>> difference(parse_quantity("231"), parse_quantity("73"))
    Difference(amount=Decimal('158'), direction='rise', unit='')
    >>> difference(parse_quantity("100%"), parse_quantity("100,00%")).direction
    'same'
    >>> difference(parse_quantity("50%"), parse_quantity("11")) is None
    True
    """
    if now.unit != before.unit:
        return None
    delta = now.value - before.value
    if abs(delta) < TOLERANCE:
        return Difference(Decimal(0), SAME, now.unit)
    return Difference(abs(delta), RISE if delta > 0 else FALL, now.unit)


def amount_words(amount: Decimal, unit: str) -> str:
    """An amount of change or gap: "9,84 điểm phần trăm", "158".

    >>> amount_words(Decimal("15.650"), "%")
    '15,65 điểm phần trăm'
    """
    text = format_number(amount.quantize(Decimal("0.01")).normalize())
    return f"{text} điểm phần trăm" if unit == "%" else text


def change_words(change: Difference) -> str:
    """ "tăng 9,84 điểm phần trăm", "giảm 2", "không đổi".

    >>> change_words(Difference(Decimal("1.5"), "rise", ""))
    'tăng 1,5'
    """
    if change.direction == SAME:
        return "không đổi"
    verb = "tăng" if change.direction == RISE else "giảm"
    return f"{verb} {amount_words(change.amount, change.unit)}"


@dataclass(frozen=True)
class Outlook:
    """Where the monthly pace takes a figure by 31 December."""

    pace: Decimal  # change per month, signed, in the figure's unit
    projected: Decimal  # the figure expected on 31 December
    months_left: int
    reaches: bool  # the projected figure is at or above the target


def year_end_outlook(
    before: Quantity, before_end: datetime.date, now: Quantity, now_end: datetime.date, target: Decimal
) -> Outlook | None:
    """The linear outlook from two figures (each at the end of its period) to the year's end, for a
    target to be reached or exceeded; ``None`` when the figures cannot be compared or the latest
    one is already the year's end.

    >>> from chiso.engine.numbers import parse_quantity
    >>> o = year_end_outlook(parse_quantity("44,41%"), datetime.date(2023, 12, 31),
    ...                      parse_quantity("61,42%"), datetime.date(2024, 11, 30), Decimal(100))
    >>> (format_number(o.pace, 2), format_number(o.projected, 2), o.months_left, o.reaches)
    ('1,55', '62,97', 1, False)
    """
    months = (now_end.year - before_end.year) * 12 + now_end.month - before_end.month
    months_left = 12 - now_end.month
    if now.unit != before.unit or months <= 0 or months_left <= 0:
        return None
    pace = (now.value - before.value) / months
    projected = now.value + pace * months_left
    return Outlook(pace, projected, months_left, projected >= target - TOLERANCE)
