"""`chiso bench api-values`: pages of ``GET /api/values`` read in process (Django's test client,
the whole middleware stack, no network) on the database ``DATABASE_URL`` names.

The kinds of page, each asked for ``requests`` times: the first page (counted, and not), a deep
page near the end of the list reached by its cursor (the one the ``next`` of the page before it
carries), the deepest page ``offset`` may reach (the older way, where the database steps over
every row before the page; deeper is refused, `chiso.api.paging.MAX_KEYED_OFFSET`), a unit's
first page, a period's first page and that period's second page by cursor. Beside the time, the
CPU the Python process spent (the database server's is not in it) and the machine's load average
before and after, and on PostgreSQL the share of the value tables' pages VACUUM has marked
all-visible (below 100 % the counts read the heap too: a figure measured then is not the
same database state). The memory of a request is the peak Python allocation during it (tracemalloc,
measured on separate requests so its overhead is not in the times); run the command on a small
and on the national database to see whether it depends on the table's size.
"""

from __future__ import annotations

import os
import time
import tracemalloc
from dataclasses import dataclass, field

from chiso.bench.load import percentile
from chiso.bench.table import Row
from chiso.engine.numbers import format_number

AIM_MS = 200


@dataclass
class Pages:
    """The paths asked for, by what they are, and what they answered."""

    paths: dict[str, str]
    seconds: dict[str, list[float]] = field(default_factory=dict)
    cpu_seconds: dict[str, list[float]] = field(default_factory=dict)
    load: list[float] = field(default_factory=list)  # the 1-minute load average, before and after
    peak_bytes: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def bench_user():
    """A DX-office user of the first province (what an integrating system's key acts for), made
    afresh: an earlier run's bench users are deleted."""
    from chiso.bench.people import users
    from chiso.orgunits.models import OrgUnit

    province = OrgUnit.objects.filter(type="tinh", valid_to__isnull=True).order_by("code").first()
    if province is None:
        raise LookupError("CSDL chưa có tỉnh nào: chạy «chiso synth» trước")
    from django.contrib.auth import get_user_model

    name = users("api", [province], "quan_tri")[0]
    return get_user_model().objects.get(username=name)


def deep_cursor(user, rows_before: int) -> str:
    """The cursor the ``next`` of the page ending at row ``rows_before`` carries (the whole list,
    as the bench's user sees it): found once here, since no page that deep is reached by offset."""
    from django.test import RequestFactory

    from chiso.api.endpoints import ValueFilter, values

    request = RequestFactory().get("/api/values")
    request.user = user
    chain = values.__wrapped__(request, ValueFilter())  # the list itself, before it is paged
    (last,) = chain.slice(rows_before - 1, rows_before)
    return chain.cursor(*last)


def page_paths(client, limit: int, user) -> dict[str, str]:
    """The pages measured, by what they are (the unit and period found in the data)."""
    from urllib.parse import urlencode

    from chiso.api.paging import MAX_KEYED_OFFSET
    from chiso.observations.models import DataValue

    total = client.get("/api/values?limit=1").json()["count"]
    some = DataValue.objects.filter(unit__isnull=False).order_by("pk").values("unit__code", "period_id").first()
    if some is None:
        raise LookupError("CSDL chưa có số liệu: chạy «chiso synth» trước")
    deep = max(1, total - limit - 1)
    offset = min(MAX_KEYED_OFFSET, max(0, total - limit))
    unit, period = some["unit__code"], some["period_id"]
    period_next = client.get(f"/api/values?limit={limit}&period={period}").json()["next"]
    paths = {
        "trang đầu": f"/api/values?limit={limit}",
        "trang đầu, không đếm (count=false)": f"/api/values?limit={limit}&count=false",
        f"trang sâu theo cursor (sau {format_number(deep)} dòng)": "/api/values?"
        + urlencode({"limit": limit, "cursor": deep_cursor(user, deep)}),
        f"trang sâu nhất theo offset (bỏ qua {format_number(offset)} dòng)": f"/api/values?limit={limit}&offset={offset}",
        f"một đơn vị ({unit})": f"/api/values?limit={limit}&unit={unit}",
        f"một kỳ ({period})": f"/api/values?limit={limit}&period={period}",
        f"một kỳ ({period}), trang 2 theo cursor": period_next,
    }
    return {what: path for what, path in paths.items() if path}


def run(requests: int, limit: int, memory_samples: int = 3) -> Pages:
    from django.conf import settings
    from django.test import Client

    # The per-minute API limit guards a real server; here it would stop the bench at request 120.
    settings.CHISO_API_REQUESTS_PER_MINUTE = 10**9
    from chiso.api import tokens

    user = bench_user()
    key = tokens.issue(user, "Đo tải API")[1]
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_HOST=settings.ALLOWED_HOSTS[0])
    pages = Pages(page_paths(client, limit, user), load=[os.getloadavg()[0]])
    for what, path in pages.paths.items():
        client.get(path)  # warm: the first request pays for imports and cold caches
        times, cpu = pages.seconds.setdefault(what, []), pages.cpu_seconds.setdefault(what, [])
        for _ in range(requests):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            if response.status_code != 200:
                pages.errors.append(f"{what}: HTTP {response.status_code}")
                break
        if response.status_code == 200:
            pages.rows[what] = len(response.json()["items"])
        pages.peak_bytes[what] = max(_peak(client, path) for _ in range(memory_samples))
    pages.load.append(os.getloadavg()[0])
    return pages


def _peak(client, path: str) -> int:
    tracemalloc.start()
    try:
        client.get(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def all_visible_share() -> float | None:
    """On PostgreSQL, the percentage of the value tables' pages marked all-visible (what lets a
    count read an index without the heap: 0 right after a bulk fill, 100 after VACUUM; see
    `chiso.api.paging`); None on another database."""
    from django.apps import apps
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    tables = [apps.get_model(label)._meta.db_table for label in ("observations.DataValue", "collection.EnteredValue")]
    with connection.cursor() as cursor:
        cursor.execute("SELECT SUM(relpages), SUM(relallvisible) FROM pg_class WHERE relname = ANY(%s)", [tables])
        pages, visible = cursor.fetchone()
    return 100 * visible / pages if pages else 0.0


def rows(pages: Pages) -> list[Row]:
    from chiso.observations.models import DataValue

    found = [Row("giá trị trong CSDL (bảng số liệu)", DataValue.objects.count(), "")]
    share = all_visible_share()
    if share is not None:
        found.append(Row("trang của hai bảng giá trị đã VACUUM (all-visible: đếm chỉ đọc chỉ mục)", share, "%"))
    for what, times in pages.seconds.items():
        ms = [s * 1000 for s in times]
        found += [
            Row(f"{what}: {pages.rows.get(what, 0)} dòng, p50", percentile(ms, 50), "ms"),
            Row(f"{what}: p95 ({len(ms)} lần)", percentile(ms, 95), "ms", AIM_MS),
            Row(
                f"{what}: CPU của tiến trình Python, p50",
                percentile([s * 1000 for s in pages.cpu_seconds[what]], 50),
                "ms",
            ),
            Row(f"{what}: bộ nhớ đỉnh mỗi yêu cầu", pages.peak_bytes.get(what, 0) / 2**20, "MiB"),
        ]
    found += [
        Row(f"tải máy (load average 1 phút) lúc {when}", load, "")
        for when, load in zip(("đầu", "cuối"), pages.load, strict=False)
    ]
    return found + [Row("lỗi", len(pages.errors), "", 1)]
