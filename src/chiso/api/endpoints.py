"""The REST API: read frameworks, indicators, units, periods, values, evaluations, DTI scores
and tasks; write values and send submissions. Every call needs a user's API token and sees or
changes only what that user may in the web app (chiso.accounts.permissions)."""

from django.db.models import Count
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Path, Query, Schema
from ninja.pagination import paginate
from ninja.security import HttpBearer

from chiso.accounts.permissions import require, unit_ids_for
from chiso.api import cycle, errors, tokens
from chiso.api.errors import ApiError, ErrorOut
from chiso.api.paging import Chain, CursorPage, Keyed, KeyedChain, Page, Rows
from chiso.api.schemas import (
    ID_LIMIT,
    Code,
    EvaluationOut,
    FrameworkOut,
    IndicatorOut,
    OrgUnitOut,
    PeriodOut,
    ScoreOut,
    SubmissionOut,
    SubmitOut,
    TaskOut,
    ValueIn,
    ValueOut,
)
from chiso.collection import workflow
from chiso.collection.entry import ValueInput
from chiso.collection.models import EnteredValue, Submission
from chiso.collection.schedules import ensure_values
from chiso.engine.numbers import vietnamese_decimals
from chiso.engine.periods import today as periods_today
from chiso.engine.values import Origin
from chiso.frameworks.models import Framework, Indicator
from chiso.observations import stored_scores
from chiso.observations.models import DataValue, TotalPoints, ValueKind, WrittenEvaluation
from chiso.observations.readings import (
    PUBLIC_KINDS,
    Figure,
    Listed,
    PeriodSource,
    count_periods,
    distinct_periods,
    entered_figure,
    entered_list,
    stored_list,
)
from chiso.observations.scores import ScoreNotFound, unit_score
from chiso.orgunits.models import OrgUnit


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <key>``; the request then acts as the token's user."""

    def authenticate(self, request, token: str):
        found = tokens.find(token)
        if found is None:
            return None
        if not tokens.allow(found):
            raise errors.RateLimited(tokens.per_minute())
        request.user = found.user
        return found


api = NinjaAPI(
    title="chiso API",
    version="1",
    urls_namespace="api",
    description="Số liệu chuyển đổi số của tỉnh cho hệ thống khác (IOC, Hệ thống báo cáo Chính phủ). "
    "Gửi khóa API ở tiêu đề «Authorization: Bearer <khóa>». Lỗi luôn có dạng "
    "{\"code\", \"message\", \"details\"}.",
    docs_url="/docs",
    openapi_url="/openapi.json",
    auth=TokenAuth(),
)
errors.install(api)

# The statuses an error can have, all in the one format (chiso.api.errors).
ERRORS = {frozenset({400, 401, 403, 404, 409, 422, 429}): ErrorOut}


def _f(value) -> float | None:
    return None if value is None else float(value)


@api.get("/frameworks", summary="Danh sách bộ chỉ số", response={200: list[FrameworkOut], **ERRORS}, tags=["Bộ chỉ số"])
@paginate(Page)
def frameworks(request):
    """Bộ chỉ số, kế hoạch, đề án."""
    return Rows(Framework.objects.order_by("code"), _framework)


def _framework(f: Framework) -> dict:
    return {
        "code": f.code,
        "kind": f.kind,
        "name": f.name,
        "legal_basis": f.legal_basis,
        "issuer": f.issuer,
        "period": f.period_id,
        "max_points": _f(f.max_points),
    }


@api.get(
    "/frameworks/{code}",
    summary="Một bộ chỉ số và các nhóm của nó",
    response={200: FrameworkOut, **ERRORS},
    tags=["Bộ chỉ số"],
)
def framework(request, code: Code):
    return _framework(get_object_or_404(Framework, code=code))


class IndicatorFilter(Schema):
    framework: Code | None = None


