"""A scenario scores assumed values with the DTI rules and says where the next points are."""

from decimal import Decimal

import pytest

from chiso.observations.scores import engine_framework
from chiso.orgunits.models import OrgUnit
from chiso.simulator.models import Scenario
from chiso.simulator.scenarios import (
    base_values,
    estimate,
    estimated_rank,
    parse_peers,
    scenario_score,
    scenario_values,
)


@pytest.fixture
def scenario(office):
    return Scenario.objects.create(
        name="Phấn đấu 2025", unit=OrgUnit.objects.get(code="dong-thap"), base_period_id="2025", created_by=office
    )


def test_the_base_values_are_phu_luc_ii_written_the_vietnamese_way(scenario):
    values = base_values("dti-tinh-2025", scenario.unit, "2025")
    assert values["6.4"] == "57,6%"
    assert values["6.5"] == "59,65%"


def test_reaching_60_percent_on_6_4_gains_its_20_points(scenario):
    before = scenario_score(scenario)
    scenario.values = {"6.4": "60%"}
    after = scenario_score(scenario)
    assert after.total - before.total == Decimal(20)
    assert after.sub_indicator("6.4").points == Decimal(20)


def test_assumed_points_count_where_the_rule_needs_the_best_province(scenario):
    before = scenario_score(scenario)
    scenario.points = {"7.2": "0,52"}  # 001 Phụ lục I: 0.52/30
    after = scenario_score(scenario)
    assert after.total - before.total == Decimal("0.52")
    assert after.pillar("7").points - before.pillar("7").points == Decimal("0.52")


def test_a_blank_change_removes_the_base_value(scenario):
    scenario.values = {"6.4": ""}
    assert "6.4" not in scenario_values(scenario)


def test_the_next_points_are_ranked_by_what_can_be_won_with_the_value_needed(scenario):
    framework = engine_framework("dti-tinh-2025")
    result = estimate(framework, scenario_values(scenario), {}, [])
    lost = [g.lost for g in result.next_points]
    assert lost == sorted(lost, reverse=True)
    six_four = next(g for g in result.next_points if g.code == "6.4")
    assert (six_four.lost, six_four.value_for_full) == (Decimal(20), "≥ 60%")


def test_the_rank_is_estimated_among_the_given_peers_and_ties_share_a_place():
    peers = parse_peers("Tỉnh A; 700\nTỉnh B; 610,415\nTỉnh C; 500")
    assert estimated_rank(Decimal("610.415"), peers) == "2/4"
    assert estimated_rank(Decimal("610.415"), []) == ""


def test_an_unreadable_peer_line_is_named():
    with pytest.raises(ValueError, match="Dòng 2"):
        parse_peers("Tỉnh A; 700\nTỉnh B 610")
