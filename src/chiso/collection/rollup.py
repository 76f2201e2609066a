"""The province's figures of a form and period, made again each time a report is approved.

Each item is combined by the rule its indicator declares (:mod:`chiso.engine.aggregation`):
a ratio of the summed numerators and denominators, a sum, a mean, all/any, or the province's
own entry. Only approved submissions count. A former unit's figures roll into the unit that
carries it on (Sở Nông nghiệp và PTNT → Sở Nông nghiệp và Môi trường), and the province is the
one above the carrying unit. The result is stored by :mod:`chiso.observations.rollup` with the
units it covers and the ones still missing ("2/5 đơn vị").
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from chiso.collection import freshness
from chiso.collection.aggregation import SCALES, approved_values, carrier_of, rule_of, unit_figure
from chiso.collection.models import FormAssignment, ReportForm, Submission
from chiso.engine.aggregation import ENTERED, NONE, Aggregate, UnitFigure, aggregate
from chiso.engine.numbers import format_number
from chiso.engine.periods import parse_period
from chiso.frameworks.models import Framework
from chiso.observations import kept_verdicts
from chiso.observations import rollup as store
from chiso.observations.models import ValueKind
from chiso.orgunits.models import OrgUnit

# Marks a submission made by `chiso demo` (Submission.source), so its figures say «số liệu mẫu».
EXAMPLE_SOURCE = {"example": True}


def province_of(unit: OrgUnit, on: datetime.date) -> OrgUnit:
    """The province above ``unit`` as it is on ``on`` (a province is its own)."""
    unit = carrier_of(unit, on)
    while unit.type != OrgUnit.Type.TINH and unit.parent_id is not None:
        unit = carrier_of(unit.parent, on)
    return unit


def refresh(form: ReportForm, period_id: str) -> list[store.ParentFigure]:
    """Make the form's province figures of ``period_id`` again and store them."""
    return refresh_periods(form, [period_id])


def refresh_periods(form: ReportForm, period_ids: Iterable[str]) -> list[store.ParentFigure]:
    """Make the form's province figures of each period again and store them: the form, its
    items and units are read once, each period's reports and approved figures as plain rows
    (`chiso synth` rolls up 60 months of 4,000 units' reports this way)."""
    items = list(form.items.select_related("indicator__framework").order_by("position"))
    chosen = _assigned_items(form)
    units: dict[int, OrgUnit] = {}
    touched: dict[int, OrgUnit] = {}
    made = []
    for period_id in period_ids:
        on = parse_period(period_id).end
        expected = list(Submission.objects.filter(form=form, period_id=period_id).values_list("pk", "unit_id"))
        missing_units = {unit_id for _, unit_id in expected} - units.keys()
        units.update(OrgUnit.objects.select_related("parent__parent").in_bulk(missing_units))
        provinces: dict[int, tuple[OrgUnit, list[Expected]]] = {}
        for _, unit_id in expected:
            unit = units[unit_id]
            province = province_of(unit, on)
            provinces.setdefault(province.pk, (province, []))[1].append(Expected(unit_id, unit.code, unit.name))
        entries = _approved_entries(form, period_id, units)
        for province, mine in provinces.values():
            ids = {e.unit_id for e in mine}
            figures = _figures(items, province, mine, [e for e in entries if e.unit_id in ids], chosen)
            store.replace(province, period_id, form.code, form.name, figures, kind_of(form))
            made += figures
        touched.update((p.pk, p) for p, _ in provinces.values())
    freshness.changed(touched.values())
    return made


@dataclass(frozen=True)
class Expected:
    """A unit that owes the form's report of the period."""

    unit_id: int
    unit_code: str
    unit_name: str


@dataclass(frozen=True)
class Entry:
    """An approved figure as the roll-up reads it (a row, not a model: 16,000 a month in synth)."""

    item_id: int
    unit_id: int
    unit_code: str
    unit_name: str
    example: bool
    number: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    yes_no: bool | None
    text: str


def _approved_entries(form: ReportForm, period_id: str, units: dict[int, OrgUnit]) -> list[Entry]:
    rows = approved_values(form, period_id).values_list(
        "item_id", "submission__unit_id", "submission__source", "number", "numerator", "denominator", "yes_no", "text"
    )
    return [
        Entry(
            item_id,
            unit_id,
            units[unit_id].code,
            units[unit_id].name,
            source == EXAMPLE_SOURCE,
            number,
            numerator,
            denominator,
            yes_no,
            text,
        )
        for item_id, unit_id, source, number, numerator, denominator, yes_no, text in rows
    ]


