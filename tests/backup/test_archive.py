"""`chiso backup` then `chiso restore` into another database gives back identical data."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from chiso.datafiles import BUNDLED_DATA
from tests.fixtures.data_folders import chiso, copy_of, environment

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="runs its own throwaway SQLite databases in subprocesses; engine-independent",
)


def dump(data_dir: Path) -> list:
    script = (
        "from chiso.django_setup import setup; setup();"
        "from django.core.management import call_command;"
        "from chiso.backup.archive import EXCLUDED;"
        "call_command('dumpdata', natural_foreign=True, natural_primary=True, exclude=EXCLUDED)"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], env=environment(data_dir), capture_output=True, text=True, check=True
    )
    return sorted(json.loads(out.stdout), key=lambda r: (r["model"], json.dumps(r, sort_keys=True)))


@pytest.fixture(scope="module")
def loaded(bundled_folder, tmp_path_factory) -> Path:
    """A database with the real Đồng Tháp data (a copy of the one `chiso migrate` and `chiso load`
    made), an audit entry and one uploaded file."""
    source = copy_of(bundled_folder, tmp_path_factory.mktemp("source") / "data")
    script = (
        "from chiso.django_setup import setup; setup();"
        "from django.contrib.auth.models import User; from chiso.audit.trail import record;"
        "from chiso.orgunits.models import OrgUnit;"
        "u = User.objects.create_user('nhaplieu', password='Mat-khau-2024!');"
        "record(u, OrgUnit.objects.get(code='so-khcn'), 'name', 'cũ', 'mới', reason='thử')"
    )
    subprocess.run([sys.executable, "-c", script], env=environment(source), check=True)
    evidence = source / "media" / "evidence" / "2024" / "11" / "bien-ban.pdf"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(b"%PDF-1.4 bien ban kiem chung")
    return source


@pytest.fixture(scope="module")
def archive(loaded, tmp_path_factory) -> Path:
    """`chiso backup` of the loaded database, once for the tests that read it (none changes it)."""
    archive = tmp_path_factory.mktemp("backup") / "chiso.zip"
    assert chiso(loaded, "backup", str(archive)).returncode == 0
    return archive


def test_restore_gives_back_every_record_and_file(loaded, archive, tmp_path):
    target = tmp_path / "target"
    result = chiso(target, "restore", str(archive), "--yes")
    assert result.returncode == 0, result.stderr
    assert dump(target) == dump(loaded)
    restored = target / "media" / "evidence" / "2024" / "11" / "bien-ban.pdf"
    assert restored.read_bytes() == b"%PDF-1.4 bien ban kiem chung"


def test_a_damaged_archive_is_refused_and_changes_nothing(archive, migrated_folder, tmp_path):
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive) as original, zipfile.ZipFile(damaged, "w") as copy:
        for item in original.infolist():
            content = original.read(item.filename)
            if item.filename == "data.json":
                content = content.replace(b"so-khcn", b"so-khcx", 1)
            copy.writestr(item, content)
    target = copy_of(migrated_folder, tmp_path / "target")  # as `chiso migrate` left it
    assert chiso(target, "load", str(BUNDLED_DATA / "orgunits")).returncode == 0
    before = dump(target)
    result = chiso(target, "restore", str(damaged), "--yes")
    assert result.returncode == 2
    assert "data.json" in result.stderr
    assert "bị hỏng" in result.stderr
    assert dump(target) == before


def test_a_file_that_is_not_a_backup_is_refused_in_vietnamese(tmp_path):
    fake = tmp_path / "bao-cao.zip"
    fake.write_bytes(b"not a zip")
    result = chiso(tmp_path / "db", "restore", str(fake), "--yes")
    assert result.returncode == 2
    assert "không phải bản sao lưu chiso" in result.stderr
