"""Import a large value file (CSV ``unit,indicator,period,value``) into DataValue, all or nothing.

For files far larger than a YAML dataset (a ministry's month: ~190,000 values). Every row is
read and checked first — unknown unit or indicator codes, periods too long to store, numbers too
large to store are reported with their row number and nothing is written; then the rows go in
with PostgreSQL's COPY (psycopg) or, on SQLite, with batched bulk_create, inside one transaction.

Speed (docs/performance.md, section b): a file of 1,000,000 values holds a few thousand distinct
value texts, so each text is read once (:func:`chiso.engine.values.number_fields`) and rows keep
only references — the unit and indicator ids and the texts, column by column, no object per row.
On PostgreSQL the COPY text is built here, one line per row from pieces prepared once per
distinct text, and handed to psycopg in large chunks instead of adapting 15 values per row.

The foreign keys (dataset, indicator, unit) are checked once per distinct key instead of once
per row (:func:`keys_checked_per_set`): the row-by-row check PostgreSQL runs at commit cost
~14 s of server CPU per million rows. Every key is locked ``FOR KEY SHARE`` — the lock the
row-by-row check takes — so it cannot be deleted before the import commits, and the constraints
stay in place and valid (no table lock, no scan of the rows already stored).

What the write costs beyond that is the table's indexes, each updated row by row: the values'
table keeps five (the primary key, the unique constraint led by the unit and period, the list's
keyset index, the period's and the dataset's), each read by a page or a job; the indicator and
the unit have no index of their own (migrations 0006 and 0008 of observations).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from chiso.engine.values import number_fields

COLUMNS = (
    "dataset_id",
    "indicator_id",
    "unit_id",
    "uncertain_unit",
    "period_id",
    "kind",
    "raw",
    "number",
    "numerator",
    "denominator",
    "inputs",
    "source",
    "provisional",
    "note",
    "original",
)
# The order of the COPY lines this module writes: what changes per row first, then the same
# tail for every row of the file.
COPY_COLUMNS = (
    "indicator_id",
    "unit_id",
    "period_id",
    "raw",
    "number",
    "numerator",
    "denominator",
    "dataset_id",
    "kind",
    "uncertain_unit",
    "inputs",
    "source",
    "provisional",
    "note",
    "original",
)
NUMBER_FIELDS = ("number", "numerator", "denominator")
BATCH = 10_000
COPY_CHUNK = 50_000
PERIOD_LENGTH = 20  # DataValue.period_id's max_length
# numeric(20, 6): at most 14 digits before the decimal point.
NUMBER_LIMIT = Decimal(10) ** 14
COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


class ValueFileError(Exception):
    """The file cannot be imported; ``problems`` say where (row numbers count the header as 1)."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems[:10]))
        self.problems = problems


@dataclass
class ImportResult:
    rows: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass
class CheckedValues:
    """Every row of a checked file, column by column, and the reading of each distinct text.

    ``readings`` maps a value text to its number columns (all ``None`` for a text value such as
    «Đã ban hành»); the row lists hold references to shared ids and strings only.
    """

    dataset_id: int
    kind: str
    source: str = ""  # the file's name, for row-numbered problems
    indicators: list[int] = field(default_factory=list)
    units: list[int] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    raws: list[str] = field(default_factory=list)
    readings: dict[str, tuple[Decimal | None, Decimal | None, Decimal | None]] = field(default_factory=dict)
    # The file's codes of the ids it uses, to name a key that disappeared before the write.
    unit_codes: dict[int, str] = field(default_factory=dict)
    indicator_codes: dict[int, str] = field(default_factory=dict)
    # Set by the PostgreSQL write: True when the foreign keys were checked once per distinct key.
    keys_per_set: bool | None = None

    def __len__(self) -> int:
        return len(self.raws)

    def rows(self, start: int = 0, stop: int | None = None):
        """Rows as tuples in ``COLUMNS`` order (the SQLite path and tests)."""
        tail = ("{}", "{}", False, "", "")
        for indicator, unit, period, raw in zip(
            self.indicators[start:stop],
            self.units[start:stop],
            self.periods[start:stop],
            self.raws[start:stop],
            strict=True,
        ):
            yield (self.dataset_id, indicator, unit, False, period, self.kind, raw, *self.readings[raw], *tail)


