"""`chiso synth` on a tiny country: what it writes, the 2025 mergers, and determinism."""

import pytest
from django.db import transaction

from chiso.collection.models import EnteredValue, Submission
from chiso.observations.models import DataValue
from chiso.orgunits.models import LineageEvent, OrgUnit
from chiso.synth.generator import SynthError, SynthOptions, synthesise
from tests.synth.conftest import TINY, read_tiny_country_then_empty

pytestmark = pytest.mark.django_db


def fingerprint() -> tuple:
    values = sorted(
        DataValue.objects.filter(unit__code__startswith="synth-").values_list(
            "unit__code", "indicator__code", "period_id", "raw"
        )
    )
    entered = sorted(
        EnteredValue.objects.values_list(
            "submission__unit__code", "submission__period_id", "item__indicator__code", "raw"
        )
    )
    return tuple(values), tuple(entered)


def synthesised(options: SynthOptions) -> tuple:
    with transaction.atomic():
        synthesise(options)
        found = fingerprint()
        transaction.set_rollback(True)
    return found


@pytest.fixture(scope="module")
def tiny_fingerprint(django_db_setup, django_db_blocker) -> tuple:
    """What the synthesis of `TINY` made once in this process (tests/synth/conftest.py) wrote,
    read before the test's transaction; the test itself starts on the empty database."""
    return read_tiny_country_then_empty(django_db_blocker, fingerprint)


def test_the_same_seed_writes_the_same_values(tiny_fingerprint):
    assert synthesised(TINY) == tiny_fingerprint


def test_another_seed_writes_other_values(tiny_fingerprint):
    assert tiny_fingerprint[0] != synthesised(SynthOptions(**{**TINY.__dict__, "seed": 6}))[0]


def test_a_merged_province_begins_on_1_july_2025_from_its_former_provinces(tiny_country):
    event = LineageEvent.objects.get(successors__code="synth-tinh-01")
    assert str(event.date) == "2025-07-01"
    assert sorted(event.predecessors.values_list("code", flat=True)) == ["synth-tinh-cu-01a", "synth-tinh-cu-01b"]


def test_former_provinces_report_until_june_2025_and_the_merged_one_from_july(tiny_country):
    former = Submission.objects.filter(unit__code="synth-tinh-cu-01a").values_list("period_id", flat=True)
    merged = Submission.objects.filter(unit__code="synth-tinh-01").values_list("period_id", flat=True)
    assert max(former) == "2025-06"
    assert min(merged) == "2025-07"


def test_every_active_unit_has_a_full_dti_self_assessment_each_year(tiny_country):
    commune = OrgUnit.objects.get(code="synth-tinh-02-xa-001")
    for year in ("2024", "2025"):
        assert DataValue.objects.filter(unit=commune, period_id=year, kind="self_assessed").count() == 47


def test_a_second_run_is_refused_and_changes_nothing(tiny_country):
    before = DataValue.objects.count()
    with pytest.raises(SynthError, match="đã có dữ liệu thử"):
        synthesise(TINY)
    assert DataValue.objects.count() == before


def test_each_province_has_its_month_figure_made_from_its_units_approved_counts(tiny_country):
    figure = DataValue.objects.select_related("rollup").get(
        unit__code="synth-tinh-01", period_id="2025-12", indicator__code="I.2", rollup__isnull=False
    )
    entered = EnteredValue.objects.filter(
        submission__period_id="2025-12", item__indicator__code="I.2", submission__unit__parent__code="synth-tinh-01"
    )
    numerator = sum(v.numerator for v in entered)
    denominator = sum(v.denominator for v in entered)
    assert (figure.numerator, figure.denominator) == (numerator, denominator)
    assert figure.number == (numerator * 100 / denominator).quantize(figure.number)
    assert len(figure.rollup.covered) == entered.count() > 0


def test_every_province_has_figures_for_every_month(tiny_country):
    months = {f"{y}-{m:02d}" for y in TINY.year_list for m in range(1, 13)}
    for province in ("synth-tinh-01", "synth-tinh-02", "synth-tinh-03"):
        found = DataValue.objects.filter(rollup__isnull=False, unit__code=province).values_list("period_id", flat=True)
        assert set(found) == months, province
