"""Target wordings of the seeds become typed targets; unknown wording stays text."""

from decimal import Decimal

import pytest

from chiso.engine.targets import parse_target


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit"),
    [
        ("100%", "at_least", Decimal(100), "%"),
        ("Trên 55%", "more_than", Decimal(55), "%"),
        ("Từ 50% trở lên", "at_least", Decimal(50), "%"),
        ("≥ 60%", "at_least", Decimal(60), "%"),
        ("Tối thiểu 80%", "at_least", Decimal(80), "%"),
        ("Dưới 10%", "less_than", Decimal(10), "%"),
        ("10", "at_least", Decimal(10), ""),
        ("Duy trì", "maintain", None, ""),
        ("Có", "yes", None, ""),
        ("Thực hiện liên tục", "continuous", None, ""),
    ],
)
def test_it_types_the_target_wordings(text, kind, value, unit):
    t = parse_target(text)
    assert (t.kind, t.value, t.unit, t.text) == (kind, value, unit, text)


def test_it_reads_an_increase_target_in_the_dti_plan_locale():
    t = parse_target("Phấn đấu tăng tối thiểu 1.5%", "en")  # 001 Phụ lục II, 7.2
    assert (t.kind, t.value, t.unit) == ("increase_by", Decimal("1.5"), "%")


def test_it_reads_a_completion_year():
    t = parse_target("Hoàn thành 2023")
    assert (t.kind, t.year) == ("complete_by", 2023)


def test_it_keeps_the_parts_of_a_multi_part_target():
    t = parse_target("5% ở bậc tiểu học, 10% ở bậc trung học")
    assert t.kind == "multi"
    assert [(p.value, p.scope) for p in t.parts] == [(Decimal(5), "bậc tiểu học"), (Decimal(10), "bậc trung học")]


def test_it_keeps_what_a_percentage_counts():
    t = parse_target("100% thủ tục đủ điều kiện")
    assert (t.kind, t.value, t.qualifier) == ("at_least", Decimal(100), "thủ tục đủ điều kiện")


@pytest.mark.parametrize("text", ["Rà soát, triển khai ứng dụng AI theo tiêu chí", "Triển khai theo dự án", ""])
def test_unknown_wording_stays_qualitative_text(text):
    t = parse_target(text)
    assert (t.kind, t.text, t.value) == ("qualitative", text, None)
