"""The user's notices: the list (newest first, a page at a time) and opening one, which marks it read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from chiso.collection.notices import mark_read, notices_for

PER_PAGE = 30


@login_required
@require_GET
def notice_list(request: HttpRequest) -> HttpResponse:
    """Every notice of the user's units; those the user has not read are marked «Mới»."""
    notices = notices_for(request.user).order_by("-created_at", "-pk")
    page = Paginator(notices, PER_PAGE).get_page(request.GET.get("trang"))
    unread = set(
        notices.filter(pk__in=[n.pk for n in page]).exclude(read_by=request.user.pk).values_list("pk", flat=True)
    )
    return render(request, "collection/notices.html", {"page": page, "unread": unread})


@login_required
@require_GET
def notice_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a notice: it counts as read, and the user lands on the report it is about."""
    notice = notices_for(request.user).filter(pk=pk).first()
    if notice is None:
        raise Http404("Không có thông báo này, hoặc thông báo không thuộc đơn vị của bạn.")
    mark_read(request.user, notices_for(request.user).filter(pk=pk))
    if notice.submission_id is None:
        return redirect(reverse("collection:notices"))
    return redirect(reverse("collection:submission", args=[notice.submission_id]) + "#thong-bao")
