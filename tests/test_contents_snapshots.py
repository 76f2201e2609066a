"""The copies of the committed test contents (tests/fixtures/contents.py): put back after a flush,
or over other contents, the database holds what the load committed — every table's rows, and
sequences that give new rows the ids they would have got right after the load. Run on SQLite and,
with DATABASE_URL, on PostgreSQL (where the copy is every table's COPY and every sequence)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection

from chiso.orgunits.models import LineageEvent, OrgUnit
from tests.fixtures.contents import BUNDLED, DATABASE, FIRST_LOAD, SNAPSHOTS, Contents, Database, Snapshot

# Each test commits (a copy is only taken of committed contents), so each is transactional and
# starts on the empty database; Django's flush empties it again after.
pytestmark = pytest.mark.django_db(transaction=True)


def tables() -> list[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor, include_views=False)
    return sorted(name for name in names if name != "django_migrations")


def _plain(value: object) -> object:
    return bytes(value) if isinstance(value, memoryview) else value


def table_rows() -> dict[str, tuple[int, str]]:
    """Each table's number of rows and a digest of the rows themselves, in any order."""
    found = {}
    with connection.cursor() as cursor:
        for table in tables():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(tuple(_plain(v) for v in row)) for row in cursor.fetchall())
            found[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return found


def sequences() -> dict[str, tuple[int, bool]]:
    """Where each sequence stands: PostgreSQL's (last_value, is_called), SQLite's sqlite_sequence."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname = current_schema() AND c.relkind = 'S'"
            )
            found = {}
            for (name,) in cursor.fetchall():
                cursor.execute(f"SELECT last_value, is_called FROM {connection.ops.quote_name(name)}")
                found[name] = tuple(cursor.fetchone())
            return found
        cursor.execute("SELECT name, seq FROM sqlite_sequence")
        return {name: (seq, True) for name, seq in cursor.fetchall()}


@dataclass
class Load:
    """The bundled data as a fresh load committed it, and the copy taken of it then."""

    rows: dict[str, tuple[int, str]]
    sequences: dict[str, tuple[int, bool]]
    copy: Snapshot


@pytest.fixture(scope="module")
def fresh_load(django_db_setup, django_db_blocker) -> Load:
    """The bundled data loaded into the empty database once for this module, as BUNDLED's step
    loads it, and a copy of it taken as the contents switch takes one."""
    if connection.vendor not in SNAPSHOTS:
        pytest.skip(f"no copy of the contents on {connection.vendor}")
    kept = list(FIRST_LOAD)
    with django_db_blocker.unblock():
        DATABASE.ensure(None)
        try:
            BUNDLED.step()
            load = Load(table_rows(), sequences(), SNAPSHOTS[connection.vendor].take(connection))
        finally:
            FIRST_LOAD[:] = kept
            DATABASE.current = "?"  # the next test's switch flushes first
    return load


def flush() -> None:
    call_command("flush", interactive=False, verbosity=0)


def test_the_load_fills_tables_the_copy_must_carry(fresh_load: Load) -> None:
    """Guards the tests below: the bundled data is in many tables, not a trivial empty copy."""
    filled = [table for table, (count, _) in fresh_load.rows.items() if count]
    assert len(filled) >= 10
    assert fresh_load.rows["orgunits_orgunit"][0] >= 30


def test_a_copy_put_back_after_a_flush_holds_every_row_the_load_committed(fresh_load: Load) -> None:
    flush()
    assert not OrgUnit.objects.exists()
    fresh_load.copy.restore(connection)
    assert table_rows() == fresh_load.rows


def test_a_copy_put_back_after_a_flush_sets_every_sequence_where_the_load_left_it(fresh_load: Load) -> None:
    flush()
    fresh_load.copy.restore(connection)
    assert sequences() == fresh_load.sequences


def test_a_copy_put_back_over_changed_rows_holds_the_load_again(fresh_load: Load) -> None:
    """As when the bundled data is asked for after the demo: rows added, changed and removed
    over it are gone, and the removed ones are back."""
    fresh_load.copy.restore(connection)
    User.objects.create_user("them-vao", password="Mat-khau-2026!")
    OrgUnit.objects.filter(code="dong-thap").update(name="Đổi tên")
    LineageEvent.objects.first().delete()  # with its rows of predecessors and successors
    assert table_rows() != fresh_load.rows
    fresh_load.copy.restore(connection)
    assert table_rows() == fresh_load.rows


def test_new_rows_after_the_copy_is_put_back_get_the_ids_they_get_after_the_load(fresh_load: Load) -> None:
    fresh_load.copy.restore(connection)
    after_load = User.objects.create_user("moi", password="Mat-khau-2026!").pk
    flush()
    fresh_load.copy.restore(connection)
    assert User.objects.create_user("moi", password="Mat-khau-2026!").pk == after_load


def make_user(name: str, runs: list[str]) -> Contents:
    def step() -> None:
        runs.append(name)
        User.objects.create_user(name, password="Mat-khau-2026!")

    return Contents(name, step)


def test_contents_asked_for_again_after_a_flush_are_copied_back_not_made_again() -> None:
    runs: list[str] = []
    base = make_user("co-so", runs)
    top = Contents("them", make_user("them", runs).step, base=base)
    database = Database()
    database.ensure(top)
    assert runs == ["co-so", "them"]
    flush()
    database.test_ended(transactional=True)
    database.ensure(top)
    assert runs == ["co-so", "them"]
    assert sorted(User.objects.values_list("username", flat=True)) == ["co-so", "them"]


def test_base_contents_asked_for_over_their_step_are_copied_back_without_its_rows() -> None:
    runs: list[str] = []
    base = make_user("co-so", runs)
    top = Contents("them", make_user("them", runs).step, base=base)
    database = Database()
    database.ensure(top)
    database.ensure(base)
    assert runs == ["co-so", "them"]
    assert list(User.objects.values_list("username", flat=True)) == ["co-so"]
    assert database.current == "co-so"
