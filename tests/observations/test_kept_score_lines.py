"""The kept scores' COPY lines write each score's pillars as `json.dumps` writes them.

A rebuild writes the pillars of 4,000 scores a national period from a template made once per
set of pillar codes (`stored_scores._pillars_json`) instead of calling `json.dumps` for each;
the kept rows must not change by a byte, whatever the codes and the points.
"""

import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from chiso.engine.scoring import PillarScore
from chiso.observations.stored_scores import _COPY_ESCAPES, _pillars_json

# Points as sums of sub-indicator points are written "12.50", "0", "1E+2", "-0.00", …: any
# finite or special Decimal, so any text `str` gives one.
points = st.decimals(allow_nan=True, allow_infinity=True) | st.decimals(places=2, min_value=-1000, max_value=1000)
# Codes with what JSON or COPY escapes, and the braces a template would read.
codes = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from('{}\\"\t\n\r'), max_size=6)


def as_json_dumps_writes(pillars: tuple[PillarScore, ...]) -> str:
    return json.dumps({p.code: str(p.points) for p in pillars}).translate(_COPY_ESCAPES)


@given(st.lists(st.tuples(codes, points), max_size=12))
def test_the_pillars_are_written_as_json_dumps_writes_them(given_pillars):
    pillars = tuple(PillarScore(code, "Trụ cột", value, Decimal(100)) for code, value in given_pillars)
    write = _pillars_json(tuple(p.code for p in pillars))
    assert write(pillars) == as_json_dumps_writes(pillars)


def test_one_template_writes_every_score_of_the_same_pillars():
    codes_of = ("CĐS", "KT{0}", 'a"b')
    write = _pillars_json(codes_of)
    for values in [("1.00", "2.50", "0"), ("100.00", "0.00", "-0.00"), ("1E+2", "3", "7.25")]:
        pillars = tuple(PillarScore(c, c, Decimal(v), Decimal(10)) for c, v in zip(codes_of, values, strict=True))
        assert write(pillars) == as_json_dumps_writes(pillars)
