"""Deadline wordings of the seeds, and overdue judged at midnight in Vietnam."""

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from chiso.engine import deadlines as dl
from chiso.engine.deadlines import DeadlineError, parse_deadline

DEADLINES_FILE = Path(__file__).parents[2] / "src/chiso/data/tasks/DEADLINES.txt"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
KNOWN_KINDS = {dl.DUE, dl.RECURRING, dl.ONGOING, dl.PER_PLAN, dl.PER_PROJECT, dl.CONDITIONAL}
SEED_WORDINGS = [line for line in DEADLINES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_deadline_list_holds_every_wording_of_the_seeds() -> None:
    assert len(SEED_WORDINGS) == 31


@pytest.mark.parametrize("wording", SEED_WORDINGS)
def test_every_seed_wording_parses_to_a_known_kind(wording: str) -> None:
    deadline = parse_deadline(wording, year=2024)
    assert deadline.kind in KNOWN_KINDS
    if deadline.kind == dl.DUE:
        assert deadline.due is not None


@pytest.mark.parametrize(
    ("wording", "due"),
    [
        ("Tháng 10/2026", date(2026, 10, 31)),
        ("Quý II/2026", date(2026, 6, 30)),
        ("Quý III/2026", date(2026, 9, 30)),
        ("Tháng 11/2026", date(2026, 11, 30)),
        ("đến hết năm 2026", date(2026, 12, 31)),
        ("trước ngày 20/12/2026", date(2026, 12, 19)),
    ],
)
def test_a_dated_wording_gives_the_last_day_on_time(wording: str, due: date) -> None:
    assert parse_deadline(wording).due == due


@pytest.mark.parametrize(
    ("wording", "due"),
    [
        ("Tháng 12", date(2024, 12, 31)),
        ("Tháng 6", date(2024, 6, 30)),
        ("Quý I", date(2024, 3, 31)),
        ("Trước ngày 30 tháng 4", date(2024, 4, 29)),
        ("Trước ngày 01 tháng 5", date(2024, 4, 30)),
    ],
)
def test_a_wording_without_year_takes_the_plan_year(wording: str, due: date) -> None:
    assert parse_deadline(wording, year=2024).due == due


def test_a_wording_without_year_and_no_plan_year_is_refused() -> None:
    with pytest.raises(DeadlineError, match="không ghi năm"):
        parse_deadline("Tháng 12")


def test_the_milestone_inside_a_deadline_is_kept() -> None:
    deadline = parse_deadline("Tháng 7 (Báo cáo Thủ tướng giải pháp trước 30/4)", year=2024)
    assert deadline.due == date(2024, 7, 31)
    assert deadline.milestones == (dl.Milestone("Báo cáo Thủ tướng giải pháp", date(2024, 4, 29)),)


@pytest.mark.parametrize(
    ("wording", "kind"),
    [
        ("Hàng tháng", dl.RECURRING),
        ("Thường xuyên", dl.ONGOING),
        ("(Theo Kế hoạch được duyệt)", dl.PER_PLAN),
        ("Theo Kế hoạch được duyệt)", dl.PER_PLAN),
        ("Theo lộ trình tại Quyết định số 206/QĐ -TTg", dl.PER_PLAN),
        ("Triển khai theo dự án", dl.PER_PROJECT),
        ("Triển khai theo dự án Nâng cấp Trung tâm tích hợp dữ liệu tỉnh", dl.PER_PROJECT),
        ("Bảo đảm đáp ứng tiến độ khi Luật Các tổ chức tín dụng năm 2024 có hiệu lực thi hành", dl.CONDITIONAL),
        (None, dl.NONE),
    ],
)
def test_undated_wordings_read_into_their_kind(wording, kind) -> None:
    assert parse_deadline(wording).kind == kind


def test_an_unknown_wording_is_refused_in_vietnamese() -> None:
    with pytest.raises(DeadlineError, match="Không hiểu thời hạn.*sớm nhất có thể"):
        parse_deadline("sớm nhất có thể")


def test_the_due_day_is_on_time_until_2359_in_vietnam() -> None:
    deadline = parse_deadline("Tháng 10/2026")
    assert not dl.is_overdue(deadline, datetime(2026, 10, 31, 23, 59, 59, tzinfo=VN))


def test_midnight_after_the_due_day_is_overdue() -> None:
    deadline = parse_deadline("Tháng 10/2026")
    assert dl.is_overdue(deadline, datetime(2026, 11, 1, 0, 0, tzinfo=VN))


def test_overdue_is_judged_in_vietnam_not_utc() -> None:
    # 17:00 UTC on 31/10 is already 00:00 on 1/11 in Vietnam.
    deadline = parse_deadline("Tháng 10/2026")
    assert dl.is_overdue(deadline, datetime(2026, 10, 31, 17, 0, tzinfo=ZoneInfo("UTC")))


def test_a_done_task_is_never_overdue() -> None:
    deadline = parse_deadline("Tháng 10/2026")
    assert not dl.is_overdue(deadline, datetime(2027, 1, 1, tzinfo=VN), done=True)


@pytest.mark.parametrize(
    "wording", ["Thường xuyên", "Hàng tháng", "(Theo Kế hoạch được duyệt)", "Triển khai theo dự án"]
)
def test_undated_deadlines_are_never_overdue(wording: str) -> None:
    assert not dl.is_overdue(parse_deadline(wording), datetime(2030, 1, 1, tzinfo=VN))


def test_a_monthly_task_is_due_at_the_end_of_the_current_month() -> None:
    assert parse_deadline("Hàng tháng").next_due(date(2026, 2, 10)) == date(2026, 2, 28)


def test_due_soon_within_the_window_only() -> None:
    deadline = parse_deadline("Tháng 10/2026")
    assert dl.is_due_soon(deadline, datetime(2026, 10, 20, tzinfo=VN), days=14)
    assert not dl.is_due_soon(deadline, datetime(2026, 10, 1, tzinfo=VN), days=14)


def test_naive_moments_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        dl.is_overdue(parse_deadline("Tháng 10/2026"), datetime(2026, 11, 1))
