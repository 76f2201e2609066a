"""Which values are open data, and what the public is told about each.

Two kinds of value are published, nothing else:

* values a unit entered in a periodic report whose submission the DX office **approved**
  (``collection.Submission.status == "approved"``): drafts, submitted-but-unreviewed and
  returned reports never appear;
* values transcribed from official documents that were already published (the seed reports
  and plans loaded as ``observations.DataValue`` of kind ``reported`` or ``published``). The
  office's own self-assessments and projections (kinds ``self_assessed``, ``projected``,
  ``appraised``) are working figures, not open data.

The rule itself lives in `observations.readings` (``public=True``), which every reader shares;
this module says what the public is told about each value.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from chiso.engine.numbers import vietnamese_decimals
from chiso.engine.values import Origin
from chiso.frameworks.models import Framework, Indicator
from chiso.observations.readings import Figure, figure_periods, figures

# Machine-readable origins (open data users filter on them) and their words.
ORIGIN_DOCUMENT = "van_ban_da_cong_bo"
ORIGIN_SUBMISSION = "bao_cao_da_duyet"
ORIGIN_ROLLUP = "tong_hop_tu_bao_cao_da_duyet"
ORIGIN_LABELS = {
    ORIGIN_DOCUMENT: "Văn bản đã công bố",
    ORIGIN_SUBMISSION: "Báo cáo định kỳ đã được Sở phê duyệt",
    ORIGIN_ROLLUP: "Tổng hợp từ báo cáo định kỳ đã được Sở phê duyệt",
}
_OPEN_ORIGIN = {Origin.TRANSCRIBED: ORIGIN_DOCUMENT, Origin.ENTERED: ORIGIN_SUBMISSION, Origin.ROLLED_UP: ORIGIN_ROLLUP}


@dataclass(frozen=True)
class IndicatorMetadata:
    """What a reader needs to understand a figure: its definition and how it is measured."""

    code: str
    name: str
    measure: str
    definition: str
    legal_basis: str


@dataclass(frozen=True)
class OpenValue:
    indicator_code: str
    unit_code: str
    unit_name: str
    period_id: str
    value: str
    number: str
    origin: str
    source: str
    updated_at: datetime.datetime
    target: str = ""
    evaluation: str = ""


def metadata(indicator: Indicator) -> IndicatorMetadata:
    return IndicatorMetadata(
        code=indicator.code,
        name=indicator.name,
        measure=indicator.get_measure_display(),
        # The indicator's note is the transcriber's note on the source text, not a definition.
        definition=indicator.name,
        legal_basis=indicator.framework.legal_basis or indicator.framework.name,
    )


def open_values(framework: Framework, period_id: str) -> list[OpenValue]:
    """Every open value of ``framework`` for ``period_id``, in indicator then unit order, with
    the target that applies and its evaluation."""
    rows = [_open(f) for f in figures(framework=framework.code, periods=[period_id], public=True)]
    order = {code: i for i, code in enumerate(framework.indicators.order_by("position").values_list("code", flat=True))}
    return sorted(rows, key=lambda v: (order.get(v.indicator_code, 0), v.unit_code, v.origin))


def _open(f: Figure) -> OpenValue:
    return OpenValue(
        indicator_code=f.indicator.code,
        unit_code=f.unit.code if f.unit else "",
        unit_name=f.unit.name if f.unit else "Chưa rõ đơn vị",
        period_id=f.period_id,
        value=vietnamese_decimals(f.text),
        number="" if f.number is None else _plain(f.number),
        origin=_OPEN_ORIGIN[f.origin],
        source=f.source,
        updated_at=f.updated_at,
        target=f.target_text,
        evaluation=f.verdict_label,
    )


def _plain(number) -> str:
    """A stored decimal without trailing zeros, dot decimals (machine-readable)."""
    text = format(number.normalize(), "f")
    return text


def published_periods() -> list[tuple[Framework, list[str]]]:
    """Frameworks with at least one open value, each with its periods (latest first)."""
    found = figure_periods(public=True)
    frameworks = Framework.objects.filter(pk__in=found).order_by("name")
    return [(fw, sorted(found[fw.pk], reverse=True)) for fw in frameworks]