@api.get(
    "/indicators",
    summary="Danh sách chỉ tiêu, chỉ số",
    response={200: list[IndicatorOut], **ERRORS},
    tags=["Bộ chỉ số"],
)
@paginate(Page)
def indicators(request, filters: Query[IndicatorFilter]):
    """Chỉ số, chỉ tiêu (lọc theo bộ chỉ số)."""
    rows = Indicator.objects.select_related("framework", "group").order_by("framework__code", "position")
    if filters.framework:
        rows = rows.filter(framework__code=filters.framework)
    return Rows(
        rows,
        lambda i: {
            "id": i.pk,
            "framework": i.framework.code,
            "group": i.group.code,
            "code": i.code,
            "name": i.name,
            "measure": i.measure,
            "max_points": _f(i.max_points),
            "provisional": i.provisional,
        },
    )


@api.get("/org-units", summary="Danh sách đơn vị", response={200: list[OrgUnitOut], **ERRORS}, tags=["Đơn vị"])
@paginate(Page)
def org_units(request):
    """Đơn vị, kể cả đơn vị cũ (valid_to là ngày cuối còn hiệu lực)."""
    return Rows(
        OrgUnit.objects.select_related("parent").order_by("code"),
        lambda u: {
            "code": u.code,
            "name": u.name,
            "type": u.type,
            "parent": u.parent.code if u.parent else None,
            "valid_from": u.valid_from,
            "valid_to": u.valid_to,
        },
    )


@api.get("/periods", summary="Các kỳ có số liệu", response={200: list[PeriodOut], **ERRORS}, tags=["Số liệu"])
@paginate(Page)
def periods(request, filters: Query[IndicatorFilter]):
    """Kỳ có số liệu: số giá trị chép từ văn bản và số báo cáo định kỳ của mỗi kỳ."""
    values = DataValue.objects.all()
    submissions = Submission.objects.all()
    if filters.framework:
        values = values.filter(indicator__framework__code=filters.framework)
        submissions = submissions.filter(form__framework__code=filters.framework)
    # The periods of either table, distinct and ordered by the database, found by skipping
    # through the period indexes (one entry per period, not every row); only the page's
    # periods are then counted.
    return _PeriodRows(values, submissions)


class _PeriodRows(Rows):
    def __init__(self, values, submissions):
        super().__init__(values)
        self.values, self.submissions = values, submissions
        self.sources = (PeriodSource(values, DataValue), PeriodSource(submissions, Submission))

    def count(self) -> int:
        if self._count is None:
            self._count = count_periods(*self.sources)
        return self._count

    def slice(self, start: int, stop: int) -> list[dict]:
        page = distinct_periods(*self.sources, start=start, stop=stop)
        if not page:
            return []
        counted = {
            # COUNT(*), unordered: the values' count then reads the period index only (no heap,
            # no join to the units the reports' default order names).
            name: dict(rows.filter(period_id__in=page).order_by().values_list("period_id").annotate(n=Count("*")))
            for name, rows in (("values", self.values), ("submissions", self.submissions))
        }
        return [
            {"period": p, "values": counted["values"].get(p, 0), "submissions": counted["submissions"].get(p, 0)}
            for p in page
        ]


class ValueFilter(Schema):
    framework: Code | None = None
    unit: Code | None = None
    period: Code | None = None
    status: Code | None = None


