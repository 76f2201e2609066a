"""Reads of the open data pages from a PostgreSQL read replica, when one is configured
(``DATABASE_REPLICA_URL``); every other read and every write stays on the primary.

Only the open data (``/du-lieu-mo/``, anonymous, published figures) reads the replica: a replica
lags the primary by a moment, and the overview must show an approval on the next request
(`chiso.collection.freshness`), so dashboards that people act on read the primary.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PATHS = ("/du-lieu-mo/",)
_on_replica: ContextVar[bool] = ContextVar("chiso_reads_on_replica", default=False)


@contextmanager
def reading_replica() -> Iterator[None]:
    """Within this block, reads go to the replica."""
    token = _on_replica.set(True)
    try:
        yield
    finally:
        _on_replica.reset(token)


class ReplicaRouter:
    """Django database router: reads inside `reading_replica` go to the replica; the rest, and
    every write and migration, to the primary."""

    def db_for_read(self, model, **hints) -> str | None:
        return REPLICA if _on_replica.get() else None

    def db_for_write(self, model, **hints) -> str | None:
        return None

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the same rows on both

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints) -> bool:
        return db != REPLICA  # the replica follows the primary's schema by replication


class ReplicaReads:
    """Django middleware: the open data pages' GET and HEAD requests read the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD") and request.path.startswith(PATHS):
            with reading_replica():
                return self.get_response(request)
        return self.get_response(request)
