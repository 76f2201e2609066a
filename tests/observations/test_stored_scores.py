"""Kept DTI scores (observations.stored_scores): equal to the score made now, made again only
for the unit whose inputs changed, reproduced by a rebuild, checked by `check`."""

from decimal import Decimal as D

import pytest

from chiso.engine.values import KIND_PREFERENCE
from chiso.frameworks.models import Framework
from chiso.observations import stored_scores
from chiso.observations.models import DataValue, UnitScore
from chiso.observations.scores import ScoreNotFound, unit_score
from chiso.orgunits.models import OrgUnit
from chiso.synth.generator import DTI

pytestmark = pytest.mark.django_db


def kept_rows() -> dict[tuple, tuple]:
    return {
        (r.unit.code, r.period_id, r.kind): (r.source, r.points, r.pillars, r.inputs_version, r.computed_at)
        for r in UnitScore.objects.select_related("unit")
    }


def test_loading_the_bundled_data_kept_the_published_totals(seed_data):
    totals = {key: value[1] for key, value in kept_rows().items()}
    assert totals[("tien-giang-cu", "2024", "published")] == D("596.03")  # 001 Bảng 1
    assert totals[("dong-thap-cu", "2024", "published")] == D("624.8")  # 001 Bảng 1
    assert totals[("dong-thap", "2024", "published")] == D("610.415")  # their average
    assert totals[("dong-thap", "2025", "projected")] == D("817.41")  # 001 Bảng 2


def test_every_score_the_seed_can_make_is_kept_and_equal(seed_data):
    """Every unit, period and kind `unit_score` answers for is kept with the same pillars, and
    nothing else is kept."""
    periods = {p for _, p, _ in kept_rows()} | set(DataValue.objects.values_list("period_id", flat=True))
    expected = {}
    for unit in OrgUnit.objects.all():
        for period in periods:
            for kind in KIND_PREFERENCE:
                try:
                    score = unit_score(DTI, unit.code, period, kind)
                except ScoreNotFound:
                    continue
                expected[unit.code, period, kind] = {p.code: p.points for p in score.pillars}
    kept = {
        (code, period, kind): {p.code: p.points for p in stored_scores.kept_score(DTI, unit_id, period, kind).pillars}
        for code, period, kind, unit_id in UnitScore.objects.values_list("unit__code", "period_id", "kind", "unit_id")
    }
    assert kept == expected
    assert len(kept) == 5


def test_without_a_kind_the_kept_score_is_the_one_unit_score_gives(seed_data):
    dong_thap = OrgUnit.objects.get(code="dong-thap")
    for period in ("2024", "2025"):
        live = unit_score(DTI, "dong-thap", period)
        kept = stored_scores.kept_score(DTI, dong_thap.pk, period)
        assert (kept.kind, kept.total) == (live.kind, live.total)


def test_a_rebuild_reproduces_the_same_rows(seed_data):
    before = {k: v[:4] for k, v in kept_rows().items()}
    done = stored_scores.rebuild()
    assert {k: v[:4] for k, v in kept_rows().items()} == before
    assert (done.rows, done.periods) == (len(before), ["2024", "2025"])


def test_a_rebuild_tells_its_progress_period_by_period(seed_data):
    calls = []
    stored_scores.rebuild(progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 2), (2, 2)]


def test_a_rebuild_of_one_period_leaves_the_others_rows_alone(seed_data):
    before = kept_rows()
    stored_scores.rebuild(["2025"])
    after = kept_rows()
    assert {k: v for k, v in after.items() if k[1] == "2024"} == {k: v for k, v in before.items() if k[1] == "2024"}
    assert all(after[k][4] > before[k][4] for k in after if k[1] == "2025")


def test_check_finds_a_kept_row_that_differs_and_a_rebuild_mends_it(seed_data):
    assert stored_scores.check() == []
    UnitScore.objects.filter(unit__code="tien-giang-cu").update(pillars={"1": "1"}, points=1)
    found = stored_scores.check()
    assert [(d.unit_code, d.period_id, d.kept, d.now) for d in found] == [("tien-giang-cu", "2024", D(1), D("596.03"))]
    assert found[0].text == "tien-giang-cu kỳ 2024 (Bộ công bố): đã lưu 1,00, tính lại được 596,03 điểm"
    stored_scores.rebuild(["2024"])
    assert stored_scores.check() == []


