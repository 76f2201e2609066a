"""The files in Django's default storage, walked the same way on the local disk and in an
S3-compatible object store (``CHISO_S3_BUCKET``): through the storage's own listing, never
through local paths, which object storage does not have."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.files.storage import Storage, default_storage


def walk(folder: str = "", storage: Storage | None = None) -> Iterator[str]:
    """The storage name of every file under ``folder`` ('' for all), folder by folder.

    A folder that does not exist (nothing uploaded yet) has no files.
    """
    storage = storage or default_storage
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    prefix = f"{folder.rstrip('/')}/" if folder else ""
    for name in sorted(files):
        yield prefix + name
    for name in sorted(folders):
        yield from walk(prefix + name, storage)
