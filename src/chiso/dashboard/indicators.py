"""An indicator's figures for its page: every value over the periods, and by unit.

Figures come through `observations.readings`, which reads the documents loaded as data and the
periodic reports units enter: entered figures show only to users who may view the unit, or once
the DX office has approved them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from chiso.engine.values import Origin
from chiso.frameworks.models import Indicator
from chiso.observations.readings import Figure, figures
from chiso.orgunits.lineage import predecessors_of
from chiso.orgunits.models import OrgUnit


def readings(indicator: Indicator, user) -> list[Figure]:
    """Every figure of the indicator the user may see, by period then unit."""
    found = figures(indicators=[indicator], viewer=user, judged=False)
    return sorted(found, key=lambda r: (r.period_id, r.unit.code if r.unit else ""))


@dataclass(frozen=True)
class Evidence:
    unit: OrgUnit
    period_id: str
    text: str
    url: str


def evidence_of(found: list[Figure]) -> list[Evidence]:
    """The evidence units attached to their entered figures (a document reference, a file)."""
    out = []
    for f in found:
        v = f.record
        if f.origin is Origin.ENTERED and (v.evidence_ref or v.evidence_file):
            out.append(
                Evidence(
                    f.unit,
                    f.period_id,
                    v.evidence_ref,
                    reverse("collection:evidence", args=[v.submission_id, v.pk]) if v.evidence_file else "",
                )
            )
    return out


def periods(found: list[Figure]) -> list[str]:
    return sorted({r.period_id for r in found})


def chart_series(found: list[Figure]) -> dict:
    """Numeric values per unit over the periods, as chart.js reads them."""
    labels = periods(found)
    by_unit: dict[str, dict[str, float]] = {}
    for r in found:
        if r.number is not None:
            by_unit.setdefault(r.unit.name if r.unit else "Chưa rõ đơn vị", {})[r.period_id] = float(r.number)
    return {
        "labels": labels,
        "datasets": [{"label": name, "data": [values.get(p) for p in labels]} for name, values in by_unit.items()],
    }


@dataclass(frozen=True)
class UnitRow:
    unit: OrgUnit
    reading: Figure | None
    has_children: bool
    former: bool = False


SORTS = {
    "ten": lambda row: row.unit.name,
    "gia-tri": lambda row: (
        row.reading is None or row.reading.number is None,
        -(row.reading.number or 0) if row.reading else 0,
    ),
}


def by_unit(found: list[Figure], period_id: str, parent: OrgUnit | None, sort: str = "ten") -> list[UnitRow]:
    """The units one level below ``parent`` (top-level units without one), each followed by
    the former units it succeeded, with their value in ``period_id``."""
    at_period = {r.unit.pk: r for r in found if r.period_id == period_id and r.unit}
    units = OrgUnit.objects.filter(parent=parent) if parent else OrgUnit.objects.filter(parent__isnull=True)
    shown = [u for u in units if u.valid_to is None]
    has_children = set(OrgUnit.objects.filter(parent__in=units).values_list("parent_id", flat=True))
    rows = [UnitRow(u, at_period.get(u.pk), u.pk in has_children) for u in shown]
    rows.sort(key=SORTS.get(sort, SORTS["ten"]))
    result = []
    placed = {u.pk for u in shown}
    for row in rows:
        result.append(row)
        for former in predecessors_of(row.unit):
            placed.add(former.pk)
            result.append(
                UnitRow(former, at_period.get(former.pk), OrgUnit.objects.filter(parent=former).exists(), former=True)
            )
    # Former units without a successor in view still show, so no value disappears.
    for u in units:
        if u.pk not in placed:
            result.append(UnitRow(u, at_period.get(u.pk), u.pk in has_children, former=True))
    return result
