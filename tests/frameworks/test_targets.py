import pytest
from django.db import IntegrityError

from chiso.frameworks.models import Indicator, Target
from chiso.orgunits.models import OrgUnit


def test_it_refuses_two_framework_targets_for_one_period(indicator: Indicator) -> None:
    Target.objects.create(indicator=indicator, period_id="2021-2025", text="100%")
    with pytest.raises(IntegrityError):
        Target.objects.create(indicator=indicator, period_id="2021-2025", text="90%")


def test_it_lets_a_unit_set_its_own_target_beside_the_frameworks(indicator: Indicator) -> None:
    unit = OrgUnit.objects.create(code="dong-thap", name="Tỉnh Đồng Tháp", type="tinh")
    Target.objects.create(indicator=indicator, period_id="2026", text="100%")
    Target.objects.create(indicator=indicator, period_id="2026", text="90%", unit=unit)
    assert indicator.targets.count() == 2