@api.get(
    "/values", summary="Số liệu theo chỉ tiêu, đơn vị, kỳ", response={200: list[ValueOut], **ERRORS}, tags=["Số liệu"]
)
@paginate(CursorPage)
def values(request, filters: Query[ValueFilter]):
    """Giá trị: chép từ văn bản hoặc tổng hợp từ đơn vị (status «published» nếu văn bản đã công bố,
    «working» nếu là số liệu làm việc: tự đánh giá, thẩm định, dự kiến) và đơn vị nhập (draft,
    submitted, returned, approved; bản chưa duyệt chỉ của đơn vị người dùng được xem).

    Đọc hết danh sách: gọi trang đầu (không có cursor), rồi lần lượt gọi địa chỉ «next» của mỗi
    trang cho đến khi «next» là null; mỗi dòng có đúng một lần, theo thứ tự cố định (giá trị chép
    từ văn bản theo chỉ tiêu, kỳ; rồi giá trị đơn vị nhập theo báo cáo). Trang đọc theo cursor nhanh
    như nhau dù ở đầu hay cuối danh sách và không đếm lại tổng số (count là null); trang đầu đếm
    tổng số, trừ khi gửi count=false (đếm cả danh sách lớn tốn thời gian). offset chỉ dùng được
    trong 10.000 dòng đầu (chậm dần theo độ sâu); sâu hơn bị từ chối: đi tiếp theo «next»."""
    scope = _value_scope(filters)
    listings = []
    if filters.status in (None, "", "published", "working"):
        kinds = {"published": PUBLIC_KINDS, "working": WORKING_KINDS}.get(filters.status or "")
        listings.append(stored_list(**scope, kinds=kinds))
    if filters.status not in ("published", "working"):
        statuses = [filters.status] if filters.status else None
        listings.append(entered_list(**scope, viewer=request.user, empty=True, statuses=statuses))
    parts = [Keyed(li.rows, li.key, _listed_page(li.listed), counted=li.counted) for li in listings]
    return KeyedChain(*parts, filters=filters.model_dump())


WORKING_KINDS = tuple(k for k in ValueKind.values if k not in PUBLIC_KINDS)
_API_ORIGIN = {Origin.TRANSCRIBED: "document", Origin.ENTERED: "submission", Origin.ROLLED_UP: "rollup"}


def _value_scope(filters: ValueFilter) -> dict:
    return {
        "framework": filters.framework or None,
        "units": OrgUnit.objects.filter(code=filters.unit) if filters.unit else None,
        "periods": [filters.period] if filters.period else None,
    }


def _listed_page(listed):
    return lambda rows: [_listed_value(listed(row)) for row in rows]


def _listed_value(f: Listed) -> dict:
    """A figure as the API shows it."""
    entered = f.origin is Origin.ENTERED
    # A document's figure is "published" only when the document was (PUBLIC_KINDS); the
    # office's self-assessments, appraisals and projections are working figures.
    return {
        "origin": _API_ORIGIN[f.origin],
        "framework": f.framework,
        "indicator": f.indicator,
        "unit": f.unit,
        "period": f.period_id,
        "value": vietnamese_decimals(f.text),
        "number": _f(f.number),
        "kind": None if entered else f.kind,
        "status": f.status if entered else ("published" if f.kind in PUBLIC_KINDS else "working"),
        "submission": f.submission_id,
        "version": f.version,
        "updated_at": f.updated_at,
    }


def _value(f: Figure) -> dict:
    entered = f.origin is Origin.ENTERED
    return _listed_value(
        Listed(
            origin=f.origin,
            framework=f.indicator.framework.code,
            indicator=f.indicator.code,
            unit=f.unit.code if f.unit else None,
            period_id=f.period_id,
            text=f.text,
            number=f.number,
            kind=f.kind,
            status=f.status,
            submission_id=f.submission_id,
            version=f.record.version if entered else None,
            updated_at=f.record.updated_at if entered else f.updated_at,
        )
    )


class EvaluationFilter(Schema):
    framework: Code | None = None
    unit: Code | None = None
    period: Code | None = None


