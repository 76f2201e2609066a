"""Reporting periods, deadlines and timeliness.

A period has a kind and a stable id: `2024-11` (month), `2024-Q2` (quarter), `2024-H1`
(half-year), `2024` (year), `2021-2025` (a multi-year plan period). Vietnamese wordings
from the documents ("Tháng 11/2024", "Quý II/2026", "6 tháng đầu năm 2024") read into the same
ids. Deadlines are judged in Asia/Ho_Chi_Minh; nothing here reads the clock — callers pass the
moment they judge.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from chiso.engine.errors import PeriodError

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def today(now: datetime | None = None) -> date:
    """The calendar day in Asia/Ho_Chi_Minh, whatever the server's zone (the one "today").

    ``now`` is an aware moment (``django.utils.timezone.now()`` in the apps, so tests that
    move the clock move this day too); without it, the system clock.
    """
    return (now or datetime.now(TZ)).astimezone(TZ).date()


MONTH, QUARTER, HALF, YEAR, MULTI_YEAR = "month", "quarter", "half", "year", "multi_year"
KIND_LABELS = {
    MONTH: "tháng",
    QUARTER: "quý",
    HALF: "6 tháng",
    YEAR: "năm",
    MULTI_YEAR: "giai đoạn",
}
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
ROMAN_OF = {v: k for k, v in ROMAN.items()}


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period. Equality and order follow (start, end)."""

    start: date
    end: date
    kind: str

    @property
    def id(self) -> str:
        y = self.start.year
        if self.kind == MONTH:
            return f"{y}-{self.start.month:02d}"
        if self.kind == QUARTER:
            return f"{y}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == HALF:
            return f"{y}-H{1 if self.start.month == 1 else 2}"
        if self.kind == YEAR:
            return str(y)
        return f"{y}-{self.end.year}"

    @property
    def label(self) -> str:
        """The Vietnamese name, as reports write it: "Tháng 11/2024", "Quý II/2026"."""
        y = self.start.year
        if self.kind == MONTH:
            return f"Tháng {self.start.month}/{y}"
        if self.kind == QUARTER:
            return f"Quý {ROMAN_OF[(self.start.month - 1) // 3 + 1]}/{y}"
        if self.kind == HALF:
            return f"6 tháng {'đầu' if self.start.month == 1 else 'cuối'} năm {y}"
        if self.kind == YEAR:
            return f"Năm {y}"
        return f"Giai đoạn {y}-{self.end.year}"

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        return period_containing(self.start - timedelta(days=1), self.kind, years=self.end.year - self.start.year + 1)

    def __str__(self) -> str:
        return self.id


def month(year: int, m: int) -> Period:
    return Period(date(year, m, 1), date(year, m, calendar.monthrange(year, m)[1]), MONTH)


def quarter(year: int, q: int) -> Period:
    first = 3 * (q - 1) + 1
    return Period(date(year, first, 1), month(year, first + 2).end, QUARTER)


def half(year: int, h: int) -> Period:
    return Period(date(year, 1 if h == 1 else 7, 1), date(year, 6 if h == 1 else 12, 30 if h == 1 else 31), HALF)


def year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31), YEAR)


def years(first: int, last: int) -> Period:
    return Period(date(first, 1, 1), date(last, 12, 31), MULTI_YEAR)


