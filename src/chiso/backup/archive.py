"""Write and read a backup archive.

The archive is a .zip with ``manifest.json`` (format, chiso version, time, database engine,
applied migrations, row counts, SHA-256 of every member), ``data.json`` (Django's dumpdata with
natural keys, so it restores into a database of another engine: SQLite ↔ PostgreSQL; times to
the microsecond, see ``exact_json``) and
``media/…`` (evidence and uploaded files).

The package version stays "0.1.0" across releases, so the applied migrations (app label → names)
are what tells which schema the data was dumped from. dumpdata/loaddata go through the installed
code's models, so the data only fits when the backup's migrations are exactly the installed
code's. Before touching anything restore refuses, in Vietnamese and naming the migrations:

- a backup from an older chiso (it lacks migrations): restore it with the chiso that made it into
  an empty database, then install this chiso and run ``chiso migrate``, which also runs the data
  migrations on the old rows;
- a backup from a newer chiso: upgrade chiso first;
- a database migrated by a newer chiso than the installed one (rolling back an upgrade): recreate
  the database empty, then restore.

A backup written before migrations were recorded (no ``migrations`` in the manifest) cannot be
checked; restore warns and tries as before, since those are all the backups an office has.

Restore checks the members' names, kinds and declared sizes first (``members``: nothing outside
the uploads folder, no links, enough disk), then every checksum and the migrations, unpacks the
files beside MEDIA_ROOT, then empties and loads the database in one transaction and moves the
files into place inside it; any failure rolls the database back and puts the replaced files
back, so nothing is changed. With the files in object storage (CHISO_S3_BUCKET) they are read
and written through Django's storage instead, each replaced object kept aside until the
restore has committed. Backups are written readable by their owner only (0600).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from chiso.backup.members import CHUNK, UnsafeMember, check_members, media_path, sha256, unpack
from chiso.stored_files import walk

FORMAT = "chiso-backup-1"
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
# Rebuilt by migrate or meaningless after a restore; natural keys point at them instead.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "accounts.counter"]


class BackupError(Exception):
    """A backup archive that cannot be restored; the message is Vietnamese and says why."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    rows: int
    files: int
    tables: dict[str, int]


Migration = tuple[str, str]


def _loader():
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    return MigrationLoader(connection, ignore_no_migrations=True)


def _normalised(keys: Iterable[Migration], loader) -> set[Migration]:
    """``keys`` with squashed migrations counted as their replaced ones and the other way round.

    Django records both the squashed migration and those it replaces, and an older chiso may have
    only the replaced ones: without this a squash would read as a schema difference.
    """
    keys = set(keys)
    for squashed, migration in loader.replacements.items():
        replaced = set(migration.replaces)
        if squashed in keys:
            keys |= replaced
        elif replaced <= keys:
            keys.add(squashed)
    return keys


def applied_migrations() -> dict[str, list[str]]:
    """The database's applied migrations, app label → sorted names, as written in the manifest."""
    by_app: dict[str, list[str]] = {}
    for app, name in sorted(_loader().applied_migrations):
        by_app.setdefault(app, []).append(name)
    return by_app


def _names(keys: Iterable[Migration]) -> str:
    return ", ".join(f"{app}.{name}" for app, name in sorted(keys))


