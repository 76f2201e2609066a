"""`chiso backup` then `chiso restore` into another database gives back identical data."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from chiso.datafiles import BUNDLED_DATA

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="runs its own throwaway SQLite databases in subprocesses; engine-independent",
)


def chiso(data_dir: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["CHISO_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "chiso", *args], env=env, capture_output=True, text=True, input=input, timeout=300
    )


def dump(data_dir: Path) -> list:
    script = (
        "from chiso.django_setup import setup; setup();"
        "from django.core.management import call_command;"
        "from chiso.backup.archive import EXCLUDED;"
        "call_command('dumpdata', natural_foreign=True, natural_primary=True, exclude=EXCLUDED)"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["CHISO_DATA_DIR"] = str(data_dir)
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    return sorted(json.loads(out.stdout), key=lambda r: (r["model"], json.dumps(r, sort_keys=True)))


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> Path:
    """A database with the real Đồng Tháp data, an audit entry and one uploaded file."""
    source = tmp_path_factory.mktemp("source")
    assert chiso(source, "migrate").returncode == 0
    result = chiso(
        source, "load", str(BUNDLED_DATA / "frameworks"), str(BUNDLED_DATA / "orgunits"), str(BUNDLED_DATA / "datasets")
    )
    assert result.returncode == 0, result.stderr
    script = (
        "from chiso.django_setup import setup; setup();"
        "from django.contrib.auth.models import User; from chiso.audit.trail import record;"
        "from chiso.orgunits.models import OrgUnit;"
        "u = User.objects.create_user('nhaplieu', password='Mat-khau-2024!');"
        "record(u, OrgUnit.objects.get(code='so-khcn'), 'name', 'cũ', 'mới', reason='thử')"
    )
    env = {**os.environ, "CHISO_DATA_DIR": str(source)}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-c", script], env=env, check=True)
    evidence = source / "media" / "evidence" / "2024" / "11" / "bien-ban.pdf"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(b"%PDF-1.4 bien ban kiem chung")
    return source


def test_restore_gives_back_every_record_and_file(loaded, tmp_path):
    archive = tmp_path / "chiso.zip"
    assert chiso(loaded, "backup", str(archive)).returncode == 0
    target = tmp_path / "target"
    result = chiso(target, "restore", str(archive), "--yes")
    assert result.returncode == 0, result.stderr
    assert dump(target) == dump(loaded)
    restored = target / "media" / "evidence" / "2024" / "11" / "bien-ban.pdf"
    assert restored.read_bytes() == b"%PDF-1.4 bien ban kiem chung"


def test_a_damaged_archive_is_refused_and_changes_nothing(loaded, tmp_path):
    archive = tmp_path / "chiso.zip"
    chiso(loaded, "backup", str(archive))
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive) as original, zipfile.ZipFile(damaged, "w") as copy:
        for item in original.infolist():
            content = original.read(item.filename)
            if item.filename == "data.json":
                content = content.replace(b"so-khcn", b"so-khcx", 1)
            copy.writestr(item, content)
    target = tmp_path / "target"
    assert chiso(target, "migrate").returncode == 0
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
