"""After filling tables in bulk, `chiso synth` leaves them ready to be read: on PostgreSQL
vacuumed (every page marked all-visible, so a count reads an index, not the heap), elsewhere
analysed."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from chiso.observations.models import Dataset, DataValue
from chiso.synth.generator import settle

postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="the visibility map is PostgreSQL's")
sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="sqlite_stat1 is SQLite's")


def _fill(indicator, rows: int = 500) -> None:
    dataset = Dataset.objects.create(code="day", title="Bộ số liệu lớn")
    DataValue.objects.bulk_create(
        DataValue(
            dataset=dataset, indicator=indicator, uncertain_unit=True, period_id=str(2000 + i), kind="reported", raw="1"
        )
        for i in range(rows)
    )


def _visibility() -> tuple[int, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpages, relallvisible FROM pg_class WHERE relname = %s", [DataValue._meta.db_table])
        return cursor.fetchone()


@postgresql
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_every_page_of_a_settled_table_is_all_visible(indicator):
    _fill(indicator)
    settle([DataValue])
    pages, visible = _visibility()
    assert pages > 0
    assert visible == pages


@postgresql
@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_settling_analyses_instead_of_failing(indicator):
    with transaction.atomic():
        _fill(indicator, 437)
        settle([DataValue])  # VACUUM cannot run in a transaction: ANALYZE only
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [DataValue._meta.db_table])
            assert cursor.fetchone()[0] == 437


@sqlite
@pytest.mark.django_db(transaction=True)
def test_on_sqlite_a_settled_table_has_statistics(indicator):
    _fill(indicator)
    settle([DataValue])
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = %s", [DataValue._meta.db_table])
        assert cursor.fetchone()[0] > 0
