"""Where a parent's figures made from its units' approved figures are kept.

A province figure of a form and period is stored as an ordinary value of the province
(``DataValue`` of kind "reported") in a dataset of its own, e.g. «Tổng hợp từ báo cáo «Báo cáo
tháng chuyển đổi số» tháng 12/2026», so the report, the pages, the API and open data read it
like any other figure; its ``Rollup`` says which units it covers and which are still missing.
Making the figure is the collection app's job (chiso.collection.rollup); this module only
replaces what a form and period had with what it has now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from chiso.engine.periods import parse_period
from chiso.frameworks.models import Indicator
from chiso.observations import kept_verdicts, stored_scores
from chiso.observations.models import Dataset, DataValue, Rollup, ValueKind
from chiso.orgunits.models import OrgUnit

EXAMPLE_MARK = "số liệu mẫu"


@dataclass(frozen=True)
class ParentFigure:
    """One indicator's figure for the parent, as the report writes it, and its coverage."""

    indicator: Indicator
    raw: str
    rule: str
    number: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    covered: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    example: bool = False

    @property
    def coverage(self) -> str:
        return f"{len(self.covered)}/{len(self.covered) + len(self.missing)} đơn vị"

    @property
    def note(self) -> str:
        """The Ghi chú of the report: "Tổng hợp từ 2/5 đơn vị; chưa có: Sở Tài chính, …"."""
        text = f"Tổng hợp từ {self.coverage}"
        if self.missing:
            text += "; chưa có: " + ", ".join(self.missing)
        return text + (f" ({EXAMPLE_MARK})" if self.example else "")


def dataset_code(form_code: str, period_id: str) -> str:
    return f"tong-hop-{form_code}-{period_id}"[:100]


@transaction.atomic
def replace(
    parent: OrgUnit,
    period_id: str,
    form_code: str,
    form_name: str,
    figures: list[ParentFigure],
    kind: str = ValueKind.REPORTED,
) -> Dataset:
    """The parent's figures of ``form_code`` in ``period_id`` become exactly ``figures``, of
    ``kind``: "reported" for a periodic report, "self_assessed" for a DTI self-assessment round
    (the province's working figures, not yet published)."""
    example = any(f.example for f in figures)
    title = f"Tổng hợp từ báo cáo «{form_name}» {parse_period(period_id).label.lower()}"
    dataset, _ = Dataset.objects.update_or_create(
        code=dataset_code(form_code, period_id),
        defaults={
            "title": title + (f" ({EXAMPLE_MARK})" if example else ""),
            "source": {"rollup": f"{title}, các đơn vị đã được Sở phê duyệt"},
        },
    )
    # One dataset per form and period holds every province's figures: only this parent's go.
    mine = DataValue.objects.filter(dataset=dataset, unit=parent)
    frameworks = {f.indicator.framework_id for f in figures} | set(
        mine.values_list("indicator__framework_id", flat=True)
    )
    mine.delete()
    for f in figures:
        value = DataValue.objects.create(
            dataset=dataset,
            indicator=f.indicator,
            unit=parent,
            period_id=period_id,
            kind=kind,
            raw=f.raw,
            number=f.number,
            numerator=f.numerator,
            denominator=f.denominator,
            note=f.note,
            source={
                "rollup": f"Tổng hợp từ báo cáo «{form_name}» của {f.coverage} đã được Sở phê duyệt"
                + (f" ({EXAMPLE_MARK})" if f.example else "")
            },
        )
        Rollup.objects.create(
            value=value, form_code=form_code, rule=f.rule, covered=f.covered, missing=f.missing, example=f.example
        )
    # The parent's kept DTI score is made of these figures (a DTI round's roll-up).
    stored_scores.values_changed(parent.pk, period_id, frameworks)
    kept_verdicts.values_changed([parent.pk], period_id)  # and these figures' verdicts
    return dataset


def rolled_up(unit_code: str, period_id: str, framework_code: str | None = None):
    """The parent's rolled-up values of a period, with their coverage, in indicator order."""
    rows = (
        DataValue.objects.filter(unit__code=unit_code, period_id=period_id, rollup__isnull=False)
        .select_related("indicator__framework", "unit", "rollup")
        .order_by("indicator__framework__code", "indicator__position")
    )
    if framework_code:
        rows = rows.filter(indicator__framework__code=framework_code)
    return rows