def read_rows(path: Path, framework_code: str, dataset_id: int, kind: str, locale: str) -> CheckedValues:
    """Every row, checked; raises ValueFileError listing the bad rows.

    >>> read_rows(Path("thang.csv"), "cds-dong-thap-2021-2025", 1, "reported", "vi")  # doctest: +SKIP
    """
    from chiso.frameworks.models import Indicator
    from chiso.orgunits.models import OrgUnit

    units = dict(OrgUnit.objects.values_list("code", "id"))
    indicators = dict(Indicator.objects.filter(framework__code=framework_code).values_list("code", "id"))
    values = CheckedValues(dataset_id=dataset_id, kind=kind, source=path.name)
    readings, problems, periods = values.readings, [], set()
    add_indicator, add_unit = values.indicators.append, values.units.append
    add_period, add_raw = values.periods.append, values.raws.append
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != ["unit", "indicator", "period", "value"]:
            raise ValueFileError([f"{path.name}, dòng 1: cần tiêu đề «unit,indicator,period,value»"])
        for line, row in enumerate(reader, start=2):
            if len(row) != 4:
                problems.append(f"{path.name}, dòng {line}: cần 4 cột (đơn vị, chỉ tiêu, kỳ, giá trị), có {len(row)}")
                continue
            unit, code, period, raw = row
            unit_id, indicator_id = units.get(unit), indicators.get(code)
            if unit_id is None or indicator_id is None:
                what = f"đơn vị «{unit}»" if unit_id is None else f"chỉ tiêu «{code}» của {framework_code}"
                problems.append(f"{path.name}, dòng {line}: không có {what}")
                continue
            if period not in periods:
                if not period or len(period) > PERIOD_LENGTH:
                    problems.append(f"{path.name}, dòng {line}: kỳ «{period}» trống hoặc dài quá {PERIOD_LENGTH} ký tự")
                    continue
                periods.add(period)
            if raw not in readings:
                reading, problem = _reading(raw, locale)
                if problem:
                    problems.append(f"{path.name}, dòng {line}: {problem}")
                    continue
                readings[raw] = reading
            add_indicator(indicator_id)
            add_unit(unit_id)
            add_period(period)
            add_raw(raw)
    if problems:
        raise ValueFileError(problems)
    used_units, used_indicators = set(values.units), set(values.indicators)
    values.unit_codes = {pk: code for code, pk in units.items() if pk in used_units}
    values.indicator_codes = {pk: code for code, pk in indicators.items() if pk in used_indicators}
    return values


def _reading(raw: str, locale: str) -> tuple[tuple, str]:
    """The number columns of one value text, or why it cannot be stored.

    >>> _reading("83,80%", "vi")[0][0]
    Decimal('83.800000')
    >>> _reading("1.000.000.000.000.000", "vi")[1]
    'giá trị «1.000.000.000.000.000» quá lớn để lưu (tối đa 14 chữ số phần nguyên)'
    """
    if "\x00" in raw:
        return (), "giá trị chứa ký tự rỗng (NUL), không lưu được"
    number = number_fields(raw, locale)
    reading = tuple(number[name] for name in NUMBER_FIELDS)
    if any(part is not None and part.is_finite() and abs(part) >= NUMBER_LIMIT for part in reading):
        return (), f"giá trị «{raw}» quá lớn để lưu (tối đa 14 chữ số phần nguyên)"
    return reading, ""


def write_rows(values: CheckedValues) -> int:
    """Write checked rows in one transaction: COPY on PostgreSQL, bulk_create elsewhere."""
    from django.db import IntegrityError, connection, transaction

    from chiso.observations.models import DataValue

    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                _copy(connection, values)
            else:
                _bulk_create(values)
                # SQLite checks foreign keys at the outermost commit only; the database is locked
                # for other writers from the first insert on, so a unit or indicator found now
                # stays until this transaction ends.
                if problems := vanished(values):
                    raise ValueFileError(problems)
    except IntegrityError:
        # Duplicates are looked for only when the unique constraint refused the rows: a set of
        # a million keys up front would cost more than the rare failed import. A unit or
        # indicator deleted since the file was read fails the row-by-row check the same way.
        raise ValueFileError(vanished(values) or duplicates(values)) from None
    refresh_statistics([DataValue])
    return len(values)


