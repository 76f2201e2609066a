"""Every copy of an enumeration that must remain (the data-file schema's Literals, Django's
choices) holds exactly the engine's values, and Django's choices carry the engine's labels: a new
scoring rule or kind of figure is accepted everywhere once the engine knows it."""

import pytest

from chiso.assessment.models import RoundPoints
from chiso.datafiles import schema
from chiso.engine.aggregation import DECLARABLE
from chiso.engine.evaluation import Status
from chiso.engine.scoring import RULES, ScoreKind
from chiso.engine.values import ValueKind
from chiso.frameworks.models import Indicator
from chiso.observations import models as observations
from chiso.orgunits.models import OrgUnit


@pytest.mark.parametrize(
    ("copy", "engine"),
    [
        (schema.RULE_KINDS, RULES),
        (schema.SCORE_KINDS, [k.value for k in ScoreKind]),
        (schema.VALUE_KINDS, [k.value for k in ValueKind]),
        (schema.UNIT_TYPES, OrgUnit.Type.values),
        (schema.MEASURES, Indicator.Measure.values),
        (DECLARABLE, Indicator.Aggregation.values),
    ],
    ids=["rules", "score kinds", "value kinds", "unit types", "measures", "aggregations"],
)
def test_the_data_file_schema_accepts_exactly_the_known_values(copy, engine):
    assert sorted(copy) == sorted(engine)


@pytest.mark.parametrize(
    ("choices", "engine"),
    [
        (observations.ValueKind, ValueKind),
        (observations.PointsKind, ScoreKind),
        (observations.Verdict, Status),
    ],
    ids=["value kind", "points kind", "verdict"],
)
def test_django_choices_are_the_engines_values_with_its_labels(choices, engine):
    assert choices.choices == [(m.value, m.label) for m in engine]


def test_a_round_says_appraised_and_published_in_the_engines_words():
    assert RoundPoints.Kind.choices == [(k.value, ScoreKind(k.value).label) for k in RoundPoints.Kind]
