"""Public open-data pages: no login, approved and published values only."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from chiso.frameworks.models import Framework
from chiso.opendata.catalogue import ORIGIN_LABELS, open_values, published_periods
from chiso.opendata.exports import indicator_metadata, to_csv, to_json


def index(request: HttpRequest) -> HttpResponse:
    """Every framework with open data, and its periods."""
    return render(request, "opendata/index.html", {"catalogue": published_periods()})


def _values(code: str, period_id: str):
    framework = get_object_or_404(Framework, code=code)
    values = open_values(framework, period_id)
    if not values:
        raise Http404(f"Chưa có dữ liệu mở của «{framework.name}» kỳ {period_id}.")
    return framework, values


def table(request: HttpRequest, code: str, period_id: str) -> HttpResponse:
    framework, values = _values(code, period_id)
    meta = indicator_metadata(framework, values)
    rows = [(v, meta[v.indicator_code], ORIGIN_LABELS[v.origin]) for v in values]
    return render(
        request,
        "opendata/table.html",
        {
            "framework": framework,
            "period_id": period_id,
            "rows": rows,
            "metadata": list(meta.values()),
            "last_update": max(v.updated_at for v in values),
        },
    )


def as_csv(request: HttpRequest, code: str, period_id: str) -> HttpResponse:
    framework, values = _values(code, period_id)
    response = HttpResponse(to_csv(framework, values).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{framework.code}_{period_id}.csv"'
    return response


def as_json(request: HttpRequest, code: str, period_id: str) -> HttpResponse:
    framework, values = _values(code, period_id)
    body = json.dumps(to_json(framework, period_id, values), ensure_ascii=False, indent=1)
    return HttpResponse(body.encode("utf-8"), content_type="application/json; charset=utf-8")
