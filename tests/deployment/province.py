"""The small province the two app servers serve: run as ``python -m tests.deployment.province``
with DATABASE_URL naming a migrated database (tests/deployment/servers.py does, once, for the
template database every run is copied from).

Tỉnh Đồng Tháp's DX office (vanphong), Sở KH&CN's reporter and leader, a clerk who will mistype
(khoa), and the Sở's report of 11/2026, sent with I.2 at 50% against its 80% target and waiting
for the office's approval; its report of 12/2026, a draft the reporter fills.
"""

from __future__ import annotations

PASSWORD = "Mat-khau-2026!"
PERIOD = "2026-11"
DRAFT_PERIOD = "2026-12"


def build() -> None:
    from django.contrib.auth.models import User

    from chiso.accounts.models import Grant, Role
    from chiso.collection import workflow
    from chiso.collection.models import FormAssignment, FormItem, ReportForm, Submission
    from chiso.collection.schedules import ensure_expected
    from chiso.frameworks.models import Framework, Indicator, IndicatorGroup, Target
    from chiso.orgunits.models import OrgUnit
    from tests.fixtures.personas import fill

    province = OrgUnit.objects.create(code="dong-thap", name="Tỉnh Đồng Tháp", type="tinh")
    department = OrgUnit.objects.create(
        code="so-khcn", name="Sở Khoa học và Công nghệ", type="so_ban_nganh", parent=province
    )

    def person(username: str, unit: OrgUnit, role: str) -> User:
        user = User.objects.create_user(username, password=PASSWORD, first_name=username)
        Grant.objects.create(user=user, unit=unit, role=role)
        return user

    person("vanphong", province, Role.ADMIN)
    person("khoa", department, Role.VIEWER)
    reporter = person("nhaplieu", department, Role.REPORTER)
    leader = person("lanhdao", department, Role.APPROVER)
    framework = Framework.objects.create(
        code="cds-dong-thap-2021-2025", kind="programme", name="Đề án chuyển đổi số", period_id="2021-2025", locale="vi"
    )
    group = IndicatorGroup.objects.create(framework=framework, code="I", name="CHÍNH QUYỀN SỐ")
    indicator = Indicator.objects.create(
        framework=framework,
        group=group,
        code="I.2",
        name="Tỷ lệ hồ sơ thủ tục hành chính được xử lý hoàn toàn trực tuyến",
        measure="percent",
    )
    Target.objects.create(indicator=indicator, period_id="2026", text="80%")
    form = ReportForm.objects.create(
        code="bao-cao-thang-cds",
        name="Báo cáo tháng chuyển đổi số",
        framework=framework,
        period_kind="month",
        deadline_rule="18",
        sections=["ket_qua", "kho_khan", "de_xuat"],
    )
    FormItem.objects.create(form=form, indicator=indicator, input_type=FormItem.InputType.FRACTION, unit_label="%")
    FormAssignment.objects.create(form=form, unit=department)
    ensure_expected(form, PERIOD)
    report = Submission.objects.get(form=form, unit=department, period_id=PERIOD)
    fill(report, reporter, {"I.2": {"numerator": "50", "denominator": "100"}})
    workflow.submit(leader, report)
    ensure_expected(form, DRAFT_PERIOD)


if __name__ == "__main__":
    import django

    django.setup()
    build()
