"""One dataset file's records into the observation models."""

from __future__ import annotations

from chiso.engine.evaluation import status_value
from chiso.engine.values import number_fields


def write_records(dataset, m) -> int:
    from chiso.collection.models import Submission
    from chiso.frameworks.models import Framework, Indicator, IndicatorGroup, Target
    from chiso.observations import models as obs
    from chiso.orgunits.models import OrgUnit

    units = {u.code: u for u in OrgUnit.objects.all()}
    indicators: dict[tuple[str, str], Indicator] = {}
    frameworks: dict[str, Framework] = {}

    def framework(record):
        code = record.framework or m.framework
        if code not in frameworks:
            frameworks[code] = Framework.objects.get(code=code)
        return frameworks[code]

    def indicator(record):
        key = (record.framework or m.framework, record.indicator)
        if key not in indicators:
            indicators[key] = Indicator.objects.get(framework=framework(record), code=record.indicator)
        return indicators[key]

    def common(record):
        return {
            "dataset": dataset,
            "source": record.source or {},
            "provisional": record.provisional,
            "note": record.note or "",
            "original": _text(record.raw),
        }

    rows = 0
    for r in m.values:
        obs.DataValue.objects.create(
            **common(r),
            indicator=indicator(r),
            unit=units.get(r.unit),
            uncertain_unit=r.uncertain_unit,
            period_id=r.period,
            kind=r.kind,
            raw=r.value or "",
            inputs=dict(r.inputs),
            **number_fields(r.value, m.locale),
        )
        rows += 1
    for r in m.evaluations:
        obs.WrittenEvaluation.objects.create(
            **common(r),
            indicator=indicator(r),
            unit=units[r.unit],
            period_id=r.period,
            target_period_id=r.target_period,
            written=r.written or "",
            status=status_value(r.written),
        )
        rows += 1
    for r in m.indicator_points:
        obs.IndicatorPoints.objects.create(
            **common(r),
            indicator=indicator(r),
            unit=units.get(r.unit),
            uncertain_unit=r.uncertain_unit,
            period_id=r.period,
            published_year=r.published_year,
            kind=r.kind,
            points=r.points,
            max_points_printed=r.max_points,
            cause=r.cause or "",
            solution=r.solution or "",
            lead=r.lead or "",
        )
        rows += 1
    for r in m.pillar_points:
        obs.PillarPoints.objects.create(
            **common(r),
            group=IndicatorGroup.objects.get(framework=framework(r), code=r.pillar),
            unit=units[r.unit],
            period_id=r.period,
            published_year=r.published_year,
            kind=r.kind,
            points=r.points,
            rank=r.rank or "",
        )
        rows += 1
    for r in m.totals:
        obs.TotalPoints.objects.create(
            **common(r),
            framework=framework(r),
            unit=units[r.unit],
            period_id=r.period,
            published_year=r.published_year,
            kind=r.kind,
            points=r.points,
            rank=r.rank or "",
        )
        rows += 1
    for r in m.summaries:
        fw_code = r.framework or m.framework
        obs.WrittenSummary.objects.create(
            **common(r),
            framework=framework(r) if fw_code else None,
            unit=units[r.unit],
            period_id=r.period,
            target_period_id=r.target_period or "",
            text=r.text,
            counts=dict(r.counts),
        )
        rows += 1
    for r in m.targets:
        Target.objects.update_or_create(
            indicator=indicator(r),
            period_id=r.period,
            unit=units[r.unit],
            defaults={
                "dataset": dataset,
                "text": r.text,
                "lead": r.lead or "",
                "coordinating": r.coordinating or "",
                "deadline": r.deadline or "",
                "source": r.source or {},
                "provisional": r.provisional,
                "note": r.note or "",
                "original": _text(r.raw),
            },
        )
        rows += 1
    for r in m.submissions:
        received = r.document_date is not None or r.narrative.received or r.appendix.received
        Submission.objects.update_or_create(
            unit=units[r.unit],
            period_id=r.period,
            form=None,
            defaults={
                "status": "submitted" if received else "draft",
                "dataset": dataset,
                "deadline": r.deadline,
                "document_date": r.document_date,
                "on_time_written": r.on_time_written,
                "narrative_received": r.narrative.received,
                "narrative_complete": r.narrative.complete,
                "appendix_received": r.appendix.received,
                "appendix_complete": r.appendix.complete,
                "document": r.document or "",
                "note": r.note or "",
                "source": r.source or {},
                "provisional": r.provisional,
                "original": _text(r.raw),
            },
        )
        rows += 1
    return rows


def _text(raw) -> str:
    if raw is None:
        return ""
    return raw if isinstance(raw, str) else str(raw)
