"""One guard in front of every page: an address or form holding a character no person types
is answered 400 in Vietnamese before any view reads it.

A NUL byte (``%00``) in a path or query string reached the views, which handed it to the
database: PostgreSQL refuses NUL in text, and 14 pages, the anonymous open data among them,
answered 500. Control characters have no place in an address, so the path and every query
parameter are refused outright; in a posted form only what the database cannot store (NUL and
the other characters ``chiso.engine.limits`` refuses) is, since tabs and new lines are typed
in text boxes. Uploaded files are data and are not looked at here.

A number in the path (``<int:pk>``) larger than any record id overflowed SQLite's integer in
the query; such an address names nothing and is answered 404 before the view runs.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from chiso.engine.limits import forbidden_character

API_PREFIX = "/api/"
# The largest id a database row can have (64-bit).
ID_LIMIT = 2**63 - 1


def _in_address(request: HttpRequest) -> str:
    for text in (request.path, *request.GET.keys(), *(v for vs in request.GET.lists() for v in vs[1])):
        bad = forbidden_character(text, address=True)
        if bad:
            return bad
    return ""


def _in_form(request: HttpRequest) -> str:
    if request.method != "POST" or request.content_type not in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        return ""
    for key, values in request.POST.lists():
        for text in (key, *values):
            bad = forbidden_character(text)
            if bad:
                return bad
    return ""


def refusal(request: HttpRequest, where: str, bad: str) -> HttpResponse:
    message = (
        f"{where} có {bad}, hệ thống không nhận. Hãy kiểm tra lại đường dẫn hoặc nội dung "
        "vừa gõ (thường do dán từ tệp khác)."
    )
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"code": "ky_tu_khong_hop_le", "message": message, "details": []}, status=400)
    return render(request, "400.html", {"message": message}, status=400)


class RequestGuard:
    """Django middleware: 400 for control characters in the path, the query or a posted form;
    404 for a number in the path beyond any id.

    Listed after the authentication middleware, so the page it answers has the site's header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        bad = _in_address(request)
        if bad:
            return refusal(request, "Đường dẫn", bad)
        bad = _in_form(request)
        if bad:
            return refusal(request, "Nội dung gửi lên", bad)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if any(isinstance(v, int) and not -ID_LIMIT <= v <= ID_LIMIT for v in (*view_args, *view_kwargs.values())):
            if request.path.startswith(API_PREFIX):
                return JsonResponse(
                    {"code": "khong_tim_thay", "message": "Không có bản ghi mang số này.", "details": []}, status=404
                )
            raise Http404("Không có bản ghi mang số này.")
        return None