def test_a_changed_framework_makes_the_kept_rows_stale_until_rebuilt(seed_data):
    framework = Framework.objects.get(code=DTI)
    framework.definition = {**framework.definition, "name": framework.definition.get("name", "") + " (sửa)"}
    framework.save()
    assert {d.stale_version for d in stored_scores.check()} == {True}
    stored_scores.rebuild()
    assert stored_scores.check() == []


@pytest.fixture
def country(kept_country, db):
    """A synthetic country (3 provinces, 6 communes, 3 departments, 2025, seed 3) with its scores
    kept by a rebuild, made once per test process (tests/fixtures/contents.py)."""


def test_kept_scores_of_a_synthetic_country_equal_the_per_unit_scores(country):
    units = dict(OrgUnit.objects.values_list("id", "code"))
    rows = list(UnitScore.objects.filter(period_id="2025"))
    assert len(rows) == 12  # 3 provinces, 6 communes, 3 departments existed at the end of 2025
    for row in rows:
        assert row.points == unit_score(DTI, units[row.unit_id], "2025", row.kind).total


def _a_province_value(code: str) -> DataValue:
    return (
        DataValue.objects.filter(
            unit__code=code, period_id="2025", indicator__framework__code=DTI, indicator__rule__kind="linear"
        )
        .select_related("indicator")
        .order_by("indicator__position")
        .first()
    )


def test_a_changed_value_makes_only_that_units_rows_again(country):
    before = kept_rows()
    value = _a_province_value("synth-tinh-01")
    value.raw, value.number = "0%", D(0)
    value.save()
    stored_scores.values_changed(value.unit_id, "2025", [value.indicator.framework_id])
    after = kept_rows()
    changed = {k for k in after if after[k] != before[k]}
    assert changed == {("synth-tinh-01", "2025", "self_assessed")}
    assert after[("synth-tinh-01", "2025", "self_assessed")][1] == unit_score(DTI, "synth-tinh-01", "2025").total
    assert after[("synth-tinh-01", "2025", "self_assessed")][1] < before[("synth-tinh-01", "2025", "self_assessed")][1]


def test_the_national_ranking_reads_the_kept_totals(country):
    ranking = stored_scores.ranking(DTI, "2025", "self_assessed", stored_scores.provinces())
    assert [p.rank for p in ranking] == [1, 2, 3]
    last = OrgUnit.objects.get(pk=ranking[-1].unit_id)
    UnitScore.objects.filter(unit=last, period_id="2025").update(points=999)
    assert stored_scores.place_of(last, DTI, "2025", "self_assessed").text == "1/3"
    assert stored_scores.ranking(DTI, "2025", "self_assessed", stored_scores.provinces())[0].unit_id == last.pk


def test_equal_kept_totals_share_a_place(country):
    provinces = [p.unit_id for p in stored_scores.ranking(DTI, "2025", "self_assessed", stored_scores.provinces())]
    UnitScore.objects.filter(unit_id__in=provinces, period_id="2025").update(points=500)
    places = {p.unit_id: p.text for p in stored_scores.ranking(DTI, "2025", "self_assessed", stored_scores.provinces())}
    assert places == dict.fromkeys(provinces, "1/3")


def test_a_commune_is_ranked_among_the_communes_of_its_province(country):
    commune = OrgUnit.objects.filter(type="xa", code__startswith="synth").first()
    peers = OrgUnit.objects.filter(type="xa", parent_id=commune.parent_id).count()
    assert stored_scores.place_of(commune, DTI, "2025", "self_assessed").of == peers


def test_a_place_is_the_count_of_peers_above_it(country):
    """`place_of` in one query agrees with a ranking of the unit's peers, for every kept unit."""
    for unit in OrgUnit.objects.filter(pk__in=UnitScore.objects.filter(period_id="2025").values("unit_id")):
        place = stored_scores.place_of(unit, DTI, "2025", "self_assessed")
        peers = {
            p.unit_id: p for p in stored_scores.ranking(DTI, "2025", "self_assessed", stored_scores.peers_of(unit))
        }
        assert place == peers[unit.pk]
        assert isinstance(place.points, D)
    assert stored_scores.place_of(OrgUnit.objects.get(code="synth-tinh-cu-01a"), DTI, "2025", "self_assessed") is None


