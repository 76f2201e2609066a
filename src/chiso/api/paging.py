"""Every API list is one page read from the database: at most ``MAX_LIMIT`` rows, counted by it.

An endpoint returns a queryset, or :class:`Rows` (a queryset and how one of its rows is shown),
or :class:`Chain` (several of them one after the other); :class:`Page` slices it with
``LIMIT``/``OFFSET`` and asks the database for the count, so a request costs the page it sends,
never the table. A plain list is refused: it would already hold the whole table.

    @api.get("/frameworks", response=list[FrameworkOut])
    @paginate(Page)
    def frameworks(request):
        return Rows(Framework.objects.order_by("code"), _framework)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
# Far beyond any table, and inside every database's 64-bit integer (a larger offset would
# overflow SQLite's or PostgreSQL's and turn a typo into a server error).
MAX_OFFSET = 1_000_000_000


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
