"""Evidence files that live exactly as long as the save that names them.

An uploaded file has to be in storage before the row can name it, so it is written inside the
transaction, before the version check. Storage is not part of the database transaction: a refused
save (someone else changed the value), a later row of the same draft found stale, or any failure
after the values in the page's transaction rolls the rows back but would leave the file behind.
Django offers ``transaction.on_commit`` but no hook for a rollback, so the block that owns the
transaction watches for the exception that rolls it back and deletes what was written inside it.

The file a save replaces is deleted once that save commits (``on_commit``): no page links to it
any more, and a save that rolls back keeps it, since its row still names it. The audit trail keeps
the old name as history. Files left behind before these rules are listed by
:func:`orphaned_files` and removed by ``chiso evidence-cleanup``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from chiso.stored_files import walk

log = logging.getLogger(__name__)

EVIDENCE_FOLDER = "evidence"  # EnteredValue.evidence_file's upload_to starts here
# Names written inside the current atomic_with_evidence() blocks, oldest first; None outside them.
_written: ContextVar[list[str] | None] = ContextVar("chiso_evidence_written", default=None)


@contextmanager
def atomic_with_evidence() -> Iterator[None]:
    """``transaction.atomic()`` that also deletes the evidence files written in it if it rolls back.

    Use it for the outermost block of a save that may write evidence: when its transaction (or
    savepoint) is rolled back by an exception, every file :func:`store_evidence` wrote inside it,
    nested blocks included, is deleted before the exception goes on. A block that ends normally
    keeps its files; if it is nested, the enclosing block still deletes them should it fail later.
    A plain ``transaction.atomic()`` around it would roll back without telling it, so the
    outermost block of such a save must be this one.
    """
    outer = _written.get()
    written = [] if outer is None else outer
    token = _written.set(written) if outer is None else None
    start = len(written)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for name in written[start:]:
            try:
                default_storage.delete(name)
            except OSError:  # the refusal the user must read matters more than a leftover file
                log.warning("Không xoá được tệp kiểm chứng %s sau khi lưu bị huỷ.", name, exc_info=True)
        del written[start:]
        raise
    finally:
        if token is not None:
            _written.reset(token)


def store_evidence(value, upload) -> str:
    """Write an uploaded evidence file under the value's upload path; returns its storage name.

    It must run inside :func:`atomic_with_evidence`, which takes the file away again if the save
    does not commit; outside one it refuses, so no caller can write a file nobody will clean up.
    """
    written = _written.get()
    if written is None:
        raise RuntimeError("store_evidence() must run inside atomic_with_evidence()")
    field = value.evidence_file.field
    # max_length: a long (Vietnamese) file name is shortened to fit the column, keeping its
    # extension, as Django's own FileField.save does; unshortened, PostgreSQL refused the row.
    name = default_storage.save(field.generate_filename(value, upload.name), upload, max_length=field.max_length)
    written.append(name)
    return name


def orphaned_files(older_than: timedelta = timedelta(hours=1)) -> list[str]:
    """Evidence files no value names, left by saves made before the rules above (sorted names).

    Files younger than ``older_than`` are never listed: a save in progress has written its file
    but not yet committed the row that names it. Read through the storage, so the same on the
    local disk and in object storage.
    """
    from chiso.collection.models import EnteredValue

    named = set(EnteredValue.objects.exclude(evidence_file="").values_list("evidence_file", flat=True))
    cutoff = timezone.now() - older_than
    return sorted(
        name
        for name in walk(EVIDENCE_FOLDER)
        if name not in named and default_storage.get_modified_time(name) <= cutoff
    )


def retire_evidence(name: str) -> None:
    """Delete the file ``name`` once the current transaction commits (the save that replaced it)."""
    if name:
        transaction.on_commit(lambda: _delete_quietly(name))


def _delete_quietly(name: str) -> None:
    try:
        default_storage.delete(name)
    except OSError:  # the save has committed; a leftover file must not turn it into an error
        log.warning("Không xoá được tệp kiểm chứng cũ %s.", name, exc_info=True)
