from decimal import Decimal

from chiso.engine.frameworks import Framework, Group, Indicator, Rule
from chiso.engine.gaps import gaps, points_for_change, project, value_for_full
from chiso.engine.numbers import parse_quantity as q
from chiso.engine.scoring import FrameworkScore, ScoreInput, score_framework

D = Decimal
SIX_FOUR = Indicator("6.4", "Tỷ lệ DVCTT toàn trình", max_points=D(20), rule=Rule("threshold", {"threshold": 60}))
SIX_FIVE = Indicator("6.5", "Tỷ lệ hồ sơ nộp trực tuyến", max_points=D(20), rule=Rule("linear", {"target": 80}))
FW = Framework("t", "t", "dti", (Group("6", "HĐ chính quyền số", (SIX_FOUR, SIX_FIVE), D(40)),), max_points=D(40))
NOW = {"6.4": ScoreInput(q("57.60%", "en")), "6.5": ScoreInput(q("59.65%", "en"))}  # 001 Phụ lục I


def test_gaps_rank_sub_indicators_by_points_recoverable():
    rows = gaps(FW, score_framework(FW, NOW))
    assert [(g.code, g.lost) for g in rows] == [("6.4", D(20)), ("6.5", D("5.09"))]


def test_the_value_for_full_points_reads_like_the_plan():
    assert value_for_full(SIX_FOUR) == "≥ 60%"
    assert value_for_full(SIX_FIVE) == "≥ 80%"


def test_a_change_of_value_is_worth_its_points():
    assert points_for_change(SIX_FOUR, NOW["6.4"], ScoreInput(q("60%"))) == D(20)
    assert points_for_change(SIX_FIVE, NOW["6.5"], ScoreInput(q("70%"))) == D("2.59")


def test_a_projection_changes_only_the_assumed_values():
    projected = project(FW, NOW, {"6.4": ScoreInput(q("61%"))})
    assert projected.total == D("34.91")


def test_a_partial_score_lists_only_what_it_knows():
    partial = FrameworkScore("t", score_framework(FW, NOW).pillars, (score_framework(FW, NOW).sub_indicators[1],))
    assert [g.code for g in gaps(FW, partial)] == ["6.5"]
