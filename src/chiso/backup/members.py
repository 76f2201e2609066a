"""The members of a backup archive, checked before any of them is unpacked.

A backup is a file from outside like any other: a crafted one could name a member
``media/../../etc/cron.d/x`` or ``media//home/chiso/.ssh/authorized_keys`` (``Path(root) / "/x"``
is ``/x``), be a symlink, or declare gigabytes that fill the disk. So before anything is read:

- every name is ``manifest.json``, ``data.json`` or a relative path under ``media/`` whose parts
  are plain names (no ``..``, no empty part, no backslash, no NUL), each name once;
- no member is a symlink or a device;
- the declared uncompressed sizes, added up, fit on the disk of the uploads folder with room to
  spare (Python's zipfile never inflates a member past its declared size, so this is a true bound);

and members are hashed and unpacked in chunks, so no member is ever held in memory whole.
"""

from __future__ import annotations

import hashlib
import shutil
import stat
import zipfile
from pathlib import Path, PurePosixPath

CHUNK = 1024 * 1024
TOP_LEVEL = {"manifest.json", "data.json"}
# Room left on the disk after unpacking: the database and the logs still need to grow.
HEADROOM_BYTES = 512 * 1024 * 1024


class UnsafeMember(Exception):
    """A member that must not be unpacked; the message is Vietnamese and names it."""


def _gigabytes(size: int) -> str:
    return f"{size / 1024**3:.2f}".replace(".", ",")


def media_path(name: str) -> PurePosixPath | None:
    """The path under the uploads folder that a ``media/…`` member names; None if it names none.

    >>> media_path("media/evidence/2024/11/bien-ban.pdf")
    PurePosixPath('evidence/2024/11/bien-ban.pdf')
    """
    if not name.startswith("media/") or name.endswith("/"):
        return None
    return PurePosixPath(name.removeprefix("media/"))


def _check_name(name: str, archive_name: str) -> None:
    if name in TOP_LEVEL or (name.startswith("media/") and name.endswith("/")):
        return
    parts = name.removeprefix("media/").split("/")
    plain = all(part not in ("", ".", "..") and "\\" not in part and "\0" not in part for part in parts)
    if not name.startswith("media/") or not plain:
        raise UnsafeMember(
            f"Bản sao lưu {archive_name} có thành phần «{name}» trỏ ra ngoài thư mục tệp đính kèm "
            "(đường dẫn tuyệt đối, «..» hoặc tên lạ): bản sao lưu do chiso tạo không bao giờ có "
            "như vậy. Không khôi phục; chưa có gì bị thay đổi."
        )


def _check_kind(member: zipfile.ZipInfo, archive_name: str) -> None:
    # Python's writestr leaves the type bits 0 (permissions only): that is a plain file too.
    if stat.S_IFMT(member.external_attr >> 16) not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise UnsafeMember(
            f"Bản sao lưu {archive_name} có thành phần «{member.filename}» là liên kết (symlink) "
            "hoặc tệp đặc biệt, không phải tệp thường. Không khôi phục; chưa có gì bị thay đổi."
        )


def free_bytes(folder: Path) -> int:
    """Free space on the file system that holds ``folder`` (or its nearest existing parent)."""
    while not folder.exists():
        folder = folder.parent
    return shutil.disk_usage(folder).free


def check_members(archive: zipfile.ZipFile, archive_name: str, media_root: Path) -> None:
    """Refuse (UnsafeMember) an archive with a member to be kept out, or too big for the disk."""
    members = archive.infolist()
    names = [m.filename for m in members]
    if len(set(names)) != len(names):
        raise UnsafeMember(
            f"Bản sao lưu {archive_name} có hai thành phần trùng tên: bản sao lưu do "
            "chiso tạo không bao giờ có như vậy. Không khôi phục; chưa có gì bị thay đổi."
        )
    for member in members:
        _check_name(member.filename, archive_name)
        _check_kind(member, archive_name)
    # Unpacked beside the uploads folder, then moved into it: the same file system.
    needed, free = sum(m.file_size for m in members), free_bytes(media_root)
    if needed + HEADROOM_BYTES > free:
        raise UnsafeMember(
            f"Bản sao lưu {archive_name} cần {_gigabytes(needed)} GB khi giải nén nhưng ổ đĩa "
            f"chứa thư mục tệp đính kèm chỉ còn trống {_gigabytes(free)} GB (phải chừa "
            f"{_gigabytes(HEADROOM_BYTES)} GB). Hãy giải phóng chỗ trống rồi khôi phục lại; chưa "
            "có gì bị thay đổi."
        )


def sha256(archive: zipfile.ZipFile, name: str) -> str:
    digest = hashlib.sha256()
    with archive.open(name) as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def unpack(archive: zipfile.ZipFile, name: str, target: Path) -> None:
    """Copy one member to ``target`` in chunks; ``target`` must not exist (never follows a link)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with archive.open(name) as source, target.open("xb") as out:
        shutil.copyfileobj(source, out, CHUNK)
