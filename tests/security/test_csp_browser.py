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


# Pages loaded one after another in this many tabs of the same session: each page still waits
# until its network has been idle for half a second (what the policy's reports and a late fetch,
# such as the API docs' schema, need), but those waits overlap with the next pages' loads.
TABS = 4


def _watch(tab, problems: list[str], url: str) -> None:
    """Record, under `url`, every policy message, script error and failed response of `tab`."""
    tab.on(
        "console",
        lambda m: (
            problems.append(f"{url}: {m.text}")
            if "Content Security Policy" in m.text
            or (m.type == "error" and "favicon.ico" not in (m.location or {}).get("url", ""))
            else None
        ),
    )
    tab.on("pageerror", lambda e: problems.append(f"{url}: {e}"))
    tab.on(
        "response",
        lambda r: problems.append(f"{url}: {r.status} {r.url}") if r.status >= 400 and "favicon" not in r.url else None,
    )


def test_no_page_breaks_the_content_security_policy(live_server, page, demo_site):
    office = demo_site["users"]["office"]
    office.is_staff = office.is_superuser = True  # the admin pages too
    office.save()
    problems: list[str] = []
    _watch(page, problems, "/tai-khoan/dang-nhap/")
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(office.username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    page.wait_for_load_state("networkidle")
    urls = page_urls(demo_site["known"])
    visited = []
    for first in range(0, len(urls), TABS):
        tabs = []
        for url in urls[first : first + TABS]:
            tab = page.context.new_page()  # the same session: logged in as the office
            _watch(tab, problems, url)
            response = tab.goto(f"{live_server.url}{url}")
            assert response.status < 400, (url, response.status)
            tabs.append(tab)
            visited.append(url)
        for tab in tabs:
            tab.wait_for_load_state("networkidle")
            tab.close()
    assert not problems, "\n".join(problems)
    assert len(visited) >= 20
