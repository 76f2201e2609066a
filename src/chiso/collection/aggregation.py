"""Province figures of a form and period, from the values of approved submissions.

Only approved submissions count: a draft or a returned report is not yet a figure the office
stands behind. Each indicator is combined by its ``aggregation`` rule
(:mod:`chiso.engine.aggregation`). A unit merged away (e.g. Sở Nông nghiệp và PTNT and Sở Tài
nguyên và Môi trường into Sở Nông nghiệp và Môi trường on 1/3/2025) rolls into the unit that
carries it on today, by the lineage, so the per-unit breakdown lists units as they are now.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from chiso.collection.models import EnteredValue, ReportForm, SubmissionStatus
from chiso.engine.aggregation import ENTERED, NONE, RULE_LABELS, Aggregate, UnitFigure, aggregate, default_rule
from chiso.engine.numbers import format_number
from chiso.engine.periods import today
from chiso.orgunits.lineage import successors_of
from chiso.orgunits.models import OrgUnit

SCALES = {"percent": Decimal(100), "per_100": Decimal(100), "per_1000": Decimal(1000)}


@dataclass
class CarrierFigure:
    """A unit as it is now, with the figures of the former units it carries on."""

    code: str
    name: str
    aggregate: Aggregate
    display: str
    former: list[str] = field(default_factory=list)


@dataclass
class ProvinceFigure:
    code: str
    name: str
    rule: str
    aggregate: Aggregate
    display: str
    by_unit: list[CarrierFigure]

    @property
    def rule_label(self) -> str:
        return RULE_LABELS.get(self.rule, self.rule)


def rule_of(item) -> str:
    """The rule the item's indicator declares, else the unambiguous default."""
    indicator = item.indicator
    if indicator.aggregation and indicator.aggregation != NONE:
        return indicator.aggregation
    return default_rule(indicator.measure, item.input_type == "fraction")


def carrier_of(unit: OrgUnit, on: datetime.date) -> OrgUnit:
    """The unit that carries ``unit`` on ``on``: itself while it exists, else its one
    successor; a unit split into several keeps its own figures (no share can be guessed)."""
    if unit.is_active_on(on):
        return unit
    found = successors_of(unit, on=on)
    return found[0] if len(found) == 1 else unit


def unit_figure(value: EnteredValue, unit_code: str, scale: Decimal) -> UnitFigure:
    """An entered value as the engine's figure; a fraction also gives its percentage.

    A unit's yes/no is also one unit of a share: «Có» counts 1/1, «Không» 0/1, so a ratio of a
    yes/no item ("Mỗi ngành thực hiện ít nhất 01 lĩnh vực", target 100%) is the share of units
    that say yes.
    """
    number, numerator, denominator = value.number, value.numerator, value.denominator
    if number is None and numerator is not None and denominator:
        number = numerator / denominator * scale
    if numerator is None and value.yes_no is not None:
        numerator, denominator = Decimal(int(value.yes_no)), Decimal(1)
    return UnitFigure(unit_code, number=number, numerator=numerator, denominator=denominator, yes_no=value.yes_no)


def show(result: Aggregate, measure: str) -> str:
    """The figure as a Vietnamese report writes it: "83,40%", "1.250", "Có"."""
    if isinstance(result.value, bool):
        return "Có" if result.value else "Không"
    if result.value is None:
        return "—"
    text = format_number(round(result.value, 2))
    return f"{text}%" if measure == "percent" else text


def approved_values(form: ReportForm, period_id: str, unit_ids: set[int] | None = None):
    """Entered values of the form's approved submissions for the period."""
    qs = EnteredValue.objects.filter(
        submission__form=form,
        submission__period_id=period_id,
        submission__status=SubmissionStatus.APPROVED,
    ).select_related("submission__unit", "item__indicator")
    if unit_ids is not None:
        qs = qs.filter(submission__unit_id__in=unit_ids)
    return qs


def province_figures(
    form: ReportForm, period_id: str, unit_ids: set[int] | None = None, on: datetime.date | None = None
) -> list[ProvinceFigure]:
    """One province figure per item of ``form``, with the breakdown by carrying unit."""
    on = on or today()
    by_item: dict[int, list[EnteredValue]] = defaultdict(list)
    for value in approved_values(form, period_id, unit_ids):
        by_item[value.item_id].append(value)
    carriers: dict[int, OrgUnit] = {}
    result = []
    for item in form.items.select_related("indicator").order_by("position"):
        indicator = item.indicator
        rule = rule_of(item)
        scale = SCALES.get(indicator.measure, Decimal(1))
        groups: dict[int, list[tuple[OrgUnit, EnteredValue]]] = defaultdict(list)
        for value in by_item.get(item.pk, []):
            unit = value.submission.unit
            if rule == ENTERED and unit.type != OrgUnit.Type.TINH:
                continue  # entered at the province's level: a unit's own entry is not the province's
            carrier = carriers.setdefault(unit.pk, carrier_of(unit, on))
            groups[carrier.pk].append((unit, value))
        figures = [unit_figure(v, u.code, scale) for pairs in groups.values() for u, v in pairs]
        overall = aggregate(rule, figures, scale)
        result.append(
            ProvinceFigure(
                indicator.code,
                indicator.name,
                rule,
                overall,
                show(overall, indicator.measure),
                _by_carrier(groups, carriers, rule, scale, indicator.measure),
            )
        )
    return result


def _by_carrier(groups, carriers, rule, scale, measure) -> list[CarrierFigure]:
    rows = []
    by_pk = {c.pk: c for c in carriers.values()}
    for carrier_pk, pairs in groups.items():
        carrier = by_pk[carrier_pk]
        combined = aggregate(rule, [unit_figure(v, u.code, scale) for u, v in pairs], scale)
        former = sorted({u.name for u, _ in pairs if u.pk != carrier_pk})
        rows.append(CarrierFigure(carrier.code, carrier.name, combined, show(combined, measure), former))
    return sorted(rows, key=lambda r: r.name)
