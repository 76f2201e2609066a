"""The overview's "this month in the province" block: the province's figures made from the units'
approved reports of the latest period that has any, each with its coverage ("3/5 đơn vị"), the
target that applies, last period's figure and the verdict — read through the one read path.
"""

from __future__ import annotations

from dataclasses import dataclass

from chiso.engine.numbers import Quantity, format_quantity
from chiso.engine.periods import parse_period
from chiso.engine.values import Origin, read_value
from chiso.observations.models import DataValue
from chiso.observations.readings import Figure, figures
from chiso.orgunits.models import OrgUnit


@dataclass(frozen=True)
class Row:
    """A figure with its text and last period's written the Vietnamese way ("86,96%" even for
    a DTI sub-indicator, whose framework writes "86.96%")."""

    figure: Figure
    text: str
    previous: str


@dataclass(frozen=True)
class ProvinceMonth:
    period_id: str
    label: str
    rows: list[Row]
    example: bool

    @property
    def coverage(self) -> str:
        """The widest coverage among the rows ("3/5 đơn vị"), for the heading."""
        return max((r.figure.coverage for r in self.rows), key=lambda c: int(c.split("/")[0]), default="")


def vietnamese(text: str, locale: str) -> str:
    if locale == "vi" or not text:
        return text
    quantity = read_value(text, locale)
    return format_quantity(quantity, 2) if isinstance(quantity, Quantity) else text


def latest_rolled_up_period(province: OrgUnit) -> str | None:
    found = set(
        DataValue.objects.filter(unit=province, rollup__isnull=False).values_list("period_id", flat=True).distinct()
    )
    return max(found, key=lambda p: (parse_period(p).end, -len(p)), default=None)


def province_month(province: OrgUnit, period_id: str | None = None) -> ProvinceMonth | None:
    """The province's rolled-up figures of ``period_id`` (default: the latest), or None."""
    period_id = period_id or latest_rolled_up_period(province)
    if period_id is None:
        return None
    rows = [
        Row(
            f,
            vietnamese(f.text, f.indicator.framework.locale),
            vietnamese(f.previous_text, f.indicator.framework.locale),
        )
        for f in figures(units=[province], periods=[period_id], origins=[Origin.ROLLED_UP])
    ]
    example = DataValue.objects.filter(unit=province, period_id=period_id, rollup__example=True).exists()
    return ProvinceMonth(period_id, parse_period(period_id).label, rows, example)
