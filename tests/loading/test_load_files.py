"""`chiso load` with the real Đồng Tháp data: what it creates, reloading, and a changed dataset."""

from __future__ import annotations

import datetime
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from chiso.collection.models import Submission
from chiso.datafiles import BUNDLED_DATA
from chiso.frameworks.models import Framework, Target
from chiso.loading import LoadReport, load_paths
from chiso.loading.demo import bundled_paths
from chiso.observations.models import Dataset, DataValue
from chiso.orgunits.models import LineageEvent, OrgUnit
from tests.loading.conftest import DATASET_RECORD_MODELS, LOADED_MODELS, rows, snapshot

pytestmark = pytest.mark.django_db

CHANGED_DATASET = "dong-thap-cds-2024-11"
# Phụ lục I of 000, indicator I.2 for Đồng Tháp (cũ), 2022: printed "25,94%".
ORIGINAL_RECORD = '''\
  - indicator: "I.2"
    unit: dong-thap-cu
    period: "2022"
    value: "25,94%"
'''
CHANGED_RECORD = ORIGINAL_RECORD.replace('"25,94%"', '"26,94%"')


@pytest.fixture
def first_report(first_load: LoadReport) -> LoadReport:
    """The bundled files loaded into the empty database and the loader's report of that load: done
    once per test process (tests/fixtures/contents.py); each test's own writes are rolled back."""
    return first_load


# --- what the bundled data creates ------------------------------------------------------------


def test_it_creates_the_dti_framework_with_its_47_sub_indicators(first_report: LoadReport) -> None:
    dti = Framework.objects.get(code="dti-tinh-2025")
    assert dti.indicators.count() == 47


def test_it_gives_the_dti_8_pillars_worth_1000_points_in_all(first_report: LoadReport) -> None:
    dti = Framework.objects.get(code="dti-tinh-2025")
    pillars = list(dti.groups.all())
    assert len(pillars) == 8
    assert sum(p.max_points for p in pillars) == Decimal(1000)
    assert dti.max_points == Decimal(1000)


@pytest.mark.parametrize(
    ("code", "indicators"),
    [
        ("cds-dong-thap-2021-2025", 46),
        ("cds-nong-nghiep-dong-thap", 12),
        ("cds-y-te-dong-thap", 9),
        ("cds-giao-duc-dong-thap", 14),
    ],
)
def test_it_creates_each_plan_with_its_indicators(first_report: LoadReport, code: str, indicators: int) -> None:
    assert Framework.objects.get(code=code).indicators.count() == indicators


def test_it_creates_the_thap_muoi_2024_plan(first_report: LoadReport) -> None:
    assert Framework.objects.get(code="cds-thap-muoi-2024").indicators.exists()


@pytest.mark.parametrize("code", ["dong-thap", "dong-thap-cu", "tien-giang-cu", "thap-muoi"])
def test_it_creates_the_org_unit(first_report: LoadReport, code: str) -> None:
    assert OrgUnit.objects.filter(code=code).exists()


def test_it_records_the_2025_merger_into_dong_thap(first_report: LoadReport) -> None:
    merger = LineageEvent.objects.get(kind="merge", successors__code="dong-thap")
    assert merger.date == datetime.date(2025, 7, 1)
    assert sorted(merger.predecessors.values_list("code", flat=True)) == ["dong-thap-cu", "tien-giang-cu"]


def test_it_records_30_submissions_for_november_2024(first_report: LoadReport) -> None:
    assert Submission.objects.filter(period_id="2024-11").count() == 30


def test_it_reports_the_first_load_as_a_change(first_report: LoadReport) -> None:
    assert first_report.changed
    assert first_report.created["dataset"] == 5


# --- loading the same files again ---------------------------------------------------------------


def test_it_reports_no_change_when_loading_the_same_files_again(first_report: LoadReport) -> None:
    second = load_paths(bundled_paths())
    assert second.changed is False


def test_it_leaves_every_row_identical_when_loading_the_same_files_again(first_report: LoadReport) -> None:
    before = snapshot(LOADED_MODELS)
    load_paths(bundled_paths())
    assert snapshot(LOADED_MODELS) == before


