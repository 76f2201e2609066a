"""The year-end outlook of a monthly figure below its year's target: at the pace it has moved
each month since the previous year's result (or an earlier month of the year), where will it
stand on 31 December? One sentence per indicator, and one note saying how it is worked out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from chiso.engine.changes import Outlook, amount_words, year_end_outlook
from chiso.engine.evaluation import Status
from chiso.engine.numbers import Quantity, format_quantity, vietnamese_decimals
from chiso.engine.periods import MONTH, YEAR, Period, parse_period
from chiso.engine.targets import AT_LEAST, MORE_THAN
from chiso.engine.values import read_target
from chiso.reports.drafting.comparisons import period_words
from chiso.reports.results import FrameworkResults, IndicatorResult

METHOD_NOTE = (
    "Ghi chú: kết quả dự kiến đến ngày 31/12 được tính theo mức thay đổi bình quân mỗi tháng "
    "giữa kết quả gần nhất trước kỳ báo cáo trong năm (hoặc kết quả năm trước) và kết quả kỳ báo cáo, "
    "giữ nguyên mức thay đổi đó cho các tháng còn lại của năm; số liệu chỉ để tham khảo."
)


@dataclass(frozen=True)
class YearEnd:
    """An indicator's outlook: from which period's figure, at what pace, to what by 31 December."""

    since: Period
    now: Quantity
    target_text: str  # the year's target as printed
    outlook: Outlook


def year_end(r: IndicatorResult, results: FrameworkResults) -> YearEnd | None:
    """The outlook of an indicator of a monthly report below its year's numeric target.

    The start is the latest earlier figure of the same year, else the previous year's result;
    the figure moves linearly by month (`chiso.engine.changes.year_end_outlook`).
    """
    period = results.period
    annual = next((p for p in results.target_periods if p.kind == YEAR and p.id in r.targets), None)
    now = r.readings.get(period.id)
    if period.kind != MONTH or annual is None or not isinstance(now, Quantity):
        return None
    computed = r.computed.get(annual.id)
    if computed is None or computed.status != Status.NOT_MET:
        return None
    target = read_target(r.targets[annual.id], results.locale)
    if target.kind not in (AT_LEAST, MORE_THAN) or target.value is None or target.unit != now.unit:
        return None
    start = _start(r, period)
    if start is None:
        return None
    start_period, before = start
    outlook = year_end_outlook(before, start_period.end, now, period.end, target.value)
    if outlook is None:
        return None
    return YearEnd(start_period, now, r.targets[annual.id].strip(), outlook)


def outlook_sentence(r: IndicatorResult, results: FrameworkResults) -> str:
    """One sentence on where the indicator stands by 31 December at its monthly pace, or ""."""
    found = year_end(r, results)
    if found is None:
        return ""
    outlook, now = found.outlook, found.now
    goal = f"chỉ tiêu kế hoạch năm ({vietnamese_decimals(found.target_text)})"
    day = f"31/12/{results.period.end.year}"
    since = period_words(found.since)
    if outlook.pace <= 0:
        trend = "không tăng" if outlook.pace == 0 else "giảm"
        return f"Do kết quả {trend} so với {since}, nếu giữ xu hướng hiện nay thì đến ngày {day} khó đạt {goal}."
    projected = format_quantity(Quantity(outlook.projected.quantize(_CENTS).normalize(), now.unit))
    pace = amount_words(outlook.pace, now.unit)
    verdict = f"đạt {goal}" if outlook.reaches else f"chưa đạt {goal}"
    return (
        f"Với mức tăng bình quân {pace} mỗi tháng kể từ {since}, đến ngày {day} "
        f"dự kiến đạt khoảng {projected}, {verdict}."
    )


_CENTS = Decimal("0.01")


def _start(r: IndicatorResult, period: Period) -> tuple[Period, Quantity] | None:
    """The latest earlier figure of the same year, else the previous year's result."""
    candidates = []
    for pid, reading in r.readings.items():
        p = parse_period(pid)
        if not isinstance(reading, Quantity) or p.end >= period.end:
            continue
        same_year_month = p.kind == MONTH and p.start.year == period.start.year
        last_year = p.kind == YEAR and p.start.year == period.start.year - 1
        if same_year_month or last_year:
            candidates.append((p, reading))
    return max(candidates, key=lambda c: c[0].end) if candidates else None
