"""Personas and a monthly form for the collection tests.

The DX office (quan_tri on the province), Sở KH&CN with a reporter, an approver and a viewer,
and Sở Tài chính with its own reporter: the outsider for every permission test.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from chiso.accounts.models import Grant, Role
from chiso.collection.models import FormAssignment, FormItem, ReportForm, Submission
from chiso.collection.schedules import ensure_expected
from chiso.frameworks.models import Framework, Indicator, IndicatorGroup, Target
from chiso.orgunits.models import OrgUnit

PASSWORD = "Mat-khau-2026!"
PERIOD = "2026-11"


@pytest.fixture
def units(db: None) -> dict[str, OrgUnit]:
    province = OrgUnit.objects.create(code="dong-thap", name="Tỉnh Đồng Tháp", type="tinh")
    return {
        "dong-thap": province,
        "so-khcn": OrgUnit.objects.create(code="so-khcn", name="Sở Khoa học và Công nghệ",
                                          type="so_ban_nganh", parent=province),
        "so-tai-chinh": OrgUnit.objects.create(code="so-tai-chinh", name="Sở Tài chính",
                                               type="so_ban_nganh", parent=province),
    }


def _user(username: str, unit: OrgUnit, role: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD, first_name=username)
    Grant.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def people(units: dict[str, OrgUnit]) -> dict[str, User]:
    return {
        "office": _user("vanphong", units["dong-thap"], Role.ADMIN),
        "reporter": _user("nhaplieu", units["so-khcn"], Role.REPORTER),
        "approver": _user("lanhdao", units["so-khcn"], Role.APPROVER),
        "viewer": _user("nguoixem", units["so-khcn"], Role.VIEWER),
        "outsider": _user("taichinh", units["so-tai-chinh"], Role.APPROVER),
    }


@pytest.fixture
def form(units: dict[str, OrgUnit]) -> ReportForm:
    """A monthly form over four indicators of 000 Phụ lục I, one of each input type."""
    framework = Framework.objects.create(code="cds-dong-thap-2021-2025", kind="programme",
                                         name="Đề án chuyển đổi số tỉnh Đồng Tháp",
                                         period_id="2021-2025", locale="vi")
    group = IndicatorGroup.objects.create(framework=framework, code="I", name="CHÍNH QUYỀN SỐ")
    specs = [
        ("I.2", "Tỷ lệ hồ sơ thủ tục hành chính được xử lý hoàn toàn trực tuyến", "percent",
         FormItem.InputType.FRACTION, "%", "80%"),
        ("I.8", "Số văn bản được trao đổi qua môi trường mạng", "count",
         FormItem.InputType.NUMBER, "văn bản", None),
        ("I.6", "Cơ quan có cung cấp dữ liệu mở", "yes_no", FormItem.InputType.YES_NO, "", None),
        ("I.23", "Kết quả nổi bật", "text", FormItem.InputType.TEXT, "", None),
    ]
    report = ReportForm.objects.create(code="bao-cao-thang-cds", name="Báo cáo tháng chuyển đổi số",
                                       framework=framework, period_kind="month", deadline_rule="18",
                                       sections=["ket_qua", "kho_khan", "de_xuat"])
    for position, (code, name, measure, input_type, unit_label, target) in enumerate(specs):
        indicator = Indicator.objects.create(framework=framework, group=group, code=code, name=name,
                                             measure=measure, position=position)
        if target:
            Target.objects.create(indicator=indicator, period_id="2026", text=target)
        FormItem.objects.create(form=report, indicator=indicator, input_type=input_type,
                                unit_label=unit_label, position=position,
                                required=input_type != FormItem.InputType.TEXT,
                                min_value=Decimal(0) if input_type == "number" else None,
                                max_value=Decimal(1000000) if input_type == "number" else None)
    for code in ("so-khcn", "so-tai-chinh"):
        FormAssignment.objects.create(form=report, unit=units[code])
    return report


@pytest.fixture
def submission(form: ReportForm, units: dict[str, OrgUnit]) -> Submission:
    """Sở KH&CN's expected report for 11/2026 (due 18/11/2026)."""
    ensure_expected(form, PERIOD)
    return Submission.objects.get(form=form, unit=units["so-khcn"], period_id=PERIOD)


@pytest.fixture
def other_submission(form: ReportForm, units: dict[str, OrgUnit], submission: Submission) -> Submission:
    return Submission.objects.get(form=form, unit=units["so-tai-chinh"], period_id=PERIOD)


def login(client, user: User) -> None:
    client.force_login(user)


COMPLETE = {  # a complete, valid report for the fixture form, as a reporter types it
    "I.2": {"numerator": "3.662", "denominator": "4.393"},
    "I.8": {"value": "1.250"},
    "I.6": {"value": "Có"},
    "I.23": {"value": "Triển khai nền tảng số"},
}
NARRATIVE = {"results_text": "Đạt 3/4 chỉ tiêu.", "difficulties_text": "Không có.",
             "proposals_text": "Không có."}


def fill(submission: Submission, user: User, typed: dict | None = None) -> None:
    """Save a draft through the workflow, as the entry page does."""
    from chiso.collection import workflow
    from chiso.collection.entry import ValueInput

    values = {v.item.indicator.code: v for v in submission.values.select_related("item__indicator")}
    inputs = {values[code].pk: (ValueInput(**fields), values[code].version)
              for code, fields in (typed or COMPLETE).items()}
    result = workflow.save_draft(user, submission, inputs, NARRATIVE, submission.version)
    assert result.ok, {k: c.errors for k, c in result.checked.items()}
    submission.refresh_from_db()


@pytest.fixture
def filled(submission: Submission, people: dict[str, User]) -> Submission:
    fill(submission, people["reporter"])
    return submission
