"""`chiso demo`: users to log in as, and a monthly form with this month's expected reports.

Idempotent: users, grants, the form, its items and assignments are created once; passwords are
reset to the documented ones each run so the README stays true.
"""

from __future__ import annotations

import datetime

DEMO_PASSWORD = "Demo-chiso-2026"
# (username, full name, unit code, role, what the person does)
DEMO_USERS = [
    (
        "vanphong",
        "Văn phòng CĐS (Sở KH&CN)",
        "dong-thap",
        "quan_tri",
        "DX office: tracks, returns, approves, reopens every unit's reports",
    ),
    ("khcn_nhaplieu", "Cán bộ nhập liệu Sở KH&CN", "so-khcn", "nhap_lieu", "enters the department's figures"),
    ("khcn_lanhdao", "Lãnh đạo Sở KH&CN", "so-khcn", "lanh_dao", "enters, signs off and submits"),
    ("xa_nhaplieu", "Cán bộ nhập liệu Phường Cao Lãnh", "phuong-cao-lanh", "nhap_lieu", "enters the commune's figures"),
    ("xa_lanhdao", "Lãnh đạo Phường Cao Lãnh", "phuong-cao-lanh", "lanh_dao", "submits the commune's report"),
    ("lanhdao_tinh", "Lãnh đạo UBND tỉnh (xem)", "dong-thap", "nguoi_xem", "reads everything, changes nothing"),
]
FORM_CODE = "bao-cao-thang-cds"
# (indicator of cds-dong-thap-2021-2025, input type, unit label)
FORM_ITEMS = [
    ("I.2", "fraction", "%"),
    ("I.8", "fraction", "%"),
    ("I.20", "fraction", "%"),
    ("I.15", "yes_no", ""),
    ("II.3", "number", "doanh nghiệp"),
]
# DTI sub-indicators on the same form (001 Phụ lục II gives each a 2026 target for the province),
# so this month's province figures have a target and a verdict: (code, input type, unit label).
DTI_FRAMEWORK = "dti-tinh-2025"
DTI_ITEMS = [("6.5", "fraction", "%"), ("6.6", "fraction", "%"), ("4.4", "fraction", "%")]
ASSIGNED_UNITS = ["so-khcn", "so-tai-chinh", "van-phong-ubnd", "so-xay-dung", "phuong-cao-lanh"]


def _commune():
    """A commune of the merged province for the demo; not in the seeds, so marked provisional."""
    from chiso.orgunits.models import OrgUnit

    province = OrgUnit.objects.get(code="dong-thap")
    unit, _ = OrgUnit.objects.get_or_create(
        code="phuong-cao-lanh",
        defaults={
            "name": "Phường Cao Lãnh",
            "type": "xa",
            "parent": province,
            "valid_from": datetime.date(2025, 7, 1),
            "provisional": True,
            "note": "Demo unit created by `chiso demo` so a commune reporter can log in; not from a seed.",
        },
    )
    return unit


def _users() -> list[str]:
    from django.contrib.auth.models import User

    from chiso.accounts.models import Grant
    from chiso.orgunits.models import OrgUnit

    lines = [f"Người dùng thử (mật khẩu chung: {DEMO_PASSWORD}):"]
    for username, full_name, unit_code, role, _what in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = full_name, ""
        # An example address (.example is never delivered): the demo's notices and reminders are
        # e-mailed to the console or the mail folder, as a real province's would be to its staff.
        user.email = f"{username}@dongthap.example.vn"
        user.set_password(DEMO_PASSWORD)
        user.save()
        unit = OrgUnit.objects.get(code=unit_code)
        Grant.objects.get_or_create(user=user, unit=unit, role=role)
        lines.append(f"  - {username:14} {Grant(role=role).get_role_display():26} {unit.name}")
    return lines


def _form():
    from chiso.collection.models import FormAssignment, FormItem, ReportForm
    from chiso.frameworks.models import Framework
    from chiso.orgunits.models import OrgUnit

    framework = Framework.objects.get(code="cds-dong-thap-2021-2025")
    form, _ = ReportForm.objects.get_or_create(
        code=FORM_CODE,
        defaults={
            "name": "Báo cáo tháng chuyển đổi số",
            "framework": framework,
            "period_kind": "month",
            "deadline_rule": "18",
            "sections": ["ket_qua", "kho_khan", "de_xuat"],
        },
    )
    for position, (code, input_type, unit_label) in enumerate(FORM_ITEMS):
        FormItem.objects.get_or_create(
            form=form,
            indicator=framework.indicators.get(code=code),
            defaults={"input_type": input_type, "unit_label": unit_label, "position": position},
        )
    dti = Framework.objects.filter(code=DTI_FRAMEWORK).first()
    for position, (code, input_type, unit_label) in enumerate(DTI_ITEMS, start=len(FORM_ITEMS)):
        indicator = dti.indicators.filter(code=code).first() if dti else None
        if indicator is not None:
            FormItem.objects.get_or_create(
                form=form,
                indicator=indicator,
                defaults={"input_type": input_type, "unit_label": unit_label, "position": position},
            )
    for unit in OrgUnit.objects.filter(code__in=ASSIGNED_UNITS):
        FormAssignment.objects.get_or_create(form=form, unit=unit)
    return form


def demo_step() -> list[str]:
    """Create the demo users, the monthly form and this month's expected reports; say what is there."""
    from django.db import transaction
    from django.utils import timezone

    from chiso.collection.schedules import ensure_expected
    from chiso.engine.periods import MONTH, period_containing, today
    from chiso.frameworks.models import Framework
    from chiso.orgunits.models import OrgUnit

    if not (
        OrgUnit.objects.filter(code="dong-thap").exists()
        and Framework.objects.filter(code="cds-dong-thap-2021-2025").exists()
    ):
        return ["Báo cáo định kỳ: bỏ qua (chưa nạp đơn vị hoặc bộ chỉ tiêu Đồng Tháp)."]
    with transaction.atomic():
        _commune()
        lines = _users()
        form = _form()
        period = period_containing(today(timezone.now()), MONTH)
        expected = ensure_expected(form, period)
        examples = _examples(form, period)
    return lines + [
        f"Mẫu «{form.name}»: {len(expected)} đơn vị phải gửi báo cáo {period.label} "
        f"(hạn: trước ngày {expected[0].deadline:%d/%m/%Y}) — /bao-cao-dinh-ky/"
        if expected
        else f"Mẫu «{form.name}»: chưa giao cho đơn vị nào.",
        *examples,
    ]


def _examples(form, period) -> list[str]:
    """Example («số liệu mẫu») reports approved last month and, for three units, this month."""
    from django.contrib.auth.models import User

    from chiso.collection.example_data import OPEN_THIS_MONTH, example_month, examples_in

    office = User.objects.get(username="vanphong")
    example_month(office, form, period.previous(), earlier=True)
    example_month(office, form, period, earlier=False)
    before, now = examples_in(form, period.previous()), examples_in(form, period)
    return [
        (
            f"Số liệu mẫu: {before} báo cáo {period.previous().label.lower()} và {now} báo cáo "
            f"{period.label.lower()} đã được phê duyệt ({len(OPEN_THIS_MONTH)} đơn vị có người dùng thử "
            "còn để trống tháng này); tỉnh đã có số liệu tổng hợp và đánh giá — xem Tổng quan và /van-ban/."
        )
    ]
