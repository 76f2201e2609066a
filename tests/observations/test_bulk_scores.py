"""The set-based scores and evaluations equal the per-unit path on a synthetic country."""

import pytest

from chiso.collection.models import EnteredValue
from chiso.engine.values import judge
from chiso.observations.bulk_scores import evaluate_periods, score_units
from chiso.observations.models import DataValue
from chiso.observations.readings import entered_quantity
from chiso.observations.scores import engine_framework, unit_score
from chiso.orgunits.models import OrgUnit
from chiso.synth.generator import DE_AN, DTI

pytestmark = pytest.mark.django_db


@pytest.fixture
def country(synth_country, db):
    """The tiny synthetic country (2 provinces, 4 communes, 2 departments, 2 years, seed 3),
    made once per test process (tests/fixtures/contents.py); each test's writes roll back."""


def reported_beside(own: DataValue, raw: str, number: int) -> DataValue:
    """A figure reported for the same unit, sub-indicator and year as ``own`` (a self-assessment)."""
    return DataValue.objects.create(
        indicator=own.indicator,
        unit=own.unit,
        period_id=own.period_id,
        kind="reported",
        dataset=own.dataset,
        raw=raw,
        number=number,
    )


def test_every_units_score_equals_the_per_unit_score(country):
    scores = score_units(engine_framework(DTI), ["2025"])
    units = dict(OrgUnit.objects.values_list("id", "code"))
    assert len(scores) == 8  # 2 provinces, 4 communes, 2 departments existed at the end of 2025
    for (unit_id, period), score in scores.items():
        single = unit_score(DTI, units[unit_id], period)
        assert [(s.code, s.points, s.complete) for s in score.sub_indicators] == [
            (s.code, s.points, s.complete) for s in single.sub_indicators
        ]
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
    expected = {
        (v.submission.unit_id, v.item.indicator.code): judge(
            entered_quantity(v), de_an.indicator(v.item.indicator.code).target_for("2021-2025").target.text
        ).status
        for v in values
    }
    assert {(e.unit_id, e.indicator_code): e.evaluation.status for e in found} == expected


def test_values_of_indicators_without_a_target_for_the_period_are_not_judged(country):
    de_an = engine_framework(DE_AN)
    assert EnteredValue.objects.filter(submission__period_id="2025-03").exists()
    assert not any(i.target_for("2031-2035") for i in de_an.indicators)
    assert evaluate_periods(de_an, ["2025-03"], "2031-2035") == []


def test_a_self_assessment_prefers_its_own_figure_over_a_reported_one(country):
    """A unit may hold both a reported and a self-assessed figure for a sub-indicator; the
    self-assessment counts, as in the per-unit path, and a reported figure fills a gap."""
    from chiso.frameworks.models import Indicator

    own = (
        DataValue.objects.filter(
            kind="self_assessed", period_id="2025", indicator__framework__code=DTI, indicator__rule__kind="linear"
        )
        .select_related("indicator", "unit")
        .first()
    )
    reported_beside(own, "0%", 0)
    gap = (
        Indicator.objects.filter(framework__code=DTI, rule__kind="linear")
        .exclude(pk=own.indicator_id)
        .order_by("position")
        .first()
    )
    DataValue.objects.filter(unit=own.unit, period_id="2025", indicator=gap).delete()
    DataValue.objects.create(
        indicator=gap, unit=own.unit, period_id="2025", kind="reported", dataset=own.dataset, raw="50%", number=50
    )
    bulk = score_units(engine_framework(DTI), ["2025"], unit_ids=[own.unit_id])[own.unit_id, "2025"]
    single = unit_score(DTI, own.unit.code, "2025", "self_assessed")
    assert bulk.sub_indicator(own.indicator.code).points == single.sub_indicator(own.indicator.code).points > 0
    assert bulk.sub_indicator(gap.code).points == single.sub_indicator(gap.code).points > 0


def test_the_pillars_alone_equal_the_full_scores_pillars(country):
    """The kept scores are made from the pillars alone (`pillar_scores_by_kind`): each pillar is
    the same sum, written alike, as the full score's, for every unit, period and kind."""
    from chiso.engine.values import KIND_PREFERENCE
    from chiso.observations.bulk_scores import pillar_scores_by_kind, score_units_by_kind, scorer_of

    framework = engine_framework(DTI)
    scorer = scorer_of(framework)  # one memory for both, as a rebuild shares it across periods
    full = score_units_by_kind(framework, ["2024", "2025"], KIND_PREFERENCE, scorer=scorer)
    alone = pillar_scores_by_kind(framework, ["2024", "2025"], KIND_PREFERENCE, scorer=scorer)
    assert set(alone) == set(full)
    assert len(full) > 8
    for key, score in full.items():
        assert [(p.code, str(p.points), p.max_points) for p in alone[key].pillars] == [
            (p.code, str(p.points), p.max_points) for p in score.pillars
        ]
        assert alone[key].total == score.total
        assert alone[key].kind == score.kind
        assert alone[key].sub_indicators == ()


