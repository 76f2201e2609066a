"""A mark that changes each time a province's figures are made again, for the caches made from
them.

The overview keeps a province's summary for ``CHISO_OVERVIEW_SECONDS``
(`chiso.dashboard.overview.recent_summary`) under a key that holds the province's mark. The
one place figures change, `chiso.collection.rollup.refresh_periods` (every approval and every
reopening of an approved report goes through it), gives the province a new mark, so the next
request on any app server (the mark is in the shared cache) makes the summary afresh instead
of showing the old one for up to 30 seconds.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

from chiso.engine.periods import today
from chiso.orgunits.lineage import successors_of
from chiso.orgunits.models import OrgUnit


def _key(province_id: int) -> str:
    return f"chiso:figures-mark:{province_id}"


def mark(province_id: int) -> str:
    """The province's current mark ('' before its figures first changed)."""
    return cache.get(_key(province_id), "")


def changed(provinces: Iterable[OrgUnit]) -> None:
    """Give each of ``provinces`` a new mark, and the provinces carrying them on today (a report
    of a merged province's last months shows on its successor's overview), once the current
    transaction commits: a mark changed before, read by another server, would have the old
    figures summed again and kept under the new mark."""
    on = today()
    ids = {u.pk for p in provinces for u in (p, *successors_of(p, on))}
    transaction.on_commit(lambda: _renew(ids))


def _renew(province_ids: Iterable[int]) -> None:
    for province_id in province_ids:
        # A new random mark rather than a count: two servers changing it at once never agree
        # on a stale value, and it never expires back to an old one.
        cache.set(_key(province_id), uuid.uuid4().hex, None)
