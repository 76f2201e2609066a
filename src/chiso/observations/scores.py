"""DTI scores of a unit and period from what the database holds.

In order: the points the source publishes per pillar (Bảng 1, Bảng 2); for a merged province
without its own, the average of its former provinces' main indices (the ministry's 2025 rule);
otherwise the score computed from the stored sub-indicator values.
"""

from __future__ import annotations

import json
from decimal import Decimal

from chiso.engine.scoring import (
    FrameworkScore,
    IndicatorScore,
    ScoreInput,
    ScoreKind,
    merged_score,
    score_framework,
    score_from_pillars,
)
from chiso.engine.values import KIND_PREFERENCE, kinds_read, pick, read_value, score_kind_of


class ScoreNotFound(Exception):
    pass


# code → (stored definition as text, engine framework). Validating a definition costs a few
# milliseconds and pages ask for the framework once per score shown, so each worker keeps the
# result until the stored definition changes (a reload with `chiso load`).
_ENGINE_FRAMEWORKS: dict[str, tuple[str, object]] = {}


def engine_framework(code: str):
    """The engine's framework ``code`` as stored in the database, else as bundled."""
    from chiso.frameworks.models import Framework

    return engine_framework_of(code, Framework.objects.filter(code=code).values_list("definition", flat=True).first())


def engine_framework_of(code: str, definition: dict | None):
    """The engine's framework ``code`` from its stored ``definition`` (as bundled without one)."""
    from chiso.datafiles import load_framework
    from chiso.datafiles.reading import stored_framework

    if not definition:
        return load_framework(code)
    text = json.dumps(definition, sort_keys=True, default=str)
    cached = _ENGINE_FRAMEWORKS.get(code)
    if cached is None or cached[0] != text:
        cached = _ENGINE_FRAMEWORKS[code] = (text, stored_framework(definition))
    return cached[1]


def unit_score(framework_code: str, unit_code: str, period_id: str, kind: str | None = None) -> FrameworkScore:
    """The score of one unit for one period, by the module's order of sources."""
    from chiso.orgunits.lineage import predecessors_of
    from chiso.orgunits.models import OrgUnit

    framework = engine_framework(framework_code)
    unit = OrgUnit.objects.filter(code=unit_code).first()
    if unit is None:
        raise ScoreNotFound(f"không có đơn vị mã «{unit_code}»")
    kinds = (kind,) if kind else KIND_PREFERENCE
    for k in kinds:
        score = _from_pillars(framework, unit, period_id, k)
        if score is not None:
            return score
    former = [_first(framework, u, period_id, kinds) for u in predecessors_of(unit)]
    if former and all(s is not None for s in former):
        return merged_score(former)
    for k in kinds:
        score = _from_values(framework, unit, period_id, k)
        if score is not None:
            return score
    raise ScoreNotFound(
        f"chưa có điểm hay số liệu của «{unit.name}» kỳ {period_id} "
        f"trong bộ chỉ số {framework_code}" + (f" (loại {kind})" if kind else "")
    )


def _first(framework, unit, period_id, kinds):
    return next((s for k in kinds if (s := _from_pillars(framework, unit, period_id, k))), None)


def _from_pillars(framework, unit, period_id: str, kind: str) -> FrameworkScore | None:
    from chiso.observations.models import IndicatorPoints, PillarPoints

    rows = PillarPoints.objects.filter(
        group__framework__code=framework.id, unit=unit, period_id=period_id, kind=kind
    ).select_related("group")
    points = {r.group.code: r.points for r in rows}
    if len(points) != len(framework.groups):
        return None
    score = score_from_pillars(framework, points, ScoreKind(kind))
    subs = tuple(
        IndicatorScore(
            code=p.indicator.code,
            points=p.points,
            max_points=p.max_points_printed or p.indicator.max_points or Decimal(0),
            provisional=p.provisional,
            note=p.note,
        )
        for p in IndicatorPoints.objects.filter(
            indicator__framework__code=framework.id, unit=unit, period_id=period_id, kind=kind
        ).select_related("indicator")
    )
    return FrameworkScore(score.framework, score.pillars, subs, score.kind)


def _from_values(framework, unit, period_id: str, kind: str) -> FrameworkScore | None:
    from chiso.observations.models import DataValue

    rows = DataValue.objects.filter(
        indicator__framework__code=framework.id, unit=unit, period_id=period_id, kind__in=kinds_read(kind)
    ).select_related("indicator")
    if not rows:
        return None
    locale = framework.locale
    given = {
        code: ScoreInput(
            value=read_value(r.raw, locale), inputs={k: read_value(v, locale) for k, v in (r.inputs or {}).items()}
        )
        for code, r in pick(((r.indicator.code, r.kind, r) for r in rows), kind).items()
    }
    return score_framework(framework, given, kind=ScoreKind(score_kind_of(kind)))