def test_an_own_figure_scoring_nothing_still_wins_over_a_reported_one(country):
    """A self-assessed figure that scores 0 (unreadable for its rule) is the figure that counts,
    not a reported one of the same sub-indicator that would score: in the kept pillars as in
    the per-unit score, whichever row comes first."""
    from chiso.engine.values import KIND_PREFERENCE
    from chiso.observations.bulk_scores import pillar_scores_by_kind

    own = (
        DataValue.objects.filter(
            kind="self_assessed", period_id="2025", indicator__framework__code=DTI, indicator__rule__kind="linear"
        )
        .select_related("indicator", "unit")
        .order_by("pk")
        .first()
    )
    DataValue.objects.filter(pk=own.pk).update(raw="chưa rõ", number=None)
    reported_beside(own, "90%", 90)
    framework = engine_framework(DTI)
    single = unit_score(DTI, own.unit.code, "2025", "self_assessed")
    assert single.sub_indicator(own.indicator.code).points == 0
    kept = pillar_scores_by_kind(framework, ["2025"], KIND_PREFERENCE)[own.unit_id, "2025", "self_assessed"]
    assert [(p.code, str(p.points)) for p in kept.pillars] == [(p.code, str(p.points)) for p in single.pillars]
    assert kept.total == single.total


def test_a_figure_feeding_two_scores_counts_in_both(country):
    """A reported figure feeds the reported score and fills a gap of the self-assessment: the
    pillars alone agree with the full scores for both kinds at once."""
    from chiso.observations.bulk_scores import pillar_scores_by_kind, score_units_by_kind

    own = DataValue.objects.filter(kind="self_assessed", period_id="2025", indicator__framework__code=DTI).first()
    DataValue.objects.filter(unit=own.unit, period_id="2025", indicator__framework__code=DTI).exclude(pk=own.pk).update(
        kind="reported"
    )
    framework, kinds = engine_framework(DTI), ("self_assessed", "reported")
    full = score_units_by_kind(framework, ["2025"], kinds)
    alone = pillar_scores_by_kind(framework, ["2025"], kinds)
    assert (own.unit_id, "2025", "reported") in alone
    assert set(alone) == set(full)
    for key, score in full.items():
        assert [(p.code, str(p.points)) for p in alone[key].pillars] == [(p.code, str(p.points)) for p in score.pillars]
    assert alone[own.unit_id, "2025", "self_assessed"].total > alone[own.unit_id, "2025", "reported"].total


def test_rows_read_in_many_chunks_are_every_row_once_and_score_alike(country, monkeypatch):
    """The figures are read a chunk at a time (streamed on PostgreSQL, ``fetchmany`` on
    SQLite) and handed on in lists: a read of more rows than one list gives every row of the
    query once, in the query's order, and the scores made from short lists equal those made
    from one."""
    from functools import partial

    from chiso.engine.values import KIND_PREFERENCE
    from chiso.observations import bulk_scores

    query = DataValue.objects.filter(period_id__in=["2024", "2025"]).order_by("pk").values_list("pk", "raw", "kind")
    expected = list(query)
    assert len(expected) > 7 * 3
    chunks = list(bulk_scores._row_chunks(query, batch=7))
    assert [len(chunk) for chunk in chunks[:-1]] == [7] * (len(chunks) - 1)
    assert 0 < len(chunks[-1]) <= 7
    assert [tuple(row) for chunk in chunks for row in chunk] == [tuple(row) for row in expected]

    framework = engine_framework(DTI)
    whole = bulk_scores.pillar_scores_by_kind(framework, ["2024", "2025"], KIND_PREFERENCE)
    monkeypatch.setattr(bulk_scores, "_row_chunks", partial(bulk_scores._row_chunks, batch=5))
    chunked = bulk_scores.pillar_scores_by_kind(framework, ["2024", "2025"], KIND_PREFERENCE)
    assert len(whole) > 8
    assert chunked == whole


def test_a_figure_without_inputs_reads_as_none(country):
    """Nine figures in ten have no inputs: they come as None, not as the text "{}", so that the
    figure is its raw text alone; those with inputs come as their JSON text."""
    from chiso.observations import bulk_scores

    _, _, chunks = bulk_scores._query(engine_framework(DTI), ["2025"], ("self_assessed",), None)
    inputs = [row[4] for chunk in chunks for row in chunk]
    assert None in inputs
    assert "{}" not in inputs
    assert any(text and text.startswith("{") for text in inputs)
