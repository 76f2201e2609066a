"""Bench users and the deadline-day drafts they fill, created in the bench database."""

from __future__ import annotations

from decimal import Decimal

PASSWORD = "Bench-chiso-2026"
FORM = "bench-han-chot"
PERIODS = ("2026-09", "2026-10", "2026-11")


def users(prefix: str, grants: list, role: str) -> list[str]:
    """One user per unit in ``grants`` (``bench-<prefix>-<n>``), all with the same password.

    The password is hashed once and the hash shared: hashing 500 Argon2 passwords would take
    longer than the benchmark, and logging in still verifies it for real.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from chiso.accounts.models import Grant

    User = get_user_model()
    User.objects.filter(username__startswith=f"bench-{prefix}-").delete()
    hashed = make_password(PASSWORD)
    made = User.objects.bulk_create(
        User(username=f"bench-{prefix}-{k + 1}", password=hashed) for k in range(len(grants))
    )
    Grant.objects.bulk_create(Grant(user=u, unit=unit, role=role) for u, unit in zip(made, grants, strict=True))
    return [u.username for u in made]


def reporters(count: int) -> list[tuple[str, list[int]]]:
    """``count`` units, each with a leader user and one fresh draft per period: (user, [pks])."""
    from chiso.collection.models import FormItem, ReportForm, Submission
    from chiso.collection.schedules import ensure_values
    from chiso.frameworks.models import Indicator
    from chiso.orgunits.models import OrgUnit

    units = list(
        OrgUnit.objects.filter(type__in=("xa", "so_ban_nganh"), valid_to__isnull=True).order_by("code")[:count]
    )
    if len(units) < count:
        raise LookupError(f"CSDL chỉ có {len(units)} xã, sở: chạy «chiso synth» trước")
    Submission.objects.filter(form__code=FORM).delete()
    form, _ = ReportForm.objects.get_or_create(
        code=FORM,
        defaults={"name": "Báo cáo hạn chót (đo tải)", "period_kind": "month", "deadline_rule": "18", "sections": []},
    )
    indicators = Indicator.objects.filter(measure="percent").order_by("framework__code", "position")[:4]
    for k, ind in enumerate(indicators):
        FormItem.objects.get_or_create(
            form=form,
            indicator=ind,
            defaults={
                "input_type": "number",
                "unit_label": "%",
                "position": k,
                "min_value": Decimal(0),
                "max_value": Decimal(100),
            },
        )
    names = users("nd", units, "lanh_dao")
    subs = Submission.objects.bulk_create(
        Submission(unit=u, period_id=p, form=form, deadline=f"{p}-18") for u in units for p in PERIODS
    )
    for submission in subs:
        ensure_values(submission)
    by_unit: dict[int, list[int]] = {}
    for submission in subs:
        by_unit.setdefault(submission.unit_id, []).append(submission.pk)
    return [(name, by_unit[unit.pk]) for name, unit in zip(names, units, strict=True)]


def viewers(count: int) -> list[str]:
    """``count`` DX-office users (quan_tri on a province) for the overview page."""
    from chiso.orgunits.models import OrgUnit

    provinces = list(OrgUnit.objects.filter(type="tinh", valid_to__isnull=True).order_by("code"))
    if not provinces:
        raise LookupError("CSDL chưa có tỉnh nào: chạy «chiso synth» trước")
    return users("xem", [provinces[k % len(provinces)] for k in range(count)], "quan_tri")
