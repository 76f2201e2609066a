"""A value file imported in bulk: every row checked first, then stored as the row-by-row path stored it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.db import IntegrityError, connection, transaction

from chiso.observations.bulk_import import COLUMNS, ValueFileError, import_values, read_rows, write_rows
from chiso.observations.models import Dataset, DataValue
from chiso.orgunits.models import OrgUnit

FRAMEWORK = "cds-dong-thap-2021-2025"
# Texts COPY must escape, a text value, a blank, fractions and Vietnamese numbers.
VALUES = [
    ("cao-lanh", "I.2", "2030-01", "83,80%"),
    ("cao-lanh", "I.8", "2030-01", "1.234,5"),
    ("cao-lanh", "I.6", "2030-01", "Có"),
    ("cao-lanh", "I.23", "2030-01", "Đã ban hành\tngày 5\\6\nQuyết định số 12"),
    ("sa-dec", "I.2", "2030-01", "145/226"),
    ("sa-dec", "I.8", "2030-01", ""),
    ("sa-dec", "I.6", "2030-01", "\\N"),
    ("sa-dec", "I.23", "2030-01", "dòng một\r\ndòng hai"),
    ("dong-thap", "I.2", "2030-01", "83,80%"),
]


def write_csv(path: Path, rows: list[tuple[str, ...]]) -> Path:
    import csv

    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["unit", "indicator", "period", "value"])
        out.writerows(rows)
    return path


def stored(dataset: Dataset) -> list[tuple]:
    return sorted(
        DataValue.objects.filter(dataset=dataset).values_list(*COLUMNS),
        key=lambda row: (row[1], row[2]),
    )


def expected(rows: list[tuple]) -> list[tuple]:
    """The tuples the row-by-row path stored, with the JSON columns as Django reads them back."""
    return sorted(
        ((*row[:10], {}, {}, *row[12:]) for row in rows),
        key=lambda row: (row[1], row[2]),
    )


def test_imported_rows_equal_the_checked_rows_field_by_field(province, tmp_path):
    path = write_csv(tmp_path / "thang.csv", VALUES)
    checked = list(read_rows(path, FRAMEWORK, province.dataset.pk, "reported", "vi").rows())
    assert import_values(path, FRAMEWORK, province.dataset.pk) == len(VALUES)
    assert stored(province.dataset) == expected(checked)


def test_text_with_tabs_newlines_and_backslashes_is_stored_as_written(province, tmp_path):
    import_values(write_csv(tmp_path / "thang.csv", VALUES), FRAMEWORK, province.dataset.pk)
    raws = set(DataValue.objects.filter(dataset=province.dataset).values_list("raw", flat=True))
    assert raws == {raw for *_, raw in VALUES}
    text = DataValue.objects.get(dataset=province.dataset, raw=VALUES[3][3])
    assert (text.number, text.numerator, text.denominator) == (None, None, None)


def test_numbers_are_read_the_vietnamese_way(province, tmp_path):
    import_values(write_csv(tmp_path / "thang.csv", VALUES), FRAMEWORK, province.dataset.pk)
    fraction = DataValue.objects.get(dataset=province.dataset, raw="145/226")
    assert (fraction.numerator, fraction.denominator) == (Decimal("145"), Decimal("226"))
    assert DataValue.objects.get(dataset=province.dataset, raw="1.234,5").number == Decimal("1234.5")
    assert DataValue.objects.filter(dataset=province.dataset, raw="83,80%", number=Decimal("83.8")).count() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the row-by-row COPY path is PostgreSQL's")
def test_copy_text_stores_what_psycopg_row_by_row_stored(province, tmp_path):
    path = write_csv(tmp_path / "thang.csv", VALUES)
    old = Dataset.objects.create(code="theo-dong", title="Ghi từng dòng")
    checked = read_rows(path, FRAMEWORK, old.pk, "reported", "vi")
    with (
        connection.cursor() as cursor,
        cursor.connection.cursor() as raw_cursor,
        raw_cursor.copy(f"COPY {DataValue._meta.db_table} ({', '.join(COLUMNS)}) FROM STDIN") as copy,
    ):
        for row in checked.rows():
            copy.write_row(row)
    import_values(path, FRAMEWORK, province.dataset.pk)
    assert [row[1:] for row in stored(province.dataset)] == [row[1:] for row in stored(old)]


def test_unknown_codes_refuse_the_whole_file_with_row_numbers(province, tmp_path):
    rows = [*VALUES, ("xa-khong-co", "I.2", "2030-01", "1"), ("cao-lanh", "Z.9", "2030-01", "1")]
    with pytest.raises(ValueFileError) as refused:
        import_values(write_csv(tmp_path / "thang.csv", rows), FRAMEWORK, province.dataset.pk)
    assert refused.value.problems == [
        "thang.csv, dòng 11: không có đơn vị «xa-khong-co»",
        f"thang.csv, dòng 12: không có chỉ tiêu «Z.9» của {FRAMEWORK}",
    ]
    assert not DataValue.objects.filter(dataset=province.dataset).exists()


def test_numbers_too_large_periods_too_long_and_short_rows_are_refused_with_row_numbers(province, tmp_path):
    path = write_csv(
        tmp_path / "thang.csv",
        [
            ("cao-lanh", "I.8", "2030-01", "1.000.000.000.000.000"),
            ("cao-lanh", "I.2", "2030-01-ngay-mot-thang-mot", "1"),
            ("cao-lanh", "I.6"),
        ],
    )
    with pytest.raises(ValueFileError) as refused:
        import_values(path, FRAMEWORK, province.dataset.pk)
    assert refused.value.problems == [
        "thang.csv, dòng 2: giá trị «1.000.000.000.000.000» quá lớn để lưu (tối đa 14 chữ số phần nguyên)",
        "thang.csv, dòng 3: kỳ «2030-01-ngay-mot-thang-mot» trống hoặc dài quá 20 ký tự",
        "thang.csv, dòng 4: cần 4 cột (đơn vị, chỉ tiêu, kỳ, giá trị), có 2",
    ]
    assert not DataValue.objects.filter(dataset=province.dataset).exists()


def test_a_file_without_the_header_is_refused_on_row_one(province, tmp_path):
    path = tmp_path / "thang.csv"
    path.write_text("don_vi,chi_tieu,ky,gia_tri\n", encoding="utf-8")
    with pytest.raises(ValueFileError) as refused:
        read_rows(path, FRAMEWORK, province.dataset.pk, "reported", "vi")
    assert refused.value.problems == ["thang.csv, dòng 1: cần tiêu đề «unit,indicator,period,value»"]


def test_a_row_repeating_an_earlier_one_refuses_the_file_naming_both_rows(province, tmp_path):
    rows = [*VALUES, ("sa-dec", "I.2", "2030-01", "1/2")]
    with pytest.raises(ValueFileError) as refused:
        import_values(write_csv(tmp_path / "thang.csv", rows), FRAMEWORK, province.dataset.pk)
    assert refused.value.problems == ["thang.csv, dòng 11: trùng đơn vị, chỉ tiêu, kỳ với dòng 6"]
    assert not DataValue.objects.filter(dataset=province.dataset).exists()


def test_values_the_dataset_already_holds_refuse_the_file_and_keep_what_was_there(province, tmp_path):
    import_values(write_csv(tmp_path / "thang.csv", VALUES[:2]), FRAMEWORK, province.dataset.pk)
    before = stored(province.dataset)
    with pytest.raises(ValueFileError) as refused:
        import_values(write_csv(tmp_path / "lai.csv", VALUES[1:3]), FRAMEWORK, province.dataset.pk)
    assert refused.value.problems == ["lai.csv, dòng 2: giá trị này đã có trong bộ số liệu (cùng đơn vị, chỉ tiêu, kỳ)"]
    assert stored(province.dataset) == before


def test_a_unit_deleted_after_the_file_was_read_refuses_the_file_with_row_numbers(province, tmp_path):
    OrgUnit.objects.create(code="xa-moi", name="Xã Mới", type="xa", parent=province.units["dong-thap"])
    rows = [*VALUES, ("xa-moi", "I.2", "2030-01", "1"), ("xa-moi", "I.8", "2030-01", "2")]
    checked = read_rows(write_csv(tmp_path / "thang.csv", rows), FRAMEWORK, province.dataset.pk, "reported", "vi")
    OrgUnit.objects.filter(code="xa-moi").delete()
    with pytest.raises(ValueFileError) as refused:
        write_rows(checked)
    assert refused.value.problems == [
        "thang.csv, dòng 11: không còn đơn vị «xa-moi» trong CSDL",
        "thang.csv, dòng 12: không còn đơn vị «xa-moi» trong CSDL",
    ]
    assert not DataValue.objects.filter(dataset=province.dataset).exists()


def setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def insert_checked_now(dataset: Dataset, indicator_id: int, unit_id: int) -> None:
    """One value, its foreign keys checked at once instead of at commit."""
    with transaction.atomic():
        DataValue.objects.create(dataset=dataset, indicator_id=indicator_id, unit_id=unit_id, period_id="2031-01")
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="keys checked per set on PostgreSQL only")
def test_keys_are_checked_per_set_and_row_by_row_again_after_the_copy(province, tmp_path):
    with transaction.atomic():
        checked = read_rows(write_csv(tmp_path / "thang.csv", VALUES), FRAMEWORK, province.dataset.pk, "reported", "vi")
        assert write_rows(checked) == len(VALUES)
        assert checked.keys_per_set is True
        assert setting("session_replication_role") == "origin"
        # What this transaction writes next is checked row by row again.
        with pytest.raises(IntegrityError, match="foreign key"):
            insert_checked_now(province.dataset, province.indicators["I.2"].pk, unit_id=10**9)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f' AND convalidated",
            [DataValue._meta.db_table],
        )
        assert cursor.fetchone()[0] == 3
    assert len(stored(province.dataset)) == len(VALUES)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="keys checked per set on PostgreSQL only")
def test_a_refused_copy_leaves_the_row_by_row_checks_on(province, tmp_path):
    import_values(write_csv(tmp_path / "thang.csv", VALUES[:2]), FRAMEWORK, province.dataset.pk)
    with transaction.atomic():
        with pytest.raises(ValueFileError):
            import_values(write_csv(tmp_path / "lai.csv", VALUES[1:3]), FRAMEWORK, province.dataset.pk)
        assert setting("session_replication_role") == "origin"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="keys checked per set on PostgreSQL only")
def test_a_role_that_may_not_switch_the_checks_off_imports_with_row_by_row_checks(province, tmp_path):
    role = f"chiso_import_test_{connection.connection.info.backend_pid}"
    checked = read_rows(write_csv(tmp_path / "thang.csv", VALUES), FRAMEWORK, province.dataset.pk, "reported", "vi")
    with transaction.atomic():  # CREATE ROLE is rolled back with the test's transaction
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE ROLE {role} NOSUPERUSER")
            cursor.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}")
            cursor.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}")
            cursor.execute(f"SET LOCAL ROLE {role}")
        assert write_rows(checked) == len(VALUES)
        assert checked.keys_per_set is False
        assert setting("session_replication_role") == "origin"
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
    assert len(stored(province.dataset)) == len(VALUES)
