from datetime import date, datetime

import pytest

from chiso.engine.errors import PeriodError
from chiso.engine.periods import (
    LATE,
    MISSING,
    ON_TIME,
    TZ,
    DtiEdition,
    due_before,
    due_by,
    judge_moment,
    judge_timeliness,
    parse_period,
)


@pytest.mark.parametrize(
    ("text", "period_id", "kind", "start", "end"),
    [
        ("2024-11", "2024-11", "month", date(2024, 11, 1), date(2024, 11, 30)),
        ("2024-Q2", "2024-Q2", "quarter", date(2024, 4, 1), date(2024, 6, 30)),
        ("2024-H1", "2024-H1", "half", date(2024, 1, 1), date(2024, 6, 30)),
        ("2024", "2024", "year", date(2024, 1, 1), date(2024, 12, 31)),
        ("2021-2025", "2021-2025", "multi_year", date(2021, 1, 1), date(2025, 12, 31)),
        ("Tháng 11/2024", "2024-11", "month", date(2024, 11, 1), date(2024, 11, 30)),
        ("Quý II/2026", "2026-Q2", "quarter", date(2026, 4, 1), date(2026, 6, 30)),
        ("6 tháng đầu năm 2024", "2024-H1", "half", date(2024, 1, 1), date(2024, 6, 30)),
        ("2024-02", "2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
    ],
)
def test_it_reads_period_ids_and_wordings(text, period_id, kind, start, end):
    p = parse_period(text)
    assert (p.id, p.kind, p.start, p.end) == (period_id, kind, start, end)


def test_an_id_reads_back_to_the_same_period():
    for pid in ["2024-11", "2024-Q2", "2024-H1", "2024", "2021-2025"]:
        assert parse_period(parse_period(pid).id).id == pid


def test_it_names_periods_in_vietnamese():
    assert parse_period("2026-Q2").label == "Quý II/2026"
    assert parse_period("2024-11").label == "Tháng 11/2024"


def test_the_previous_period_crosses_the_year():
    assert parse_period("2024-01").previous().id == "2023-12"
    assert parse_period("2024-Q1").previous().id == "2023-Q4"


def test_a_year_contains_its_months():
    assert parse_period("2024").contains(parse_period("2024-11"))
    assert not parse_period("2024-H1").contains(parse_period("2024-11"))


@pytest.mark.parametrize("text", ["2024-13", "Quý V/2026", "tháng trước", "2025-2021"])
def test_it_refuses_what_is_not_a_period(text):
    with pytest.raises(PeriodError) as error:
        parse_period(text)
    assert text in str(error.value)


def test_a_report_dated_on_the_before_day_is_late():
    # 000 Phụ lục VII: "Đúng hạn (trước 18/11/2024)"; 18/11 reports are counted late
    assert judge_timeliness(date(2024, 11, 17), date(2024, 11, 18)) == ON_TIME
    assert judge_timeliness(date(2024, 11, 18), date(2024, 11, 18)) == LATE
    assert judge_timeliness(None, date(2024, 11, 18)) == MISSING


def test_deadline_boundary_is_midnight_in_vietnam():
    due = due_by(date(2026, 12, 20))
    assert judge_moment(datetime(2026, 12, 20, 23, 59, 59, tzinfo=TZ), due) == ON_TIME
    assert judge_moment(datetime(2026, 12, 21, 0, 0, 0, tzinfo=TZ), due) == LATE


def test_deadline_is_judged_in_vietnam_not_utc():
    from zoneinfo import ZoneInfo

    due = due_before(date(2024, 11, 18))
    # 17:30 UTC on the 17th is 00:30 on the 18th in Vietnam: late
    assert judge_moment(datetime(2024, 11, 17, 17, 30, tzinfo=ZoneInfo("UTC")), due) == LATE
    assert judge_moment(datetime(2024, 11, 17, 16, 59, tzinfo=ZoneInfo("UTC")), due) == ON_TIME


def test_a_naive_timestamp_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        judge_moment(datetime(2024, 11, 17, 12, 0), due_before(date(2024, 11, 18)))


def test_a_dti_result_carries_data_and_publication_year():
    edition = DtiEdition(data_year=2024, published_year=2025)
    assert "số liệu năm 2024" in edition.label
    assert "công bố năm 2025" in edition.label


def test_today_is_the_day_in_vietnam_whatever_the_moments_zone():
    import datetime as dt

    from chiso.engine.periods import today

    evening_in_utc = dt.datetime(2026, 12, 7, 20, 0, tzinfo=dt.UTC)  # 03:00 on the 8th in Hà Nội
    assert today(evening_in_utc) == dt.date(2026, 12, 8)
