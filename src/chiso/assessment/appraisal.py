"""The office's writes in a round: appraisal and published points, and assigning a
sub-indicator whose lead text named no unit. Each checks the permission itself, writes in one
transaction and leaves an audit entry.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from chiso.accounts.permissions import require
from chiso.assessment.models import DtiRound, RoundPoints
from chiso.assessment.scoreboard import best_values, engine_value
from chiso.audit.trail import record
from chiso.collection.models import FormAssignment, FormItem
from chiso.collection.schedules import ensure_expected
from chiso.engine.errors import EngineError
from chiso.engine.numbers import format_number, parse_decimal
from chiso.engine.scoring import ScoreInput, score_indicator
from chiso.frameworks.models import Indicator
from chiso.observations import stored_scores
from chiso.observations.scores import engine_framework
from chiso.orgunits.models import OrgUnit


class Refused(Exception):
    """A write refused for bad input; the message says what and where, in Vietnamese."""


def self_assessed_points(dti_round: DtiRound, code: str) -> Decimal | None:
    """The self-assessed points of one sub-indicator now (None while nothing is entered)."""
    value = best_values(dti_round).get(code)
    if value is None:
        return None
    indicator = engine_framework(dti_round.framework.code).indicator(code)
    return score_indicator(indicator, ScoreInput(value=engine_value(value, indicator.measure))).points


def read_points(raw: str, indicator: Indicator) -> Decimal:
    try:
        points = parse_decimal(raw or "", "vi")
    except EngineError:
        raise Refused(f"Chỉ số {indicator.code}: điểm «{raw}» không phải là số (ví dụ: 7,5).") from None
    maximum = indicator.max_points or Decimal(0)
    if not Decimal(0) <= points <= maximum:
        raise Refused(f"Chỉ số {indicator.code}: điểm phải từ 0 đến {format_number(maximum)}.")
    return points


def save_points(user, dti_round: DtiRound, code: str, kind: str, raw: str, reason: str = "") -> RoundPoints:
    """Record appraisal or published points for one sub-indicator.

    An appraisal that differs from the self-assessed points needs a reason (why the office
    disagrees); the old and new points go to the audit trail.
    """
    require(user, "review", dti_round.province)
    if kind not in RoundPoints.Kind.values:
        raise Refused(f"Loại điểm «{kind}» không hợp lệ.")
    indicator = Indicator.objects.filter(framework=dti_round.framework, code=code).first()
    if indicator is None:
        raise Refused(f"Không có chỉ số thành phần «{code}» trong bộ chỉ số.")
    points, reason = read_points(raw, indicator), (reason or "").strip()
    if kind == RoundPoints.Kind.APPRAISED and not reason:
        own = self_assessed_points(dti_round, code)
        if own is None or own != points:
            said = "chưa có điểm tự đánh giá" if own is None else f"điểm tự đánh giá là {format_number(own)}"
            raise Refused(
                f"Chỉ số {code}: điểm thẩm định {format_number(points)} khác với tự đánh giá ({said}); hãy ghi lý do."
            )
    with transaction.atomic():
        row = RoundPoints.objects.select_for_update().filter(round=dti_round, indicator=indicator, kind=kind).first()
        old = None if row is None else row.points
        if row is None:
            row = RoundPoints(round=dti_round, indicator=indicator, kind=kind)
        row.points, row.reason, row.entered_by, row.entered_at = points, reason, user, timezone.now()
        row.save()
        record(user, row, "points", None if old is None else format_number(old), format_number(points), reason)
        stored_scores.refresh(dti_round.framework.code, [dti_round.province_id], [dti_round.period_id])
    return row


def assign(user, dti_round: DtiRound, code: str, unit_code: str) -> FormAssignment:
    """Give a sub-indicator to a unit of the province (for leads the text did not name)."""
    require(user, "manage", dti_round.province)
    item = FormItem.objects.filter(form=dti_round.form, indicator__code=code).first()
    if item is None:
        raise Refused(f"Không có chỉ số thành phần «{code}» trong đợt này.")
    unit = OrgUnit.objects.filter(code=unit_code).first()
    if unit is None:
        raise Refused(f"Chỉ số {code}: không có đơn vị mã «{unit_code}».")
    require(user, "manage", unit)
    with transaction.atomic():
        assignment, _ = FormAssignment.objects.get_or_create(form=dti_round.form, unit=unit)
        before = sorted(assignment.items.values_list("indicator__code", flat=True))
        assignment.items.add(item)
        after = sorted(assignment.items.values_list("indicator__code", flat=True))
        record(user, assignment, "items", ", ".join(before), ", ".join(after), "giao chỉ số DTI")
        dti_round.unmapped = [u for u in dti_round.unmapped if u["indicator"] != code]
        dti_round.save(update_fields=["unmapped"])
        ensure_expected(dti_round.form, dti_round.period_id)
    return assignment