def check_migrations(manifest: dict, name: str) -> str | None:
    """Refuse (BackupError) a backup or database whose migrations differ from the installed code's.

    Returns a Vietnamese warning for a backup whose manifest has no migrations (made before they
    were recorded), which is restored as before; None when everything matches.
    """
    loader = _loader()
    known = _normalised(loader.graph.nodes, loader)
    # Replaced migrations count as known: the database may record them next to the squash.
    known_or_replaced = known | {r for m in loader.replacements.values() for r in m.replaces}
    recorded = manifest.get("migrations")
    if recorded is not None:
        try:
            backup = {(app, n) for app, names in recorded.items() for n in names}
        except (AttributeError, TypeError):
            raise BackupError(f"manifest.json trong {name} ghi danh sách migration sai dạng.") from None
        backup = _normalised(backup, loader)
        newer = backup - known_or_replaced
        if newer:
            raise BackupError(
                f"Bản sao lưu {name} do một phiên bản chiso MỚI HƠN bản đang cài tạo ra: nó có "
                f"{len(newer)} bước migration mà bản đang cài không có ({_names(newer)}). "
                "Hãy nâng cấp chiso lên phiên bản đó hoặc mới hơn (pip install --upgrade, rồi "
                "`chiso migrate`) rồi khôi phục lại. Chưa có gì bị thay đổi."
            )
        missing = known - backup
        if missing:
            raise BackupError(
                f"Bản sao lưu {name} do một phiên bản chiso CŨ HƠN bản đang cài tạo ra "
                f"(lúc {manifest.get('created', '?')}): nó thiếu {len(missing)} bước migration "
                f"({_names(missing)}), nên dữ liệu không khớp với các bảng của bản đang cài. "
                "Cách khôi phục: cài phiên bản chiso đã tạo bản sao lưu, khôi phục vào một CSDL "
                "rỗng (dropdb/createdb), rồi cài lại phiên bản này và chạy `chiso migrate` để "
                "nâng cấp cả dữ liệu. Chưa có gì bị thay đổi."
            )
    unknown = _normalised(loader.applied_migrations, loader) - known_or_replaced
    if unknown:
        raise BackupError(
            f"CSDL hiện tại đã được nâng cấp bởi một phiên bản chiso MỚI HƠN bản đang cài: nó có "
            f"{len(unknown)} bước migration mà bản này không có ({_names(unknown)}), nên không "
            "khôi phục đè lên được. Hãy tạo lại CSDL rỗng (dropdb/createdb) rồi khôi phục bằng "
            "phiên bản đang cài. Chưa có gì bị thay đổi."
        )
    if recorded is None:
        return (
            f"Bản sao lưu {name} được tạo trước khi chiso ghi các bước migration vào bản sao "
            "lưu, nên không kiểm tra được nó có cùng phiên bản với chiso đang cài không. Vẫn "
            "thử khôi phục: nếu không khớp thì sẽ báo lỗi và không thay đổi gì."
        )
    return None


def _dump() -> bytes:
    from django.core import serializers
    from django.core.management import call_command

    from chiso.backup import exact_json

    serializers.register_serializer(exact_json.FORMAT, "chiso.backup.exact_json")
    out = io.StringIO()
    call_command(
        "dumpdata",
        natural_foreign=True,
        natural_primary=True,
        exclude=EXCLUDED,
        indent=None,
        format=exact_json.FORMAT,
        stdout=out,
    )
    return out.getvalue().encode("utf-8")


def _counts(data: bytes) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in json.loads(data):
        counts[row["model"]] = counts.get(row["model"], 0) + 1
    return dict(sorted(counts.items()))


