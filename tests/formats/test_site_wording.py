"""Every page as every demo user: no figure, date or word from the machine reaches a person.

The crawl starts at the home page and follows the links each user is shown (GET only, inside
the site, not the admin or the API), visiting a few addresses of each route so that it stays
fast; the open data downloads are read as the public reads them. On what a person sees (text,
not markup or scripts) it looks for the leaks a new user found: a year or date written as a
number ("năm 2.026", "20/12/2.026"), a dot-decimal percent or score ("6.87%", "tổng điểm
564.88"), an ISO period in a heading ("2026-12"), a seed file's name ("000_f89b….txt"), a
rule or status key ("linear", «chua_bao_cao», «has_section»), a transcription note ("Exact: …
line 287"), a command to type on the server («chiso jobs run»), and a link that answers 403 to the user it is shown to.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import Resolver404, resolve

from chiso.collection.models import Submission
from chiso.engine.scoring import RULES
from chiso.tasks.models import Task

# The demo's users (chiso.collection.demo), one per role, and the public.
ROLES = ("vanphong", "khcn_nhaplieu", "khcn_lanhdao", "xa_nhaplieu", "xa_lanhdao", "lanhdao_tinh", None)
# Addresses visited per route, and per route and set of query names: enough to see each page's kinds.
PER_ROUTE, PER_QUERY = 4, 2
SKIPPED = ("/admin/", "/api/", "/tai-khoan/dang-xuat", "/static/", "/media/")
PUBLIC_FILES = ("opendata:csv", "opendata:json")

# Keys a page must name in words: scoring rules ("linear") and stored statuses ("draft", "hoan_thanh").
KEYS = sorted({*RULES, *(key for model in (Submission, Task) for key, _ in model._meta.get_field("status").choices)})

LEAKS = {
    "a year or date written with a thousands separator": re.compile(
        r"(?:\b\d{1,2}/\d{1,2}/|\b(?:[Nn]ăm|NĂM|[Tt]háng \d{1,2}/|[Qq]uý [IVX]+/)\s*)[12]\.\d{3}(?![\d.,])"
    ),
    "a dot-decimal percent or score": re.compile(r"(?<![\d.,])\d+\.\d{1,2}\s?%|\bđiểm:?\s+\d+\.\d\d(?![\d.,])"),
    "a seed file's name": re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b"),
    "a transcription note": re.compile(r"\bExact:|\bEvidence:|\bline \d+|\[transcription"),
    "a command line": re.compile(r"\bchiso\s+[a-z][a-z-]+|\bpython3?\s+-m\b|\bmanage\.py\b|\.venv/|\bpip install\b"),
    "an internal key": re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\b(?:" + "|".join(KEYS) + r")\b"),
}
ISO_PERIOD = re.compile(r"\b(?:19|20)\d\d-(?:0[1-9]|1[0-2]|Q[1-4]|H[12])\b")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "title", "caption", "legend"}


class _Page(HTMLParser):
    """The text a person reads (headings apart) and the links they can follow."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.headings: list[str] = []
        self.links: list[str] = []
        self._hidden = 0
        self._heading = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        self._heading += tag in HEADINGS
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")
        for name in ("title", "placeholder", "aria-label", "alt"):
            if found.get(name):
                self.text.append(found[name] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self._hidden = max(0, self._hidden - 1)
        if tag in HEADINGS:
            self._heading = max(0, self._heading - 1)

    def handle_data(self, data: str) -> None:
        if self._hidden or not data.strip():
            return
        (self.headings if self._heading else self.text).append(data.strip())


@dataclass
class Crawl:
    pages: dict[str, _Page] = field(default_factory=dict)  # address → what it shows
    files: dict[str, str] = field(default_factory=dict)  # open data downloads → their text
    refused: list[tuple[str, str]] = field(default_factory=list)  # (shown on, link) answered 403


def _route_of(address: str) -> tuple[str, tuple[str, ...]] | None:
    parts = urlsplit(address)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    names = tuple(sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair}))
    return match.view_name, names


def _inside(base: str, href: str) -> str | None:
    href = urldefrag(href)[0]
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not href.startswith("/"):
        href = base.rsplit("/", 1)[0] + "/" + href if not href.startswith("?") else base.split("?")[0] + href
    return None if href.startswith(SKIPPED) else href


