"""The lists read as plain fields (readings.stored_list, entered_list): the same figures, worded
the same, as the model path (stored_rows/entered_rows read by stored_figure/entered_figure), in
the order the indexes give, narrowed the same way by every scope."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from chiso.engine.numbers import format_number
from chiso.engine.values import Origin
from chiso.observations.models import DataValue, Rollup
from chiso.observations.readings import (
    ENTERED_KEY,
    STORED_KEY,
    entered_figure,
    entered_list,
    entered_rows,
    list_number,
    stored_figure,
    stored_list,
    stored_rows,
)
from tests.observations.conftest import enter, person, transcribe


@pytest.fixture
def figures_of_both(province):
    transcribe(province, "I.2", "cao-lanh", "2026-11", "83,80%")
    transcribe(province, "I.8", "sa-dec", "2026-11", "1.250", kind="projected")
    transcribe(province, "I.8", "cao-lanh", "2026-10", "1.200", kind="published")
    transcribe(province, "I.6", "sa-dec", "2026-11", "Có", kind="self_assessed")
    total = transcribe(province, "I.8", "dong-thap", "2026-11", "2.450")
    Rollup.objects.create(
        value=total, form_code="bao-cao-thang", rule="sum", covered=["cao-lanh", "sa-dec"], made_at=timezone.now()
    )
    enter(
        province,
        "cao-lanh",
        "2026-12",
        I_2={"numerator": "3662", "denominator": "4393", "number": "83.36"},
        I_6={"yes_no": True},
        I_8={"number": "1250"},
        I_23={"text": "Quyết định 12/QĐ-UBND"},
    )
    enter(province, "sa-dec", "2026-12", status="submitted", I_8={"number": "20"})
    enter(province, "sa-dec", "2026-11", status="draft")
    return province


def _shown(f) -> tuple:
    """What a list shows of a figure, whichever path read it."""
    if hasattr(f, "record"):
        entered = f.origin is Origin.ENTERED
        return (
            f.origin,
            f.indicator.framework.code,
            f.indicator.code,
            f.unit.code if f.unit else None,
            f.period_id,
            f.text,
            f.number,
            f.kind,
            f.status,
            f.submission_id,
            f.record.version if entered else None,
            f.record.updated_at if entered else f.updated_at,
        )
    return (
        f.origin,
        f.framework,
        f.indicator,
        f.unit,
        f.period_id,
        f.text,
        f.number,
        f.kind,
        f.status,
        f.submission_id,
        f.version,
        f.updated_at,
    )


def _listed(listing) -> list:
    return [listing.listed(row) for row in listing.rows]


SCOPES = [
    {},
    {"periods": ["2026-11"]},
    {"periods": ["2026-12", "2026-10"]},
    {"framework": "cds-dong-thap-2021-2025"},
    {"framework": "khong-co"},
    {"public": True},
]


@pytest.mark.parametrize("scope", SCOPES)
def test_the_stored_list_shows_what_the_stored_figures_show(figures_of_both, scope):
    by_models = sorted((_shown(stored_figure(r)) for r in stored_rows(**scope)), key=repr)
    listed = _listed(stored_list(**scope))
    assert sorted((_shown(f) for f in listed), key=repr) == by_models
    if not scope:
        assert len(listed) == 5
        assert {f.origin for f in listed} == {Origin.TRANSCRIBED, Origin.ROLLED_UP}


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("empty", [False, True])
def test_the_entered_list_shows_what_the_entered_figures_show(figures_of_both, scope, empty):
    scope = {k: v for k, v in scope.items() if k != "public"}
    by_models = sorted((_shown(entered_figure(v)) for v in entered_rows(**scope, empty=empty)), key=repr)
    listed = _listed(entered_list(**scope, empty=empty))
    assert sorted((_shown(f) for f in listed), key=repr) == by_models
    if not scope:
        assert {f.text for f in listed} >= {"3.662/4.393 (83,36%)", "Có", "1.250", "Quyết định 12/QĐ-UBND", "20"}


def test_units_kinds_and_indicators_narrow_both_lists(figures_of_both):
    p = figures_of_both
    units = [p.units["sa-dec"]]
    assert {f.unit for f in _listed(stored_list(units=units))} == {"sa-dec"}
    assert {f.unit for f in _listed(entered_list(units=units, empty=True))} == {"sa-dec"}
    assert {f.kind for f in _listed(stored_list(kinds=["projected"]))} == {"projected"}
    indicators = [p.indicators["I.8"]]
    assert {f.indicator for f in _listed(stored_list(indicators=indicators, framework=p.framework.code))} == {"I.8"}
    assert {f.indicator for f in _listed(entered_list(indicators=indicators))} == {"I.8"}


def test_the_entered_list_keeps_the_visibility_rule(figures_of_both):
    p = figures_of_both
    viewer = person("xem-cao-lanh", p.units["cao-lanh"])
    for audience in ({"viewer": viewer}, {"public": True}, {"approved": True}, {}):
        expected = sorted(_shown(entered_figure(v)) for v in entered_rows(**audience, empty=True))
        assert sorted(_shown(f) for f in _listed(entered_list(**audience, empty=True))) == expected
    seen = _listed(entered_list(viewer=viewer, empty=True))
    # Another unit's reports only once approved; the viewer's own unit's in every state.
    assert {f.status for f in seen if f.unit == "sa-dec"} <= {"approved"}
    assert {f.status for f in seen if f.unit == "cao-lanh"} == {"approved", "draft"}
    assert {f.status for f in _listed(entered_list(statuses=["submitted"]))} == {"submitted"}


def test_the_lists_are_in_the_order_of_their_keys_and_count_their_rows(figures_of_both):
    for listing, key in ((stored_list(), STORED_KEY), (entered_list(empty=True), ENTERED_KEY)):
        keys = [tuple(row[name] for name in key) for row in listing.rows]
        assert keys == sorted(keys)
        assert len(set(keys)) == len(keys)
        assert listing.counted.count() == len(keys) > 3


def test_a_rolled_up_figure_is_dated_by_its_making_a_document_by_its_loading(figures_of_both):
    made = datetime.datetime(2026, 12, 1, 8, 0, tzinfo=datetime.UTC)
    Rollup.objects.update(made_at=made)
    listed = {
        f.unit: f for f in _listed(stored_list(periods=["2026-11"], indicators=[figures_of_both.indicators["I.8"]]))
    }
    assert listed["dong-thap"].origin is Origin.ROLLED_UP
    assert listed["dong-thap"].updated_at == made
    assert listed["sa-dec"].updated_at == DataValue.objects.get(unit__code="sa-dec", kind="projected").dataset.loaded_at


NUMBERS = st.one_of(
    st.decimals(min_value=-(10**14), max_value=10**14, places=6, allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.sampled_from([Decimal("-0"), Decimal("-0.000000"), Decimal("0.005"), Decimal("0.015"), Decimal("1.25E+3")]),
)


@settings(max_examples=1000, deadline=None)
@given(value=NUMBERS, decimals=st.sampled_from([None, 0, 1, 2, 6]))
def test_a_lists_numbers_are_written_as_format_number_writes_them(value, decimals):
    try:
        expected = format_number(value, decimals)
    except ArithmeticError as error:  # NaN, or beyond the decimal context: the same refusal
        with pytest.raises(type(error)):
            list_number(value, decimals)
        return
    assert list_number(value, decimals) == expected
