"""What the overview (Tổng quan) shows: the province's DTI position and this period's work.

Each function answers one question a leader asks and returns plain values; `summary` asks
them all for one province and the view only puts the answers on the page. Leaders keep the
overview open and reload it, so a province's summary is made at most once every
``CHISO_OVERVIEW_SECONDS`` (`recent_summary`); the page says when it was made.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from chiso.collection import freshness
from chiso.collection.models import Submission
from chiso.engine.evaluation import Status
from chiso.engine.periods import TIMELINESS_LABELS, today
from chiso.engine.scoring import FrameworkScore, ScoreKind
from chiso.engine.values import Origin
from chiso.frameworks.models import Framework, Indicator
from chiso.observations import stored_scores
from chiso.observations.models import DataValue, IndicatorPoints, PillarPoints, TotalPoints, Verdict, WrittenEvaluation
from chiso.observations.readings import entered_verdicts, figures
from chiso.observations.scores import ScoreNotFound, unit_score
from chiso.orgunits.lineage import predecessors_of, successors_of
from chiso.orgunits.models import OrgUnit

DTI_CODE = "dti-tinh-2025"


@dataclass(frozen=True)
class DtiPosition:
    """One point of the DTI trend: a period, who scored it, the total, index and rank."""

    unit: OrgUnit
    period_id: str
    kind: str
    score: FrameworkScore
    rank: str
    merged: bool = False  # the average of the former provinces' main indices (2025 rule)

    @property
    def kind_label(self) -> str:
        return ScoreKind(self.kind).label


@dataclass(frozen=True)
class Loss:
    indicator: Indicator
    unit: OrgUnit | None
    period_id: str
    points: Decimal
    max_points: Decimal
    provisional: bool

    @property
    def lost(self) -> Decimal:
        return self.max_points - self.points


def province(on: datetime.date | None = None) -> OrgUnit | None:
    """The province the system serves: the top-level province unit active today."""
    on = on or today()
    candidates = OrgUnit.objects.filter(type=OrgUnit.Type.TINH, parent__isnull=True).order_by("code")
    return next((u for u in candidates if u.is_active_on(on)), candidates.first())


def province_of(user, on: datetime.date | None = None) -> OrgUnit | None:
    """The province whose overview ``user`` sees: the one above the unit of their first grant
    (today's province if that one was merged), else the province the system serves.

    A database may hold several provinces (the ministry's, or a bench): a Sở of Cần Thơ sees
    Cần Thơ's reports, never another province's list of late units.
    """
    on = on or today()
    grant = user.grants.select_related("unit").order_by("pk").first() if user.is_authenticated else None
    top = grant.unit if grant else None
    while top is not None and top.parent_id is not None:
        top = top.parent
    if top is None or top.type != OrgUnit.Type.TINH:
        return province(on)
    if not top.is_active_on(on):
        top = next(iter(successors_of(top, on)), top)
    return top


def dti_trend(unit: OrgUnit, framework_code: str = DTI_CODE) -> list[DtiPosition]:
    """The unit's DTI by period and kind, oldest first; a merged province's former years are
    the average of its former provinces (the ministry's 2025 rule)."""
    units = [unit, *predecessors_of(unit)]
    keys = set(
        PillarPoints.objects.filter(unit__in=units, group__framework__code=framework_code).values_list(
            "period_id", "kind"
        )
    )
    keys |= set(TotalPoints.objects.filter(unit=unit, framework__code=framework_code).values_list("period_id", "kind"))
    positions = []
    for period_id, kind in sorted(keys):
        # The kept score (stored_scores keeps it current); scored here only if none is kept.
        kept = stored_scores.kept(framework_code, unit.pk, period_id, kind)
        if kept is not None:
            score, merged = kept.score, kept.merged
        else:
            try:
                score = unit_score(framework_code, unit.code, period_id, kind)
            except ScoreNotFound:
                continue
            merged = not score.sub_indicators
        printed = TotalPoints.objects.filter(unit=unit, period_id=period_id, kind=kind).first()
        place = None if printed and printed.rank else stored_scores.place_of(unit, framework_code, period_id, kind)
        rank = printed.rank if printed and printed.rank else (place.text if place else "")
        positions.append(DtiPosition(unit, period_id, kind, score, rank, merged))
    return positions


def latest_published(trend: list[DtiPosition]) -> DtiPosition | None:
    published = [p for p in trend if p.kind == ScoreKind.PUBLISHED]
    return published[-1] if published else None


def biggest_losses(unit: OrgUnit, period_id: str, limit: int = 10, framework_code: str = DTI_CODE) -> list[Loss]:
    """Sub-indicators losing the most points in a period, for the unit or its former units."""
    rows = IndicatorPoints.objects.filter(
        unit__in=[unit, *predecessors_of(unit)], period_id=period_id, indicator__framework__code=framework_code
    ).select_related("indicator", "unit")
    losses = [
        Loss(
            r.indicator,
            r.unit,
            r.period_id,
            r.points,
            r.max_points_printed or r.indicator.max_points or Decimal(0),
            r.provisional,
        )
        for r in rows
    ]
    return sorted((x for x in losses if x.lost > 0), key=lambda x: -x.lost)[:limit]


@dataclass(frozen=True)
class OffTarget:
    """An indicator below its target: as the office wrote it, or judged from an approved report."""

    indicator: object
    unit: OrgUnit | None
    target_period_id: str
    reason: str = ""
    label: str = "Chưa đạt"


def _in_scope(queryset, field: str, unit_ids: set[int] | None, or_no_unit: bool = False):
    """The rows of the units in ``unit_ids`` (all rows when None); ``or_no_unit`` keeps the rows
    recorded for no unit (a plan's own figures)."""
    if unit_ids is None:
        return queryset
    condition = Q(**{f"{field}__in": list(unit_ids)})
    return queryset.filter(condition | Q(**{f"{field}__isnull": True}) if or_no_unit else condition)


def _latest_approved_period(unit_ids: set[int] | None) -> str | None:
    approved = Submission.objects.filter(status="approved", form__isnull=False)
    return _in_scope(approved, "unit_id", unit_ids).order_by("-period_id").values_list("period_id", flat=True).first()


def off_target(unit_ids: set[int] | None = None, limit: int = 15) -> tuple[str, list[OffTarget]]:
    """The latest period's indicators below target, with that period, for the units in
    ``unit_ids`` (a province's reach, see `accounts.permissions.reach_of`; None: every unit).

    Written evaluations ("Chưa đạt" in a published report) count as written; figures from
    approved reports entered in chiso are evaluated against their year's target by the engine.
    """
    written = _in_scope(WrittenEvaluation.objects.all(), "unit_id", unit_ids, or_no_unit=True)
    written_latest = written.order_by("-period_id").values_list("period_id", flat=True).first()
    latest = max([p for p in [written_latest, _latest_approved_period(unit_ids)] if p], default=None)
    if latest is None:
        return "", []
    rows = [
        OffTarget(e.indicator, e.unit, e.target_period_id)
        for e in written.filter(period_id=latest, status=Verdict.NOT_MET)
        .select_related("indicator__framework", "unit")
        .order_by("indicator__framework", "indicator__position")
    ]
    rows += _rolled_up_below_target(latest, unit_ids)
    return latest, (rows + _entered_below_target(latest, limit - len(rows), unit_ids))[:limit]


def _rolled_up_below_target(period_id: str, unit_ids: set[int] | None) -> list[OffTarget]:
    """The provinces' figures made from approved reports (see `province_month`) that are below
    their target: the block beside them must not say "none" while they say «Chưa đạt»."""
    rolled_up = DataValue.objects.filter(period_id=period_id, rollup__isnull=False)
    provinces = OrgUnit.objects.filter(pk__in=_in_scope(rolled_up, "unit_id", unit_ids).values("unit_id"))
    return [
        OffTarget(f.indicator, f.unit, f.target_period_id, f.verdict.reason)
        for f in figures(units=provinces, periods=[period_id], origins=[Origin.ROLLED_UP])
        if f.verdict is not None and f.verdict.status is Status.NOT_MET
    ]


def _entered_below_target(period_id: str, limit: int, unit_ids: set[int] | None = None) -> list[OffTarget]:
    """Approved entered figures of the period below their target, judged by the one read path
    (`observations.readings.entered_verdicts`: plain values, each distinct figure judged once).
    Indicators and units are fetched only for what is shown."""
    if limit <= 0:
        return []
    found = []
    for verdict in entered_verdicts(period_id, unit_ids):
        if verdict.evaluation is not None and verdict.evaluation.status is Status.NOT_MET:
            found.append(verdict)
            if len(found) >= limit:
                break
    indicators = (
        Indicator.objects.select_related("framework")
        .defer("framework__definition")
        .in_bulk({v.indicator_id for v in found})
    )
    units = OrgUnit.objects.in_bulk({v.unit_id for v in found})
    return [
        OffTarget(indicators[v.indicator_id], units[v.unit_id], v.target_period_id, v.evaluation.reason) for v in found
    ]


@dataclass(frozen=True)
class SubmissionRound:
    period_id: str
    counts: dict[str, int]
    pending: list[tuple[Submission, str]]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def pending_count(self) -> int:
        return self.counts["late"] + self.counts["missing"] + self.counts["returned"]


def current_submissions(unit_ids: set[int] | None = None, shown: int = 20) -> SubmissionRound | None:
    """The latest reporting period of the units in ``unit_ids`` (None: every unit): how many
    sent on time, late, or not at all, and the first ``shown`` not on time (the tracker lists
    them all).

    Judged from plain dates: a ministry-wide period has thousands of reports.
    """
    from chiso.collection.models import timeliness_of

    reports = _in_scope(Submission.objects.all(), "unit_id", unit_ids)
    latest = reports.order_by("-period_id").values_list("period_id", flat=True).first()
    if latest is None:
        return None
    rows = reports.filter(period_id=latest).values_list("pk", "document_date", "received_at", "deadline", "status")
    judged = {pk: timeliness_of(*dates) for pk, *dates in rows}
    counts = Counter(judged.values())
    first = (
        Submission.objects.filter(pk__in=[pk for pk, t in judged.items() if t != "on_time"])
        .select_related("unit")
        .order_by("unit__name")[:shown]
    )
    return SubmissionRound(latest, {k: counts.get(k, 0) for k in TIMELINESS_LABELS}, [(s, judged[s.pk]) for s in first])


def overdue_tasks(now: datetime.datetime, limit: int = 10) -> tuple[int, list]:
    """Open tasks past their deadline at ``now`` (midnight in Vietnam), and the first few."""
    from chiso.tasks.models import CLOSED_STATUSES, Task

    open_tasks = Task.objects.exclude(status__in=CLOSED_STATUSES).prefetch_related("lead_units")
    overdue = [t for t in open_tasks if t.overdue_at(now)]
    return len(overdue), overdue[:limit]


def dti_framework() -> Framework | None:
    return Framework.objects.filter(code=DTI_CODE).defer("definition").first()


@dataclass(frozen=True)
class ProvinceSummary:
    """Every answer the overview shows for one province, as they stood at ``made_at``."""

    province: OrgUnit
    trend: list[DtiPosition]
    former: list[list[DtiPosition]]
    losses: list[Loss]
    off_period: str
    off_target: list[OffTarget]
    submissions: SubmissionRound | None
    overdue_count: int
    overdue: list
    made_at: datetime.datetime

    @property
    def latest(self) -> DtiPosition | None:
        return latest_published(self.trend)


def summary(province: OrgUnit, now: datetime.datetime) -> ProvinceSummary:
    """Ask every question of the overview for ``province`` and the units it reaches."""
    from chiso.accounts.permissions import reach_of

    scope = reach_of(province)
    trend = dti_trend(province)
    latest = latest_published(trend)
    off_period, off = off_target(scope)
    overdue_count, overdue = overdue_tasks(now)
    return ProvinceSummary(
        province=province,
        trend=trend,
        former=[dti_trend(u) for u in predecessors_of(province)],
        losses=biggest_losses(province, latest.period_id) if latest else [],
        off_period=off_period,
        off_target=off,
        submissions=current_submissions(scope),
        overdue_count=overdue_count,
        overdue=overdue,
        made_at=now,
    )


def recent_summary(province: OrgUnit, now: datetime.datetime, seconds: int) -> ProvinceSummary:
    """`summary` of ``province``, reused for ``seconds`` (0: made afresh every time).

    At a ministry's scale a summary costs ~0.1 s of CPU; 50 leaders reloading every few
    seconds asked two cores for more than they have, and every view waited (docs/performance.md
    (e)). The cache is Django's (files in the data folder, or Redis shared by every app server).
    An approval is shown at once: the key holds the province's figures mark
    (`chiso.collection.freshness`), which changes whenever its figures are made again.
    """
    if seconds <= 0:
        return summary(province, now)
    from django.core.cache import cache

    key = f"chiso:overview:{province.pk}:{freshness.mark(province.pk)}"
    return cache.get_or_set(key, lambda: summary(province, now), seconds)
