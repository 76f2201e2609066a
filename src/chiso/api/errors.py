"""One error format for every API failure: ``{"code": ..., "message": ...}`` in Vietnamese.

``code`` is a stable ASCII word a program can test; ``message`` says what is wrong for a person;
``details`` lists field errors where there are several.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from chiso.collection.entry import StaleEdit
from chiso.collection.workflow import WorkflowError


class ErrorOut(Schema):
    code: str
    message: str
    details: list[dict] = []


class ApiError(Exception):
    """An error the endpoints raise on purpose, with its HTTP status."""

    def __init__(self, status: int, code: str, message: str, details: list[dict] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details or []


class RateLimited(ApiError):
    def __init__(self, limit: int):
        super().__init__(
            429,
            "vuot_gioi_han",
            f"Các khóa API của người dùng này đã gửi quá {limit} yêu cầu trong một "
            "phút (giới hạn tính chung cho mọi khóa); hãy thử lại sau ít giây.",
        )


def _field(loc) -> str:
    return ".".join(str(x) for x in loc if x not in ("body", "payload", "query", "path"))


# pydantic's checks, said in Vietnamese (a program reads ``code``; a person reads ``message``).
_CHECKS = {
    "missing": "thiếu, cần gửi",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "float_parsing": "phải là số",
    "float_type": "phải là số",
    "bool_parsing": "phải là true hoặc false",
    "bool_type": "phải là true hoặc false",
    "string_type": "phải là chuỗi ký tự",
    "string_unicode": "có ký tự không hợp lệ (mã Unicode lẻ), không lưu được",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "greater_than_equal": "không được nhỏ hơn {ge}",
    "greater_than": "phải lớn hơn {gt}",
    "less_than_equal": "không được lớn hơn {le}",
    "less_than": "phải nhỏ hơn {lt}",
    "string_too_long": "dài quá {max_length} ký tự",
    "string_too_short": "cần ít nhất {min_length} ký tự",
    "json_invalid": "không phải JSON hợp lệ",
    "model_attributes_type": "phải là một đối tượng JSON",
    "dict_type": "phải là một đối tượng JSON",
}


def _check_message(error: dict) -> str:
    """One pydantic error in Vietnamese; our own validators already raise Vietnamese text."""
    context = error.get("ctx") or {}
    if error.get("type") == "value_error" and "error" in context:
        return str(context["error"])
    template = _CHECKS.get(error.get("type", ""))
    if template is None:
        return "không hợp lệ"
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return "không hợp lệ"


def install(api: NinjaAPI) -> None:
    """Register the handlers that turn every failure into the one format."""

    def reply(request, status, code, message, details=None):
        return api.create_response(request, {"code": code, "message": message, "details": details or []}, status=status)

    @api.exception_handler(ApiError)
    def _api_error(request, exc: ApiError):
        return reply(request, exc.status, exc.code, exc.message, exc.details)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        return reply(
            request,
            401,
            "chua_xac_thuc",
            "Thiếu khóa API hoặc khóa không đúng, đã thu hồi. Gửi tiêu đề "
            "«Authorization: Bearer <khóa>»; tạo khóa ở trang Khóa API.",
        )

    @api.exception_handler(PermissionDenied)
    def _forbidden(request, exc):
        return reply(request, 403, "khong_co_quyen", str(exc) or "Bạn không có quyền làm việc này.")

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return reply(request, 404, "khong_tim_thay", str(exc) or "Không tìm thấy.")

    @api.exception_handler(ObjectDoesNotExist)
    def _missing(request, exc):
        return reply(request, 404, "khong_tim_thay", "Không tìm thấy bản ghi được yêu cầu.")

    @api.exception_handler(ValidationError)
    def _invalid(request, exc: ValidationError):
        details = [{"field": _field(e.get("loc", ())), "message": _check_message(e)} for e in exc.errors]
        fields = ", ".join(d["field"] or "nội dung" for d in details)
        return reply(request, 422, "du_lieu_khong_hop_le", f"Dữ liệu gửi lên không hợp lệ ở: {fields}.", details)

    @api.exception_handler(WorkflowError)
    def _workflow(request, exc: WorkflowError):
        return reply(request, 409, "trang_thai_khong_phu_hop", exc.message)

    @api.exception_handler(StaleEdit)
    def _stale(request, exc: StaleEdit):
        return reply(request, 409, "xung_dot_phien_ban", exc.message)

    @api.exception_handler(HttpError)
    def _http(request, exc: HttpError):
        return reply(request, exc.status_code, "loi_yeu_cau", str(exc))