def vanished(values: CheckedValues) -> list[str]:
    """Rows whose dataset, unit or indicator is no longer in the database."""
    from chiso.frameworks.models import Indicator
    from chiso.observations.models import Dataset
    from chiso.orgunits.models import OrgUnit

    problems = []
    for column, model, keys in (
        ("dataset_id", Dataset, {values.dataset_id}),
        ("indicator_id", Indicator, set(values.indicators)),
        ("unit_id", OrgUnit, set(values.units)),
    ):
        missing = keys - set(model.objects.filter(pk__in=keys).values_list("pk", flat=True))
        if missing:
            problems += gone(values, column, missing)
    return problems


def duplicates(values: CheckedValues, limit: int = 10) -> list[str]:
    """Rows repeating an earlier row, or a value the dataset already holds (same unit, indicator,
    period and kind), at most ``limit`` of them."""
    from chiso.observations.models import DataValue

    stored = set(
        DataValue.objects.filter(dataset_id=values.dataset_id, kind=values.kind).values_list(
            "indicator_id", "unit_id", "period_id"
        )
    )
    seen: dict[tuple, int] = {}
    problems: list[str] = []
    keys = zip(values.indicators, values.units, values.periods, strict=True)
    for line, key in enumerate(keys, start=2):
        if key in stored:
            problems.append(
                f"{values.source}, dòng {line}: giá trị này đã có trong bộ số liệu (cùng đơn vị, chỉ tiêu, kỳ)"
            )
        elif key in seen:
            problems.append(f"{values.source}, dòng {line}: trùng đơn vị, chỉ tiêu, kỳ với dòng {seen[key]}")
        else:
            seen[key] = line
        if len(problems) == limit:
            break
    return problems or [f"{values.source}: có giá trị trùng đơn vị, chỉ tiêu, kỳ"]