@api.get(
    "/evaluations",
    summary="Đánh giá đã ghi trong văn bản",
    response={200: list[EvaluationOut], **ERRORS},
    tags=["Số liệu"],
)
@paginate(Page)
def evaluations(request, filters: Query[EvaluationFilter]):
    """Đánh giá ghi trong văn bản (Vượt, Đạt, Chưa đạt, …) so với mục tiêu của kỳ, rồi đánh giá số
    liệu toàn tỉnh tổng hợp từ báo cáo đã duyệt (origin «rollup», kèm giá trị và số đơn vị đã tính)."""
    rows = WrittenEvaluation.objects.select_related("indicator__framework", "unit").order_by(
        "indicator__framework__code", "indicator__position", "period_id", "pk"
    )
    if filters.framework:
        rows = rows.filter(indicator__framework__code=filters.framework)
    if filters.unit:
        rows = rows.filter(unit__code=filters.unit)
    if filters.period:
        rows = rows.filter(period_id=filters.period)
    written = Rows(
        rows,
        lambda e: {
            "framework": e.indicator.framework.code,
            "indicator": e.indicator.code,
            "unit": e.unit.code,
            "period": e.period_id,
            "target_period": e.target_period_id,
            "written": e.written,
            "status": e.status,
        },
    )
    return Chain(written, cycle.rolled_up_evaluations(filters.framework, filters.unit, filters.period))


@api.get(
    "/dti-scores/{unit}/{period}",
    summary="Điểm DTI của một đơn vị trong một kỳ",
    response={200: ScoreOut, **ERRORS},
    tags=["DTI"],
)
def dti_score(request, unit: Code, period: Code, kind: Code | None = None, framework: Code = "dti-tinh-2025"):
    """Điểm DTI của một đơn vị trong một kỳ: điểm công bố, trung bình các tỉnh cũ (tỉnh hợp
    nhất) hoặc tính từ giá trị chỉ số thành phần."""
    if not Framework.objects.filter(code=framework, kind=Framework.Kind.DTI).exists():
        raise ApiError(404, "khong_tim_thay", f"Không có bộ chỉ số DTI mã «{framework}».")
    place, unit_row = None, OrgUnit.objects.filter(code=unit).first()
    kept = stored_scores.kept(framework, unit_row.pk, period, kind or None) if unit_row else None
    try:
        # Totals, pillars and rank are the kept ones; the sub-indicators' detail is not kept.
        detail = unit_score(framework, unit, period, kept.score.kind.value if kept else (kind or None))
    except ScoreNotFound as error:
        raise ApiError(404, "khong_tim_thay", str(error)[:1].upper() + str(error)[1:] + ".") from None
    score = kept.score if kept else detail
    printed = TotalPoints.objects.filter(unit__code=unit, period_id=period, kind=score.kind.value).first()
    if not (printed and printed.rank) and unit_row is not None:
        place = stored_scores.place_of(unit_row, framework, period, score.kind.value)
    return {
        "framework": framework,
        "unit": unit,
        "period": period,
        "kind": score.kind.value,
        "total": float(score.total),
        "max_points": float(score.max_points),
        "index": float(score.index),
        "rank": printed.rank if printed and printed.rank else (place.text if place else ""),
        "pillars": [
            {"code": p.code, "name": p.name, "points": float(p.points), "max_points": float(p.max_points)}
            for p in score.pillars
        ],
        "sub_indicators": [
            {
                "code": s.code,
                "points": float(s.points),
                "max_points": float(s.max_points),
                "complete": s.complete,
                "provisional": s.provisional,
                "note": s.note,
            }
            for s in detail.sub_indicators
        ],
    }


class SubmissionFilter(Schema):
    unit: Code | None = None
    period: Code | None = None
    status: Code | None = None


@api.get(
    "/submissions",
    summary="Danh sách báo cáo định kỳ",
    response={200: list[SubmissionOut], **ERRORS},
    tags=["Báo cáo định kỳ"],
)
@paginate(Page)
def submissions(request, filters: Query[SubmissionFilter]):
    """Báo cáo định kỳ của các đơn vị người dùng được xem."""
    rows = (
        Submission.objects.filter(unit_id__in=unit_ids_for(request.user, "view"))
        .select_related("unit", "form")
        .order_by("period_id", "unit__code", "pk")
    )
    if filters.unit:
        rows = rows.filter(unit__code=filters.unit)
    if filters.period:
        rows = rows.filter(period_id=filters.period)
    if filters.status:
        rows = rows.filter(status=filters.status)
    return Rows(rows, _submission)