# --- a changed dataset file -----------------------------------------------------------------------


@pytest.fixture
def changed_datasets(tmp_path: Path) -> Path:
    """A copy of the bundled datasets folder with one value changed in dong-thap-cds-2024-11."""
    folder = tmp_path / "datasets"
    shutil.copytree(BUNDLED_DATA / "datasets", folder)
    path = folder / f"{CHANGED_DATASET}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(ORIGINAL_RECORD) == 1
    path.write_text(text.replace(ORIGINAL_RECORD, CHANGED_RECORD), encoding="utf-8")
    return folder


def _reload_with(datasets: Path) -> LoadReport:
    return load_paths([BUNDLED_DATA / "frameworks", BUNDLED_DATA / "orgunits", datasets])


def _changed_value() -> DataValue:
    return DataValue.objects.get(
        dataset__code=CHANGED_DATASET, indicator__code="I.2", unit__code="dong-thap-cu", period_id="2022"
    )


def test_it_stores_the_changed_value(first_report: LoadReport, changed_datasets: Path) -> None:
    _reload_with(changed_datasets)
    value = _changed_value()
    assert value.raw == "26,94%"
    assert value.number == Decimal("26.94")


def test_it_reports_only_the_changed_dataset_as_updated(first_report: LoadReport, changed_datasets: Path) -> None:
    report = _reload_with(changed_datasets)
    assert report.updated == {"dataset": 1}
    assert report.unchanged["dataset"] == 4


def test_it_replaces_the_changed_datasets_records_one_for_one(first_report: LoadReport, changed_datasets: Path) -> None:
    def records() -> dict[str, list[dict]]:
        return {
            model._meta.label: [
                {k: v for k, v in r.items() if k not in ("id", "dataset")}
                for r in rows(model.objects.filter(dataset__code=CHANGED_DATASET))
            ]
            for model in DATASET_RECORD_MODELS
        }

    before = records()
    _reload_with(changed_datasets)
    after = records()
    assert {label: len(r) for label, r in after.items()} == {label: len(r) for label, r in before.items()}
    differing = [
        (b, a) for b, a in zip(before["observations.DataValue"], after["observations.DataValue"], strict=True) if b != a
    ]
    assert [(b["raw"], a["raw"]) for b, a in differing] == [("25,94%", "26,94%")]
    assert {label: r for label, r in after.items() if label != "observations.DataValue"} == {
        label: r for label, r in before.items() if label != "observations.DataValue"
    }


def test_it_leaves_the_other_datasets_records_untouched(first_report: LoadReport, changed_datasets: Path) -> None:
    def others() -> dict[str, list[dict]]:
        return {
            model._meta.label: rows(model.objects.exclude(dataset__code=CHANGED_DATASET))
            for model in DATASET_RECORD_MODELS
        }

    before = others()
    assert all(before.values())  # every kind of record is there to compare
    _reload_with(changed_datasets)
    assert others() == before


def test_it_leaves_frameworks_units_and_targets_untouched_when_a_dataset_changes(
    first_report: LoadReport, changed_datasets: Path
) -> None:
    tables = tuple(m for m in LOADED_MODELS if m not in DATASET_RECORD_MODELS and m is not Dataset)
    before = snapshot(tables)
    _reload_with(changed_datasets)
    assert snapshot(tables) == before


def test_it_drops_a_target_removed_from_a_changed_dataset(first_report: LoadReport, tmp_path: Path) -> None:
    path = tmp_path / "dong-thap-dti.yaml"
    text = (BUNDLED_DATA / "datasets" / "dong-thap-dti.yaml").read_text(encoding="utf-8")
    target = '- indicator: "1.1"\n  unit: dong-thap\n  period: "2026"\n  text: "Duy trì"\n'
    start = text.index(target)
    end = text.index("- indicator:", start + len(target))
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    dropped = Target.objects.filter(
        indicator__framework__code="dti-tinh-2025", indicator__code="1.1", unit__code="dong-thap", period_id="2026"
    )
    assert dropped.exists()

    load_paths([path])

    assert not dropped.exists()