def refresh_statistics(models) -> None:
    """Let the database re-learn the size of tables that just grew in bulk (ANALYZE).

    Without it PostgreSQL plans the next queries with the old counts until autovacuum comes
    by: after the national synth, reading one period's 190,000 values took 0.6 s instead of
    0.09 s. Runs outside any transaction so a slow ANALYZE holds no lock on the new rows.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def copy_text(value: object) -> str:
    r"""One value as a field of PostgreSQL's COPY text format (``\N`` is NULL).

    >>> copy_text("Có\tghi chú\\n")
    'Có\\tghi chú\\\\n'
    >>> copy_text(None), copy_text(False), copy_text(Decimal("1E+2"))
    ('\\N', 'f', '100')
    """
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value).translate(COPY_ESCAPES)


def copy_pieces(values: CheckedValues) -> dict[str, str]:
    """Each distinct value text with its number columns, as COPY text (made once per file)."""
    return {raw: "\t".join(copy_text(part) for part in (raw, *reading)) for raw, reading in values.readings.items()}


def copy_lines(values: CheckedValues, start: int, stop: int, pieces: dict[str, str]) -> str:
    """Rows ``start`` to ``stop`` as COPY text lines in ``COPY_COLUMNS`` order."""
    periods = {period: copy_text(period) for period in set(values.periods[start:stop])}
    tail = "\t" + "\t".join(
        copy_text(part) for part in (values.dataset_id, values.kind, False, "{}", "{}", False, "", "")
    )
    return "".join(
        [
            f"{indicator}\t{unit}\t{periods[period]}\t{pieces[raw]}{tail}\n"
            for indicator, unit, period, raw in zip(
                values.indicators[start:stop],
                values.units[start:stop],
                values.periods[start:stop],
                values.raws[start:stop],
                strict=True,
            )
        ]
    )


def _copy(connection, values: CheckedValues) -> None:
    from chiso.observations.models import DataValue

    table = DataValue._meta.db_table
    # The raw psycopg cursor raises psycopg's errors; Django's wrapper turns them into Django's
    # (a refused duplicate is django.db.IntegrityError on both databases).
    with connection.wrap_database_errors, connection.cursor() as cursor, cursor.connection.cursor() as raw_cursor:
        per_set = values.keys_per_set = keys_checked_per_set(cursor, values)
        with raw_cursor.copy(f"COPY {table} ({', '.join(COPY_COLUMNS)}) FROM STDIN") as copy:
            pieces = copy_pieces(values)
            for start in range(0, len(values), COPY_CHUNK):
                copy.write(copy_lines(values, start, start + COPY_CHUNK, pieces))
        if per_set:
            # Back to the row-by-row checks for whatever else this transaction writes. (Had the
            # COPY failed, the rollback of the import's transaction or savepoint undoes the SET.)
            cursor.execute("SET LOCAL session_replication_role = origin")


def keys_checked_per_set(cursor, values: CheckedValues) -> bool:
    """Check the rows' foreign keys once per distinct key and switch off the row-by-row check for
    the COPY; False (nothing changed, PostgreSQL checks every row at commit) when that is not safe.

    The row-by-row check is an internal trigger per key and row; ``session_replication_role =
    replica`` (SET LOCAL: this transaction only) stops those triggers — and would stop any other
    trigger or rule, so the table must have none. Each foreign key of the table must be one of
    the columns this import fills, or its values would go unchecked. Setting the parameter needs
    a superuser or ``GRANT SET ON PARAMETER session_replication_role`` (PostgreSQL 15). The keys
    are then locked ``FOR KEY SHARE``, as the row-by-row check locks them; a key gone since the
    file was read refuses the file with row numbers (raising rolls the SET back).
    """
    from django.db import DatabaseError, transaction

    from chiso.observations.models import DataValue

    table = DataValue._meta.db_table
    cursor.execute(
        """
        SELECT (SELECT count(*) FROM pg_trigger WHERE tgrelid = c.oid AND NOT tgisinternal)
             + (SELECT count(*) FROM pg_rewrite WHERE ev_class = c.oid)
        FROM pg_class c WHERE c.oid = %s::regclass
        """,
        [table],
    )
    if cursor.fetchone()[0]:
        return False
    cursor.execute(
        """
        SELECT a.attname, f.relname, fa.attname, cardinality(k.conkey)
        FROM pg_constraint k
        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
        JOIN pg_class f ON f.oid = k.confrelid
        JOIN pg_attribute fa ON fa.attrelid = k.confrelid AND fa.attnum = k.confkey[1]
        WHERE k.conrelid = %s::regclass AND k.contype = 'f'
        """,
        [table],
    )
    keys = {"dataset_id": {values.dataset_id}, "indicator_id": set(values.indicators), "unit_id": set(values.units)}
    foreign = cursor.fetchall()
    if any(column not in keys or width != 1 for column, _, _, width in foreign):
        return False
    try:
        with transaction.atomic():
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:  # not permitted for this role: PostgreSQL checks row by row
        return False
    problems = []
    for column, target, target_column, _ in foreign:
        wanted = sorted(keys[column])
        cursor.execute(
            f'SELECT "{target_column}" FROM "{target}" WHERE "{target_column}" = ANY(%s) FOR KEY SHARE',
            [wanted],
        )
        missing = set(wanted) - {row[0] for row in cursor.fetchall()}
        if missing:
            problems += gone(values, column, missing)
    if problems:
        raise ValueFileError(problems)
    return True


def gone(values: CheckedValues, column: str, missing: set[int], limit: int = 10) -> list[str]:
    """Rows whose unit or indicator was deleted after the file was read (at most ``limit``)."""
    if column == "dataset_id":
        return [f"{values.source}: bộ số liệu cần nhập vào không còn trong CSDL"]
    ids, codes, what = (
        (values.units, values.unit_codes, "đơn vị")
        if column == "unit_id"
        else (values.indicators, values.indicator_codes, "chỉ tiêu")
    )
    problems = []
    for line, key in enumerate(ids, start=2):
        if key in missing:
            problems.append(f"{values.source}, dòng {line}: không còn {what} «{codes.get(key, key)}» trong CSDL")
            if len(problems) == limit:
                break
    return problems


def _bulk_create(values: CheckedValues) -> None:
    from chiso.observations.models import DataValue

    for start in range(0, len(values), BATCH):
        DataValue.objects.bulk_create(
            [
                DataValue(
                    **{
                        name: (json.loads(value) if name in ("inputs", "source") else value)
                        for name, value in zip(COLUMNS, row, strict=True)
                    }
                )
                for row in values.rows(start, start + BATCH)
            ]
        )


def import_values(path: Path, framework_code: str, dataset_id: int, kind: str = "reported", locale: str = "vi") -> int:
    """Check then write every row of ``path``; returns the number of values imported."""
    return write_rows(read_rows(path, framework_code, dataset_id, kind, locale))
