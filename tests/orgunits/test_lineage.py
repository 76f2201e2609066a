import datetime

import pytest
from django.db.models import ProtectedError

from chiso.frameworks.models import Indicator
from chiso.observations.models import Dataset, DataValue
from chiso.orgunits.lineage import predecessors_of, successors_of
from chiso.orgunits.models import LineageEvent, OrgUnit

Units = dict[str, OrgUnit]


def test_it_finds_the_successor_of_a_merged_unit(merger: Units) -> None:
    assert successors_of(merger["tien-giang-cu"]) == [merger["dong-thap"]]


def test_it_finds_every_predecessor_of_a_merged_unit(merger: Units) -> None:
    found = predecessors_of(merger["dong-thap"])
    assert sorted(u.code for u in found) == ["dong-thap-cu", "tien-giang-cu"]


def test_it_ignores_a_merger_that_has_not_happened_yet(merger: Units) -> None:
    assert successors_of(merger["dong-thap-cu"], on=datetime.date(2025, 6, 30)) == []
    assert successors_of(merger["dong-thap-cu"], on=datetime.date(2025, 7, 1)) == [merger["dong-thap"]]


def test_it_follows_lineage_transitively(merger: Units) -> None:
    later = OrgUnit.objects.create(code="dong-thap-moi", name="Tỉnh Đồng Tháp (mới)", type="tinh")
    merger["dong-thap"].valid_to = datetime.date(2030, 12, 31)
    merger["dong-thap"].save()
    rename = LineageEvent.objects.create(kind="rename", date=datetime.date(2031, 1, 1))
    rename.predecessors.set([merger["dong-thap"]])
    rename.successors.set([later])

    assert successors_of(merger["tien-giang-cu"]) == [merger["dong-thap"], later]
    assert successors_of(merger["tien-giang-cu"], on=datetime.date(2031, 6, 1)) == [later]
    assert [u.code for u in predecessors_of(later)] == ["dong-thap", "dong-thap-cu", "tien-giang-cu"]


def test_it_knows_when_a_unit_existed(merger: Units) -> None:
    assert merger["dong-thap-cu"].is_active_on(datetime.date(2025, 6, 30))
    assert not merger["dong-thap-cu"].is_active_on(datetime.date(2025, 7, 1))
    assert not merger["dong-thap"].is_active_on(datetime.date(2025, 6, 30))
    assert merger["dong-thap"].is_active_on(datetime.date(2025, 7, 1))


def test_it_keeps_a_former_units_data_attached_to_it(merger: Units, indicator: Indicator) -> None:
    dataset = Dataset.objects.create(code="dong-thap-dti-2024")
    DataValue.objects.create(
        dataset=dataset,
        indicator=indicator,
        unit=merger["tien-giang-cu"],
        period_id="2024",
        kind="reported",
        raw="90.8%",
    )

    value = DataValue.objects.get()
    assert value.unit == merger["tien-giang-cu"]
    assert not merger["dong-thap"].datavalue_set.exists()
    with pytest.raises(ProtectedError):
        merger["tien-giang-cu"].delete()
