"""`chiso bench api-values` says how much of the value tables VACUUM has marked all-visible
(PostgreSQL), so a figure measured on a freshly filled database is not taken for another."""

from __future__ import annotations

import pytest
from django.db import connection

from chiso.bench.api_values import all_visible_share
from chiso.observations.models import Dataset, DataValue
from chiso.synth.generator import settle


def _fill(indicator) -> None:
    dataset = Dataset.objects.create(code="day", title="Bộ số liệu lớn")
    DataValue.objects.bulk_create(
        DataValue(
            dataset=dataset, indicator=indicator, uncertain_unit=True, period_id=str(2000 + i), kind="reported", raw="1"
        )
        for i in range(500)
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the visibility map is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_after_settling_every_page_of_the_value_tables_is_all_visible(indicator):
    _fill(indicator)
    settle([DataValue])
    assert all_visible_share() == 100


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the visibility map is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_a_freshly_filled_value_table_is_not_all_visible(indicator):
    _fill(indicator)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {DataValue._meta.db_table}")
    assert all_visible_share() < 100


@pytest.mark.skipif(connection.vendor == "postgresql", reason="another database than PostgreSQL")
@pytest.mark.django_db
def test_on_another_database_the_share_is_not_reported(indicator):
    _fill(indicator)
    assert all_visible_share() is None
