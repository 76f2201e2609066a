"""Section II of the month's report names every indicator below its target, whichever framework
it belongs to: it never says "none" while a summary line of the same report counts some."""

from __future__ import annotations

import datetime
import re

import pytest

from chiso.engine.periods import today
from chiso.reports.periodic import PeriodicOptions, build_periodic

NONE_MISSED = "Không có chỉ tiêu chưa đạt trong kỳ."


def section_two(document) -> list[str]:
    texts = [b.text for b in document.body]
    start = texts.index("II. KHÓ KHĂN, VƯỚNG MẮC")
    end = next(i for i, t in enumerate(texts) if i > start and t.startswith("III."))
    return texts[start + 1 : end]


def counted_below_target(document) -> int:
    return sum(int(n) for b in document.body for n in re.findall(r"Chưa đạt (\d+)/\d+ chỉ tiêu", b.text))


def test_the_demo_month_names_the_dti_indicator_below_its_target(demo_data, db):
    period = today().strftime("%Y-%m")
    document = build_periodic(PeriodicOptions(period=period, date=today()))
    assert counted_below_target(document) >= 1
    lines = section_two(document)
    assert NONE_MISSED not in lines
    assert any("Tỷ lệ công chức, viên chức được bồi dưỡng, tập huấn về chuyển đổi số" in line for line in lines)


@pytest.mark.parametrize("period", ["2024-11"])
def test_a_seed_month_section_two_agrees_with_its_summary_lines(seed_data, period):
    document = build_periodic(PeriodicOptions(period=period, date=datetime.date(2024, 11, 25)))
    lines = section_two(document)
    if counted_below_target(document):
        assert NONE_MISSED not in lines
        assert sum(int(re.match(r"Còn (\d+)", line).group(1)) for line in lines if line.startswith("Còn ")) >= 1