def _submission(s: Submission) -> dict:
    return {
        "id": s.pk,
        "unit": s.unit.code,
        "period": s.period_id,
        "form": s.form.code if s.form else None,
        "status": s.status,
        "deadline": s.deadline,
        "timeliness": s.timeliness,
        "version": s.version,
    }


class TaskFilter(Schema):
    unit: Code | None = None
    overdue: bool | None = None


@api.get("/tasks", summary="Danh sách nhiệm vụ", response={200: list[TaskOut], **ERRORS}, tags=["Nhiệm vụ"])
@paginate(Page)
def tasks(request, filters: Query[TaskFilter]):
    """Nhiệm vụ với đơn vị chủ trì, thời hạn như văn bản ghi và tình trạng."""
    from chiso.tasks.models import Task
    from chiso.tasks.queries import overdue

    rows = Task.objects.prefetch_related("lead_units").order_by("dataset__code", "position", "pk")
    if filters.unit:
        rows = rows.filter(lead_units__code=filters.unit).distinct()
    today = periods_today()
    if filters.overdue is not None:
        late = overdue(today, Task.objects.all()).values("pk")
        rows = rows.filter(pk__in=late) if filters.overdue else rows.exclude(pk__in=late)
    return Rows(
        rows,
        lambda t: {
            "id": t.pk,
            "code": t.code,
            "plan": t.plan,
            "description": t.title,
            "lead_units": [u.code for u in t.lead_units.all()],
            "deadline": t.deadline_label(),
            "status": t.status,
            "overdue": t.overdue_on(today),
        },
    )


@api.post(
    "/values", summary="Ghi một số liệu vào báo cáo", response={200: ValueOut, **ERRORS}, tags=["Báo cáo định kỳ"]
)
def write_value(request, payload: ValueIn):
    """Nhập hoặc sửa một giá trị của báo cáo đang nhập hay bị trả lại (cần quyền nhập số liệu
    của đơn vị; kiểm tra như khi nhập trên web; ``version`` chống ghi đè)."""
    submission = get_object_or_404(Submission.objects.select_related("unit"), pk=payload.submission)
    require(request.user, "enter", submission.unit)
    ensure_values(submission)
    value = submission.values.filter(item__indicator__code=payload.indicator).first()
    if value is None:
        raise ApiError(404, "khong_tim_thay", f"Báo cáo {submission.pk} không có chỉ tiêu mã «{payload.indicator}».")
    given = ValueInput(
        value=payload.value,
        numerator=payload.numerator,
        denominator=payload.denominator,
        comment=payload.comment,
        evidence_ref=payload.evidence_ref,
        jump_confirmed=payload.jump_confirmed,
    )
    result = workflow.save_draft(request.user, submission, {value.pk: (given, payload.version)})
    if not result.ok:
        problems = result.checked[value.pk].errors
        raise ApiError(
            422,
            "du_lieu_khong_hop_le",
            f"Chỉ tiêu {payload.indicator}: " + "; ".join(problems.values()),
            [{"field": k, "message": m} for k, m in problems.items()],
        )
    value.refresh_from_db()
    return _value(
        entered_figure(
            EnteredValue.objects.select_related(
                "item__indicator__framework", "submission__unit", "submission__form"
            ).get(pk=value.pk)
        )
    )


@api.post(
    "/submissions/{submission_id}/submit",
    summary="Gửi báo cáo",
    response={200: SubmitOut, **ERRORS},
    tags=["Báo cáo định kỳ"],
)
def submit(request, submission_id: int = Path(..., ge=1, le=ID_LIMIT)):
    """Ký gửi báo cáo lên Sở (cần vai trò lãnh đạo đơn vị)."""
    submission = get_object_or_404(Submission.objects.select_related("unit"), pk=submission_id)
    require(request.user, "submit", submission.unit)
    verdict = workflow.submit(request.user, submission)
    return {"id": submission.pk, "status": submission.status, "timeliness": verdict}
