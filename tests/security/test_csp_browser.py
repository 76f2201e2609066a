"""Every page of the site works under the Content-Security-Policy in a real browser.

The DX office (who sees every page) visits each GET page of the URL resolver, the API docs and
the admin; any console message about the policy (a blocked inline script, style attribute,
event handler or foreign resource) or any script error fails the test with the page named.
"""

import pytest

from .conftest import DEMO_PASSWORD
from .routes import KIND, site_routes, url_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXTRA_PAGES = [
    "/api/docs",
    "/admin/",
    "/admin/collection/submission/",
    "/admin/auth/user/add/",
    "/tai-khoan/dang-nhap/?next=/",
]


def page_urls(known: dict) -> list[str]:
    queries = known.get("query", {})
    pages = [url_for(r, known) + queries.get(r.name, "") for r in site_routes() if KIND[r.name] == "page"]
    return pages + EXTRA_PAGES


def _settle(page, pending: set) -> None:
    """Wait until the page has no request in flight and has drawn a frame after its last one:
    what the policy could block has been asked for and reported (instead of "networkidle",
    which waits 500 ms more on every page)."""
    for _ in range(3000):  # Playwright's own 30 s, as "networkidle" had
        if pending:
            page.wait_for_timeout(10)
            continue
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done)))")
        if not pending:
            return
    raise AssertionError(f"still loading after 30 s: {sorted(r.url for r in pending)}")


def test_no_page_breaks_the_content_security_policy(live_server, page, demo_site):
    office = demo_site["users"]["office"]
    office.is_staff = office.is_superuser = True  # the admin pages too
    office.save()
    problems: list[str] = []
    current = {"url": ""}
    page.on(
        "console",
        lambda m: (
            problems.append(f"{current['url']}: {m.text}")
            if "Content Security Policy" in m.text
            or (m.type == "error" and "favicon.ico" not in (m.location or {}).get("url", ""))
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"{current['url']}: {e}"))
    # The requests a page has made and not yet finished (its scripts', the API docs' spec too).
    pending: set = set()
    page.on("request", lambda r: pending.add(r))
    page.on("requestfinished", lambda r: pending.discard(r))
    page.on("requestfailed", lambda r: pending.discard(r))
    page.on(
        "response",
        lambda r: (
            problems.append(f"{current['url']}: {r.status} {r.url}")
            if r.status >= 400 and "favicon" not in r.url
            else None
        ),
    )
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(office.username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    visited = []
    for url in page_urls(demo_site["known"]):
        current["url"] = url
        response = page.goto(f"{live_server.url}{url}")
        _settle(page, pending)
        assert response.status < 400, (url, response.status)
        visited.append(url)
    assert not problems, "\n".join(problems)
    assert len(visited) >= 20