def crawl(username: str | None) -> Crawl:
    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    seen: set[str] = set()
    per_route: Counter[object] = Counter()
    result = Crawl()
    queue = [("/", "/")] + ([("/", "/du-lieu-mo/")] if username is None else [])
    while queue:
        shown_on, address = queue.pop(0)
        route = _route_of(address)
        if address in seen or route is None or per_route[route] >= PER_QUERY or per_route[route[0]] >= PER_ROUTE:
            continue
        seen.add(address)
        per_route.update([route, route[0]])
        response = client.get(address)
        if response.status_code == 403:
            result.refused.append((shown_on, address))
            continue
        content_type = response.get("Content-Type", "")
        if route[0] in PUBLIC_FILES and response.status_code == 200:
            result.files[address] = response.content.decode("utf-8-sig")
        if response.status_code != 200 or not content_type.startswith("text/html"):
            continue
        page = _Page()
        page.feed(response.content.decode())
        result.pages[address] = page
        for href in page.links:
            target = _inside(address, href)
            if target and target not in seen:
                queue.append((address, target))
    return result


_CRAWLS: dict[str | None, Crawl] = {}


@pytest.fixture
def crawled(demo_data, db):
    """The crawl of one user, made once per test process (GET pages write nothing it reads)."""

    from chiso.orgunits.models import OrgUnit
    from chiso.simulator.models import Scenario

    # The demo has no simulator scenario: one of the office's, so that its page is crawled too.
    Scenario.objects.create(
        name="Kịch bản thử",
        unit=OrgUnit.objects.get(code="dong-thap"),
        base_period_id="2024",
        created_by=User.objects.get(username="vanphong"),
    )

    def of(username: str | None) -> Crawl:
        if username not in _CRAWLS:
            _CRAWLS[username] = crawl(username)
        return _CRAWLS[username]

    return of


def _findings(crawl: Crawl, pattern: re.Pattern[str], *, headings_only: bool = False) -> list[str]:
    # A user name (khcn_nhaplieu) is what a person types to sign in: shown on purpose.
    names = set(User.objects.values_list("username", flat=True))
    found = []
    for address, page in crawl.pages.items():
        texts = page.headings if headings_only else page.text + page.headings
        found += [
            f"{address}: «{m.group(0)}» in «{t[:120]}»"
            for t in texts
            for m in pattern.finditer(t)
            if m.group(0) not in names
        ]
    return found


ROLE_IDS = [name or "cong-chung" for name in ROLES]


def test_the_crawl_reaches_the_pages_of_each_area(crawled):
    areas = {address.split("/")[1] for address in crawled("vanphong").pages}
    assert {
        "",
        "bao-cao-dinh-ky",
        "tu-danh-gia-dti",
        "nhiem-vu",
        "van-ban",
        "mo-phong-dti",
        "du-lieu-mo",
        "chi-so",
        "don-vi",
    } <= areas


@pytest.mark.parametrize("username", ROLES, ids=ROLE_IDS)
@pytest.mark.parametrize("leak", sorted(LEAKS))
def test_pages_show_no_machine_text(crawled, username, leak):
    assert _findings(crawled(username), LEAKS[leak]) == []


@pytest.mark.parametrize("username", ROLES, ids=ROLE_IDS)
def test_headings_name_periods_in_words_not_iso(crawled, username):
    assert _findings(crawled(username), ISO_PERIOD, headings_only=True) == []


@pytest.mark.parametrize("username", ROLES, ids=ROLE_IDS)
def test_no_link_shown_to_a_user_is_refused_to_them(crawled, username):
    assert crawled(username).refused == []


@pytest.mark.parametrize("leak", ["a seed file's name", "a transcription note", "a dot-decimal percent or score"])
def test_public_open_data_files_carry_no_file_names_or_notes(crawled, leak):
    files = crawled(None).files
    assert files, "the crawl found no open data download"
    assert [f"{address}: «{m.group(0)}»" for address, text in files.items() for m in LEAKS[leak].finditer(text)][
        :20
    ] == []
