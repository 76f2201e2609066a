"""Task deadlines as written in plans, and whether a task is overdue.

Plans write deadlines in many ways; each wording reads into one of a few kinds:

* ``due``: a last day on time — "Tháng 10/2026" (to the end of October), "Quý II/2026",
  "Trước ngày 30 tháng 4" (29 April is the last day: "trước ngày D" makes D late, as in
  ``engine.periods.due_before``), "đến hết năm 2026". A wording without a year ("Tháng 12",
  "Quý II") takes the plan's year, which the caller passes.
* ``recurring``: "Hàng tháng", "Hằng quý", "Hàng năm" — due at the end of every period.
* ``ongoing``: "Thường xuyên" — no end date.
* ``per_plan``: "Theo Kế hoạch được duyệt", "Theo lộ trình tại Quyết định …" — the date is in
  another document.
* ``per_project``: "Triển khai theo dự án …" — as the project goes.
* ``conditional``: "… khi Luật … có hiệu lực thi hành" — after an event, no date.
* ``none``: the plan gives no deadline.

Only ``due`` can be overdue. Overdue is judged in Asia/Ho_Chi_Minh: a task due on D is on time
up to 23:59:59 on D and overdue from 00:00 on D+1. A wording that fits none of these raises
:class:`DeadlineError`, so nothing is silently dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from chiso.engine.errors import EngineError, PeriodError
from chiso.engine.periods import (
    MONTH,
    QUARTER,
    TZ,
    YEAR,
    Period,
    due_by,
    month,
    parse_period,
    period_containing,
    quarter,
)

DUE, RECURRING, ONGOING, PER_PLAN, PER_PROJECT, CONDITIONAL, NONE = (
    "due",
    "recurring",
    "ongoing",
    "per_plan",
    "per_project",
    "conditional",
    "none",
)
KIND_LABELS = {
    DUE: "Có hạn",
    RECURRING: "Định kỳ",
    ONGOING: "Thường xuyên",
    PER_PLAN: "Theo kế hoạch được duyệt",
    PER_PROJECT: "Theo tiến độ dự án",
    CONDITIONAL: "Khi điều kiện xảy ra",
    NONE: "Không ghi thời hạn",
}
RECURRENCE_LABELS = {MONTH: "Hàng tháng", QUARTER: "Hàng quý", YEAR: "Hàng năm"}


class DeadlineError(EngineError):
    """A deadline wording that cannot be understood."""


@dataclass(frozen=True)
class Milestone:
    """An intermediate date written inside a deadline ("… giải pháp trước 30/4")."""

    text: str
    due: date


@dataclass(frozen=True)
class Deadline:
    """A deadline as written (``raw``) and as understood."""

    raw: str
    kind: str
    due: date | None = None  # the last day on time
    period: Period | None = None
    recurrence: str | None = None  # a period kind: month, quarter, year
    milestones: tuple[Milestone, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        """What the deadline means, in Vietnamese: "Hạn 31/10/2026", "Hàng tháng"."""
        if self.kind == DUE and self.due:
            return f"Hạn {self.due:%d/%m/%Y}"
        if self.kind == RECURRING and self.recurrence:
            return RECURRENCE_LABELS[self.recurrence]
        return KIND_LABELS[self.kind]

    def next_due(self, on: date) -> date | None:
        """The last day on time as seen on ``on``: the due day, or the end of the current
        period for a recurring deadline; None when the deadline has no date."""
        if self.kind == DUE:
            return self.due
        if self.kind == RECURRING and self.recurrence:
            return period_containing(on, self.recurrence).end
        return None


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text))
    return " ".join(text.replace("\n", " ").split()).strip()


_ROMAN = r"(IV|I{1,3}|[1-4])"
_RECURRING = (
    (re.compile(r"^h[àằ]ng tháng$"), MONTH),
    (re.compile(r"^h[àằ]ng quý$"), QUARTER),
    (re.compile(r"^h[àằ]ng năm$"), YEAR),
)
_PER_PLAN = re.compile(r"^\(?\s*theo (kế hoạch|lộ trình)\b.*$")
_PER_PROJECT = re.compile(r"^(triển khai )?theo (tiến độ )?dự án\b.*$")
_CONDITIONAL = re.compile(r"^.*\bkhi\b.*\b(có hiệu lực|được ban hành|ban hành)\b.*$")
_BEFORE_DAY = re.compile(r"^trước ngày (\d{1,2})(?: tháng |/)(\d{1,2})(?:(?: năm |/)(\d{4}))?$")
_UNTIL_YEAR_END = re.compile(r"^(?:đến )?hết năm (\d{4})$")
_MONTH_NO_YEAR = re.compile(r"^tháng (\d{1,2})$")
_QUARTER_NO_YEAR = re.compile(rf"^quý {_ROMAN}$", re.IGNORECASE)
_TRAILING_NOTE = re.compile(r"^(.*?)\s*\((.*)\)$")
_NOTE_DATE = re.compile(r"^(.*?)\s*trước (?:ngày )?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?$")


def parse_deadline(text: str | None, year: int | None = None) -> Deadline:
    """Read a deadline wording; ``year`` is the plan's year for wordings that omit it.

    >>> parse_deadline("Quý II/2026").due
    datetime.date(2026, 6, 30)
    >>> parse_deadline("Trước ngày 30 tháng 4", year=2024).due
    datetime.date(2024, 4, 29)
    >>> parse_deadline("Hàng tháng").recurrence
    'month'
    >>> parse_deadline("Thường xuyên").kind
    'ongoing'
    """
    raw = "" if text is None else str(text)
    s = _clean(raw)
    if not s:
        return Deadline(raw, NONE)
    low = s.lower()
    for pattern, kind in _RECURRING:
        if pattern.match(low):
            return Deadline(raw, RECURRING, recurrence=kind)
    if low == "thường xuyên":
        return Deadline(raw, ONGOING)
    if _PER_PLAN.match(low):
        return Deadline(raw, PER_PLAN)
    if _PER_PROJECT.match(low):
        return Deadline(raw, PER_PROJECT)
    if _CONDITIONAL.match(low):
        return Deadline(raw, CONDITIONAL)
    found = _dated(low, year)
    if found is not None:
        return Deadline(raw, DUE, due=found[0], period=found[1])
    return _with_milestone(raw, s, year)


def _dated(low: str, year: int | None) -> tuple[date, Period | None] | None:
    """A dated wording without a trailing note, or None."""
    m = _BEFORE_DAY.match(low)
    if m:
        y = int(m[3]) if m[3] else _need_year(year, low)
        return _day(y, int(m[2]), int(m[1]), low) - timedelta(days=1), None
    m = _UNTIL_YEAR_END.match(low)
    if m:
        return date(int(m[1]), 12, 31), parse_period(m[1])
    m = _MONTH_NO_YEAR.match(low)
    if m:
        y, n = _need_year(year, low), int(m[1])
        p = _period(lambda: month(y, n), low)
        return p.end, p
    m = _QUARTER_NO_YEAR.match(low)
    if m:
        q = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(m[1].lower()) or int(m[1])
        p = quarter(_need_year(year, low), q)
        return p.end, p
    try:
        p = parse_period(low)
    except PeriodError:
        return None
    return p.end, p


def _with_milestone(raw: str, s: str, year: int | None) -> Deadline:
    """ "Tháng 7 (Báo cáo Thủ tướng giải pháp trước 30/4)": a deadline with a milestone."""
    m = _TRAILING_NOTE.match(s)
    if m:
        main = _dated(m[1].lower(), year)
        note = _NOTE_DATE.match(m[2])
        if main is not None and note is not None:
            y = int(note[4]) if note[4] else _need_year(year, s)
            milestone = Milestone(note[1].strip(), _day(y, int(note[3]), int(note[2]), s) - timedelta(days=1))
            return Deadline(raw, DUE, due=main[0], period=main[1], milestones=(milestone,))
    raise DeadlineError(
        "Không hiểu thời hạn (ví dụ hợp lệ: Tháng 10/2026, Quý II/2026, Trước ngày 30 "
        "tháng 4, Hàng tháng, Thường xuyên, Theo Kế hoạch được duyệt, Triển khai theo dự án)",
        raw=raw,
    )


def _need_year(year: int | None, text: str) -> int:
    if year is None:
        raise DeadlineError("Thời hạn không ghi năm và kế hoạch không cho biết năm", raw=text)
    return year


def _day(y: int, m: int, d: int, text: str) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        raise DeadlineError("Ngày không tồn tại", raw=text) from None


def _period(build: Callable[[], Period], text: str) -> Period:
    try:
        return build()
    except (ValueError, KeyError):
        raise DeadlineError("Tháng không tồn tại", raw=text) from None


# --- overdue ------------------------------------------------------------------------------


def is_overdue(deadline: Deadline, now: datetime, *, done: bool = False) -> bool:
    """True from 00:00 (Asia/Ho_Chi_Minh) of the day after the due day, unless done.

    ``now`` must be timezone-aware (a naive time would be judged in the server's zone).
    Only a ``due`` deadline can be overdue: recurring, ongoing and per-plan tasks are not.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if done or deadline.kind != DUE or deadline.due is None:
        return False
    return now >= due_by(deadline.due)


def is_due_soon(deadline: Deadline, now: datetime, *, days: int = 14, done: bool = False) -> bool:
    """True when the task is not overdue and its next due day is within ``days`` days."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if done or is_overdue(deadline, now):
        return False
    today = now.astimezone(TZ).date()
    nxt = deadline.next_due(today)
    return nxt is not None and today <= nxt <= today + timedelta(days=days)
