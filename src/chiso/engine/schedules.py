"""Report schedules: a form's deadline rule and a period give the day the report is due.

The DX office writes deadline rules the way its letters do:

* ``"18"`` — the 18th of the period's last month (a monthly report for 11/2024 is due
  18/11/2024, as in 000 Phụ lục VII);
* ``"15/5"`` — 15 May of the period's year (semiannual report, 003);
* ``"15/5; 15/11"`` — one date per sub-period in order: H1 by 15/5, H2 by 15/11 (quarters take
  four dates);
* ``"20/12"`` — the DTI figures by 20/12 (001).

The due date is the day named: "trước ngày D" counts D itself as late
(:func:`chiso.engine.periods.judge_timeliness`). Nothing here reads the clock.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from chiso.engine.errors import EngineError
from chiso.engine.periods import HALF, MONTH, QUARTER, YEAR, Period

_DAY = re.compile(r"^(\d{1,2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\s*/\s*(\d{1,2})$")


class ScheduleError(EngineError):
    """A deadline rule that cannot be read or does not fit the period."""


@dataclass(frozen=True)
class DeadlineRule:
    """A parsed rule: a day of the period's month, or day/month dates per sub-period."""

    day_of_month: int | None = None
    dates: tuple[tuple[int, int], ...] = ()
    raw: str = ""


def parse_rule(text: str) -> DeadlineRule:
    """Read a deadline rule.

    >>> parse_rule("18").day_of_month
    18
    >>> parse_rule("15/5; 15/11").dates
    ((15, 5), (15, 11))
    """
    raw = str(text or "")
    parts = [p.strip() for p in re.split(r"[;,]", raw) if p.strip()]
    if not parts:
        raise ScheduleError("Chưa ghi hạn gửi báo cáo (ví dụ: 18, 15/5, 15/5; 15/11)", raw=raw)
    if len(parts) == 1 and (m := _DAY.match(parts[0])):
        day = int(m[1])
        if not 1 <= day <= 31:
            raise ScheduleError("Ngày trong tháng phải từ 1 đến 31", raw=raw)
        return DeadlineRule(day_of_month=day, raw=raw)
    dates = []
    for part in parts:
        m = _DAY_MONTH.match(part)
        if not m:
            raise ScheduleError("Không hiểu hạn gửi (ví dụ hợp lệ: 18, 15/5, 15/5; 15/11, 20/12)", raw=raw)
        day, month_no = int(m[1]), int(m[2])
        _check_day(2024, month_no, day, raw)  # 2024 is a leap year: 29/2 is accepted here
        dates.append((day, month_no))
    return DeadlineRule(dates=tuple(dates), raw=raw)


def due_date(rule: DeadlineRule | str, period: Period) -> date:
    """The day a report for ``period`` is due under ``rule``.

    >>> from chiso.engine.periods import parse_period
    >>> due_date("18", parse_period("2024-11"))
    datetime.date(2024, 11, 18)
    >>> due_date("15/5; 15/11", parse_period("2026-H2"))
    datetime.date(2026, 11, 15)
    """
    if isinstance(rule, str):
        rule = parse_rule(rule)
    last = period.end
    if rule.day_of_month is not None:
        # A short month takes its last day: "30" in February means 28 or 29 February.
        day = min(rule.day_of_month, calendar.monthrange(last.year, last.month)[1])
        return date(last.year, last.month, day)
    day, month_no = rule.dates[_index_in_year(rule, period)]
    due = _check_day(last.year, month_no, day, rule.raw)
    # A date before the period starts belongs to the next year ("10/1" for the fourth quarter).
    return due if due >= period.start else _check_day(last.year + 1, month_no, day, rule.raw)


def _index_in_year(rule: DeadlineRule, period: Period) -> int:
    """Which of the rule's dates applies: the only one, or the one of the period's position."""
    if len(rule.dates) == 1:
        return 0
    per_year = {MONTH: 12, QUARTER: 4, HALF: 2, YEAR: 1}.get(period.kind)
    if per_year != len(rule.dates):
        raise ScheduleError(
            f"Hạn gửi ghi {len(rule.dates)} ngày nhưng kỳ {period.label} cần {per_year or 1} ngày mỗi năm", raw=rule.raw
        )
    return (period.start.month - 1) * per_year // 12


def _check_day(year_no: int, month_no: int, day: int, raw: str) -> date:
    try:
        return date(year_no, month_no, day)
    except ValueError:
        raise ScheduleError("Ngày hạn gửi không tồn tại", raw=raw) from None
