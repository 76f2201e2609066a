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
from itertools import chain, islice

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import TextField
from django.db.models import Value as Sql
from django.db.models.functions import Cast, NullIf

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
    still frees everything; the collector runs again afterwards. The objects made meanwhile are
    put with the oldest ones first (`gc.freeze`, `gc.unfreeze`): else the first collection
    after the pause walks every one of them at once (a tenth of a second after a national
    period's rebuild).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
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
    period_ids: Iterable[str] | None,
    kinds: Iterable[str],
    unit_ids: Iterable[int] | None = None,
    scorer: _Scorer | None = None,
) -> dict[tuple[int, str, str], FrameworkScore]:
    """As :func:`score_units_by_kind`, the pillars and total only (no sub-indicator scores):
    what the kept scores (`observations.stored_scores`) hold, made without building 47
    sub-indicator results per unit. Each pillar is the same sum of the same points, added in
    the same order; each row's points are looked up as it is read, nothing is grouped first.
    Every period when ``period_ids`` is None."""
    scorer = scorer or _Scorer(framework)
    kinds = tuple(kinds)
    with cycle_collection_paused():
        feeds, by_id, chunks = _query(framework, period_ids, kinds, unit_ids)
        return scorer.pillar_scores(chunks, feeds, by_id, {kind: ScoreKind(score_kind_of(kind)) for kind in kinds})


def scorer_of(framework) -> _Scorer:
    """A memory of the framework's sub-indicator scores for several calls of one job."""
    return _Scorer(framework)


def _given(
    framework, period_ids: Iterable[str], kinds: tuple[str, ...], unit_ids: Iterable[int] | None
) -> tuple[dict[tuple[int, str, str], dict[str, tuple]], dict[str, ScoreKind]]:
    """The figures that count for each score, by (unit id, period, kind) then sub-indicator
    code, as (raw text, inputs as JSON text); and the kind of score each kind makes."""
    feeds, by_id, chunks = _query(framework, period_ids, kinds, unit_ids)
    given: dict[tuple[int, str, str], dict[str, tuple]] = defaultdict(dict)
    code_of = by_id.get
    for unit_id, period_id, indicator_id, raw, inputs, value_kind in chain.from_iterable(chunks):
        for kind in feeds[value_kind]:
            keep(given[unit_id, period_id, kind], code_of(indicator_id, indicator_id), value_kind, (raw, inputs), kind)
    return given, {kind: ScoreKind(score_kind_of(kind)) for kind in kinds}


def _query(
    framework, period_ids: Iterable[str] | None, kinds: tuple[str, ...], unit_ids: Iterable[int] | None
) -> tuple[dict[str, list[str]], dict, Iterable[list[tuple]]]:
    """Which scores each stored kind feeds (a "reported" value feeds the self-assessment), the
    sub-indicator code of each indicator id the rows name (empty when they name the code), and
    the rows in lists (:func:`_row_chunks`): (unit id, period, indicator id or code, raw text,
    inputs as JSON text or None when there are none, kind), read in one query of every period."""
    from chiso.frameworks.models import Indicator
    from chiso.observations.models import DataValue

    feeds: dict[str, list[str]] = defaultdict(list)
    for kind in kinds:
        for read in kinds_read(kind):
            feeds[read].append(kind)
    rows = DataValue.objects.filter(kind__in=sorted(feeds), unit__isnull=False)
    if period_ids is not None:  # else every period
        rows = rows.filter(period_id__in=list(period_ids))
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
    # objects cost more than scoring them; the scorer decodes each distinct text once. No
    # inputs ("{}") come as None, so that a row's figure is its raw text alone.
    rows = rows.annotate(inputs_text=NullIf(Cast("inputs", TextField()), Sql("{}"), output_field=TextField()))
    return (
        dict(feeds),
        codes,
        _row_chunks(rows.values_list("unit_id", "period_id", indicator, "raw", "inputs_text", "kind")),
    )


def _row_chunks(queryset, batch: int = 20_000):
    """The rows of a ``values_list`` query as the driver returns them, in lists of ``batch``.

    The ORM's per-row conversion is a third of the read time at 190,000 rows, and these
    columns (ids, text) need none; the SQL is still the ORM's. On PostgreSQL the rows come in
    chunks as the server sends them (``stream``), not all of them first: the server goes on
    producing and sending while the chunks before are scored, and the client never holds the
    whole result (a national period: 0.39-0.44 s of Python CPU for the rebuild with
    ``fetchmany`` over the whole result, 0.33-0.40 s streamed). The stream's rows are gathered
    into lists here, so that the caller's loop over 190,000 rows resumes no generator per row.
    """
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # no period, no unit asked for
        return
    connection = connections[queryset.db]
    with connection.cursor() as cursor:
        if _streams(connection):
            stream = cursor.cursor.stream(sql, params, size=batch)
            while chunk := list(islice(stream, batch)):
                yield chunk
            return
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(batch):
            yield chunk


