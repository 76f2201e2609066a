"""The set-based scores and evaluations equal the per-unit path on a synthetic country."""

import pytest

from chiso.collection.models import EnteredValue
from chiso.engine.evaluation import evaluate
from chiso.observations.bulk_scores import entered_quantity, evaluate_periods, score_units
from chiso.observations.scores import engine_framework, unit_score
from chiso.orgunits.models import OrgUnit
from chiso.synth.generator import DE_AN, DTI, SynthOptions, synthesise

pytestmark = pytest.mark.django_db


@pytest.fixture
def country():
    synthesise(SynthOptions(provinces=2, communes=4, departments=2, years=2, seed=3))


def test_every_units_score_equals_the_per_unit_score(country):
    scores = score_units(engine_framework(DTI), ["2025"])
    units = dict(OrgUnit.objects.values_list("id", "code"))
    assert len(scores) == 8  # 2 provinces, 4 communes, 2 departments existed at the end of 2025
    for (unit_id, period), score in scores.items():
        single = unit_score(DTI, units[unit_id], period)
        assert [(s.code, s.points, s.complete) for s in score.sub_indicators] == \
               [(s.code, s.points, s.complete) for s in single.sub_indicators]
        assert score.total == single.total


def test_units_without_values_for_the_period_are_left_out(country):
    scores = score_units(engine_framework(DTI), ["2025"])
    former = OrgUnit.objects.get(code="synth-tinh-cu-01a")
    assert (former.pk, "2025") not in scores


def test_every_approved_value_is_evaluated_as_one_at_a_time(country):
    de_an = engine_framework(DE_AN)
    found = evaluate_periods(de_an, ["2025-03"], "2021-2025")
    values = EnteredValue.objects.filter(submission__period_id="2025-03").select_related("item__indicator")
    assert len(found) == values.count() > 0
    expected = {(v.submission.unit_id, v.item.indicator.code): evaluate(
        entered_quantity(v.number, v.item.unit_label),
        de_an.indicator(v.item.indicator.code).target_for("2021-2025").target).status for v in values}
    assert {(e.unit_id, e.indicator_code): e.evaluation.status for e in found} == expected
