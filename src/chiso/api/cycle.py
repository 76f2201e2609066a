"""The office's end of the monthly cycle over the API: approve or return a unit's report, and
read the province's figures made from the approved reports, with their coverage and verdict.

The steps go through the same workflow service as the web pages (chiso.collection.workflow),
so the checks, the audit trail, the notices and the province figures are the same.
"""

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from chiso.accounts.permissions import require
from chiso.api.errors import ErrorOut
from chiso.api.paging import Page, Rows
from chiso.api.schemas import ID_LIMIT, Code
from chiso.collection import workflow
from chiso.collection.models import Submission
from chiso.engine.values import Origin
from chiso.observations.models import DataValue
from chiso.observations.readings import Figure, figures

router = Router(tags=["Báo cáo định kỳ"])
ERRORS = {frozenset({400, 401, 403, 404, 409, 422, 429}): ErrorOut}


class ReviewOut(Schema):
    id: int
    status: str
    return_reason: str


class ReturnIn(Schema):
    reason: str = Field("", max_length=4000, description="Lý do trả lại, đơn vị sẽ đọc để sửa.")


class ProvinceFigureOut(Schema):
    framework: str
    indicator: str
    name: str
    unit: str
    period: str
    value: str
    number: float | None
    previous: str
    target_period: str
    target: str
    verdict: str | None = Field(None, description="exceeded, met, not_met, maintained, no_basis…")
    verdict_label: str
    coverage: str = Field(description="Số đơn vị đã được tính trên số đơn vị phải báo cáo, ví dụ «2/5 đơn vị».")
    covered: list[str]
    missing: list[str]
    example: bool = Field(description="Tổng hợp từ số liệu mẫu của bản chạy thử, không phải số liệu thật.")


def _out(submission: Submission) -> dict:
    return {"id": submission.pk, "status": submission.status, "return_reason": submission.return_reason}


@router.post("/submissions/{submission_id}/approve", response={200: ReviewOut, **ERRORS}, summary="Phê duyệt báo cáo")
def approve(request, submission_id: int = Path(..., ge=1, le=ID_LIMIT)):
    """Phê duyệt báo cáo đã gửi (Văn phòng CĐS); số liệu được khóa và số liệu toàn tỉnh được tổng hợp lại."""
    submission = get_object_or_404(Submission.objects.select_related("unit", "form"), pk=submission_id)
    require(request.user, "review", submission.unit)
    workflow.approve(request.user, submission)
    return _out(submission)


@router.post("/submissions/{submission_id}/return", response={200: ReviewOut, **ERRORS}, summary="Trả lại báo cáo")
def return_for_changes(request, payload: ReturnIn, submission_id: int = Path(..., ge=1, le=ID_LIMIT)):
    """Trả lại báo cáo đã gửi cho đơn vị sửa, kèm lý do (bắt buộc)."""
    submission = get_object_or_404(Submission.objects.select_related("unit", "form"), pk=submission_id)
    require(request.user, "review", submission.unit)
    workflow.return_for_changes(request.user, submission, payload.reason)
    return _out(submission)


class ProvinceFilter(Schema):
    framework: Code | None = None
    unit: Code | None = None
    period: Code | None = None


@router.get(
    "/province-figures",
    response={200: list[ProvinceFigureOut], **ERRORS},
    tags=["Số liệu"],
    summary="Số liệu toàn tỉnh tổng hợp",
)
@paginate(Page)
def province_figures(request, filters: Query[ProvinceFilter]):
    """Số liệu toàn tỉnh tổng hợp từ báo cáo đã duyệt của các đơn vị: giá trị, kỳ trước, mục tiêu
    áp dụng, đánh giá và số đơn vị đã tính («2/5 đơn vị»)."""
    return rolled_up_rows(filters.framework, filters.unit, filters.period)


def rolled_up_rows(framework: str | None, unit: str | None, period: str | None) -> Rows:
    """The province figures made from approved reports, a page at a time, each shown with its
    coverage, the target that applies, last period's figure and the verdict."""
    rows = (
        DataValue.objects.filter(rollup__isnull=False)
        .select_related("rollup")
        .order_by("period_id", "unit__code", "indicator__framework__code", "indicator__position", "pk")
    )
    if framework:
        rows = rows.filter(indicator__framework__code=framework)
    if unit:
        rows = rows.filter(unit__code=unit)
    if period:
        rows = rows.filter(period_id=period)
    return Rows(rows, show_page=province_figures_of)


def rolled_up_evaluations(framework: str | None, unit: str | None, period: str | None) -> Rows:
    """The province figures as evaluations (GET /api/evaluations): verdict, value, coverage."""
    return Rows(
        rolled_up_rows(framework, unit, period).queryset,
        show_page=lambda values: [_as_evaluation(f) for f in province_figures_of(values)],
    )


def _as_evaluation(f: dict) -> dict:
    return {
        "framework": f["framework"],
        "indicator": f["indicator"],
        "unit": f["unit"],
        "period": f["period"],
        "target_period": f["target_period"],
        "written": "",
        "status": f["verdict"] or "",
        "origin": "rollup",
        "value": f["value"],
        "previous": f["previous"],
        "target": f["target"],
        "coverage": f["coverage"],
        "missing": f["missing"],
    }


def province_figures_of(values: list[DataValue]) -> list[dict]:
    """A page of rolled-up values, judged by the one read path in one call (its queries do not
    grow with the page: a page of 500 figures costs what a page of 1 does)."""
    if not values:
        return []
    judged = {
        f.record.pk: f
        for f in figures(
            units={v.unit_id for v in values},
            indicators={v.indicator_id for v in values},
            periods={v.period_id for v in values},
            origins=[Origin.ROLLED_UP],
        )
    }
    return [_province_figure(value, judged[value.pk]) for value in values]


def _province_figure(value: DataValue, f: Figure) -> dict:
    rollup, verdict = value.rollup, f.verdict
    return {
        "framework": f.indicator.framework.code,
        "indicator": f.indicator.code,
        "name": f.indicator.name,
        "unit": f.unit.code,
        "period": f.period_id,
        "value": f.text,
        "number": None if f.number is None else float(f.number),
        "previous": f.previous_text,
        "target_period": f.target_period_id,
        "target": f.target_text,
        "verdict": verdict.status.value if verdict else None,
        "verdict_label": f.verdict_label,
        "coverage": rollup.coverage,
        "covered": rollup.covered,
        "missing": rollup.missing,
        "example": rollup.example,
    }
