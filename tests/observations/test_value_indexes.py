"""The values' table keeps only indexes a page or a job reads (issue 17: every index is
maintained by every bulk import of a million values), and each reader is served by one."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from chiso.observations.models import DataValue

# Columns of each index the table keeps, and who reads through it.
KEPT = {
    ("id",): "primary key: a value by id, its roll-up",
    ("unit_id", "period_id", "indicator_id", "kind", "dataset_id"): "unique: a unit's values, of a period",
    ("indicator_id", "period_id", "id"): "keyset: GET /api/values page after page, a framework's values",
    ("period_id",): "period: a national period's scores, a month's roll-ups",
    ("dataset_id",): "dataset: the admin's list of a dataset's values, a dataset reloaded or deleted",
}


def indexes_of_values() -> set[tuple[str, ...]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, DataValue._meta.db_table)
    return {
        tuple(c["columns"])
        for c in constraints.values()
        if (c["index"] or c["unique"] or c["primary_key"]) and not c["foreign_key"]
    }


def test_the_values_table_keeps_only_the_indexes_a_reader_uses(db):
    assert indexes_of_values() == set(KEPT)


def test_the_models_and_the_migrations_agree(db):
    """A model change without its migration would leave the table with other indexes than these."""
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_a_value_repeating_unit_period_indicator_kind_and_dataset_is_refused(province):
    row = {
        "dataset": province.dataset,
        "indicator": province.indicators["I.2"],
        "unit": province.units["cao-lanh"],
        "period_id": "2031-01",
        "kind": "reported",
        "raw": "1",
    }
    DataValue.objects.create(**row)
    DataValue.objects.create(**{**row, "kind": "published"})  # another kind is another value
    with pytest.raises(IntegrityError), transaction.atomic():
        DataValue.objects.create(**row)


def test_two_values_whose_unit_could_not_be_read_stay_two(province):
    row = {
        "dataset": province.dataset,
        "indicator": province.indicators["I.2"],
        "unit": None,
        "uncertain_unit": True,
        "period_id": "2031-01",
        "kind": "reported",
        "raw": "1",
    }
    DataValue.objects.create(**row)
    DataValue.objects.create(**row)
    assert DataValue.objects.filter(unit=None, period_id="2031-01").count() == 2


def plan(queryset, others: dict[str, bool]) -> str:
    """The plan PostgreSQL would take with a table scan priced out and the table's other
    secondary indexes gone (``others``: name → whether it is a constraint; dropped in a
    transaction rolled back at once): it names the reader's index when that index alone can
    serve the query, or still scans the table when it cannot. Which of two indexes that can both
    serve a query PostgreSQL picks depends on the table's statistics at that moment (a run of the
    suite failed on such a tie), so each is asked alone."""
    table = connection.ops.quote_name(DataValue._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        for name, is_constraint in others.items():
            quoted = connection.ops.quote_name(name)
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quoted}" if is_constraint else f"DROP INDEX {quoted}")
        cursor.execute("SET LOCAL enable_seqscan = off")
        text = queryset.explain()
        transaction.set_rollback(True)
    return text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's")
def test_each_reader_of_the_values_is_served_by_an_index(province):
    unit, indicator = province.units["cao-lanh"], province.indicators["I.2"]
    values = DataValue.objects
    served = {
        # a unit's page, its periodic report, its score; the check before a unit is deleted
        ("unit_id", "period_id", "indicator_id", "kind", "dataset_id"): [
            values.filter(unit=unit, period_id="2030-01"),
            values.filter(unit=unit),
            values.filter(dataset=province.dataset, unit=unit),  # a province's roll-up, replaced
        ],
        # the values' list, read by key
        ("indicator_id", "period_id", "id"): [
            values.filter(indicator_id__in=[indicator.pk]).order_by("indicator_id", "period_id", "id"),
        ],
        # a national period's scores, a month's roll-ups
        ("period_id",): [values.filter(period_id__in=["2030-01"], unit__isnull=False)],
        # the admin's list of a dataset's values; a dataset reloaded or deleted
        ("dataset_id",): [values.filter(dataset=province.dataset)],
    }
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, DataValue._meta.db_table)
    secondary = {
        tuple(c["columns"]): (name, bool(c["unique"]))
        for name, c in constraints.items()
        if (c["index"] or c["unique"]) and not c["primary_key"] and not c["foreign_key"]
    }
    for columns, readers in served.items():
        name = secondary[columns][0]
        others = dict(other for key, other in secondary.items() if key != columns)
        for queryset in readers:
            text = plan(queryset, others)
            assert name in text, (columns, str(queryset.query), text)
            assert "Seq Scan" not in text, (columns, str(queryset.query), text)


def test_the_import_bench_counts_the_indexes_an_import_maintains(db):
    from chiso.bench.importing import index_count

    assert index_count() == len(KEPT) == 5