def kind_of(form: ReportForm) -> str:
    """A DTI form's figures are the province's self-assessment; any other form's are reported."""
    framework = form.framework
    return (
        ValueKind.SELF_ASSESSED
        if framework is not None and framework.kind == Framework.Kind.DTI
        else ValueKind.REPORTED
    )


def on_approval_change(submission: Submission) -> None:
    """Called by the workflow after a report is approved or an approved one reopened."""
    if submission.form_id is not None:
        refresh(submission.form, submission.period_id)
    kept_verdicts.values_changed([submission.unit_id], submission.period_id)  # the report's own verdicts


def _figures(items, province, mine: list[Expected], entries: list[Entry], chosen) -> list[store.ParentFigure]:
    values = defaultdict(list)
    for v in entries:
        values[v.item_id].append(v)
    out = []
    for item in items:
        rule = rule_of(item)
        if rule == NONE:
            continue
        owing = [s for s in mine if item.pk in chosen.get(s.unit_id, {item.pk})]
        owing = [s for s in owing if _counts(s.unit_id, item.pk, rule, province, chosen, owing)]
        scale = SCALES.get(item.indicator.measure, Decimal(1))
        given = [v for v in values[item.pk] if _counts(v.unit_id, item.pk, rule, province, chosen, owing)]
        result = aggregate(rule, [_figure(v, scale) for v in given], scale)
        if result.value is None:
            continue
        names = {v.unit_code: v.unit_name for v in given}
        covered = sorted(names[c] for c in result.units)
        missing = sorted(s.unit_name for s in owing if s.unit_code not in result.units)
        example = any(v.example for v in given if v.unit_code in result.units)
        out.append(
            store.ParentFigure(
                indicator=item.indicator,
                raw=written(result, item.indicator),
                rule=rule,
                number=_number(result),
                numerator=result.numerator,
                denominator=result.denominator,
                covered=covered,
                missing=missing,
                example=example,
            )
        )
    return out


def _counts(unit_id: int, item_id: int, rule: str, province, chosen: dict, owing: list) -> bool:
    """Whether a unit's figure takes part in the province's.

    Combined rules take the units', never the province's own. A figure entered at the province's
    level is the province's own entry, or, where the office gave the item to lead agencies (a DTI
    round: «cơ quan chủ trì»), theirs: they enter it on the province's behalf.
    """
    if rule != ENTERED:
        return unit_id != province.pk
    if any(s.unit_id == province.pk for s in owing):
        return unit_id == province.pk
    return item_id in chosen.get(unit_id, set())


def _assigned_items(form) -> dict[int, set[int]]:
    """Units given only some items of the form (a DTI round), with those items."""
    chosen: dict[int, set[int]] = {}
    for unit_id, item_id in FormAssignment.objects.filter(form=form, items__isnull=False).values_list(
        "unit_id", "items"
    ):
        chosen.setdefault(unit_id, set()).add(item_id)
    return chosen


def _figure(value: Entry, scale: Decimal) -> UnitFigure:
    figure = unit_figure(value, value.unit_code, scale)
    if value.text.strip():
        return UnitFigure(
            figure.unit, figure.number, figure.numerator, figure.denominator, figure.yes_no, value.text.strip()
        )
    return figure


def _number(result: Aggregate) -> Decimal | None:
    value = result.value
    if isinstance(value, bool) or not isinstance(value, Decimal):
        return None
    return value.quantize(Decimal("0.000001"))


def written(result: Aggregate, indicator) -> str:
    """The figure as its framework writes numbers: "83,40%" (vi) or "83.4%" (en), "1.250", "Có".

    The framework's locale matters: a value of the DTI (001 writes "59.65%") must read back
    the same way as the transcribed ones beside it.
    """
    value = result.value
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, str):
        return value
    percent = indicator.measure == "percent"
    decimals = 2 if percent or value != value.to_integral_value() else 0
    rounded = round(value, decimals)
    english = indicator.framework.locale == "en"
    text = f"{rounded:.{decimals}f}" if english else format_number(rounded, decimals)
    return text + ("%" if percent else "")
