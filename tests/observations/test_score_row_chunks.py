"""National scoring reads the figures in lists of rows (`bulk_scores._row_chunks`): every row
of the query once, in its order, and the same scores whatever the size of a list."""

from functools import partial

import pytest

from chiso.engine.values import KIND_PREFERENCE
from chiso.observations import bulk_scores
from chiso.observations.models import DataValue
from chiso.observations.scores import engine_framework
from chiso.synth.generator import DTI, SynthOptions, synthesise

pytestmark = pytest.mark.django_db


@pytest.fixture
def country():
    synthesise(SynthOptions(provinces=2, communes=4, departments=2, years=2, seed=3))


def test_the_lists_hold_every_row_once_in_the_querys_order(country):
    query = DataValue.objects.filter(period_id__in=["2024", "2025"]).order_by("pk").values_list("pk", "raw", "kind")
    expected = [tuple(row) for row in query]
    chunks = list(bulk_scores._row_chunks(query, batch=7))
    assert len(expected) > 7 * 3
    assert [len(chunk) for chunk in chunks[:-1]] == [7] * (len(chunks) - 1)
    assert 0 < len(chunks[-1]) <= 7
    assert [tuple(row) for chunk in chunks for row in chunk] == expected


def test_scores_read_in_short_lists_equal_those_read_in_long_ones(country, monkeypatch):
    framework = engine_framework(DTI)
    whole = bulk_scores.pillar_scores_by_kind(framework, ["2024", "2025"], KIND_PREFERENCE)
    monkeypatch.setattr(bulk_scores, "_row_chunks", partial(bulk_scores._row_chunks, batch=5))
    chunked = bulk_scores.pillar_scores_by_kind(framework, ["2024", "2025"], KIND_PREFERENCE)
    assert len(whole) > 8
    assert chunked == whole


def test_a_figure_without_inputs_reads_as_none(country):
    """Nine figures in ten have no inputs: they come as None, not as the text "{}", so that the
    figure is its raw text alone; those with inputs come as their JSON text."""
    _, _, chunks = bulk_scores._query(engine_framework(DTI), ["2025"], ("self_assessed",), None)
    inputs = [row[4] for chunk in chunks for row in chunk]
    assert None in inputs
    assert "{}" not in inputs
    assert any(text and text.startswith("{") for text in inputs)
