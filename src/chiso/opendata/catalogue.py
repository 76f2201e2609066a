"""Which values are open data, and what the public is told about each.

Two kinds of value are published, nothing else:

* values a unit entered in a periodic report whose submission the DX office **approved**
  (``collection.Submission.status == "approved"``): drafts, submitted-but-unreviewed and
  returned reports never appear;
* values transcribed from official documents that were already published (the seed reports
  and plans loaded as ``observations.DataValue`` of kind ``reported`` or ``published``). The
  office's own self-assessments and projections (kinds ``self_assessed``, ``projected``,
  ``appraised``) are working figures, not open data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from chiso.collection.models import EnteredValue, SubmissionStatus
from chiso.frameworks.models import Framework, Indicator
from chiso.observations.models import DataValue, ValueKind

PUBLISHED_DOCUMENT_KINDS = (ValueKind.REPORTED, ValueKind.PUBLISHED)
ORIGIN_DOCUMENT = "van_ban_da_cong_bo"
ORIGIN_SUBMISSION = "bao_cao_da_duyet"
ORIGIN_LABELS = {
    ORIGIN_DOCUMENT: "Văn bản đã công bố",
    ORIGIN_SUBMISSION: "Báo cáo định kỳ đã được Sở phê duyệt",
}


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


def describe_source(source: dict | None) -> str:
    """A record's source in words, e.g. "000_f89b3f5186a6b6d5.txt, Phụ lục I, STT 1, dòng 587"."""
    source = source or {}
    parts = [source.get("file", "")]
    for key, label in (("appendix", ""), ("table", ""), ("section", "mục "), ("row", "STT "),
                       ("line", "dòng ")):
        if source.get(key) not in (None, ""):
            parts.append(f"{label}{source[key]}")
    return ", ".join(p for p in parts if p)


def metadata(indicator: Indicator) -> IndicatorMetadata:
    return IndicatorMetadata(
        code=indicator.code, name=indicator.name, measure=indicator.get_measure_display(),
        definition=" ".join(x for x in (indicator.name, indicator.note) if x),
        legal_basis=indicator.framework.legal_basis or indicator.framework.name)


def open_values(framework: Framework, period_id: str) -> list[OpenValue]:
    """Every open value of ``framework`` for ``period_id``, in indicator then unit order."""
    rows = _document_values(framework, period_id) + _approved_values(framework, period_id)
    order = {code: i for i, code in enumerate(
        framework.indicators.order_by("position").values_list("code", flat=True))}
    return sorted(rows, key=lambda v: (order.get(v.indicator_code, 0), v.unit_code, v.origin))


def _document_values(framework: Framework, period_id: str) -> list[OpenValue]:
    rows = (DataValue.objects
            .filter(indicator__framework=framework, period_id=period_id,
                    kind__in=PUBLISHED_DOCUMENT_KINDS)
            .select_related("indicator", "unit", "dataset"))
    return [OpenValue(
        indicator_code=r.indicator.code, unit_code=r.unit.code if r.unit else "",
        unit_name=r.unit.name if r.unit else "Chưa rõ đơn vị", period_id=r.period_id,
        value=r.raw, number="" if r.number is None else _plain(r.number),
        origin=ORIGIN_DOCUMENT, source=describe_source(r.source or r.dataset.source),
        updated_at=r.dataset.loaded_at) for r in rows]


def _approved_values(framework: Framework, period_id: str) -> list[OpenValue]:
    rows = (EnteredValue.objects
            .filter(item__indicator__framework=framework, submission__period_id=period_id,
                    submission__status=SubmissionStatus.APPROVED)
            .select_related("item__indicator", "submission__unit", "submission__form"))
    return [OpenValue(
        indicator_code=r.item.indicator.code, unit_code=r.submission.unit.code,
        unit_name=r.submission.unit.name, period_id=r.submission.period_id,
        value=entered_text(r), number="" if r.number is None else _plain(r.number),
        origin=ORIGIN_SUBMISSION, source=_submission_source(r),
        updated_at=max(t for t in (r.updated_at, r.submission.reviewed_at) if t is not None))
        for r in rows if entered_text(r)]


def entered_text(value: EnteredValue) -> str:
    """An entered value as the report writes it ("3.662/4.393 (83,36%)", "Có"), else as typed."""
    from chiso.collection.entry import display

    return display(value) or value.raw


def _submission_source(value: EnteredValue) -> str:
    submission = value.submission
    form = submission.form.name if submission.form else "Báo cáo định kỳ"
    document = f", văn bản {submission.document}" if submission.document else ""
    return f"{form} của {submission.unit.name}, kỳ {submission.period_id}{document}"


def _plain(number) -> str:
    """A stored decimal without trailing zeros, dot decimals (machine-readable)."""
    text = format(number.normalize(), "f")
    return text


def published_periods() -> list[tuple[Framework, list[str]]]:
    """Frameworks with at least one open value, each with its periods (latest first)."""
    found: dict[int, set[str]] = {}
    for fw_id, period in (DataValue.objects.filter(kind__in=PUBLISHED_DOCUMENT_KINDS)
                          .values_list("indicator__framework_id", "period_id").distinct()):
        found.setdefault(fw_id, set()).add(period)
    for fw_id, period in (EnteredValue.objects
                          .filter(submission__status=SubmissionStatus.APPROVED)
                          .values_list("item__indicator__framework_id", "submission__period_id")
                          .distinct()):
        found.setdefault(fw_id, set()).add(period)
    frameworks = Framework.objects.filter(pk__in=found).order_by("name")
    return [(fw, sorted(found[fw.pk], reverse=True)) for fw in frameworks]
