"""Each unit's DTI score kept in the database (``UnitScore``), updated when its inputs change.

A score is made by the same rules as `observations.scores.unit_score`, per kind (published,
appraised, self-assessed, projected) and in the same order of sources: the points published
per pillar, then for a merged province the average of its former provinces, then the
sub-indicator values, scored by the engine (`bulk_scores`). Besides those, a DTI round's
appraisal or published points entered by the office (``RoundPoints``) make the province's
appraised or published score of the round's year, pillar by pillar, as the round's scoreboard
adds them.

Two ways in:
- :func:`refresh` after one unit's inputs changed (an approval rolled up into the province's
  figures, an appraisal): only that unit's rows, and those of the units it was merged into,
  are written; every other row keeps its ``computed_at``;
- :func:`rebuild` for recovery (``chiso scores rebuild``) and after a load: every row of the
  periods is made again from one read of all of them, and written in one transaction.

Rankings (:func:`ranking`, :func:`place_of`) read the kept totals, never score again.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from django.db import models, transaction
from django.db.models import Count, Max, Q, Subquery
from django.utils import timezone

from chiso.engine.scoring import (
    ZERO,
    FrameworkScore,
    PillarScore,
    ScoreKind,
    merged_score,
    rank,
    score_from_pillars,
)
from chiso.engine.values import KIND_PREFERENCE

Progress = Callable[[int, int], None]
Key = tuple[int, str, str]  # unit id, period, kind

SOURCE_ORDER = ("pillars", "merged", "round", "values")
FOUR_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Made:
    """A score as it will be kept: whose, of which period and kind, and how it was made."""

    unit_id: int
    period_id: str
    kind: str
    source: str
    score: FrameworkScore


@dataclass(frozen=True)
class Rebuilt:
    """What a rebuild wrote: rows per framework, and the periods it covered."""

    rows: int
    periods: list[str]
    frameworks: list[str]


@dataclass(frozen=True)
class Place:
    """A unit's place in a ranking of kept totals: 2/34 (equal totals share a place)."""

    unit_id: int
    points: Decimal
    rank: int
    of: int

    @property
    def text(self) -> str:
        return f"{self.rank}/{self.of}"


# --- making scores -----------------------------------------------------------------------------


def _round_points():
    """The points entered in a DTI round, by app label: the assessment app sits above this one
    (as `readings.entered_model` reads the collection's figures)."""
    from django.apps import apps

    return apps.get_model("assessment", "RoundPoints")


def dti_framework_codes(codes: Iterable[str] | None = None) -> list[str]:
    """The DTI frameworks in the database (all, or those of ``codes`` that are DTI)."""
    from chiso.frameworks.models import Framework

    rows = Framework.objects.filter(kind=Framework.Kind.DTI)
    if codes is not None:
        rows = rows.filter(code__in=list(codes))
    return sorted(rows.values_list("code", flat=True))


def version_of(framework_code: str) -> str:
    """A short fingerprint of the stored definition: rows made under another one are stale."""
    from chiso.frameworks.models import Framework

    definition = Framework.objects.filter(code=framework_code).values_list("definition", flat=True).first()
    return _fingerprint(definition)