def test_where_a_unit_stands_is_its_place_its_provinces_and_the_national_ranking(country):
    national = stored_scores.ranking(DTI, "2025", "self_assessed", stored_scores.provinces())
    for unit in OrgUnit.objects.filter(pk__in=UnitScore.objects.filter(period_id="2025").values("unit_id")):
        province = unit if unit.parent_id is None else unit.parent
        stands = stored_scores.standing(unit, DTI, "2025", "self_assessed")
        assert stands.unit == stored_scores.place_of(unit, DTI, "2025", "self_assessed")
        assert stands.province == stored_scores.place_of(province, DTI, "2025", "self_assessed")
        assert sorted(stands.national, key=lambda p: p.unit_id) == sorted(national, key=lambda p: p.unit_id)
        assert [p.rank for p in stands.national] == sorted(p.rank for p in national)


def test_a_changed_definition_is_seen_by_the_next_approval(country):
    """The definition is remembered by its digest: a change (a reload) is used at once."""
    value = _a_province_value("synth-tinh-01")
    framework = Framework.objects.get(code=DTI)
    stored_scores.values_changed(value.unit_id, "2025", [framework.pk])
    assert stored_scores.check() == []
    framework.definition = {**framework.definition, "name": framework.definition["name"] + " (sửa)"}
    framework.save()
    stored_scores.values_changed(value.unit_id, "2025", [framework.pk])
    row = UnitScore.objects.get(unit_id=value.unit_id, period_id="2025", kind="self_assessed")
    assert row.inputs_version == stored_scores.version_of(DTI)
    assert [d.unit_code for d in stored_scores.check() if not d.stale_version] == []
    assert {d.unit_code for d in stored_scores.check()} == set(
        UnitScore.objects.exclude(unit_id=value.unit_id).values_list("unit__code", flat=True)
    )


def test_a_full_rebuild_removes_the_rows_of_a_period_left_without_figures(seed_data):
    """A kept row of a period that no longer holds any figure is found by `check` and removed
    by a rebuild of every period, which reads all periods at once; the other rows stay equal."""
    before = {k: v[:4] for k, v in kept_rows().items()}
    row = UnitScore.objects.filter(period_id="2024").first()
    UnitScore.objects.create(
        unit=row.unit,
        framework=row.framework,
        period_id="2019",
        kind=row.kind,
        source=row.source,
        points=row.points,
        max_points=row.max_points,
        pillars=row.pillars,
        inputs_version=row.inputs_version,
    )
    found = stored_scores.check()
    assert [(d.unit_code, d.period_id, d.now) for d in found] == [(row.unit.code, "2019", None)]
    assert "không còn số liệu để tính" in found[0].text
    done = stored_scores.rebuild()
    assert done.periods == ["2024", "2025"]
    assert {k: v[:4] for k, v in kept_rows().items()} == before
    assert stored_scores.check() == []


def test_a_rebuild_reading_its_figures_in_many_chunks_writes_the_same_rows(synth_country, monkeypatch):
    """The figures of a rebuild are read a chunk at a time: with chunks of three rows the rows
    kept are those of one whole read, and those of periods rebuilt one by one."""
    from functools import partial

    from chiso.observations import bulk_scores

    periods = sorted(set(DataValue.objects.filter(indicator__framework__code=DTI).values_list("period_id", flat=True)))
    assert periods == ["2024", "2025"]
    for period in periods:
        stored_scores.rebuild([period])
    one_by_one = {k: v[:4] for k, v in kept_rows().items()}
    assert len(one_by_one) > 12
    monkeypatch.setattr(bulk_scores, "_row_chunks", partial(bulk_scores._row_chunks, batch=3))
    done = stored_scores.rebuild()
    assert {k: v[:4] for k, v in kept_rows().items()} == one_by_one
    assert (done.rows, done.periods) == (len(one_by_one), periods)
    assert stored_scores.check() == []


def test_a_progress_callback_may_write_while_a_rebuild_runs(synth_country):
    """A job's progress is a row written on the rebuild's own connection after each period (the
    rescoring job): with a COPY still open on PostgreSQL it waited forever."""
    seen = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total, OrgUnit.objects.filter(pk=-1).update(name="")))

    stored_scores.rebuild(progress=progress)
    assert [(done, total) for done, total, _ in seen] == [(1, 2), (2, 2)]