def period_containing(day: date, kind: str, years: int = 5) -> Period:
    """The period of `kind` that contains `day` (multi-year: `years` long, ending on `day`'s year)."""
    if kind == MONTH:
        return month(day.year, day.month)
    if kind == QUARTER:
        return quarter(day.year, (day.month - 1) // 3 + 1)
    if kind == HALF:
        return half(day.year, 1 if day.month <= 6 else 2)
    if kind == YEAR:
        return year(day.year)
    return Period(date(day.year - years + 1, 1, 1), date(day.year, 12, 31), MULTI_YEAR)


_ID_FORMS = (
    (re.compile(r"^(\d{4})-(\d{2})$"), lambda m: month(int(m[1]), int(m[2]))),
    (re.compile(r"^(\d{4})-Q([1-4])$"), lambda m: quarter(int(m[1]), int(m[2]))),
    (re.compile(r"^(\d{4})-H([12])$"), lambda m: half(int(m[1]), int(m[2]))),
    (re.compile(r"^(\d{4})$"), lambda m: year(int(m[1]))),
    (re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$"), lambda m: years(int(m[1]), int(m[2]))),
)
_WORD_FORMS = tuple(
    (re.compile(p, re.IGNORECASE), build)
    for p, build in (
        (r"^tháng\s+(\d{1,2})\s*/\s*(\d{4})$", lambda m: month(int(m[2]), int(m[1]))),
        (
            r"^quý\s+(IV|I{1,3}|[1-4])\s*/\s*(\d{4})$",
            lambda m: quarter(int(m[2]), ROMAN.get(m[1].upper()) or int(m[1])),
        ),
        (r"^6 tháng đầu năm\s+(\d{4})$", lambda m: half(int(m[1]), 1)),
        (r"^6 tháng cuối năm\s+(\d{4})$", lambda m: half(int(m[1]), 2)),
        (r"^năm\s+(\d{4})$", lambda m: year(int(m[1]))),
        (r"^giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})$", lambda m: years(int(m[1]), int(m[2]))),
    )
)


def parse_period(text: str) -> Period:
    """Read a period id or a Vietnamese period wording.

    >>> parse_period("2024-Q2").label
    'Quý II/2024'
    >>> parse_period("Quý II/2026").id
    '2026-Q2'
    >>> parse_period("Tháng 11/2024").id
    '2024-11'
    """
    s = " ".join(str(text).split())
    for pattern, build in _ID_FORMS:
        m = pattern.match(s)
        if m:
            return _checked(build, m, text)
    for pattern, build in _WORD_FORMS:
        m = pattern.match(s)
        if m:
            return _checked(build, m, text)
    raise PeriodError(
        "Không hiểu kỳ báo cáo (ví dụ hợp lệ: 2024-11, 2024-Q2, 2024-H1, 2024, 2021-2025, Tháng 11/2024, Quý II/2026)",
        raw=str(text),
    )


def period_words(text: str) -> str:
    """A period in words inside a sentence ("kỳ 2026-12" is the machine's): lower-case first.

    A text that is no period is given back as it is.

    >>> period_words("2026-12"), period_words("2026-Q4"), period_words("2026")
    ('tháng 12/2026', 'quý IV/2026', 'năm 2026')
    >>> period_words("hiện tại")
    'hiện tại'
    """
    try:
        label = parse_period(text).label
    except PeriodError:
        return text
    return label[0].lower() + label[1:]


def _checked(build: Callable[[re.Match[str]], Period], m: re.Match[str], raw: object) -> Period:
    try:
        p = build(m)
    except (ValueError, KeyError):
        raise PeriodError("Kỳ báo cáo không tồn tại", raw=str(raw)) from None
    if p.kind == MULTI_YEAR and p.end.year < p.start.year:
        raise PeriodError("Giai đoạn kết thúc trước khi bắt đầu", raw=str(raw))
    return p


# --- deadlines and timeliness -------------------------------------------------------------

ON_TIME, LATE, MISSING = "on_time", "late", "missing"
# A report sent back to its unit: neither received nor on time until it is sent again.
RETURNED = "returned"
TIMELINESS_LABELS = {ON_TIME: "Đúng hạn", LATE: "Trễ hạn", MISSING: "Chưa gửi", RETURNED: "Bị trả lại"}


def due_before(day: date) -> datetime:
    """The deadline "trước ngày D": the first instant of D in Vietnam; D itself is late.

    000 Phụ lục VII counts reports dated 18/11/2024 as late against "trước 18/11/2024".
    """
    return datetime.combine(day, time.min, tzinfo=TZ)


def due_by(day: date) -> datetime:
    """The deadline "đến hết ngày D": all of D in Vietnam is on time."""
    return due_before(day + timedelta(days=1))


def judge_moment(submitted_at: datetime | None, due: datetime) -> str:
    """On time, late or missing for a timestamp against a deadline instant.

    The timestamp must be timezone-aware: a naive time would be judged in the server's zone,
    which is exactly the mistake this function exists to prevent.
    """
    if submitted_at is None:
        return MISSING
    if submitted_at.tzinfo is None:
        raise ValueError("submitted_at must be timezone-aware")
    return ON_TIME if submitted_at < due else LATE


def judge_timeliness(submitted_on: date | None, deadline: date) -> str:
    """On time, late or missing for a document date against a "trước ngày" deadline.

    >>> judge_timeliness(date(2024, 11, 17), date(2024, 11, 18))
    'on_time'
    >>> judge_timeliness(date(2024, 11, 18), date(2024, 11, 18))
    'late'
    """
    if submitted_on is None:
        return MISSING
    return ON_TIME if submitted_on < deadline else LATE


@dataclass(frozen=True)
class DtiEdition:
    """A DTI result names two years: the data year and the year the ministry published it.

    The seed 001 calls the index published in 10/2025 from 2024 data both "DTI năm 2024" and
    "chỉ số chuyển đổi số năm 2025"; storing both years keeps the two readings apart.
    """

    data_year: int
    published_year: int | None = None

    @property
    def label(self) -> str:
        if self.published_year is None:
            return f"DTI năm {self.data_year} (số liệu năm {self.data_year})"
        return f"DTI năm {self.data_year} (số liệu năm {self.data_year}, công bố năm {self.published_year})"
