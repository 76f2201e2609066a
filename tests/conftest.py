"""Shared fixtures: a small DTI framework and the units of the 2025 Đồng Tháp merger."""

import datetime

import pytest

from chiso.frameworks.models import Framework, Indicator, IndicatorGroup
from chiso.orgunits.models import LineageEvent, OrgUnit


@pytest.fixture
def framework(db: None) -> Framework:
    return Framework.objects.create(
        code="dti-tinh-2025", kind="dti", name="Bộ chỉ số DTI cấp tỉnh", period_id="2025", locale="vi"
    )


@pytest.fixture
def indicator(framework: Framework) -> Indicator:
    group = IndicatorGroup.objects.create(framework=framework, code="1", name="Nhận thức số")
    return Indicator.objects.create(
        framework=framework, group=group, code="1.1", name="Tỷ lệ …", measure="percent"
    )


@pytest.fixture
def merger(db: None) -> dict[str, OrgUnit]:
    """Đồng Tháp (cũ) and Tiền Giang (cũ) merged into Đồng Tháp on 1 July 2025."""
    last_day = datetime.date(2025, 6, 30)
    first_day = datetime.date(2025, 7, 1)
    units = {
        "dong-thap-cu": OrgUnit.objects.create(
            code="dong-thap-cu", name="Tỉnh Đồng Tháp (cũ)", type="tinh", valid_to=last_day
        ),
        "tien-giang-cu": OrgUnit.objects.create(
            code="tien-giang-cu", name="Tỉnh Tiền Giang (cũ)", type="tinh", valid_to=last_day
        ),
        "dong-thap": OrgUnit.objects.create(
            code="dong-thap", name="Tỉnh Đồng Tháp", type="tinh", valid_from=first_day
        ),
    }
    event = LineageEvent.objects.create(kind="merge", date=first_day, note="Nghị quyết 202/2025/QH15")
    event.predecessors.set([units["dong-thap-cu"], units["tien-giang-cu"]])
    event.successors.set([units["dong-thap"]])
    return units
