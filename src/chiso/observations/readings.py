"""The figures of units, indicators and periods: one place that reads both value tables.

chiso keeps figures in two tables: those transcribed from documents (`observations.DataValue`)
and those units enter in their periodic reports (`collection.EnteredValue`). Every page, the
API, open data, the reports and the CLI ask this module, which applies in one place

* who may see which figure (:func:`figures`' ``viewer``, ``public`` and ``approved``):
  the public sees only published documents' figures and approved reports; a signed-in user
  also sees the reports (drafts too) of the units they may view; the office's tools (CLI,
  reports) see everything unless they ask for approved figures only;
* the target that applies (the year's, else the plan's; a unit's own before the framework's),
  the previous period's figure, and the verdict — all by the engine's rules
  (:mod:`chiso.engine.values`), so one figure gets one verdict on every page.

Each call costs a fixed number of queries whatever the number of figures.

The entered table belongs to collection, which sits above this package; it is read here by its
app label (:func:`entered_model` says why), never by importing collection.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import F, Q, QuerySet

from chiso.engine.evaluation import Evaluation
from chiso.engine.numbers import format_number
from chiso.engine.periods import period_words
from chiso.engine.targets import INCREASE_BY, MAINTAIN
from chiso.engine.values import (
    YES_NO_TEXT,
    Origin,
    Value,
    applicable_target,
    entered_value,
    judge,
    previous_period,
    read_target,
    read_value,
)
from chiso.frameworks.models import Framework, Indicator, Target
from chiso.observations.models import DataValue, ValueKind
from chiso.observations.source_documents import document_title
from chiso.orgunits.models import OrgUnit

# Documents already published: the only transcribed figures that are open data. Self-
# assessments, appraisals and projections are the office's working figures.
PUBLIC_KINDS = (ValueKind.REPORTED, ValueKind.PUBLISHED)
APPROVED = "approved"


@dataclass(frozen=True)
class Figure:
    """One figure of an indicator for a unit and period, with what it means.

    ``text`` is the figure as written ("83,80%", "3.662/4.393 (83,36%)", "Có"); ``quantity``
    the engine's reading of it. ``kind`` is who produced a transcribed figure (entered ones are
    "reported"); ``status`` the state of the report an entered figure belongs to.
    """

    unit: OrgUnit | None
    indicator: Indicator
    period_id: str
    text: str
    quantity: Value
    number: Decimal | None
    origin: Origin
    kind: str
    status: str = ""
    target_period_id: str = ""
    target_text: str = ""
    previous_text: str = ""
    verdict: Evaluation | None = None
    source: str = ""
    coverage: str = ""  # a rolled-up figure's units: "24/30 đơn vị"
    updated_at: datetime.datetime | None = None
    record: object = None  # the DataValue or EnteredValue row, for a page's extras

    @property
    def origin_label(self) -> str:
        """Where the figure comes from, in words ("Báo cáo trên hệ thống — đã duyệt")."""
        if self.origin is Origin.ENTERED and self.status:
            return f"{self.origin.label} — {_status_label(self.status).lower()}"
        return self.origin.label

    @property
    def provenance(self) -> str:
        """Who made the figure, in one phrase: the kind of a document's figure ("Tự đánh giá"),
        the report and its status for an entered one, the coverage of a rolled-up one."""
        if self.origin is Origin.TRANSCRIBED:
            return self.kind_label
        if self.origin is Origin.ROLLED_UP:
            return f"{self.origin.label} ({self.coverage})" if self.coverage else self.origin.label
        return self.origin_label

    @property
    def kind_label(self) -> str:
        return ValueKind(self.kind).label if self.kind else ""

    @property
    def verdict_label(self) -> str:
        return self.verdict.label if self.verdict else ""

    @property
    def submission_id(self) -> int | None:
        return self.record.submission_id if self.origin is Origin.ENTERED else None


def figures(
    *,
    units: Iterable | None = None,
    indicators: Iterable | None = None,
    periods: Iterable[str] | None = None,
    framework: str | None = None,
    viewer=None,
    public: bool = False,
    approved: bool = False,
    kinds: Iterable[str] | None = None,
    origins: Iterable[Origin] | None = None,
    judged: bool = True,
    limit: int | None = None,
) -> list[Figure]:
    """The figures of these units, indicators and periods (None: all), each with its target,
    previous figure, source and verdict.

    Who sees what: ``public`` — documents of `PUBLIC_KINDS` and approved reports only;
    ``viewer`` (a user) — every document figure, and reports that are approved or belong to a
    unit the viewer may view; neither — everything (the office's own tools). ``approved``
    keeps only approved reports whoever asks (reports, evaluations). ``limit`` bounds each
    table's rows (a page's list). Transcribed figures come first, then entered ones.
    """
    scope = _Scope.of(units, indicators, periods, framework)
    origins = set(origins or Origin)
    rows: list[Figure] = []
    if origins & {Origin.TRANSCRIBED, Origin.ROLLED_UP}:
        rows += [f for f in _transcribed(scope, public=public, kinds=kinds, limit=limit) if f.origin in origins]
    if Origin.ENTERED in origins:
        rows += _entered(scope, viewer=viewer, public=public, approved=approved, limit=limit)
    if not judged or not rows:
        return rows
    return _with_context(rows, scope, viewer=viewer, public=public, approved=approved, kinds=kinds)


@dataclass(frozen=True)
class _Scope:
    unit_ids: list[int] | None
    indicator_ids: list[int] | None
    period_ids: list[str] | None
    framework: str | None

    @classmethod
    def of(cls, units, indicators, periods, framework) -> _Scope:
        return cls(_ids(units), _ids(indicators), None if periods is None else list(dict.fromkeys(periods)), framework)

    def narrow(self, rows, *, unit: str, indicator: str, period: str):
        """`rows` limited to this scope; the arguments name the paths from a row to its unit,
        indicator and period (a stored value has them itself, an entered one via its report)."""
        if self.unit_ids is not None:
            rows = rows.filter(**{f"{unit}_id__in": self.unit_ids})
        if self.indicator_ids is not None:
            rows = rows.filter(**{f"{indicator}_id__in": self.indicator_ids})
        if self.period_ids is not None:
            rows = rows.filter(**{f"{period}_id__in": self.period_ids})
        if self.framework:
            rows = rows.filter(**{f"{indicator}__framework__code": self.framework})
        return rows


def _ids(things) -> list[int] | None:
    if things is None:
        return None
    return [t if isinstance(t, int) else t.pk for t in things]


def stored_rows(
    *,
    units: Iterable | None = None,
    indicators: Iterable | None = None,
    periods: Iterable[str] | None = None,
    framework: str | None = None,
    public: bool = False,
    kinds: Iterable[str] | None = None,
):
    """The `DataValue` rows (documents' and rolled-up figures) in scope, as a queryset in a
    fixed order, for a caller that pages in the database; `stored_figure` reads one row."""
    return _stored(_Scope.of(units, indicators, periods, framework), public=public, kinds=kinds)


def _stored(scope: _Scope, *, public: bool, kinds):
    rows = DataValue.objects.select_related("indicator__framework", "unit", "dataset", "rollup").defer(
        "indicator__framework__definition"
    )
    rows = scope.narrow(rows, unit="unit", indicator="indicator", period="period")
    if public:
        rows = rows.filter(kind__in=PUBLIC_KINDS)
    if kinds is not None:
        rows = rows.filter(kind__in=list(kinds))
    return rows.order_by("indicator__framework__code", "indicator__position", "period_id", "pk")


def _transcribed(scope: _Scope, *, public: bool, kinds, limit: int | None) -> list[Figure]:
    rows = _stored(scope, public=public, kinds=kinds)
    return [stored_figure(r) for r in (rows if limit is None else rows[:limit])]


def stored_figure(r: DataValue) -> Figure:
    # A province figure made from its units' approved figures is stored as a value of the
    # province; its Rollup record says so and which units it covers.
    rollup = getattr(r, "rollup", None)
    return Figure(
        unit=r.unit,
        indicator=r.indicator,
        period_id=r.period_id,
        text=r.raw,
        quantity=read_value(r.raw, r.indicator.framework.locale),
        number=r.number,
        origin=Origin.ROLLED_UP if rollup else Origin.TRANSCRIBED,
        kind=r.kind,
        source=describe_source(r.source or r.dataset.source),
        coverage=rollup.coverage if rollup else "",
        updated_at=rollup.made_at if rollup else r.dataset.loaded_at,
        record=r,
    )


def entered_model():
    """The model of entered figures, ``collection.EnteredValue``, looked up by its app label.

    The layering puts observations below collection (collection writes figures into reports and
    imports this module to read them back), so no module here imports collection. The entered
    table stays with its writer: its rows hang on a report (``Submission``) and a form item, the
    whole collection workflow, which would have to move with it. Naming the model by label is how
    Django lets one app point at another's model without importing it (``ForeignKey("app.Model")``);
    the read path needs only its fields, and this function is the one place that does it.
    """
    return apps.get_model("collection", "EnteredValue")


def entered_rows(
    *,
    units: Iterable | None = None,
    indicators: Iterable | None = None,
    periods: Iterable[str] | None = None,
    framework: str | None = None,
    viewer=None,
    public: bool = False,
    approved: bool = False,
    empty: bool = False,
):
    """The `EnteredValue` rows with a figure that the audience may see, as a queryset in a
    fixed order, for a caller that pages in the database; `entered_figure` reads one row.
    ``empty`` also keeps the items nobody has filled yet (a client filling a report needs them)."""
    return _entered_query(
        _Scope.of(units, indicators, periods, framework), viewer=viewer, public=public, approved=approved, empty=empty
    )


def _entered_query(scope: _Scope, *, viewer, public: bool, approved: bool, empty: bool = False):
    rows = entered_model().objects.all()
    if not empty:
        rows = rows.filter(Q(number__isnull=False) | Q(yes_no__isnull=False) | ~Q(text=""))
    rows = rows.select_related("item__indicator__framework", "submission__unit", "submission__form").defer(
        "item__indicator__framework__definition"
    )
    rows = scope.narrow(rows, unit="submission__unit", indicator="item__indicator", period="submission__period")
    rows = rows.filter(entered_visibility(viewer=viewer, public=public, approved=approved))
    return rows.order_by("-submission__period_id", "submission__unit__code", "item__position", "pk")


def _entered(scope: _Scope, *, viewer, public: bool, approved: bool, limit: int | None) -> list[Figure]:
    rows = _entered_query(scope, viewer=viewer, public=public, approved=approved)
    return [entered_figure(v) for v in (rows if limit is None else rows[:limit])]


def entered_visibility(*, viewer=None, public: bool = False, approved: bool = False) -> Q:
    """Which entered values count, as a condition on `EnteredValue` (the one visibility rule)."""
    if public or approved:
        return Q(submission__status=APPROVED)
    if viewer is None:
        return Q()
    from chiso.accounts.permissions import unit_ids_for

    return Q(submission__status=APPROVED) | Q(submission__unit_id__in=unit_ids_for(viewer, "view"))


def entered_figure(v) -> Figure:
    submission, indicator = v.submission, v.item.indicator
    return Figure(
        unit=submission.unit,
        indicator=indicator,
        period_id=submission.period_id,
        text=entered_text(v),
        quantity=entered_quantity(v),
        number=v.number,
        origin=Origin.ENTERED,
        kind=ValueKind.REPORTED.value,
        status=submission.status,
        source=submission_source(submission),
        updated_at=max(t for t in (v.updated_at, submission.reviewed_at) if t is not None),
        record=v,
    )


def is_percent(unit_label: str, measure: str) -> bool:
    """Whether an entered figure is a percentage: its item says "%", or its indicator is one."""
    return unit_label.strip() == "%" or measure == "percent"


def entered_quantity(v) -> Value:
    """An `EnteredValue` as the engine reads it (see `chiso.engine.values.entered_value`)."""
    return entered_value(
        number=v.number,
        numerator=v.numerator,
        denominator=v.denominator,
        yes_no=v.yes_no,
        text=v.text,
        percent=is_percent(v.item.unit_label, v.item.indicator.measure),
    )


def entered_text(v) -> str:
    """An entered value as the report writes it (`shown_text`), else what was typed."""
    return shown_text(v) or v.raw


def shown_text(v) -> str:
    """An entered value as the report writes it: ``3.662/4.393 (83,36%)``, ``1.250``, ``Có``;
    "" when nothing is entered (None too)."""
    if v is None:
        return ""
    return fields_text(
        v.item.input_type, v.number, v.numerator, v.denominator, v.yes_no, v.text, v.item.indicator.measure
    )


def fields_text(
    input_type: str, number, numerator, denominator, yes_no, text: str, measure: str, *, written=format_number
) -> str:
    """`shown_text` of an entered value read as plain fields (its item's input type and its
    indicator's measure beside its own fields); ``written`` writes a number (`format_number`)."""
    if input_type == "yes_no":
        return "" if yes_no is None else YES_NO_TEXT[yes_no]
    if input_type == "text":
        return text
    if number is None:
        return ""
    if input_type == "fraction":
        share = written(number, 2) + ("%" if measure == "percent" else "")
        return f"{written(numerator)}/{written(denominator)} ({share})"
    return written(number)


def list_number(value, decimals: int | None = None) -> str:
    """`format_number`'s text, written for a list's thousand rows without Babel's per-call
    locale lookups: Babel's own steps for a Vietnamese number (drop the sign, normalise, quantise
    in the current decimal context, group by three with «.», decimals after «,»). Anything but a
    finite, storable Decimal (and a negative zero) goes to `format_number` itself."""
    if not isinstance(value, Decimal) or not value.is_finite() or (value.is_signed() and not value):
        return format_number(value, decimals)
    negative = value.is_signed()
    value = abs(value).normalize()
    exponent = value.as_tuple().exponent
    places = max(3, -exponent if isinstance(exponent, int) and exponent < 0 else 0) if decimals is None else decimals
    try:
        whole, _, fraction = f"{value.quantize(_QUANTA[places]):f}".partition(".")
    except (KeyError, ArithmeticError):
        return format_number(value.copy_negate() if negative else value, decimals)
    groups = []
    while len(whole) > 3:
        groups.append(whole[-3:])
        whole = whole[:-3]
    text = ".".join([whole, *reversed(groups)])
    if decimals is None:
        fraction = fraction.rstrip("0")
    elif decimals == 0:
        fraction = ""
    if fraction:
        text += "," + fraction
    return "-" + text if negative else text


# Decimal("1E-k") for every number of places a figure can have (numeric columns keep 6).
_QUANTA = {k: Decimal(1).scaleb(-k) for k in range(13)}


def _status_label(status: str) -> str:
    return dict(apps.get_model("collection", "Submission")._meta.get_field("status").choices).get(status, status)


def submission_source(submission) -> str:
    """A report as a source: "Báo cáo tháng của Phường Cao Lãnh, tháng 12/2026, văn bản 12/BC-UBND"."""
    form = submission.form.name if submission.form else "Báo cáo định kỳ"
    document = f", văn bản {submission.document}" if submission.document else ""
    return f"{form} của {submission.unit.name}, {period_words(submission.period_id)}{document}"


def describe_source(source: dict | None) -> str:
    """A record's source in words: the document's title, not its text file, and the place in it
    ("Báo cáo số …/BC-STTTT tháng 11/2024 của Sở Thông tin và Truyền thông, Phụ lục I, mục I, STT 1");
    the line of the text file is the loader's, not the reader's."""
    source = source or {}
    if source.get("rollup"):
        return source["rollup"]
    parts = [document_title(source.get("file", ""))]
    for key, label in (("appendix", ""), ("table", ""), ("section", "mục "), ("row", "STT ")):
        if source.get(key) not in (None, ""):
            parts.append(f"{label}{source[key]}")
    return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class PeriodSource:
    """Where periods are found: ``rows`` (a queryset, filtered or not) whose period is the
    lookup ``period``, and ``indexed``, the model whose own ``period_id`` column has an index
    leading with it (the table the rows' period lives in: `DataValue`, or `Submission` for the
    entered values). ``group`` is the rows' lookup of the group asked for (a framework)."""

    rows: QuerySet
    indexed: type
    period: str = "period_id"
    group: str | None = None


def distinct_periods(
    *sources: PeriodSource, groups: QuerySet | None = None, start: int = 0, stop: int | None = None
) -> list:
    """The distinct periods with at least one row in any of ``sources``, ordered by the
    database; with ``groups`` (a queryset of primary keys) the distinct (group, period) pairs.

    Exact, and reading no row it need not: a ``DISTINCT`` over the value tables reads every row
    (on the national database, 963,717 transcribed values and 244,056 reports, a UNION of their
    periods took 530 ms, and ``GET /api/periods`` ran it twice, to list and to count: 1.2 s). A
    recursive query instead skips through the period index, one entry per distinct period
    (a "loose index scan": dozens of probes, 1–20 ms), then keeps each period (and group) that
    has a row of the filtered queryset, probed period by period and stopped at the first row
    found (a scalar subquery with ``LIMIT 1``: written as ``EXISTS``, PostgreSQL turned it into a
    semi-join that read every row of the filter first, 1.9 s for a framework's periods). The
    same statement runs on SQLite and PostgreSQL. ``start``/``stop`` cut the ordered list in the
    database (``LIMIT``/``OFFSET``: a page fetches its own rows only; :func:`count_periods`
    counts the whole). A filter no index serves (open data's
    published kinds) makes a probe read every row of a period that has none: such a caller
    keeps its ``DISTINCT`` (see :func:`figure_periods`).
    """
    found = periods_query(*sources, groups=groups)
    if found is None:
        return []
    query, params = found
    if start or stop is not None:
        query += " LIMIT %s OFFSET %s"
        params = [*params, 2**62 if stop is None else max(0, stop - start), start]  # no LIMIT ALL on SQLite
    rows = _run(sources[0].rows.db, query, params)
    return [tuple(r) for r in rows] if groups is not None else [r[0] for r in rows]


def count_periods(*sources: PeriodSource) -> int:
    """How many periods :func:`distinct_periods` finds, counted by the database."""
    found = _period_statement(sources, None)
    if found is None:
        return 0
    with_clause, body, params = found
    return int(_run(sources[0].rows.db, f"{with_clause} SELECT COUNT(*) FROM ({body}) found", params)[0][0])


def _run(db: str, query: str, params: list) -> list:
    """Run a statement of :func:`periods_query` (on PostgreSQL without JIT) and fetch its rows."""
    with transaction.atomic(using=db), connections[db].cursor() as cursor:
        if connections[db].vendor == "postgresql":
            # The planner prices each probe as if it read its period's rows (tens of thousands of
            # times the actual cost), and above jit_above_cost PostgreSQL compiles the query
            # first: 400 ms of JIT for a 40 ms query (open data's periods, national database).
            # Off for this statement only; the transaction's setting is put back after it.
            cursor.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
            jit = cursor.fetchone()[0]
            cursor.execute(query, params)
            rows = cursor.fetchall()
            cursor.execute("SELECT set_config('jit', %s, true)", [jit])
        else:
            cursor.execute(query, params)
            rows = cursor.fetchall()
    return rows


def periods_query(*sources: PeriodSource, groups: QuerySet | None = None) -> tuple[str, list] | None:
    """The statement :func:`distinct_periods` runs, and its parameters (None: nothing to find)."""
    found = _period_statement(sources, groups)
    if found is None:
        return None
    with_clause, body, params = found
    return f"{with_clause} {body} ORDER BY 1" + (", 2" if groups is not None else ""), params


def _period_statement(sources, groups) -> tuple[str, str, list] | None:
    """The recursive ``WITH`` clause that skips through the indexes, the ``SELECT`` of the found
    periods (unordered), and its parameters."""
    parts: list[str] = []
    params: list = []
    ctes: list[str] = []
    for n, source in enumerate(sources):
        connection = connections[source.rows.db]
        quote = connection.ops.quote_name
        table, column = quote(source.indexed._meta.db_table), quote("period_id")
        ctes.append(
            f"skip_{n}(p) AS (SELECT (SELECT {column} FROM {table} ORDER BY {column} LIMIT 1) UNION ALL "
            f"SELECT (SELECT {column} FROM {table} WHERE {column} > skip_{n}.p ORDER BY {column} LIMIT 1) "
            f"FROM skip_{n} WHERE skip_{n}.p IS NOT NULL)"
        )
        fields = {"chiso_p": F(source.period)}
        if groups is not None:
            if source.group is None:
                raise ValueError("a source of grouped periods needs its group lookup")
            fields["chiso_g"] = F(source.group)
        plain = source.rows.model is source.indexed and not source.rows.query.has_filters() and groups is None
        if plain:  # every period of the index has a row
            parts.append(f"SELECT skip_{n}.p FROM skip_{n} WHERE skip_{n}.p IS NOT NULL")
            continue
        try:
            sql, sql_params = source.rows.order_by().values(**fields).query.sql_with_params()
        except EmptyResultSet:  # a filter nothing matches
            continue
        if groups is not None:
            group_sql, group_params = groups.order_by().values(chiso_id=F("pk")).query.sql_with_params()
            parts.append(
                f"SELECT g_{n}.chiso_id, skip_{n}.p FROM skip_{n} CROSS JOIN ({group_sql}) g_{n} "
                f"WHERE skip_{n}.p IS NOT NULL AND (SELECT 1 FROM ({sql}) f_{n} "
                f"WHERE f_{n}.chiso_p = skip_{n}.p AND f_{n}.chiso_g = g_{n}.chiso_id LIMIT 1) IS NOT NULL"
            )
            params += [*group_params, *sql_params]
        else:
            parts.append(
                f"SELECT skip_{n}.p FROM skip_{n} WHERE skip_{n}.p IS NOT NULL AND "
                f"(SELECT 1 FROM ({sql}) f_{n} WHERE f_{n}.chiso_p = skip_{n}.p LIMIT 1) IS NOT NULL"
            )
            params += sql_params
    if not parts:
        return None
    return f"WITH RECURSIVE {', '.join(ctes)}", " UNION ".join(parts), params


def figure_periods(*, viewer=None, public: bool = False, approved: bool = False) -> dict[int, set[str]]:
    """Framework id → the periods with at least one figure the audience may see (two queries).

    The entered figures' periods skip through the reports' period index (:func:`distinct_periods`:
    on the national database 27 ms instead of a DISTINCT over 976,224 values joined to their
    reports, 474 ms). The stored figures' stay a DISTINCT when only published kinds count: no
    index holds the kind, so a period without a published figure can only be told by reading
    all of its rows, which the probes would do period by period (2.2 s instead of 138 ms).
    """
    found: dict[int, set[str]] = {}
    entered = entered_model().objects.filter(entered_visibility(viewer=viewer, public=public, approved=approved))
    submissions = PeriodSource(
        entered, apps.get_model("collection", "Submission"), "submission__period_id", "item__indicator__framework_id"
    )
    if public:
        stored = DataValue.objects.filter(kind__in=PUBLIC_KINDS)
        pairs = list(stored.values_list("indicator__framework_id", "period_id").distinct())
        pairs += distinct_periods(submissions, groups=Framework.objects.all())
    else:
        pairs = distinct_periods(
            PeriodSource(DataValue.objects.all(), DataValue, group="indicator__framework_id"),
            submissions,
            groups=Framework.objects.all(),
        )
    for fw_id, period in pairs:
        found.setdefault(fw_id, set()).add(period)
    return found


# --- the lists: plain fields, in an order an index gives ------------------------------------

#: The order of the stored figures' list, given by the index ``datavalue_keyset``, and of the
#: entered figures' list, given by the unique index of a report's items: a row's key names its
#: place, so the page after it is a range of the index (no ``OFFSET``, no sort of the table).
STORED_KEY = ("indicator_id", "period_id", "id")
ENTERED_KEY = ("submission_id", "item_id")

_STORED_FIELDS = (
    *STORED_KEY,
    "raw",
    "number",
    "kind",
    "indicator__code",
    "indicator__framework__code",
    "unit__code",
    "dataset__loaded_at",
    "rollup__id",
    "rollup__made_at",
)
_LISTED_ENTERED_FIELDS = (
    *ENTERED_KEY,
    "number",
    "numerator",
    "denominator",
    "yes_no",
    "text",
    "raw",
    "version",
    "updated_at",
    "item__input_type",
    "item__indicator__measure",
    "item__indicator__code",
    "item__indicator__framework__code",
    "submission__unit__code",
    "submission__period_id",
    "submission__status",
)


@dataclass(frozen=True, slots=True)
class Listed:
    """One figure as a list shows it, read as plain fields (a page of a thousand builds no model
    object): the same text, origin, kind and status as its :class:`Figure`. ``updated_at`` is when
    the row itself last changed (an entered value's own time, not its report's review; a rolled-up
    figure's making; a document's loading)."""

    origin: Origin
    framework: str
    indicator: str
    unit: str | None
    period_id: str
    text: str
    number: Decimal | None
    kind: str
    status: str = ""
    submission_id: int | None = None
    version: int | None = None
    updated_at: datetime.datetime | None = None


@dataclass(frozen=True)
class Remainder:
    """The rows of ``whole`` not in ``left_out`` (a part of it), counted exactly as the count of
    the one minus the count of the other, both in one statement (one snapshot: a report saved
    meanwhile is in both counts or in neither).

    Why: who sees an entered value depends on its report (approved, or of a unit the reader
    may see), so counting the visible ones joins every value to its report. On the national
    database (976,224 entered values, 244,056 reports, after VACUUM; EXPLAIN ANALYZE on
    07/12/2026, load average ~3.5 on 2 cores) that join cost 186–245 ms however it was written
    (hash join, merge join, grouped per report). Counting the whole table reads one index only
    (75–105 ms, no heap fetch), and the values a reader may not see are those of unapproved
    reports of other units, few beside the history (the months being entered now): 55–60 ms,
    nearly all of it the scan of the reports (with two months of drafts, 8,110 reports, too).
    Together 87–135 ms instead of 186–245. The result is the same number, counted, never
    estimated. Used only when no filter joins the reports anyway (unit, period, status).
    """

    whole: QuerySet
    left_out: QuerySet

    def count(self) -> int:
        try:
            whole, whole_params = self.whole.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # a filter that nothing matches (e.g. an empty list of ids)
            return 0
        try:
            out, out_params = self.left_out.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:
            return self.whole.count()
        with connections[self.whole.db].cursor() as cursor:
            cursor.execute(
                f"SELECT (SELECT COUNT(*) FROM ({whole}) whole_rows) - (SELECT COUNT(*) FROM ({out}) left_out_rows)",
                (*whole_params, *out_params),
            )
            return int(cursor.fetchone()[0])


@dataclass(frozen=True)
class Listing:
    """A list of figures read page by page: ``rows`` gives plain fields (``values()``) ordered
    by ``key``, columns an index gives that make each row unique; ``counted`` is the same rows
    without the joins the fields need (what a count reads; anything with ``count()``);
    ``listed`` reads one row."""

    rows: QuerySet
    counted: QuerySet | Remainder
    key: tuple[str, ...]
    listed: Callable[[dict], Listed]


def stored_list(
    *,
    units: Iterable | None = None,
    indicators: Iterable | None = None,
    periods: Iterable[str] | None = None,
    framework: str | None = None,
    public: bool = False,
    kinds: Iterable[str] | None = None,
):
    """The rows of :func:`stored_rows` as a :class:`Listing` ordered by `STORED_KEY`, each
    narrowing on an indexed column of the table."""
    scope = _Scope.of(units, indicators, periods, framework)
    rows = DataValue.objects.all()
    if scope.unit_ids is not None:
        rows = rows.filter(unit_id__in=scope.unit_ids)
    indicator_ids = _framework_indicators(scope)
    if indicator_ids is not None:
        rows = rows.filter(indicator_id__in=indicator_ids)
    if scope.period_ids is not None:
        rows = rows.filter(period_id__in=scope.period_ids)
    if public:
        rows = rows.filter(kind__in=PUBLIC_KINDS)
    if kinds is not None:
        rows = rows.filter(kind__in=list(kinds))
    return Listing(rows.order_by(*STORED_KEY).values(*_STORED_FIELDS), rows, STORED_KEY, stored_listed)


def _framework_indicators(scope: _Scope) -> list[int] | None:
    """The scope's indicators as ids (a framework read as its indicators' ids, so the list is
    narrowed on the leading column of its index rather than through a join)."""
    if not scope.framework:
        return scope.indicator_ids
    rows = Indicator.objects.filter(framework__code=scope.framework)
    if scope.indicator_ids is not None:
        rows = rows.filter(pk__in=scope.indicator_ids)
    return sorted(rows.values_list("pk", flat=True))


def stored_listed(row: dict) -> Listed:
    """A row of :func:`stored_list` as the list shows it (see :func:`stored_figure`)."""
    rolled_up = row["rollup__id"] is not None
    return Listed(
        origin=Origin.ROLLED_UP if rolled_up else Origin.TRANSCRIBED,
        framework=row["indicator__framework__code"],
        indicator=row["indicator__code"],
        unit=row["unit__code"],
        period_id=row["period_id"],
        text=row["raw"],
        number=row["number"],
        kind=row["kind"],
        updated_at=row["rollup__made_at"] if rolled_up else row["dataset__loaded_at"],
    )


def entered_list(
    *,
    units: Iterable | None = None,
    indicators: Iterable | None = None,
    periods: Iterable[str] | None = None,
    framework: str | None = None,
    viewer=None,
    public: bool = False,
    approved: bool = False,
    empty: bool = False,
    statuses: Iterable[str] | None = None,
):
    """The rows of :func:`entered_rows` as a :class:`Listing` ordered by `ENTERED_KEY`
    (``statuses``: only the reports in these states)."""
    scope = _Scope.of(units, indicators, periods, framework)
    rows = entered_model().objects.all()
    if not empty:
        rows = rows.filter(Q(number__isnull=False) | Q(yes_no__isnull=False) | ~Q(text=""))
    if scope.unit_ids is not None:
        rows = rows.filter(submission__unit_id__in=scope.unit_ids)
    indicator_ids = _framework_indicators(scope)
    if indicator_ids is not None:
        rows = rows.filter(item__indicator_id__in=indicator_ids)
    if scope.period_ids is not None:
        rows = rows.filter(submission__period_id__in=scope.period_ids)
    if statuses is not None:
        rows = rows.filter(submission__status__in=list(statuses))
    visible = entered_visibility(viewer=viewer, public=public, approved=approved)
    shown = rows.filter(visible)
    counted: QuerySet | Remainder = shown
    if visible and scope.unit_ids is None and scope.period_ids is None and statuses is None:
        # Nothing else joins the reports: count all but the hidden ones (see Remainder).
        counted = Remainder(rows, rows.exclude(visible))
    return Listing(shown.order_by(*ENTERED_KEY).values(*_LISTED_ENTERED_FIELDS), counted, ENTERED_KEY, entered_listed)


def entered_listed(row: dict) -> Listed:
    """A row of :func:`entered_list` as the list shows it (see :func:`entered_figure`)."""
    shown = fields_text(
        row["item__input_type"],
        row["number"],
        row["numerator"],
        row["denominator"],
        row["yes_no"],
        row["text"],
        row["item__indicator__measure"],
        written=list_number,
    )
    return Listed(
        origin=Origin.ENTERED,
        framework=row["item__indicator__framework__code"],
        indicator=row["item__indicator__code"],
        unit=row["submission__unit__code"],
        period_id=row["submission__period_id"],
        text=shown or row["raw"],
        number=row["number"],
        kind=ValueKind.REPORTED.value,
        status=row["submission__status"],
        submission_id=row["submission_id"],
        version=row["version"],
        updated_at=row["updated_at"],
    )


# --- targets, previous figures, verdicts ----------------------------------------------------


def _with_context(rows: list[Figure], scope: _Scope, *, viewer, public, approved, kinds) -> list[Figure]:
    previous = _previous_figures(rows, scope, viewer=viewer, public=public, approved=approved, kinds=kinds)
    targets = targets_by_indicator({r.indicator.pk for r in rows}, {r.unit.pk for r in rows if r.unit})
    return [_in_context(r, previous, targets) for r in rows]


def _previous_figures(rows, scope, **visibility) -> dict[tuple, list[Figure]]:
    """Last period's figures of the same units and indicators, read in one more pass."""
    wanted = {p for r in rows if (p := previous_period(r.period_id))}
    have = {r.period_id for r in rows}
    found = list(rows)
    missing = sorted(wanted - have)
    if missing and scope.period_ids is not None:
        narrowed = _Scope(
            sorted({r.unit.pk for r in rows if r.unit}) or scope.unit_ids,
            sorted({r.indicator.pk for r in rows}),
            missing,
            scope.framework,
        )
        found += figures_of_scope(narrowed, **visibility)
    by_key: dict[tuple, list[Figure]] = {}
    for f in found:
        by_key.setdefault((f.unit.pk if f.unit else None, f.indicator.pk, f.period_id), []).append(f)
    return by_key


def figures_of_scope(scope: _Scope, *, viewer, public, approved, kinds) -> list[Figure]:
    return _transcribed(scope, public=public, kinds=kinds, limit=None) + _entered(
        scope, viewer=viewer, public=public, approved=approved, limit=None
    )


def targets_by_indicator(indicator_ids: Iterable[int], unit_ids: Iterable[int] | None) -> dict[tuple, dict[str, str]]:
    """(indicator id, unit id or None) → {target period: wording}, in one query (``unit_ids``
    None: every unit's own targets)."""
    found: dict[tuple, dict[str, str]] = {}
    rows = Target.objects.filter(indicator_id__in=list(indicator_ids))
    if unit_ids is not None:
        rows = rows.filter(Q(unit_id__in=list(unit_ids)) | Q(unit__isnull=True))
    rows = rows.values_list("indicator_id", "unit_id", "period_id", "text")
    for indicator_id, unit_id, period_id, text in rows:
        found.setdefault((indicator_id, unit_id), {})[period_id] = text
    return found


def target_of(targets: dict, indicator_id: int, unit_id: int | None, period_id: str) -> tuple[str, str] | None:
    """The target that applies: the unit's own, else the framework's; the year's, else the plan's."""
    own = targets.get((indicator_id, unit_id), {}) if unit_id is not None else {}
    return applicable_target(period_id, own, targets.get((indicator_id, None), {}))


def _in_context(f: Figure, previous: dict, targets: dict) -> Figure:
    unit_id = f.unit.pk if f.unit else None
    before = None
    if p := previous_period(f.period_id):
        candidates = previous.get((unit_id, f.indicator.pk, p), [])
        before = next((c for c in candidates if c.origin is f.origin), candidates[0] if candidates else None)
    target = target_of(targets, f.indicator.pk, unit_id, f.period_id)
    verdict = None
    if target is not None:
        verdict = judge(
            f.quantity, target[1], f.indicator.framework.locale, previous=before.quantity if before else None
        )
    return replace(
        f,
        target_period_id=target[0] if target else "",
        target_text=target[1] if target else "",
        previous_text=before.text if before else "",
        verdict=verdict,
    )


# --- verdicts of a whole period, without model objects --------------------------------------

_ENTERED_FIELDS = (
    "item__indicator_id",
    "submission__unit_id",
    "number",
    "numerator",
    "denominator",
    "yes_no",
    "text",
    "item__unit_label",
    "item__indicator__measure",
    "item__indicator__framework__locale",
)


@dataclass(frozen=True)
class Verdict:
    """An entered figure's verdict as plain ids: a national period has hundreds of thousands."""

    indicator_id: int
    unit_id: int
    target_period_id: str
    evaluation: Evaluation


def entered_verdicts(
    period_id: str, unit_ids: Iterable[int] | None = None, *, approved: bool = True
) -> Iterator[Verdict]:
    """The verdict of every entered figure of ``period_id`` that has a target, by the same rules
    as :func:`figures` (the target that applies, last period's figure for "Duy trì"), read as
    plain values and streamed, so a caller that wants the first few stops early. Last period's
    figures are read only for indicators whose target needs them; equal figures against equal
    targets are judged once.
    """
    unit_ids = None if unit_ids is None else list(unit_ids)
    current = _entered_rows(period_id, unit_ids, approved)
    indicator_ids = set(current.order_by().values_list("item__indicator_id", flat=True).distinct())
    if not indicator_ids:
        return
    targets = targets_by_indicator(indicator_ids, unit_ids)
    compared = {
        indicator_id
        for (indicator_id, _), by_period in targets.items()
        if any(read_target(text).kind in (MAINTAIN, INCREASE_BY) for text in by_period.values())
    }
    before = {}
    if compared and (earlier := previous_period(period_id)):
        before = {
            (row[0], row[1]): row
            for row in _entered_rows(earlier, unit_ids, approved)
            .filter(item__indicator_id__in=compared)
            .values_list(*_ENTERED_FIELDS)
        }
    judged: dict[tuple, Evaluation | None] = {}
    for row in current.values_list(*_ENTERED_FIELDS).iterator(chunk_size=5_000):
        indicator_id, unit_id = row[0], row[1]
        target = target_of(targets, indicator_id, unit_id, period_id)
        if target is None:
            continue
        previous = before.get((indicator_id, unit_id))
        key = (target, row[2:], previous[2:] if previous else None)
        if key not in judged:
            judged[key] = judge(
                _row_value(row), target[1], row[-1], previous=_row_value(previous) if previous else None
            )
        yield Verdict(indicator_id, unit_id, target[0], judged[key])


def _entered_rows(period_id: str, unit_ids: list[int] | None, approved: bool):
    rows = (
        entered_model()
        .objects.filter(submission__period_id=period_id)
        .filter(Q(number__isnull=False) | Q(yes_no__isnull=False) | ~Q(text=""))
        .filter(entered_visibility(approved=approved))
    )
    if unit_ids is not None:
        rows = rows.filter(submission__unit_id__in=unit_ids)
    return rows.order_by("item__indicator_id", "submission__unit_id")


def _row_value(row: tuple) -> Value:
    return fields_value(row[2:9])


def fields_value(fields) -> Value:
    """An entered figure read as plain fields (number, numerator, denominator, yes/no, text, the
    item's label and measure), as the set-based readers fetch them."""
    number, numerator, denominator, yes_no, text, label, measure = fields
    return entered_value(
        number=number,
        numerator=numerator,
        denominator=denominator,
        yes_no=yes_no,
        text=text,
        percent=is_percent(label, measure),
    )