def _fingerprint(definition: dict | None) -> str:
    text = json.dumps(definition or {}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Definition:
    """A DTI framework as a score is made under it: its row, its fingerprint
    (:func:`version_of`) and the engine's framework."""

    framework_id: int
    code: str
    version: str
    framework: object


# (framework id, the database's digest of the stored definition) → Definition. An approval
# asks for the framework each time; reading and fingerprinting its definition (47
# sub-indicators with their notes) cost more than scoring the unit, so the database's digest of
# the text is read instead and the rest is made again only when the definition changes.
_DEFINITIONS: dict[tuple[int, str], Definition] = {}


def definitions(framework_ids: Iterable[int] | None = None, codes: Iterable[str] | None = None) -> list[Definition]:
    """The DTI frameworks among ``framework_ids`` (or ``codes``), by code, from one query."""
    from django.db.models import TextField
    from django.db.models.functions import MD5, Cast

    from chiso.frameworks.models import Framework
    from chiso.observations.scores import engine_framework_of

    rows = Framework.objects.filter(kind=Framework.Kind.DTI)
    if framework_ids is not None:
        rows = rows.filter(pk__in=list(framework_ids))
    if codes is not None:
        rows = rows.filter(code__in=list(codes))
    found = []
    for pk, code, digest in rows.annotate(digest=MD5(Cast("definition", TextField()))).values_list(
        "pk", "code", "digest"
    ):
        known = _DEFINITIONS.get((pk, digest))
        if known is None or known.code != code:
            if len(_DEFINITIONS) > 64:
                _DEFINITIONS.clear()
            definition = Framework.objects.values_list("definition", flat=True).get(pk=pk)
            known = _DEFINITIONS[pk, digest] = Definition(
                pk, code, _fingerprint(definition), engine_framework_of(code, definition)
            )
        found.append(known)
    return sorted(found, key=lambda d: d.code)


def _pointed_periods(framework_code: str) -> set[str]:
    """The periods with points published per pillar or a round (not the values': finding those
    reads every value of the framework, a second of PostgreSQL's time nationally)."""
    from chiso.observations.models import PillarPoints

    periods = set(
        PillarPoints.objects.filter(group__framework__code=framework_code)
        .order_by()
        .values_list("period_id", flat=True)
        .distinct()
    )
    periods |= {
        str(year)
        for year in _round_points()
        .objects.filter(round__framework__code=framework_code)
        .values_list("round__year", flat=True)
        .distinct()
    }
    return periods


def make(
    framework_code: str,
    period_ids: Iterable[str] | None,
    unit_ids: Iterable[int] | None = None,
    scorer=None,
    framework=None,
) -> list[Made]:
    """Every score of ``framework_code`` in ``period_ids`` (of ``unit_ids`` only, if given),
    one per unit, period and kind, from the first source that has it (every period when
    ``period_ids`` is None, all read in one pass); ``scorer``
    (`bulk_scores.scorer_of`) lets the periods of one rebuild share their sub-indicator scores;
    ``framework`` is the engine's framework when the caller has it (:class:`Definition`)."""
    from chiso.observations.bulk_scores import pillar_scores_by_kind
    from chiso.observations.scores import engine_framework

    framework = framework or engine_framework(framework_code)
    periods = None if period_ids is None else list(period_ids)
    units = None if unit_ids is None else list(unit_ids)
    made: dict[Key, Made] = {}

    def add(key: Key, source: str, score: FrameworkScore) -> None:
        if key not in made:
            made[key] = Made(key[0], key[1], key[2], source, score)

    published = _pillar_scores(framework, periods, units)
    for key, score in published.items():
        add(key, "pillars", score)
    for key, score in _merged_scores(framework, periods, units).items():
        add(key, "merged", score)
    for key, score in _round_scores(framework, periods, units).items():
        add(key, "round", score)
    for key, score in pillar_scores_by_kind(framework, periods, KIND_PREFERENCE, units, scorer).items():
        add(key, "values", score)
    return list(made.values())


def _pillar_scores(framework, periods: list[str] | None, units: list[int] | None) -> dict[Key, FrameworkScore]:
    """Scores known per pillar, as `scores._from_pillars` takes them: every pillar present."""
    from chiso.observations.models import PillarPoints

    rows = PillarPoints.objects.filter(group__framework__code=framework.id)
    if periods is not None:
        rows = rows.filter(period_id__in=periods)
    if units is not None:
        rows = rows.filter(unit_id__in=units)
    points: dict[Key, dict[str, Decimal]] = defaultdict(dict)
    for unit_id, period_id, kind, code, value in rows.values_list(
        "unit_id", "period_id", "kind", "group__code", "points"
    ):
        points[unit_id, period_id, kind][code] = value
    return {
        key: score_from_pillars(framework, given, ScoreKind(key[2]))
        for key, given in points.items()
        if len(given) == len(framework.groups)
    }


def _merged_scores(framework, periods: list[str] | None, units: list[int] | None) -> dict[Key, FrameworkScore]:
    """A merged province's score: the average of its former provinces' published pillars, when
    every former one has them (the ministry's 2025 rule, `scores.unit_score`). The former
    provinces are those `orgunits.lineage.predecessors_of` finds, walked here over the
    lineage's links read in two queries, and their pillars are read in one."""
    merged = _predecessors(units)
    if not merged:
        return {}
    theirs = _pillar_scores(framework, periods, sorted({pk for former in merged.values() for pk in former}))
    out: dict[Key, FrameworkScore] = {}
    if periods is None:
        periods = sorted({key[1] for key in theirs})
    for unit_id, former in merged.items():
        for period_id in periods:
            for kind in KIND_PREFERENCE:
                scores = [s for pk in former if (s := theirs.get((pk, period_id, kind))) is not None]
                if len(scores) == len(former):
                    out[unit_id, period_id, kind] = merged_score(scores)
    return out


def _predecessors(units: list[int] | None) -> dict[int, list[int]]:
    """Each merged unit (of ``units``, if given) → the units it replaced, transitively, each
    once (`orgunits.lineage.predecessors_of`, breadth first, without a query per generation)."""
    from chiso.orgunits.models import LineageEvent

    events_of: dict[int, set[int]] = defaultdict(set)  # successor → its events
    for event_id, unit_id in LineageEvent.successors.through.objects.values_list("lineageevent_id", "orgunit_id"):
        events_of[unit_id].add(event_id)
    before: dict[int, list[int]] = defaultdict(list)  # event → its predecessors
    for event_id, unit_id in LineageEvent.predecessors.through.objects.values_list("lineageevent_id", "orgunit_id"):
        before[event_id].append(unit_id)
    wanted = set(events_of) if units is None else set(events_of).intersection(units)
    out: dict[int, list[int]] = {}
    for unit_id in sorted(wanted):
        seen, found, frontier = {unit_id}, [], [unit_id]
        while frontier:
            reached = [pk for one in frontier for event in sorted(events_of.get(one, ())) for pk in before[event]]
            frontier = []
            for pk in reached:
                if pk not in seen:
                    seen.add(pk)
                    found.append(pk)
                    frontier.append(pk)
        if found:
            out[unit_id] = found
    return out


def _round_scores(framework, periods: list[str] | None, units: list[int] | None) -> dict[Key, FrameworkScore]:
    """The province's appraised or published score of a round's year from the points the
    office entered, each pillar the sum of its sub-indicators' points so far (the scoreboard's
    «Thẩm định» column)."""

    rows = _round_points().objects.filter(round__framework__code=framework.id)
    if periods is not None:
        rows = rows.filter(round__year__in=[int(p) for p in periods if p.isdigit()])
    if units is not None:
        rows = rows.filter(round__province_id__in=units)
    sums: dict[Key, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    group_of = {i.code: g.code for g in framework.groups for i in g.indicators}
    for unit_id, year, kind, code, points in rows.values_list(
        "round__province_id", "round__year", "kind", "indicator__code", "points"
    ):
        if code in group_of:
            sums[unit_id, str(year), kind][group_of[code]] += points
    return {
        key: score_from_pillars(
            framework, {g.code: given.get(g.code, ZERO) for g in framework.groups}, ScoreKind(key[2])
        )
        for key, given in sums.items()
    }


# --- keeping them ------------------------------------------------------------------------------


_COLUMNS = (
    "unit_id",
    "framework_id",
    "period_id",
    "kind",
    "source",
    "points",
    "max_points",
    "pillars",
    "computed_at",
    "inputs_version",
)


def _rows(framework_id: int, made: list[Made], version: str, now) -> list[tuple]:
    """The kept rows as the database takes them, each value adapted as `UnitScore`'s field
    adapts it: a national period is 4,000 rows, and building a model instance per row and
    preparing every field of it cost as much as scoring the period."""
    from django.db import DEFAULT_DB_ALIAS, connections

    from chiso.observations.models import UnitScore

    connection = connections[DEFAULT_DB_ALIAS]
    points_field = cast(models.DecimalField, UnitScore._meta.get_field("points"))
    pillars_field = UnitScore._meta.get_field("pillars")
    at_field = cast(models.DateTimeField, UnitScore._meta.get_field("computed_at"))
    encoder, at = pillars_field.encoder, at_field.get_db_prep_save(now, connection)
    decimal, json_value = connection.ops.adapt_decimalfield_value, connection.ops.adapt_json_value
    digits, places = points_field.max_digits, points_field.decimal_places
    rows = []
    for m in made:
        score = m.score
        rows.append(
            (
                m.unit_id,
                framework_id,
                m.period_id,
                m.kind,
                m.source,
                decimal(score.total.quantize(FOUR_PLACES), digits, places),
                decimal(score.max_points, digits, places),
                json_value({p.code: str(p.points) for p in score.pillars}, encoder),
                at,
                version,
            )
        )
    return rows


def _write(rows: list[tuple], batch: int = 500) -> None:
    """Insert the prepared rows, many per statement (inside the caller's transaction)."""
    from django.db import connection

    from chiso.observations.models import UnitScore

    if not rows:
        return
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(UnitScore._meta.db_table)} ({', '.join(quote(c) for c in _COLUMNS)}) VALUES "
    one = "(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            cursor.execute(head + ", ".join([one] * len(chunk)), [v for row in chunk for v in row])


# PostgreSQL's COPY text format: a backslash, tab or line break inside a field is escaped.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_lines(framework_id: int, made: list[Made], version: str, now: datetime.datetime) -> str:
    """The kept rows as lines of PostgreSQL's COPY text format, each written here as `_rows`
    prepares the row for an INSERT: the total to four places, the pillars as the same JSON."""
    fixed = f"\t{framework_id}\t"
    tail = f"\t{now.isoformat()}\t{version.translate(_COPY_ESCAPES)}\n"
    periods: dict[str, str] = {}
    pillar_json: dict[tuple[str, ...], Callable[[tuple[PillarScore, ...]], str]] = {}
    lines = []
    for m in made:
        score = m.score
        period = periods.get(m.period_id) or periods.setdefault(m.period_id, m.period_id.translate(_COPY_ESCAPES))
        pillars = score.pillars
        codes = tuple([p.code for p in pillars])
        write = pillar_json.get(codes) or pillar_json.setdefault(codes, _pillars_json(codes))
        lines.append(
            f"{m.unit_id}{fixed}{period}\t{m.kind}\t{m.source}\t{score.total.quantize(FOUR_PLACES)}"
            f"\t{score.max_points}\t{write(pillars)}{tail}"
        )
    return "".join(lines)


def _pillars_json(codes: tuple[str, ...]) -> Callable[[tuple[PillarScore, ...]], str]:
    """``json.dumps({p.code: str(p.points) for p in pillars})`` escaped for COPY, for pillars of
    ``codes``, written from a template made once: a national period's 4,000 calls of
    `json.dumps` were half the time of writing its lines. A number's text needs no escape in
    JSON or COPY (digits, sign, point, exponent); the codes are written by `json.dumps` itself.
    Codes given twice (which a framework does not allow) keep `json.dumps`."""
    if len(set(codes)) != len(codes):
        return lambda pillars: json.dumps({p.code: str(p.points) for p in pillars}).translate(_COPY_ESCAPES)
    keys = [json.dumps(code).translate(_COPY_ESCAPES).replace("{", "{{").replace("}", "}}") for code in codes]
    template = "{{" + ", ".join(key + ': "{}"' for key in keys) + "}}"
    return lambda pillars: template.format(*[str(p.points) for p in pillars])


@contextmanager
def _copying():
    """One COPY into the kept scores on PostgreSQL (inside the caller's transaction): one
    period's rows. Yields ``write(text)``; nothing else may use the connection until it ends."""
    from django.db import connection

    from chiso.observations.models import UnitScore

    quote = connection.ops.quote_name
    sql = f"COPY {quote(UnitScore._meta.db_table)} ({', '.join(quote(c) for c in _COLUMNS)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        yield copy.write


def rebuild(
    period_ids: Iterable[str] | None = None,
    progress: Progress | None = None,
    framework_codes: Iterable[str] | None = None,
) -> Rebuilt:
    """Make every kept score of the periods again (all periods with data when None), for every
    DTI framework (or those of ``framework_codes``): a full rebuild, trusting nothing kept. The
    figures of all the periods are read in one pass, and everything is written in one
    transaction, so a reader sees the old rows or the new ones; ``progress(done, total)`` is
    called after each period is written."""
    from django.db import connection

    from chiso.observations.bulk_scores import cycle_collection_paused, scorer_of
    from chiso.observations.models import UnitScore

    found = definitions(codes=framework_codes)
    codes = [d.code for d in found]
    wanted = None if period_ids is None else sorted(set(period_ids))
    copy = connection.vendor == "postgresql"
    done, written, deleted, covered = 0, 0, 0, set()
    with cycle_collection_paused(), transaction.atomic():
        plan = []
        for definition in found:
            made = make(definition.code, wanted, scorer=scorer_of(definition.framework), framework=definition.framework)
            by_period: dict[str, list[Made]] = defaultdict(list)
            for one in made:
                by_period[one.period_id].append(one)
            # Every period: those with a score, and those with points that make none.
            periods = wanted if wanted is not None else sorted(set(by_period) | _pointed_periods(definition.code))
            plan.append((definition, periods, by_period))
        total = sum(len(periods) for _, periods, _ in plan)
        for definition, periods, by_period in plan:
            framework_id, version = definition.framework_id, definition.version
            kept = UnitScore.objects.filter(framework_id=framework_id)
            # Without periods, every row goes: periods no longer holding anything lose theirs too.
            deleted += (kept if wanted is None else kept.filter(period_id__in=periods)).delete()[0]
            now = timezone.now()
            for period_id in periods:
                made = by_period[period_id]
                if copy:
                    if made:
                        # One COPY per period, ended before `progress`: a callback that writes
                        # (a job's progress row) on this connection while a COPY is open would
                        # wait for the COPY forever.
                        with _copying() as write:
                            write(_copy_lines(framework_id, made, version, now))
                else:
                    _write(_rows(framework_id, made, version, now))
                done, written = done + 1, written + len(made)
                covered.add(period_id)
                if progress is not None:
                    progress(done, total)
    if abs(written - deleted) > max(50, deleted // 10):
        _analyze()
    return Rebuilt(written, sorted(covered), codes)


def _analyze() -> None:
    """Fresh statistics after a rebuild changed how many rows are kept by more than a tenth:
    with the old ones PostgreSQL ranked a province's communes in 12–26 ms instead of 4 (as
    `bulk_import` ends with ANALYZE). A rebuild that wrote as many rows as it removed (a
    recovery, the same units and periods) leaves them as they were (an ANALYZE of the table
    is a tenth of a national period's rebuild), and PostgreSQL's own autoanalyze renews them
    after any change of a tenth of the rows."""
    from django.db import connection

    from chiso.observations.models import UnitScore

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {UnitScore._meta.db_table}")


def refresh(framework_code: str, unit_ids: Iterable[int], period_ids: Iterable[str]) -> int:
    """Make the kept scores of ``unit_ids`` in ``period_ids`` again, and of the units they
    were merged into (whose score is their average); no other row is written. Returns the
    number of rows kept."""
    return sum(_refresh(d, unit_ids, period_ids) for d in definitions(codes=[framework_code]))


def _refresh(definition: Definition, unit_ids: Iterable[int], period_ids: Iterable[str]) -> int:
    from chiso.observations.models import UnitScore
    from chiso.orgunits.models import OrgUnit

    units = set(unit_ids)
    units |= set(
        OrgUnit.objects.filter(events_as_successor__predecessors__in=units).values_list("pk", flat=True).distinct()
    )
    periods = sorted(set(period_ids))
    made = make(definition.code, periods, units, framework=definition.framework)
    rows = _rows(definition.framework_id, made, definition.version, timezone.now())
    # No savepoint of its own: the caller's transaction (an approval) is all or nothing.
    with transaction.atomic(savepoint=False):
        UnitScore.objects.filter(
            framework_id=definition.framework_id, unit_id__in=units, period_id__in=periods
        ).delete()
        _write(rows)
    return len(rows)


def values_changed(unit_id: int, period_id: str, framework_ids: Iterable[int]) -> None:
    """Called where a unit's figures were written (an approval rolled up into the province's,
    `observations.rollup.replace`): its scores of the period in the DTI frameworks among
    ``framework_ids`` are made again."""
    ids = set(framework_ids)
    if not ids:
        return
    for definition in definitions(framework_ids=ids):
        _refresh(definition, [unit_id], [period_id])


# --- reading them ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kept:
    """A kept score as pages show it: the score (pillars and total), how it was made, when."""

    score: FrameworkScore
    source: str
    computed_at: datetime.datetime

    @property
    def merged(self) -> bool:
        return self.source == "merged"


def kept(framework_code: str, unit_id: int, period_id: str, kind: str | None = None) -> Kept | None:
    """The kept score of a unit and period: of ``kind``, or, without one, the score
    `scores.unit_score` would give (the first source in its order, kinds by preference).
    None when nothing is kept."""
    from chiso.observations.models import UnitScore
    from chiso.observations.scores import engine_framework

    rows = UnitScore.objects.filter(framework__code=framework_code, unit_id=unit_id, period_id=period_id)
    if kind:
        rows = rows.filter(kind=kind)
    found = list(rows.values_list("kind", "source", "pillars", "computed_at"))
    if not found:
        return None
    chosen_kind, source, pillars, computed_at = min(found, key=lambda r: (SOURCE_ORDER.index(r[1]), _kind_order(r[0])))
    framework = engine_framework(framework_code)
    score = FrameworkScore(
        framework.id,
        tuple(
            PillarScore(g.code, g.name, Decimal(pillars.get(g.code, "0")), g.max_points or ZERO)
            for g in framework.groups
        ),
        (),
        ScoreKind(chosen_kind),
    )
    return Kept(score, source, computed_at)


def kept_score(framework_code: str, unit_id: int, period_id: str, kind: str | None = None) -> FrameworkScore | None:
    """The kept score alone (see :func:`kept`)."""
    found = kept(framework_code, unit_id, period_id, kind)
    return None if found is None else found.score


def _kind_order(kind: str) -> int:
    return KIND_PREFERENCE.index(kind) if kind in KIND_PREFERENCE else len(KIND_PREFERENCE)


def ranking(framework_code: str, period_id: str, kind: str, peers: Q | None = None) -> list[Place]:
    """The kept totals of a period and kind ranked, best first (1, 2, 2, 4); ``peers`` filters
    the units ranked (a ``Q`` on the unit, e.g. the provinces)."""
    from chiso.observations.models import UnitScore

    rows = UnitScore.objects.filter(framework__code=framework_code, period_id=period_id, kind=kind)
    if peers is not None:
        rows = rows.filter(peers)
    totals = dict(rows.order_by("-points").values_list("unit_id", "points"))
    places = rank(totals)
    return [Place(unit_id, points, places[unit_id], len(totals)) for unit_id, points in totals.items()]


def provinces() -> Q:
    """Top-level provinces: the national ranking."""
    return Q(unit__type="tinh", unit__parent__isnull=True)


def peers_of(unit) -> Q:
    """Who a unit is ranked among: provinces nationally, any other unit among the units of
    its type under the same parent."""
    if unit.type == "tinh" and unit.parent_id is None:
        return provinces()
    return Q(unit__type=unit.type, unit__parent_id=unit.parent_id)


def place_of(unit, framework_code: str, period_id: str, kind: str) -> Place | None:
    """A unit's place among its peers by the kept totals (None when it has no kept score):
    one query counting those above it and all of them, not a ranking of everyone."""
    from chiso.observations.models import UnitScore

    rows = UnitScore.objects.filter(framework__code=framework_code, period_id=period_id, kind=kind)
    own = rows.filter(unit=unit).values("points")[:1]
    counts = rows.filter(peers_of(unit)).aggregate(
        own=Max("points", filter=Q(unit=unit)),
        above=Count("pk", filter=Q(points__gt=Subquery(own))),
        of=Count("pk"),
    )
    if counts["own"] is None:
        return None
    return Place(unit.pk, counts["own"], counts["above"] + 1, counts["of"])


@dataclass(frozen=True)
class Standing:
    """Where a unit stands once its score changed: its place among its peers, its province's
    place, and the national ranking of the provinces (best first)."""

    unit: Place | None
    province: Place | None
    national: list[Place]


def standing(unit, framework_code: str, period_id: str, kind: str) -> Standing:
    """:func:`place_of` the unit and its province and :func:`ranking` of the provinces, from
    two queries: a province's place is read off the national ranking (the same count of the
    provinces above it), and a province's own peers are the provinces."""
    national = sorted(ranking(framework_code, period_id, kind, provinces()), key=lambda p: (p.rank, p.unit_id))
    by_unit = {p.unit_id: p for p in national}
    if unit.pk in by_unit:  # the unit is a province
        return Standing(by_unit[unit.pk], by_unit[unit.pk], national)
    own = place_of(unit, framework_code, period_id, kind)
    if unit.parent_id is None or unit.parent_id in by_unit:
        return Standing(own, by_unit.get(unit.parent_id) if unit.parent_id else None, national)
    return Standing(own, place_of(unit.parent, framework_code, period_id, kind), national)


# --- checking them -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """A kept row that differs from the score made now: missing, left over, other points, or
    made under another version of the framework."""

    framework: str
    unit_code: str
    period_id: str
    kind: str
    kept: Decimal | None
    now: Decimal | None
    stale_version: bool = False

    @property
    def text(self) -> str:
        from chiso.engine.numbers import format_number

        where = f"{self.unit_code} kỳ {self.period_id} ({ScoreKind(self.kind).label})"
        if self.kept is None:
            return f"{where}: chưa lưu, tính lại được {format_number(self.now or ZERO, 2)} điểm"
        if self.now is None:
            return f"{where}: đã lưu {format_number(self.kept, 2)} điểm nhưng không còn số liệu để tính"
        if self.stale_version:
            return f"{where}: lưu theo phiên bản bộ chỉ số cũ"
        return f"{where}: đã lưu {format_number(self.kept, 2)}, tính lại được {format_number(self.now, 2)} điểm"


def check(period_ids: Iterable[str] | None = None, framework_codes: Iterable[str] | None = None) -> list[Difference]:
    """Compare every kept row of the periods with the score made now (nothing is written)."""
    from chiso.observations.models import UnitScore
    from chiso.orgunits.models import OrgUnit

    found: list[Difference] = []
    for code in dti_framework_codes(framework_codes):
        periods = sorted(set(period_ids)) if period_ids is not None else None
        version = version_of(code)
        now = {(m.unit_id, m.period_id, m.kind): m for m in make(code, periods)}
        rows = UnitScore.objects.filter(framework__code=code)
        if periods is not None:
            rows = rows.filter(period_id__in=periods)
        kept_rows = {
            (r[0], r[1], r[2]): r[3:]
            for r in rows.values_list("unit_id", "period_id", "kind", "points", "pillars", "inputs_version")
        }
        codes = dict(
            OrgUnit.objects.filter(pk__in={k[0] for k in now} | {k[0] for k in kept_rows}).values_list("pk", "code")
        )
        for key in sorted(set(now) | set(kept_rows), key=lambda k: (k[1], codes[k[0]], k[2])):
            made, row = now.get(key), kept_rows.get(key)
            total = None if made is None else made.score.total
            if row is None or made is None:
                found.append(Difference(code, codes[key[0]], key[1], key[2], row and row[0], total))
            elif row[1] != {p.code: str(p.points) for p in made.score.pillars} or row[2] != version:
                found.append(Difference(code, codes[key[0]], key[1], key[2], row[0], total, row[2] != version))
    return found
