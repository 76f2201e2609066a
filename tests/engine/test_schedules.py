"""Deadline rules of report forms read into due dates (000 Phụ lục VII, 001, 003)."""

import datetime

import pytest

from chiso.engine.periods import parse_period
from chiso.engine.schedules import ScheduleError, due_date, parse_rule


@pytest.mark.parametrize(
    ("rule", "period", "due"),
    [
        ("18", "2024-11", datetime.date(2024, 11, 18)),  # 000 Phụ lục VII: trước 18/11/2024
        ("18", "2026-02", datetime.date(2026, 2, 18)),
        ("30", "2026-02", datetime.date(2026, 2, 28)),  # short month: its last day
        ("18", "2026-Q2", datetime.date(2026, 6, 18)),  # a day alone: the period's last month
        ("15/5", "2026-H1", datetime.date(2026, 5, 15)),  # 003: semiannual by 15/5
        ("15/11", "2026", datetime.date(2026, 11, 15)),  # 003: annual by 15/11
        ("15/5; 15/11", "2026-H1", datetime.date(2026, 5, 15)),
        ("15/5; 15/11", "2026-H2", datetime.date(2026, 11, 15)),
        ("20/12", "2026", datetime.date(2026, 12, 20)),  # 001: DTI figures by 20/12/2026
        (" 20 / 12 ", "2026", datetime.date(2026, 12, 20)),
        ("10/4; 10/7; 10/10; 10/1", "2026-Q3", datetime.date(2026, 10, 10)),
        ("10/4; 10/7; 10/10; 10/1", "2026-Q4", datetime.date(2027, 1, 10)),  # into the next year
    ],
)
def test_it_reads_a_rule_into_the_due_date(rule: str, period: str, due: datetime.date) -> None:
    assert due_date(rule, parse_period(period)) == due


@pytest.mark.parametrize("rule", ["", "ngày 18", "32", "31/2", "15/13", "15-5"])
def test_it_refuses_an_unreadable_rule_in_vietnamese(rule: str) -> None:
    with pytest.raises(ScheduleError) as error:
        parse_rule(rule)
    assert "hạn gửi" in str(error.value).lower() or "ngày" in str(error.value).lower()


def test_it_refuses_a_rule_with_the_wrong_number_of_dates_for_the_period() -> None:
    with pytest.raises(ScheduleError, match="2 ngày nhưng kỳ Quý II/2026 cần 4"):
        due_date("15/5; 15/11", parse_period("2026-Q2"))
