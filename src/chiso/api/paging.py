"""Every API list is one page read from the database: at most ``MAX_LIMIT`` rows, counted by it.

An endpoint returns a queryset, or :class:`Rows` (a queryset and how one of its rows is shown),
or :class:`Chain` (several of them one after the other); :class:`Page` slices it with
``LIMIT``/``OFFSET`` and asks the database for the count, so a request costs the page it sends,
never the table. A plain list is refused: it would already hold the whole table.

    @api.get("/frameworks", response=list[FrameworkOut])
    @paginate(Page)
    def frameworks(request):
        return Rows(Framework.objects.order_by("code"), _framework)

A long list (the values: millions of rows) is read by key instead (:class:`Keyed`,
:class:`KeyedChain`, :class:`CursorPage`): its rows are ordered by columns an index gives, and
each page answers ``next``, the address of the page after its last row (an opaque, signed
``cursor``). Reading that page is a range of the index, as fast at the millionth row as at the
first. ``offset`` still works for the first ``MAX_KEYED_OFFSET`` rows (it makes the database
step over every row before the page: 0.78 s a page at the end of the national values, 08/12/2026);
a deeper ``offset`` is refused (422) — ``next`` reaches every page after it, at the cost of one.

The first page of a long list is counted (unless ``count=false``), exactly. What that costs on
the national database (1.94 million values, PostgreSQL, EXPLAIN (ANALYZE, BUFFERS) on 07/12/2026):
right after ``chiso synth`` no page of the value tables was marked all-visible (a table filled by
inserts has none until VACUUM), so both counts read the whole heap (stored 85 ms, entered 186 ms,
~28,000 pages). The bulk paths now end with ``VACUUM (ANALYZE)`` (`chiso.synth.generator.settle`):
the stored values' count then reads one index only (44 ms, no heap fetch), but the entered values'
count stayed at 186–245 ms: it joins every value to its report to know who may see it. That
count is now the whole table's minus the values the reader may not see
(`chiso.observations.readings.Remainder`): the same exact number, 87–135 ms on a loaded machine.
The values left out are found through a partial index of the unapproved reports
(``submission_unit_unapproved``, collection 0005): that part went from 48–57 ms (every report
read) to 0.06 ms, and the first page's median from 176–190 ms to 148–155 ms (20 requests each,
alternating with and without the index, load average 4.5, 07/12/2026).
A count kept between requests was not needed, and would have to be invalidated by every path that
writes a value, an import by ``COPY`` included.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Annotated, Any, Protocol

from django.core import signing
from django.db.models import F, QuerySet
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan
from ninja import Field, Schema
from ninja.pagination import PaginationBase
from pydantic import StringConstraints

from chiso.api.errors import ApiError

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
# Far beyond any table, and inside every database's 64-bit integer (a larger offset would
# overflow SQLite's or PostgreSQL's and turn a typo into a server error).
MAX_OFFSET = 1_000_000_000
# How deep a long list (read by key) may be entered by `offset`: ten full pages, as a search
# engine bounds its result window. Deeper, the database would step over millions of rows for one
# page; the page's `next` (a cursor) goes on from any row at the cost of one page.
MAX_KEYED_OFFSET = 10_000


class Rows:
    """A queryset and how one of its rows is shown; sliced and counted by the database.

    ``show_page`` shows a whole page at once instead (rows whose showing reads more from the
    database: the page's extras are then read in one go, not once per row).
    """

    def __init__(
        self,
        queryset: QuerySet,
        show: Callable[[Any], Any] = lambda row: row,
        *,
        show_page: Callable[[list], list] | None = None,
    ):
        self.queryset, self.show, self.show_page = queryset, show, show_page
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.queryset.count()
        return self._count

    def slice(self, start: int, stop: int) -> list:
        if self.show_page is not None:
            return self.show_page(list(self.queryset[start:stop]))
        return [self.show(row) for row in self.queryset[start:stop]]


class Chain:
    """Several :class:`Rows` read as one list, each after the other (e.g. the values copied
    from documents, then the values units entered); each part is sliced by the database."""

    def __init__(self, *parts: Rows):
        self.parts = parts

    def count(self) -> int:
        return sum(part.count() for part in self.parts)

    def slice(self, start: int, stop: int) -> list:
        found: list = []
        for part in self.parts:
            if stop <= 0:
                break
            size = part.count()
            if start < size:
                found += part.slice(start, min(stop, size))
            start, stop = max(0, start - size), stop - size
        return found


def as_rows(listing) -> Rows | Chain:
    if isinstance(listing, QuerySet):
        return Rows(listing)
    if isinstance(listing, (Rows, Chain)):
        return listing
    # A list here means the endpoint read the whole table before the page was cut.
    raise TypeError(f"an API list must return a queryset, Rows or Chain, not {type(listing).__name__}")


class Page(PaginationBase):
    """``limit``/``offset`` pages; a ``limit`` above ``MAX_LIMIT`` is refused (422), not cut."""

    class Input(Schema):
        limit: int = Field(
            DEFAULT_LIMIT,
            ge=1,
            le=MAX_LIMIT,
            description=f"số dòng của trang, từ 1 đến {MAX_LIMIT} (mặc định "
            f"{DEFAULT_LIMIT}); lớn hơn {MAX_LIMIT} bị từ chối (lỗi 422)",
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="bỏ qua bao nhiêu dòng đầu")

    class Output(Schema):
        items: list[Any]
        count: int = Field(description="tổng số dòng khớp điều kiện lọc")

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> dict:
        rows = as_rows(queryset)
        start = pagination.offset
        return {"items": rows.slice(start, start + pagination.limit), "count": rows.count()}


# --- pages read by key ------------------------------------------------------------------------

# A cursor is a few short values, signed; anything longer is not one of ours.
CURSOR_LENGTH = 300
_SALT = "chiso.api.paging.cursor"
BAD_CURSOR = (
    "Tham số cursor không hợp lệ: hãy dùng đúng địa chỉ «next» của trang trước, hoặc đọc lại từ trang đầu (bỏ cursor)."
)


class Countable(Protocol):
    """A queryset, or anything else that counts the same rows (e.g. in a cheaper way)."""

    def count(self) -> int: ...


class Keyed:
    """A list of plain rows (``values()``) ordered by ``key``, columns an index gives that
    make each row unique; ``show_page`` shows a page of them. ``counted``, if given, counts the
    same rows without the joins their fields need: counting it does not join every row."""

    def __init__(
        self,
        queryset: QuerySet,
        key: tuple[str, ...],
        show_page: Callable[[list[dict]], list],
        *,
        counted: Countable | None = None,
    ):
        self.queryset, self.key, self.show_page = queryset, key, show_page
        self.counted: Countable = queryset if counted is None else counted

    def count(self) -> int:
        return self.counted.count()

    def after(self, position: list | None, size: int) -> list[dict]:
        """At most ``size`` rows after the row whose key is ``position`` (None: from the start)."""
        rows = self.queryset
        if position is not None:
            rows = rows.filter(TupleGreaterThan(Tuple(*(F(name) for name in self.key)), tuple(position)))
        return list(rows[:size])

    def slice(self, start: int, stop: int) -> list[dict]:
        """Rows ``start`` to ``stop``: the key of the row before the first is found on the key's
        columns alone (the index, not the rows and their joins: 10,000 rows deep, 0.1 s less on
        the national values), then the page is read after it as a cursor page is."""
        if start == 0:
            return list(self.queryset[:stop])
        before = list(self.queryset.values_list(*self.key)[start - 1 : start])
        return self.after(list(before[0]), stop - start) if before else []

    def position(self, row: dict) -> list:
        return [row[name] for name in self.key]

    def valid(self, position: list) -> bool:
        """Whether a decoded position has this list's shape (a key of ints and texts)."""
        return len(position) == len(self.key) and all(
            isinstance(v, (int, str)) and not isinstance(v, bool) for v in position
        )


class KeyedChain:
    """Several :class:`Keyed` lists read as one, each after the other. ``filters`` are what the
    list was asked for: a cursor of a list with other filters is refused."""

    def __init__(self, *parts: Keyed, filters: dict):
        self.parts = parts
        text = json.dumps(filters, sort_keys=True, default=str)
        self.fingerprint = hashlib.sha256(text.encode()).hexdigest()[:12]

    def count(self) -> int:
        return sum(self.sizes())

    def sizes(self) -> list[int]:
        """Each part's count, in order."""
        return [part.count() for part in self.parts]

    def after(self, part: int, position: list | None, size: int) -> tuple[list[tuple[int, dict]], bool]:
        """The ``size`` rows after ``position`` in ``parts[part]`` (then the next parts), and
        whether any row follows them: one more row is read to know."""
        found: list[tuple[int, dict]] = []
        for index in range(part, len(self.parts)):
            got = self.parts[index].after(position if index == part else None, size + 1 - len(found))
            found += [(index, row) for row in got]
            if len(found) > size:
                break
        return found[:size], len(found) > size

    def slice(self, start: int, stop: int, sizes: list[int] | None = None) -> list[tuple[int, dict]]:
        """Rows ``start`` to ``stop`` of the parts one after the other; ``sizes``: the parts'
        counts when the caller has them already (each costs a count of the part)."""
        found: list[tuple[int, dict]] = []
        for index, part in enumerate(self.parts):
            if stop <= 0:
                break
            size = part.count() if sizes is None else sizes[index]
            if start < size:
                found += [(index, row) for row in part.slice(start, min(stop, size))]
            start, stop = max(0, start - size), stop - size
        return found

    def show(self, found: list[tuple[int, dict]]) -> list:
        shown: list = []
        for index, part in enumerate(self.parts):
            rows = [row for i, row in found if i == index]
            if rows:
                shown += part.show_page(rows)
        return shown

    def cursor(self, index: int, row: dict) -> str:
        return signing.dumps([self.fingerprint, index, *self.parts[index].position(row)], salt=_SALT, compress=True)

    def read_cursor(self, cursor: str) -> tuple[int, list]:
        """The part and position a cursor names; a cursor that is not one of this list's is
        refused with a 400 (never a server error)."""
        try:
            value = signing.loads(cursor, salt=_SALT)
        except (signing.BadSignature, ValueError, TypeError, UnicodeError):
            raise ApiError(400, "cursor_khong_hop_le", BAD_CURSOR) from None
        if not (isinstance(value, list) and len(value) >= 2 and value[0] == self.fingerprint):
            raise ApiError(
                400,
                "cursor_khong_hop_le",
                "Tham số cursor thuộc một danh sách với bộ lọc khác: giữ nguyên bộ lọc khi đọc trang tiếp theo, "
                "hoặc đọc lại từ trang đầu (bỏ cursor).",
            )
        index, position = value[1], value[2:]
        if not (isinstance(index, int) and 0 <= index < len(self.parts) and self.parts[index].valid(position)):
            raise ApiError(400, "cursor_khong_hop_le", BAD_CURSOR)
        return index, position


Cursor = Annotated[str, StringConstraints(max_length=CURSOR_LENGTH)]


class CursorPage(PaginationBase):
    """Pages of a :class:`KeyedChain`: the first page (no ``cursor``) is counted (unless
    ``count=false``) and answers ``next``; following ``next`` reads each page by key, uncounted.
    ``offset`` still works up to ``MAX_KEYED_OFFSET``, always counted (the database then steps
    over every row before the page)."""

    class Input(Page.Input):
        cursor: Cursor | None = Field(
            None,
            description="vị trí trang, lấy từ «next» của trang trước (không tự tạo); đọc theo cursor nhanh như "
            "nhau ở mọi trang; cursor sai hoặc của danh sách với bộ lọc khác bị từ chối (lỗi 400)",
        )
        offset: int = Field(
            0,
            ge=0,
            le=MAX_KEYED_OFFSET,
            description=f"bỏ qua bao nhiêu dòng đầu, tối đa {MAX_KEYED_OFFSET} (cách cũ; sâu hơn bị từ chối, lỗi "
            "422: đi tiếp bằng «next» của trang trước, đọc theo cursor nhanh như nhau ở mọi trang); "
            "không dùng cùng cursor",
        )
        count: bool = Field(
            True,
            description="đếm tổng số dòng ở trang đầu (mặc định có); false: không đếm (count null), trang đầu "
            "nhanh như các trang sau — đếm cả danh sách tốn thời gian theo cỡ bảng. Trang theo offset luôn đếm",
        )

    class Output(Schema):
        items: list[Any]
        count: int | None = Field(
            description="tổng số dòng khớp điều kiện lọc; chỉ có ở trang không dùng cursor (trang đầu, "
            "trang theo offset), null ở trang đọc theo cursor và khi gửi count=false"
        )
        next: str | None = Field(
            description="địa chỉ trang tiếp theo (đường dẫn kèm tham số, có cursor); null ở trang cuối"
        )

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> dict:
        if not isinstance(queryset, KeyedChain):
            raise TypeError(f"a cursor page reads a KeyedChain, not {type(queryset).__name__}")
        chain, size = queryset, pagination.limit
        count: int | None = None
        if pagination.cursor:
            if pagination.offset:
                raise ApiError(
                    400,
                    "cursor_khong_hop_le",
                    "Không dùng offset cùng cursor: cursor đã cho biết vị trí trang (bỏ offset).",
                )
            found, more = chain.after(*chain.read_cursor(pagination.cursor), size)
        elif pagination.offset:
            sizes = chain.sizes()  # counted once, for the page's count and to find its part
            count = sum(sizes)
            found = chain.slice(pagination.offset, pagination.offset + size, sizes)
            more = pagination.offset + len(found) < count
        else:
            count = chain.count() if pagination.count else None
            found, more = chain.after(0, None, size)
        following = None
        if more and found:
            query = request.GET.copy()
            query.pop("offset", None)
            query["cursor"] = chain.cursor(*found[-1])
            following = f"{request.path}?{query.urlencode()}"
        return {"items": chain.show(found), "count": count, "next": following}
