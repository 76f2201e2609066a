"""Scores and evaluations of every unit at once: one query per period, the engine in memory.

`observations.scores.unit_score` answers for one unit with a few queries; for the ministry's
4,000 units that is tens of thousands of round trips. Here the values of a whole period are
read in one query, grouped by unit and scored with :func:`chiso.engine.scoring.score_framework`
— the same rules and the same value reading as the per-unit path (a test holds them equal), so
this is only a faster route to the same numbers. Units without values for the period are left
out, as `unit_score` reports them "chưa có số liệu".
"""

from __future__ import annotations

import gc
import json
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.db import connections
from django.db.models import TextField
from django.db.models.functions import Cast

from chiso.engine.evaluation import Evaluation
from chiso.engine.scoring import (
    ZERO,
    FrameworkScore,
    IndicatorScore,
    IndicatorScorer,
    PillarScore,
    ScoreInput,
    ScoreKind,
    Value,
)
from chiso.engine.targets import INCREASE_BY, MAINTAIN
from chiso.engine.values import (
    judge,
    keep,
    kinds_read,
    previous_period,
    read_target,
    read_value,
    score_kind_of,
)


@contextmanager
def cycle_collection_paused():
    """Pause Python's cycle collector while hundreds of thousands of small results are made.

    Scores and evaluations hold no reference cycles, yet every 700 new objects the collector
    walks them all: a quarter of a national period's time (2.3 s → 1.8 s). Reference counting
    still frees everything; the collector runs again afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def score_units(
    framework, period_ids: Iterable[str], kind: str = "self_assessed", unit_ids: Iterable[int] | None = None
) -> dict[tuple[int, str], FrameworkScore]:
    """The score of every unit with values, by (unit id, period), from one query.

    ``framework`` is the engine framework (``observations.scores.engine_framework(code)``).
    As in the per-unit path, a self-assessment also reads "reported" values; when a unit has
    both for a sub-indicator the self-assessed one wins.
    """
    scores = score_units_by_kind(framework, period_ids, (kind,), unit_ids)
    return {(unit_id, period_id): score for (unit_id, period_id, _), score in scores.items()}


def score_units_by_kind(
    framework,
    period_ids: Iterable[str],
    kinds: Iterable[str],
    unit_ids: Iterable[int] | None = None,
    scorer: _Scorer | None = None,
) -> dict[tuple[int, str, str], FrameworkScore]:
    """The score of every unit with values for each of ``kinds``, by (unit id, period, kind),
    from one query. A ``scorer`` (:func:`scorer_of`) shared by several calls scores an equal
    value once for all."""
    scorer = scorer or _Scorer(framework)
    with cycle_collection_paused():
        given, score_kinds = _given(framework, period_ids, tuple(kinds), unit_ids)
        return {key: scorer.score(values, score_kinds[key[2]]) for key, values in given.items()}


def pillar_scores_by_kind(
    framework,
    period_ids: Iterable[str],
    kinds: Iterable[str],
    unit_ids: Iterable[int] | None = None,
    scorer: _Scorer | None = None,
) -> dict[tuple[int, str, str], FrameworkScore]:
    """As :func:`score_units_by_kind`, the pillars and total only (no sub-indicator scores):
    what the kept scores (`observations.stored_scores`) hold, made without building 47
    sub-indicator results per unit. Each pillar is the same sum of the same points."""
    scorer = scorer or _Scorer(framework)
    with cycle_collection_paused():
        given, score_kinds = _given(framework, period_ids, tuple(kinds), unit_ids)
        return {key: scorer.pillars(values, score_kinds[key[2]]) for key, values in given.items()}


def scorer_of(framework) -> _Scorer:
    """A memory of the framework's sub-indicator scores for several calls of one job."""
    return _Scorer(framework)


