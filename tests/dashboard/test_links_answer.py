"""Every link on the home page and the task pages opens for the demo user it is shown to.

A reporter of Sở KH&CN used to see eleven unit links on Tổng quan that ended in 403; a link a
user cannot open is now plain text. The crawl follows each page's links once per route and
query shape (GET only, inside the site, not the admin, the API or logging out).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth.models import User
from django.urls import Resolver404, resolve

from chiso.tasks.models import Task

PERSONAS = ("vanphong", "khcn_nhaplieu", "khcn_lanhdao", "xa_nhaplieu", "xa_lanhdao", "lanhdao_tinh")
SKIPPED = ("/admin/", "/api/", "/tai-khoan/dang-xuat", "/static/", "/media/")
PER_SHAPE = 3
HREF = re.compile(r'<a\b[^>]*\bhref="([^"#][^"]*)"')


def _start_pages() -> list[str]:
    shared = Task.objects.filter(lead_units__isnull=False).order_by("pk").first()
    return ["/", "/nhiem-vu/", "/nhiem-vu/?xem=qua-han", "/nhiem-vu/?xem=theo-don-vi", f"/nhiem-vu/{shared.pk}/"]


def _shape(url: str) -> tuple | None:
    """The route and the query's names: one shape stands for many addresses."""
    parts = urlsplit(url)
    if parts.netloc or not parts.path.startswith("/") or parts.path.startswith(SKIPPED):
        return None
    try:
        name = resolve(parts.path).view_name
    except Resolver404:
        return ("?", parts.path)
    return (name, tuple(sorted(re.findall(r"([^&=]+)=", parts.query))))


def _links(page: str, at: str) -> set[str]:
    return {urljoin(at, href.replace("&amp;", "&")) for href in HREF.findall(page)}


@pytest.mark.parametrize("username", PERSONAS)
def test_every_link_on_home_and_task_pages_opens_for_the_user(client, demo_data, db, username):
    client.force_login(User.objects.get(username=username))
    refused, seen = [], {}
    for start in _start_pages():
        answer = client.get(start)
        assert answer.status_code == 200, start
        for link in sorted(_links(answer.content.decode(), start)):
            shape = _shape(link)
            if shape is None or link in seen.get(shape, ()) or len(seen.get(shape, ())) >= PER_SHAPE:
                continue
            seen.setdefault(shape, set()).add(link)
            if client.get(link).status_code == 403:
                refused.append(f"{link} (trên {start})")
    assert not refused, f"{username} thấy liên kết bị từ chối: {refused}"
