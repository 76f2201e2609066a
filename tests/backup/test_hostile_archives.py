"""`chiso restore` of a crafted archive writes nothing outside the uploads folder, and backups are private.

Each hostile archive is a real backup (from `create`) with members added and its checksums kept
valid, since anyone who crafts an archive can compute them. The restore must refuse it before
anything changes: the database, the uploads folder and everything beside it stay as they were.
"""

import stat
import zipfile
from pathlib import Path

import pytest

from chiso.backup import members
from chiso.backup.archive import create

from .archives import dump, rewritten, run_restore

pytestmark = pytest.mark.django_db(transaction=True)


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "name",
    [
        "media/../escaped.txt",
        "media/evidence/../../../escaped.txt",
        "media/evidence/2024/11/..",
        "media//{root}/escaped.txt",  # Path(media) / "/x" is "/x"
        "media/evidence\\..\\..\\escaped.txt",
        "../escaped.txt",
        "/{root}/escaped.txt",
    ],
)
def test_a_member_naming_a_path_outside_the_uploads_folder_is_refused(
    backup,
    media,
    tmp_path,
    name,
):
    name = name.format(root=str(tmp_path).lstrip("/"))
    crafted = rewritten(backup, extra={name: b"ghi de tep he thong"})
    before, files_before = dump(), files_under(tmp_path)
    result = run_restore(crafted)
    assert result.exit_code == 2
    assert "ra ngoài thư mục tệp đính kèm" in result.stderr
    assert "chưa có gì bị thay đổi" in result.stderr.lower()
    assert dump() == before
    assert files_under(tmp_path) == files_before


def test_a_symlink_member_is_refused(backup, media, tmp_path):
    crafted = rewritten(backup)
    link = zipfile.ZipInfo("media/evidence/lien-ket")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(crafted, "a") as archive:
        archive.writestr(link, "/etc/passwd")
    before = dump()
    result = run_restore(crafted)
    assert result.exit_code == 2
    assert "liên kết (symlink)" in result.stderr
    assert dump() == before
    assert not (media / "evidence" / "lien-ket").exists()


def test_an_archive_that_unpacks_to_more_than_the_free_disk_is_refused_before_unpacking(
    backup, media, tmp_path, monkeypatch
):
    with zipfile.ZipFile(backup) as archive:
        declared = sum(m.file_size for m in archive.infolist())
    monkeypatch.setattr(members, "free_bytes", lambda _folder: declared + members.HEADROOM_BYTES - 1)
    before, files_before = dump(), files_under(tmp_path)
    result = run_restore(backup)
    assert result.exit_code == 2
    assert "khi giải nén nhưng ổ đĩa" in result.stderr
    assert dump() == before
    assert files_under(tmp_path) == files_before  # no staging folder left either


def test_the_same_archive_restores_when_the_disk_has_room(backup, media, monkeypatch):
    with zipfile.ZipFile(backup) as archive:
        declared = sum(m.file_size for m in archive.infolist())
    monkeypatch.setattr(members, "free_bytes", lambda _folder: declared + members.HEADROOM_BYTES)
    assert run_restore(backup).exit_code == 0


def test_a_backup_is_readable_by_its_owner_only(media, tmp_path):
    path = tmp_path / "chiso.zip"
    path.write_bytes(b"")
    path.chmod(0o644)  # an older backup under the same name keeps no wider mode
    create(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
