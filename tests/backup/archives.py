"""Helpers for the restore tests: the database as a sorted dump, a backup rewritten with edits or
extra members (its checksums kept valid, as anyone crafting one would), and `chiso restore` run."""

import hashlib
import io
import json
import zipfile
from pathlib import Path

from click.testing import CliRunner
from django.core.management import call_command

from chiso.backup.archive import EXCLUDED
from chiso.backup.commands import restore

EVIDENCE = "evidence/2024/11/bien-ban.pdf"
PDF = b"%PDF-1.4 bien ban kiem chung"


def dump() -> list:
    out = io.StringIO()
    call_command("dumpdata", natural_foreign=True, natural_primary=True, exclude=EXCLUDED, stdout=out)
    return sorted(json.loads(out.getvalue()), key=lambda r: (r["model"], json.dumps(r, sort_keys=True)))


def rewritten(path: Path, edit_manifest=None, edit_data=None, extra: dict[str, bytes] | None = None) -> Path:
    """A copy of the backup with its manifest (and data.json, checksums kept valid) edited."""
    with zipfile.ZipFile(path) as original:
        manifest = json.loads(original.read("manifest.json"))
        members = {n: original.read(n) for n in original.namelist() if n != "manifest.json"}
    if edit_data:
        members["data.json"] = edit_data(members["data.json"])
    members.update(extra or {})
    manifest["sha256"] = {n: hashlib.sha256(c).hexdigest() for n, c in members.items()}
    if edit_manifest:
        edit_manifest(manifest)
    copy = path.with_name("sua-" + path.name)
    with zipfile.ZipFile(copy, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
    return copy


def run_restore(path: Path):
    result = CliRunner().invoke(restore, [str(path), "--yes"])
    # A SystemExit is the command's own exit; anything else would reach the user as a traceback.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result
