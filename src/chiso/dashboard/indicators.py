"""An indicator's figures for its page: every value over the periods, and by unit.

Values come from two places: the documents loaded as data (``observations.DataValue``) and the
periodic reports units enter (``collection.EnteredValue``). Entered values show only to users
who may view the unit, or once the DX office has approved them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

from chiso.accounts.permissions import unit_ids_for
from chiso.collection.models import EnteredValue, SubmissionStatus
from chiso.frameworks.models import Indicator
from chiso.observations.models import DataValue
from chiso.opendata.catalogue import describe_source, entered_text
from chiso.orgunits.lineage import predecessors_of
from chiso.orgunits.models import OrgUnit


@dataclass(frozen=True)
class Reading:
    """One value of the indicator for a unit and period, with where it comes from."""

    unit: OrgUnit | None
    period_id: str
    text: str
    number: Decimal | None
    origin: str
    source: str
    evidence: str = ""
    evidence_url: str = ""


def readings(indicator: Indicator, user) -> list[Reading]:
    """Every value of the indicator the user may see, by period then unit."""
    found = [Reading(r.unit, r.period_id, r.raw, r.number, r.get_kind_display(),
                     describe_source(r.source or r.dataset.source))
             for r in DataValue.objects.filter(indicator=indicator).select_related("unit", "dataset")]
    visible = unit_ids_for(user, "view")
    for v in (EnteredValue.objects.filter(item__indicator=indicator)
              .select_related("submission__unit", "submission__form")):
        submission = v.submission
        if submission.status != SubmissionStatus.APPROVED and submission.unit_id not in visible:
            continue
        found.append(Reading(
            submission.unit, submission.period_id, entered_text(v), v.number,
            f"Báo cáo định kỳ — {submission.get_status_display().lower()}",
            submission.form.name if submission.form else "Báo cáo định kỳ",
            evidence=v.evidence_ref, evidence_url=(reverse("collection:evidence", args=[submission.pk, v.pk])
                          if v.evidence_file else "")))
    return sorted(found, key=lambda r: (r.period_id, r.unit.code if r.unit else ""))


def periods(found: list[Reading]) -> list[str]:
    return sorted({r.period_id for r in found})


def chart_series(found: list[Reading]) -> dict:
    """Numeric values per unit over the periods, as chart.js reads them."""
    labels = periods(found)
    by_unit: dict[str, dict[str, float]] = {}
    for r in found:
        if r.number is not None:
            by_unit.setdefault(r.unit.name if r.unit else "Chưa rõ đơn vị", {})[r.period_id] = float(r.number)
    return {"labels": labels, "datasets": [
        {"label": name, "data": [values.get(p) for p in labels]} for name, values in by_unit.items()]}


@dataclass(frozen=True)
class UnitRow:
    unit: OrgUnit
    reading: Reading | None
    has_children: bool
    former: bool = False


SORTS = {
    "ten": lambda row: row.unit.name,
    "gia-tri": lambda row: (row.reading is None or row.reading.number is None,
                            -(row.reading.number or 0) if row.reading else 0),
}


def by_unit(found: list[Reading], period_id: str, parent: OrgUnit | None,
            sort: str = "ten") -> list[UnitRow]:
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
            result.append(UnitRow(former, at_period.get(former.pk),
                                  OrgUnit.objects.filter(parent=former).exists(), former=True))
    # Former units without a successor in view still show, so no value disappears.
    for u in units:
        if u.pk not in placed:
            result.append(UnitRow(u, at_period.get(u.pk), u.pk in has_children, former=True))
    return result