def _given(
    framework, period_ids: Iterable[str], kinds: tuple[str, ...], unit_ids: Iterable[int] | None
) -> tuple[dict[tuple[int, str, str], dict[str, tuple]], dict[str, ScoreKind]]:
    """The figures that count for each score, by (unit id, period, kind) then sub-indicator
    code, as (raw text, inputs as JSON text); and the kind of score each kind makes."""
    from chiso.frameworks.models import Indicator
    from chiso.observations.models import DataValue

    # Which scores a stored kind feeds: a "reported" value feeds the self-assessment.
    feeds: dict[str, list[str]] = defaultdict(list)
    for kind in kinds:
        for read in kinds_read(kind):
            feeds[read].append(kind)
    rows = DataValue.objects.filter(period_id__in=list(period_ids), kind__in=sorted(feeds), unit__isnull=False)
    if unit_ids is None:
        # The whole country: the framework's indicators named by id, so the 190,000 rows of a
        # period come without a join and their codes are looked up here.
        codes = dict(Indicator.objects.filter(framework__code=framework.id).values_list("id", "code"))
        rows, indicator = rows.filter(indicator_id__in=list(codes)), "indicator_id"
    else:
        # A few units (an approval): one query less, the code comes with each row.
        codes = {}
        rows = rows.filter(indicator__framework__code=framework.id, unit_id__in=list(unit_ids))
        indicator = "indicator__code"
    # Inputs come as JSON text: nine values in ten have none, and decoding 190,000 empty
    # objects cost more than scoring them; the scorer decodes each distinct text once.
    rows = rows.annotate(inputs_text=Cast("inputs", TextField()))
    given: dict[tuple[int, str, str], dict[str, tuple]] = defaultdict(dict)
    code_of = codes.get
    for unit_id, period_id, indicator_id, raw, inputs, value_kind in _plain_rows(
        rows.values_list("unit_id", "period_id", indicator, "raw", "inputs_text", "kind")
    ):
        for kind in feeds[value_kind]:
            keep(given[unit_id, period_id, kind], code_of(indicator_id, indicator_id), value_kind, (raw, inputs), kind)
    return given, {kind: ScoreKind(score_kind_of(kind)) for kind in kinds}


def _plain_rows(queryset, batch: int = 20_000):
    """The rows of a ``values_list`` query as the driver returns them.

    The ORM's per-row conversion is a third of the read time at 190,000 rows, and these
    columns (ids, text) need none; the SQL is still the ORM's.
    """
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(batch):
            yield from chunk


def _inputs(text: str | None) -> dict:
    return json.loads(text) if text and text not in ("{}", "null") else {}


class _Scorer:
    """`score_framework` with a memory: scoring is pure, so a sub-indicator's equal raw value and
    inputs (every "Có", every "Trưởng ban", …) are scored once per run, not once per unit. Each
    sub-indicator's rule is bound once (`engine.scoring.IndicatorScorer`)."""

    def __init__(self, framework):
        self.framework = framework
        self.locale = framework.locale
        self.scorers = {i.code: IndicatorScorer(i) for i in framework.indicators}
        self.groups = [(g, [i.code for i in g.indicators], g.max_points or ZERO) for g in framework.groups]
        self.done: dict[tuple, IndicatorScore] = {}
        # code → (raw, inputs) → points, for the pillars alone
        self.points_of: dict[str, dict[tuple | None, Decimal]] = {code: {} for code in self.scorers}

    def _read(self, given: tuple) -> tuple[Value, dict[str, Value]]:
        locale, text = self.locale, given[1]
        if not text or text in ("{}", "null"):  # nine values in ten have no inputs
            return read_value(given[0], locale), {}
        return read_value(given[0], locale), {k: read_value(v, locale) for k, v in sorted(_inputs(text).items())}

    def indicator(self, code: str, given: tuple | None) -> IndicatorScore:
        key = (code, given)
        if key not in self.done:
            self.done[key] = self.scorers[code](None if given is None else ScoreInput(*self._read(given)))
        return self.done[key]

    def points(self, code: str, given: tuple | None) -> Decimal:
        known = self.points_of[code]
        if given not in known:
            known[given] = ZERO if given is None else self.scorers[code].points(*self._read(given))
        return known[given]

    def score(self, values: dict[str, tuple], kind: ScoreKind) -> FrameworkScore:
        subs, pillars, done = [], [], self.done
        for group, codes, max_points in self.groups:
            scores = []
            for code in codes:
                key = (code, values.get(code))
                scores.append(done[key] if key in done else self.indicator(*key))
            subs.extend(scores)
            pillars.append(PillarScore(group.code, group.name, sum((s.points for s in scores), ZERO), max_points))
        return FrameworkScore(self.framework.id, tuple(pillars), tuple(subs), kind)

    def pillars(self, values: dict[str, tuple], kind: ScoreKind) -> FrameworkScore:
        """The pillars of :meth:`score`, each the same sum, without the sub-indicators."""
        pillars, points_of = [], self.points_of
        for group, codes, max_points in self.groups:
            total = ZERO
            for code in codes:
                given = values.get(code)
                known = points_of[code].get(given)
                total += known if known is not None else self.points(code, given)
            pillars.append(PillarScore(group.code, group.name, total, max_points))
        return FrameworkScore(self.framework.id, tuple(pillars), (), kind)


