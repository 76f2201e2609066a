"""Counts that expire, shared by every worker and every app server: failed logins of a name at
an address (`chiso.accounts.throttle`), an API user's requests in a minute (`chiso.api.tokens`).

One code path, two stores (``settings.CHISO_COUNTER_STORE``): with Redis configured
(``REDIS_URL``) a count is a Redis key raised by one atomic INCR and dropped by Redis when it
expires; without it, a row of the database's `Counter` table raised by one UPDATE. Either way
a count lives ``seconds`` after its last `hit`, so a lockout lasts the whole window after the
last wrong password.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Protocol

from django.conf import settings
from django.db import IntegrityError, connections, router, transaction
from django.db.models import F
from django.utils import timezone

PREFIX = "chiso:count:"


def key(kind: str, *parts: object) -> str:
    """The key of one count: ``kind`` and a digest of ``parts`` (user names and addresses can
    hold any character and any length, which neither store's keys may).

    >>> key("dang-nhap", "canbo", "203.0.113.7") == key("dang-nhap", "canbo", "203.0.113.7")
    True
    >>> key("dang-nhap", "canbo", "") != key("dang-nhap", "canbo", "203.0.113.7")
    True
    """
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:40]
    return f"{PREFIX}{kind}:{digest}"


class Store(Protocol):
    def hit(self, key: str, seconds: int) -> int: ...

    def count(self, key: str) -> int: ...

    def forget(self, key: str) -> None: ...


class CacheStore:
    """Counts in Django's cache (Redis when REDIS_URL is set: INCR is atomic across servers)."""

    def hit(self, key: str, seconds: int) -> int:
        from django.core.cache import cache

        if cache.add(key, 1, seconds):
            return 1
        try:
            value = cache.incr(key)
        except ValueError:  # it expired between the two calls: this hit starts it again
            cache.set(key, 1, seconds)
            return 1
        cache.touch(key, seconds)
        return value

    def count(self, key: str) -> int:
        from django.core.cache import cache

        return int(cache.get(key, 0))

    def forget(self, key: str) -> None:
        from django.core.cache import cache

        cache.delete(key)


class DatabaseStore:
    """Counts in the `Counter` table: raised by an UPDATE, so two workers never lose a hit."""

    def hit(self, key: str, seconds: int) -> int:
        from chiso.accounts.models import Counter

        now = timezone.now()
        until = now + timedelta(seconds=seconds)
        raised = self._raise(key, now, until)
        if raised is None:
            # Expired rows are of no further use; a new count is the moment to drop them.
            Counter.objects.filter(expires_at__lte=now).delete()
            try:
                with transaction.atomic():
                    Counter.objects.create(key=key, count=1, expires_at=until)
                return 1
            except IntegrityError:  # another worker started it at the same moment
                raised = self._raise(key, now, until)
        return self.count(key) if raised is None else raised

    @staticmethod
    def _raise(key: str, now: datetime, until: datetime) -> int | None:
        """Raise the live count under ``key``: the count this hit made, or None when there is
        none. One UPDATE … RETURNING where the database has it (PostgreSQL, SQLite 3.35+), so
        the count read is the one this hit made, not one raised by another worker meanwhile."""
        from chiso.accounts.models import Counter

        connection = connections[router.db_for_write(Counter)]
        if not connection.features.can_return_columns_from_insert:  # SQLite before 3.35
            live = Counter.objects.filter(key=key, expires_at__gt=now)
            return DatabaseStore.count(key) if live.update(count=F("count") + 1, expires_at=until) else None
        q = connection.ops.quote_name
        table, count, expires, key_column = (q(n) for n in (Counter._meta.db_table, "count", "expires_at", "key"))
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {count} = {count} + 1, {expires} = %s "
                f"WHERE {key_column} = %s AND {expires} > %s RETURNING {count}",
                [connection.ops.adapt_datetimefield_value(until), key, connection.ops.adapt_datetimefield_value(now)],
            )
            row = cursor.fetchone()
        return None if row is None else row[0]

    @staticmethod
    def count(key: str) -> int:
        from chiso.accounts.models import Counter

        found = Counter.objects.filter(key=key, expires_at__gt=timezone.now()).values_list("count", flat=True)
        return next(iter(found), 0)

    def forget(self, key: str) -> None:
        from chiso.accounts.models import Counter

        Counter.objects.filter(key=key).delete()


STORES: dict[str, Store] = {"cache": CacheStore(), "database": DatabaseStore()}


def store() -> Store:
    return STORES[settings.CHISO_COUNTER_STORE]


def hit(key: str, seconds: int) -> int:
    """Count one more under ``key``, kept ``seconds`` from now; returns the count."""
    return store().hit(key, seconds)


def count(key: str) -> int:
    """The live count under ``key`` (0 once it expired or was forgotten)."""
    return store().count(key)


def forget(key: str) -> None:
    store().forget(key)
