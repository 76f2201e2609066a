"""A figure followed by its note reads as the figure; a post named with its duties reads as the post."""

from decimal import Decimal

import pytest

from chiso.engine.frameworks import Rule
from chiso.engine.scoring import apply_rule
from chiso.engine.values import read_figure

STEPS = Rule(
    kind="steps", params={"levels": [{"equals": "Trưởng ban", "points": 10}, {"equals": "Phó trưởng ban", "points": 5}]}
)


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("62.5% (5/8)", "en", Decimal("62.5")),
        ("62,5% (10/16) hệ thống được kết nối", "vi", Decimal("62.5")),
        ("75% (hệ thống quản lý văn bản chưa đánh giá)", "vi", Decimal("75")),
    ],
)
def test_a_figure_followed_by_a_bracketed_note_reads_as_the_figure(text, locale, value):
    assert read_figure(text, locale).value == value


@pytest.mark.parametrize("text", ["Chưa triển khai (đang xây dựng)", "(5/8)", "Có"])
def test_a_text_that_does_not_start_with_a_figure_stays_text(text):
    assert read_figure(text) == text


@pytest.mark.parametrize(
    ("answer", "points"),
    [
        ("Trưởng ban", Decimal(10)),
        ("Trưởng ban Ban chỉ đạo chuyển đổi số và có hoạt động chủ trì", Decimal(10)),
        ("Phó trưởng ban Ban chỉ đạo", Decimal(5)),
        ("Trưởng bannnn", Decimal(0)),
    ],
)
def test_a_steps_level_matches_the_answer_that_begins_with_its_words(answer, points):
    assert apply_rule(STEPS, answer, Decimal(10), {}) == points
