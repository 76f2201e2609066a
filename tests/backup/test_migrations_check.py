"""Restore compares the backup's migrations with the installed chiso and the database's.

These run in-process on the configured database (SQLite, or PostgreSQL with DATABASE_URL), on a
real backup written by `create`, whose manifest is edited and zipped again to stand for a backup
from another chiso version; `chiso restore` reads that file back.
"""

import json
import zipfile
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from chiso.orgunits.models import OrgUnit

from .archives import EVIDENCE, PDF, dump, rewritten, run_restore

pytestmark = pytest.mark.django_db(transaction=True)


def change_after_backup(media: Path) -> None:
    OrgUnit.objects.filter(code="so-khcn").update(name="Sở KH&CN (sửa sau sao lưu)")
    OrgUnit.objects.create(code="so-tttt", name="Sở Thông tin và Truyền thông", type="so")
    (media / EVIDENCE).write_bytes(b"sua sau sao luu")


def test_backup_records_every_applied_migration(backup):
    with zipfile.ZipFile(backup) as archive:
        recorded = json.loads(archive.read("manifest.json"))["migrations"]
    applied = MigrationRecorder(connection).applied_migrations()
    assert {(app, name) for app, names in recorded.items() for name in names} == set(applied)
    assert "0001_initial" in recorded["orgunits"]


def test_an_older_backup_is_refused_naming_the_missing_migration(backup, media):
    missing = {}

    def drop_last_collection_migration(manifest):
        missing["name"] = manifest["migrations"]["collection"].pop()

    older = rewritten(backup, drop_last_collection_migration)
    change_after_backup(media)
    before = dump()
    result = run_restore(older)
    assert result.exit_code == 2
    assert "CŨ HƠN" in result.stderr
    assert f"collection.{missing['name']}" in result.stderr
    assert "chiso migrate" in result.stderr
    assert "Chưa có gì bị thay đổi" in result.stderr
    assert dump() == before
    assert (media / EVIDENCE).read_bytes() == b"sua sau sao luu"


def test_a_newer_backup_is_refused_asking_to_upgrade_first(backup, media):
    newer = rewritten(backup, lambda m: m["migrations"]["orgunits"].append("0099_don_vi_moi"))
    change_after_backup(media)
    before = dump()
    result = run_restore(newer)
    assert result.exit_code == 2
    assert "MỚI HƠN" in result.stderr
    assert "orgunits.0099_don_vi_moi" in result.stderr
    assert "nâng cấp chiso" in result.stderr
    assert dump() == before


def test_a_database_upgraded_by_a_newer_chiso_is_refused_before_anything_changes(backup, media):
    """The rollback of section 9: a newer chiso's table refers to ours, which PostgreSQL cannot
    truncate; restore must say so in Vietnamese instead of failing half-way."""
    recorder = MigrationRecorder(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE tuonglai_bang (id integer PRIMARY KEY, unit_id integer REFERENCES orgunits_orgunit (id))"
        )
    recorder.record_applied("tuonglai", "0001_initial")
    try:
        change_after_backup(media)
        before = dump()
        result = run_restore(backup)
        assert result.exit_code == 2
        assert "CSDL hiện tại đã được nâng cấp" in result.stderr
        assert "tuonglai.0001_initial" in result.stderr
        assert "tạo lại CSDL rỗng" in result.stderr
        assert dump() == before
    finally:
        recorder.record_unapplied("tuonglai", "0001_initial")
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE tuonglai_bang")


def test_a_backup_without_recorded_migrations_is_restored_after_a_warning(backup, media):
    expected = dump()
    legacy = rewritten(backup, lambda m: m.pop("migrations"))
    change_after_backup(media)
    result = run_restore(legacy)
    assert result.exit_code == 0, result.stderr
    assert "Cảnh báo" in result.stderr
    assert "không kiểm tra được" in result.stderr
    assert dump() == expected
    assert (media / EVIDENCE).read_bytes() == PDF


def test_restore_gives_back_the_backed_up_data_on_this_database(backup, media):
    expected = dump()
    change_after_backup(media)
    result = run_restore(backup)
    assert result.exit_code == 0, result.stderr
    assert "Cảnh báo" not in result.stderr
    assert dump() == expected
    assert (media / EVIDENCE).read_bytes() == PDF


def with_missing_parent(data: bytes) -> bytes:
    """A parent that is not in the backup: found only by loaddata, after the database was emptied."""
    rows = json.loads(data)
    for row in rows:
        if row["model"] == "orgunits.orgunit" and row["fields"]["code"] == "so-khcn":
            row["fields"]["parent"] = 999999
    return json.dumps(rows).encode()


def test_a_load_that_fails_is_reported_in_vietnamese_and_rolls_back(backup, media):
    broken = rewritten(backup, edit_data=with_missing_parent)
    change_after_backup(media)
    before = dump()
    result = run_restore(broken)
    assert result.exit_code == 2
    assert "không thành công khi nạp dữ liệu" in result.stderr
    assert "Không có gì bị thay đổi" in result.stderr
    assert dump() == before
    assert (media / EVIDENCE).read_bytes() == b"sua sau sao luu"


def test_a_file_that_cannot_be_put_in_place_rolls_back_database_and_files(backup, media):
    # "zz/…" comes after "evidence/…", so the evidence file has already been replaced when the
    # move fails on a plain file standing where the folder zz should be.
    more = rewritten(backup, extra={"media/zz/phu-luc.pdf": b"%PDF-1.4 phu luc"})
    change_after_backup(media)
    (media / "zz").write_bytes(b"a file, not a folder")
    before = dump()
    result = run_restore(more)
    assert result.exit_code == 2
    assert "Không có gì bị thay đổi" in result.stderr
    assert dump() == before
    assert (media / EVIDENCE).read_bytes() == b"sua sau sao luu"
    assert sorted(p.name for p in media.parent.iterdir()) == ["chiso.zip", "media", "sua-chiso.zip"]
