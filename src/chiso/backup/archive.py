"""Write and read a backup archive.

The archive is a .zip with ``manifest.json`` (format, chiso version, time, database engine,
row counts, SHA-256 of every member), ``data.json`` (Django's dumpdata with natural keys, so
it restores into a database of another engine: SQLite ↔ PostgreSQL) and ``media/…`` (evidence
and uploaded files). Restore checks every checksum before touching the database and loads in
one transaction: a damaged archive changes nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

FORMAT = "chiso-backup-1"
# Rebuilt by migrate or meaningless after a restore; natural keys point at them instead.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "accounts.loginfailure"]


class BackupError(Exception):
    """A backup archive that cannot be restored; the message is Vietnamese and says why."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    rows: int
    files: int
    tables: dict[str, int]


def _dump() -> bytes:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("dumpdata", natural_foreign=True, natural_primary=True, exclude=EXCLUDED,
                 indent=None, stdout=out)
    return out.getvalue().encode("utf-8")


def _counts(data: bytes) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in json.loads(data):
        counts[row["model"]] = counts.get(row["model"], 0) + 1
    return dict(sorted(counts.items()))


def create(path: Path) -> BackupSummary:
    """Write a backup of the configured database and MEDIA_ROOT to ``path``."""
    from django.conf import settings
    from django.db import connection, transaction

    # One transaction so the dump is a consistent snapshot on PostgreSQL.
    with transaction.atomic():
        data = _dump()
    media_root = Path(settings.MEDIA_ROOT)
    media = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
    checksums = {"data.json": hashlib.sha256(data).hexdigest()}
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", data)
        for file in media:
            name = "media/" + file.relative_to(media_root).as_posix()
            content = file.read_bytes()
            checksums[name] = hashlib.sha256(content).hexdigest()
            archive.writestr(name, content)
        tables = _counts(data)
        manifest = {"format": FORMAT, "chiso": version("chiso"), "created": datetime.now().astimezone().isoformat(),
                    "engine": connection.vendor, "tables": tables, "sha256": checksums}
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    # Renamed only when complete, so a crash never leaves a half archive under the real name.
    tmp.replace(path)
    return BackupSummary(path, sum(tables.values()), len(media), tables)


def _read_checked(path: Path) -> tuple[dict, zipfile.ZipFile]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise BackupError(f"Tệp {path.name} không phải bản sao lưu chiso (.zip hỏng hoặc sai định dạng): {error}") from None
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError):
        raise BackupError(f"Tệp {path.name} thiếu manifest.json hoặc manifest.json hỏng.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Tệp {path.name} có định dạng {manifest.get('format')!r}, cần {FORMAT!r}.")
    for name, expected in manifest.get("sha256", {}).items():
        try:
            actual = hashlib.sha256(archive.read(name)).hexdigest()
        except KeyError:
            raise BackupError(f"Tệp {path.name} thiếu thành phần {name}.") from None
        if actual != expected:
            raise BackupError(f"Thành phần {name} trong {path.name} bị hỏng (sai mã kiểm tra SHA-256).")
    return manifest, archive


def restore(path: Path) -> BackupSummary:
    """Replace the database content and MEDIA_ROOT with the archive's; all or nothing."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    manifest, archive = _read_checked(path)
    call_command("migrate", verbosity=0, interactive=False)
    data_file = Path(settings.DATA_DIR) / "restore-data.json"
    data_file.write_bytes(archive.read("data.json"))
    try:
        with transaction.atomic():
            call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=False)
            call_command("loaddata", str(data_file), verbosity=0)
    finally:
        data_file.unlink(missing_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    files = [n for n in archive.namelist() if n.startswith("media/")]
    for name in files:
        target = media_root / name.removeprefix("media/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(archive.read(name))
    tables = manifest.get("tables", {})
    return BackupSummary(path, sum(tables.values()), len(files), tables)
