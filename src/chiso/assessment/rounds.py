"""Open a DTI self-assessment round: a report form of the DTI sub-indicators, each assigned to
its lead agency from the year's targets (001 Phụ lục II), due 20/12, expected submissions made.

Opening again is harmless: it adds what is missing and changes nothing else.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from chiso.assessment.leads import read_lead, unit_names
from chiso.assessment.models import DtiRound
from chiso.collection.models import FormAssignment, FormItem, PeriodKind, ReportForm
from chiso.collection.schedules import ensure_expected
from chiso.frameworks.models import Framework, Indicator, Target
from chiso.orgunits.models import OrgUnit

DTI = "dti-tinh-2025"
DEADLINE_RULE = "20/12"  # 001: agencies send their DTI figures before 20/12
INPUT_TYPES = {"percent": "fraction", "yes_no": "yes_no", "level": "text", "text": "text"}


class RoundError(Exception):
    """Why a round cannot be opened, in Vietnamese."""


@dataclass
class RoundOpened:
    round: DtiRound
    created: bool
    assigned: dict[str, list[str]]  # unit name → sub-indicator codes
    unmapped: list[dict]
    expected: int

    def lines(self) -> list[str]:
        r = self.round
        lines = [
            (
                f"Đợt tự đánh giá DTI năm {r.year} ({'mới mở' if self.created else 'đã có'}): "
                f"{sum(len(v) for v in self.assigned.values())} lượt giao cho {len(self.assigned)} "
                f"cơ quan chủ trì, {self.expected} báo cáo phải gửi trước ngày 20/12/{r.year}."
            )
        ]
        for unit, codes in sorted(self.assigned.items()):
            lines.append(f"  - {unit}: {', '.join(codes)}")
        if self.unmapped:
            lines.append(f"Chưa xác định được cơ quan chủ trì ({len(self.unmapped)} chỉ số, văn phòng tự giao):")
            lines += [f"  - {u['indicator']}: «{u['lead'] or 'không ghi'}»" for u in self.unmapped]
        return lines


def round_form(framework: Framework, province: OrgUnit, year: int) -> ReportForm:
    form, _ = ReportForm.objects.get_or_create(
        code=f"dti-{province.code}-{year}",
        defaults={
            "name": f"Số liệu tự đánh giá chỉ số DTI năm {year}",
            "framework": framework,
            "period_kind": PeriodKind.YEAR,
            "deadline_rule": DEADLINE_RULE,
            "sections": [],
        },
    )
    for position, indicator in enumerate(
        Indicator.objects.filter(framework=framework).order_by("group__position", "position")
    ):
        FormItem.objects.get_or_create(
            form=form,
            indicator=indicator,
            defaults={
                "input_type": INPUT_TYPES.get(indicator.measure, "number"),
                "unit_label": "%" if indicator.measure == "percent" else "",
                "position": position,
            },
        )
    return form


@transaction.atomic
def open_round(year: int, province_code: str = "dong-thap", framework_code: str = DTI) -> RoundOpened:
    """Open (or complete) the round of ``year`` for the province."""
    framework = Framework.objects.filter(code=framework_code).first()
    if framework is None:
        raise RoundError(f"Chưa nạp bộ chỉ số «{framework_code}» (chạy: chiso load src/chiso/data)")
    province = OrgUnit.objects.filter(code=province_code).first()
    if province is None:
        raise RoundError(f"Không có đơn vị mã «{province_code}»")
    targets = {
        t.indicator_id: t
        for t in Target.objects.filter(indicator__framework=framework, unit=province, period_id=str(year))
    }
    if not targets:
        raise RoundError(
            f"Chưa có mục tiêu năm {year} của {province.name} trong bộ chỉ số "
            f"{framework_code} (001 Phụ lục II), nên chưa biết cơ quan chủ trì từng chỉ số"
        )
    form = round_form(framework, province, year)
    names = unit_names(province, datetime.date(year, 12, 20))
    assigned: dict[str, list[str]] = {}
    unmapped = []
    for item in form.items.select_related("indicator").order_by("position"):
        target = targets.get(item.indicator_id)
        reading = read_lead(target.lead if target else "", names)
        for unit in reading.units:
            assignment, _ = FormAssignment.objects.get_or_create(form=form, unit=unit)
            assignment.items.add(item)
            assigned.setdefault(unit.name, []).append(item.indicator.code)
        if reading.unmapped_parts or not reading.units:
            unmapped.append(
                {"indicator": item.indicator.code, "lead": reading.text, "parts": list(reading.unmapped_parts)}
            )
    dti_round, created = DtiRound.objects.get_or_create(
        framework=framework, province=province, year=year, defaults={"form": form}
    )
    dti_round.unmapped = unmapped
    dti_round.save(update_fields=["unmapped"])
    expected = ensure_expected(form, str(year))
    return RoundOpened(dti_round, created, assigned, unmapped, len(expected))