def create(path: Path) -> BackupSummary:
    """Write a backup of the configured database and its stored files (MEDIA_ROOT, or the
    object store when CHISO_S3_BUCKET is set) to ``path``."""
    from django.db import connection, transaction

    # One transaction so the dump is a consistent snapshot on PostgreSQL.
    with transaction.atomic():
        data = _dump()
        migrations = applied_migrations()
    # Read through the storage: the data folder, or the object store when CHISO_S3_BUCKET is set.
    media = list(walk())
    checksums = {"data.json": hashlib.sha256(data).hexdigest()}
    tmp = path.with_suffix(path.suffix + ".tmp")
    with _private(tmp) as handle, zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", data)
        for stored in media:
            name = "media/" + stored
            checksums[name] = _copy_in(stored, archive, name)
        tables = _counts(data)
        manifest = {
            "format": FORMAT,
            "chiso": version("chiso"),
            "created": datetime.now().astimezone().isoformat(),
            "engine": connection.vendor,
            "migrations": migrations,
            "tables": tables,
            "sha256": checksums,
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    # Renamed only when complete, so a crash never leaves a half archive under the real name.
    tmp.replace(path)
    return BackupSummary(path, sum(tables.values()), len(media), tables)


def _copy_in(stored: str, archive: zipfile.ZipFile, name: str) -> str:
    """Copy the stored file ``stored`` into ``archive`` as ``name`` in chunks; its SHA-256."""
    from django.core.files.storage import default_storage

    digest = hashlib.sha256()
    with default_storage.open(stored, "rb") as source, archive.open(name, "w") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def _private(path: Path):
    """``path`` opened for writing, readable by its owner only (0600): a backup holds every
    password hash, API key and figure of the database."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an existing file keeps its old mode through O_CREAT
    return os.fdopen(fd, "wb")


def _read_checked(path: Path) -> tuple[dict, zipfile.ZipFile]:
    from django.conf import settings

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise BackupError(
            f"Tệp {path.name} không phải bản sao lưu chiso (.zip hỏng hoặc sai định dạng): {error}"
        ) from None
    try:
        # Names, kinds and sizes first: nothing of the archive is read before they pass.
        check_members(archive, path.name, Path(settings.MEDIA_ROOT))
    except UnsafeMember as error:
        archive.close()
        raise BackupError(str(error)) from None
    try:
        if archive.getinfo("manifest.json").file_size > MAX_MANIFEST_BYTES:
            raise ValueError("manifest.json too large")
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError):
        raise BackupError(f"Tệp {path.name} thiếu manifest.json hoặc manifest.json hỏng.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Tệp {path.name} có định dạng {manifest.get('format')!r}, cần {FORMAT!r}.")
    for name, expected in manifest.get("sha256", {}).items():
        try:
            actual = sha256(archive, name)
        except KeyError:
            raise BackupError(f"Tệp {path.name} thiếu thành phần {name}.") from None
        if actual != expected:
            raise BackupError(f"Thành phần {name} trong {path.name} bị hỏng (sai mã kiểm tra SHA-256).")
    return manifest, archive


def restore(path: Path, warn: Callable[[str], None] | None = None) -> BackupSummary:
    """Replace the database content and MEDIA_ROOT's files with the archive's; all or nothing.

    Refuses with BackupError before touching anything when the archive is damaged or its
    migrations differ from the installed code's (see the module docstring). A backup without
    recorded migrations is tried anyway after ``warn`` is called with a Vietnamese warning.
    Any later failure is a BackupError saying what failed; the database and files are as before.
    """
    manifest, archive = _read_checked(path)
    with archive:
        try:
            warning = check_migrations(manifest, path.name)
        except BackupError:
            raise
        except Exception as error:  # noqa: BLE001 - any database failure becomes the Vietnamese BackupError
            raise BackupError(
                f"Không đọc được các bước migration của CSDL hiện tại ({_detail(error)}): CSDL có "
                "chạy và DATABASE_URL có đúng không? Chưa có gì bị thay đổi."
            ) from None
        if warning and warn:
            warn(warning)
        try:
            files = _replace_everything(archive)
        except BackupError:
            raise
        except Exception as error:  # noqa: BLE001 - any failure while loading: nothing changed, say so
            hint = (
                " Bản sao lưu này không ghi các bước migration, có thể do phiên bản chiso khác "
                "tạo ra: hãy khôi phục bằng phiên bản đã tạo nó, vào một CSDL rỗng."
                if warning
                else ""
            )
            raise BackupError(
                f"Khôi phục {path.name} không thành công khi nạp dữ liệu vào CSDL ({_detail(error)}). "
                f"Không có gì bị thay đổi: CSDL và tệp đính kèm vẫn như trước.{hint}"
            ) from None
    tables = manifest.get("tables", {})
    return BackupSummary(path, sum(tables.values()), files, tables)


def _confined(media_root: Path, name: str) -> Path:
    """Where member ``name`` goes, checked once more against links already in the uploads folder."""
    target = media_root / media_path(name)
    if not target.resolve().is_relative_to(media_root.resolve()):
        raise BackupError(
            f"Thành phần {name} sẽ được ghi ra ngoài thư mục tệp đính kèm (qua một "
            "liên kết có sẵn trong thư mục): không khôi phục. Chưa có gì bị thay đổi."
        )
    return target


def _detail(error: Exception) -> str:
    """The underlying error, kept for whoever supports the office (it is usually English)."""
    return f"chi tiết kỹ thuật: {type(error).__name__}: {str(error).strip()}"


def _replace_everything(archive: zipfile.ZipFile) -> int:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    try:
        # Only creates missing tables (an empty database, or one not migrated yet): the
        # migration check has already established that the backup matches this code.
        call_command("migrate", verbosity=0, interactive=False)
    except Exception as error:  # noqa: BLE001 - migrate can fail in many ways; all are reported the same
        raise BackupError(
            f"Không tạo được các bảng CSDL (migrate; {_detail(error)}). Dữ liệu "
            "hiện có không bị thay đổi; chạy `chiso migrate` để xem lỗi."
        ) from None
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    # Beside MEDIA_ROOT so that moving a file into place is a rename on the same file system.
    staging = Path(tempfile.mkdtemp(prefix=".chiso-restore-", dir=media_root.parent))
    moved: list[tuple[Path, Path | None]] = []
    try:
        data_file = staging / "data.json"
        unpack(archive, "data.json", data_file)
        names = [n for n in archive.namelist() if media_path(n) is not None]
        for name in names:
            unpack(archive, name, staging / name)
        local = _on_local_disk()
        uploaded: list[tuple[str, Path | None]] = []
        try:
            with transaction.atomic():
                call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=False)
                call_command("loaddata", str(data_file), verbosity=0)
                # Inside the transaction, so a failed move rolls the database back too.
                for name in names:
                    if not local:
                        _upload(staging, name, uploaded)
                        continue
                    target = _confined(media_root, name)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    kept = None
                    if target.exists():
                        kept = staging / "replaced" / name
                        kept.parent.mkdir(parents=True, exist_ok=True)
                        target.replace(kept)
                    moved.append((target, kept))
                    (staging / name).replace(target)
        except Exception:
            for target, kept in reversed(moved):
                target.unlink(missing_ok=True)
                if kept is not None:
                    kept.replace(target)
            _take_back(uploaded)
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return len(names)


def _on_local_disk() -> bool:
    """True when uploaded files are in the data folder, False in object storage (S3)."""
    from django.core.files.storage import FileSystemStorage, storages

    return isinstance(storages["default"], FileSystemStorage)


def _upload(staging: Path, name: str, uploaded: list[tuple[str, Path | None]]) -> None:
    """Put member ``name`` (unpacked in ``staging``) into object storage under its own name,
    keeping a copy of the object it replaces in ``staging`` so that `_take_back` can undo it."""
    from django.core.files import File
    from django.core.files.storage import default_storage

    stored = str(media_path(name))
    kept = None
    if default_storage.exists(stored):
        kept = staging / "replaced" / name
        kept.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(stored, "rb") as source, kept.open("xb") as out:
            shutil.copyfileobj(source, out, CHUNK)
        default_storage.delete(stored)
    uploaded.append((stored, kept))
    with (staging / name).open("rb") as content:
        if default_storage.save(stored, File(content)) != stored:
            raise OSError(f"{stored} was stored under another name")


def _take_back(uploaded: list[tuple[str, Path | None]]) -> None:
    """Undo `_upload`s: each object as it was before the restore began."""
    from django.core.files import File
    from django.core.files.storage import default_storage

    for stored, kept in reversed(uploaded):
        default_storage.delete(stored)
        if kept is not None:
            with kept.open("rb") as content:
                default_storage.save(stored, File(content))