@dataclass(frozen=True)
class UnitEvaluation:
    unit_id: int
    period_id: str
    indicator_code: str
    evaluation: Evaluation


def evaluate_periods(
    framework, period_ids: Iterable[str], target_period: str, statuses: Iterable[str] = ("approved",)
) -> list[UnitEvaluation]:
    """Judge every unit's entered values of ``period_ids`` against the framework's target.

    Reads the values of the period's submissions in ``statuses`` (approved by default: only
    figures the DX office accepted count) in one query; a target judged against last period's
    figure ("Duy trì", "Phấn đấu tăng …") also reads the periods before, as the pages do.
    """
    from chiso.observations.readings import fields_value

    period_ids = list(period_ids)
    targets = {}
    for indicator in framework.indicators:
        spec = indicator.target_for(target_period)
        if spec is not None:
            targets[indicator.code] = spec.target.text
    compared = {
        code for code, text in targets.items() if read_target(text, framework.locale).kind in (MAINTAIN, INCREASE_BY)
    }
    before = _previous_fields(framework, period_ids, statuses, compared)

    value = fields_value
    judged: dict[tuple, Evaluation] = {}  # judging is pure: equal figures get the same judgement
    out = []
    with cycle_collection_paused():
        for unit_id, period, code, *fields in _entered_fields(framework, period_ids, statuses):
            if code not in targets:
                continue
            previous = before.get((unit_id, code, previous_period(period))) if code in compared else None
            key = (code, *fields, previous)
            if key not in judged:
                judged[key] = judge(
                    value(fields), targets[code], framework.locale, previous=value(previous) if previous else None
                )
            out.append(UnitEvaluation(unit_id, period, code, judged[key]))
    return out


def _entered_fields(framework, period_ids: list[str], statuses: Iterable[str]):
    """(unit id, period, indicator code, the entered fields…) of the periods' reports in ``statuses``.

    Indicators without a target are skipped by the caller, not in SQL: PostgreSQL estimated a
    list of codes to match one row and read all 976,224 monthly values of the country through
    their form items (2 s) instead of starting from the period's reports (0.07 s).
    """
    from chiso.observations.readings import entered_model

    return (
        entered_model()
        .objects.filter(
            submission__period_id__in=period_ids,
            submission__status__in=list(statuses),
            item__indicator__framework__code=framework.id,
        )
        .values_list(
            "submission__unit_id",
            "submission__period_id",
            "item__indicator__code",
            "number",
            "numerator",
            "denominator",
            "yes_no",
            "text",
            "item__unit_label",
            "item__indicator__measure",
        )
        .iterator(chunk_size=20_000)
    )


def _previous_fields(framework, period_ids: list[str], statuses, codes: set[str]) -> dict[tuple, tuple]:
    """(unit id, code, period) → entered fields of the periods just before ``period_ids``, for the
    indicators in ``codes`` (read only when some target needs them)."""
    wanted = {p for p in map(previous_period, period_ids) if p}
    if not codes or not wanted:
        return {}
    return {
        (unit_id, code, period): tuple(fields)
        for unit_id, period, code, *fields in _entered_fields(framework, sorted(wanted), statuses)
        if code in codes
    }
