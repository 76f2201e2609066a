"""A small province for the readings tests: two units, a plan with targets, figures of both
origins (transcribed from a document, entered in a monthly report) over two months."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from chiso.accounts.models import Grant, Role
from chiso.collection.models import EnteredValue, FormAssignment, FormItem, ReportForm, Submission
from chiso.collection.schedules import ensure_expected
from chiso.frameworks.models import Framework, Indicator, IndicatorGroup, Target
from chiso.observations.models import Dataset, DataValue
from chiso.orgunits.models import OrgUnit


@dataclass
class Province:
    framework: Framework
    form: ReportForm
    dataset: Dataset
    units: dict[str, OrgUnit]
    indicators: dict[str, Indicator]
    items: dict[str, FormItem]


# code, name, measure, input type, unit label
ITEMS = [
    ("I.2", "Tỷ lệ hồ sơ xử lý trực tuyến", "percent", "fraction", "%"),
    ("I.8", "Số văn bản trao đổi qua mạng", "count", "number", "văn bản"),
    ("I.6", "Cơ quan có cung cấp dữ liệu mở", "yes_no", "yes_no", ""),
    ("I.23", "Quy chế quản lý dữ liệu", "text", "text", ""),
]


@pytest.fixture
def province(db: None) -> Province:
    top = OrgUnit.objects.create(code="dong-thap", name="Tỉnh Đồng Tháp", type="tinh")
    units = {"dong-thap": top}
    for code, name in (("cao-lanh", "Phường Cao Lãnh"), ("sa-dec", "Phường Sa Đéc")):
        units[code] = OrgUnit.objects.create(code=code, name=name, type="xa", parent=top)
    framework = Framework.objects.create(
        code="cds-dong-thap-2021-2025", kind="programme", name="Đề án chuyển đổi số", period_id="2021-2025", locale="vi"
    )
    group = IndicatorGroup.objects.create(framework=framework, code="I", name="CHÍNH QUYỀN SỐ")
    form = ReportForm.objects.create(
        code="bao-cao-thang",
        name="Báo cáo tháng chuyển đổi số",
        framework=framework,
        period_kind="month",
        deadline_rule="18",
    )
    indicators, items = {}, {}
    for position, (code, name, measure, input_type, label) in enumerate(ITEMS):
        indicators[code] = Indicator.objects.create(
            framework=framework, group=group, code=code, name=name, measure=measure, position=position
        )
        items[code] = FormItem.objects.create(
            form=form,
            indicator=indicators[code],
            input_type=input_type,
            unit_label=label,
            position=position,
            required=False,
        )
    for code in ("cao-lanh", "sa-dec"):
        FormAssignment.objects.create(form=form, unit=units[code])
    dataset = Dataset.objects.create(code="bao-cao-thang-11", source={"file": "000_bao_cao.txt"})
    return Province(framework, form, dataset, units, indicators, items)


def set_target(province: Province, code: str, period_id: str, text: str, unit: OrgUnit | None = None) -> None:
    Target.objects.create(indicator=province.indicators[code], period_id=period_id, text=text, unit=unit)


def transcribe(province: Province, code: str, unit: str, period_id: str, raw: str, kind: str = "reported") -> DataValue:
    from chiso.engine.values import number_fields

    return DataValue.objects.create(
        dataset=province.dataset,
        indicator=province.indicators[code],
        unit=province.units[unit],
        period_id=period_id,
        kind=kind,
        raw=raw,
        source={"file": "000_bao_cao.txt", "appendix": "Phụ lục I", "line": 12},
        **number_fields(raw),
    )


def enter(province: Province, unit: str, period_id: str, status: str = "approved", **by_code) -> Submission:
    """A unit's report for the month with the given fields per indicator code."""
    ensure_expected(province.form, period_id)
    submission = Submission.objects.get(form=province.form, unit=province.units[unit], period_id=period_id)
    for code, fields in by_code.items():
        EnteredValue.objects.filter(submission=submission, item=province.items[code.replace("_", ".")]).update(
            **{k: (Decimal(v) if k in ("number", "numerator", "denominator") else v) for k, v in fields.items()}
        )
    Submission.objects.filter(pk=submission.pk).update(status=status)
    submission.refresh_from_db()
    return submission


def person(username: str, unit: OrgUnit, role: str = Role.VIEWER) -> User:
    user = User.objects.create_user(username, password="Mat-khau-2026!")
    Grant.objects.create(user=user, unit=unit, role=role)
    return user