def _streams(connection) -> bool:
    """Whether rows can come from PostgreSQL in chunks as it sends them (psycopg's ``stream``
    with a chunk size: libpq 17 or later)."""
    if connection.vendor != "postgresql":
        return False
    import psycopg

    return psycopg.pq.version() >= 170000


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
        # For the pillars alone: each grouped sub-indicator's place, in group order (a group's
        # places are consecutive), and per place raw text (or raw, inputs) → points.
        self.codes = [code for _, codes, _ in self.groups for code in codes]
        self.slot_of = {code: slot for slot, code in enumerate(self.codes)}
        self.bounds, start = [], 0
        for group, codes, max_points in self.groups:
            self.bounds.append((group.code, group.name, start, start + len(codes), max_points))
            start += len(codes)
        # Sub-indicators scored by equal rules of equal maximum give equal points for an equal
        # figure (a rule is bound to its parameters and maximum alone), so they share a memory:
        # seven sub-indicators are "linear to 100 %, out of 10", six are "yes or no, out of 10".
        self.readings: dict[tuple, tuple[Value, dict[str, Value]]] = {}
        shared: dict[tuple[str, str], dict] = {}
        by_code = {i.code: i for i in framework.indicators}
        self.memos: list[dict] = [
            shared.setdefault((repr(by_code[code].rule), str(by_code[code].max_points)), {}) for code in self.codes
        ]

    def _read(self, given: tuple) -> tuple[Value, dict[str, Value]]:
        """A figure's raw text and inputs as the engine reads them, read once a run: a national
        period's 75,000 distinct figures of 47 sub-indicators are 11,000 distinct texts."""
        read = self.readings.get(given)
        if read is None:
            locale, text = self.locale, given[1]
            if not text or text in ("{}", "null"):  # nine values in ten have no inputs
                read = (read_value(given[0], locale), {})
            else:
                read = (
                    read_value(given[0], locale),
                    {k: read_value(v, locale) for k, v in sorted(_inputs(text).items())},
                )
            self.readings[given] = read
        return read

    def indicator(self, code: str, given: tuple | None) -> IndicatorScore:
        key = (code, given)
        if key not in self.done:
            self.done[key] = self.scorers[code](None if given is None else ScoreInput(*self._read(given)))
        return self.done[key]

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

    def pillar_scores(
        self,
        chunks: Iterable[list[tuple]],
        feeds: dict[str, list[str]],
        code_of: dict,
        score_kinds: dict[str, ScoreKind],
    ) -> dict[tuple[int, str, str], FrameworkScore]:
        """The pillars of :meth:`score` for every (unit id, period, kind) the rows of
        :func:`_query` feed, each pillar the same sum in the same order, without the
        sub-indicators: each row's points go straight into its sub-indicator's place.

        A score's own kind wins over a kind it only also reads, as `engine.values.keep` says.
        Rows come a unit at a time, so the unit's places are looked up once per run of rows.
        """
        slots, memos, scorers, read, n = self.slot_of, self.memos, self.scorers, self._read, len(self.codes)
        # Each name of a sub-indicator the rows use → its place and its memory of points, found
        # with one lookup a row.
        named = code_of.items() if code_of else ((code, code) for code in slots)
        place_of = {
            key: (slots[code], memos[slots[code]], scorers[code].points) for key, code in named if code in slots
        }
        kept: dict[tuple[int, str, str], list[Decimal]] = {}
        last_unit, last_period, last_kind = None, None, None
        targets: list[tuple[list[Decimal], bool]] = []
        places: list[Decimal] = []
        own, more = False, targets
        for unit_id, period_id, indicator, raw, inputs, value_kind in chain.from_iterable(chunks):
            found = place_of.get(indicator)
            if found is None:
                continue
            slot, memo, score = found
            key = raw if inputs is None else (raw, inputs)  # no inputs come as None (`_query`)
            points = memo.get(key)
            if points is None:  # points are never None: not scored yet
                points = memo[key] = score(*read((raw, inputs)))
            if unit_id != last_unit or period_id != last_period or value_kind != last_kind:
                last_unit, last_period, last_kind, targets = unit_id, period_id, value_kind, []
                for kind in feeds[value_kind]:
                    found_places = kept.get((unit_id, period_id, kind))
                    if found_places is None:
                        found_places = kept[unit_id, period_id, kind] = [_EMPTY] * n
                    targets.append((found_places, kind == value_kind))
                (places, own), more = targets[0], targets[1:]  # a kind feeds one score, but may feed more
            if own or places[slot] is _EMPTY:
                places[slot] = points
            if more:
                for other, other_own in more:
                    if other_own or other[slot] is _EMPTY:
                        other[slot] = points
        framework_id, bounds = self.framework.id, self.bounds
        # Lists, not generators, inside: 4,000 scores of nine pillars a national period.
        return {
            key: FrameworkScore(
                framework_id,
                tuple([PillarScore(code, name, sum(places[a:b], ZERO), top) for code, name, a, b, top in bounds]),
                (),
                score_kinds[key[2]],
            )
            for key, places in kept.items()
        }


# A sub-indicator without a figure in a score: zero points, as a missing figure scores (an object
# of its own, so that a figure scored zero is still told from no figure).
_EMPTY = Decimal(0)


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
