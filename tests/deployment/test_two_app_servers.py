"""Two app servers, one truth: two gunicorn servers with nothing in common but PostgreSQL, Redis
and an S3-compatible store (each its own data folder) agree on sessions, the login throttle, the
overview and the evidence files.

Skipped, saying why, when PostgreSQL or Redis does not answer (CI has both).
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pytest
import requests

from tests.deployment import servers
from tests.deployment.province import PASSWORD
from tests.fixtures.s3_server import KEYS, new_bucket

LOGIN = "/tai-khoan/dang-nhap/"
PDF = b"%PDF-1.4 bien ban kiem chung"
LOCKED = "Đăng nhập sai quá nhiều lần"


@pytest.fixture(scope="module")
def pair(servers_redis_url, s3_endpoint, tmp_path_factory):
    why = servers.postgres_unreachable()
    if why:
        pytest.skip(why)
    work = tmp_path_factory.mktemp("hai-may")
    bucket = new_bucket(s3_endpoint)
    shared = {
        # An hour: without the approval's mark the second server would show its old summary.
        "CHISO_OVERVIEW_SECONDS": "3600",
        "CHISO_S3_BUCKET": bucket,
        "CHISO_S3_ENDPOINT_URL": s3_endpoint,
        **KEYS,
    }
    with (
        servers.database_copy(work) as database,
        servers.own_keys_removed(servers_redis_url, database),
        servers.app_servers(2, database, servers_redis_url, work, **shared) as running,
    ):
        yield Pair(*running, database)


class Pair(NamedTuple):
    first: servers.AppServer
    second: servers.AppServer
    database: str


def csrf_token(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found, "the page has no form token"
    return found.group(1)


def log_in(session: requests.Session, server, username: str, password: str) -> requests.Response:
    page = session.get(server.url + LOGIN, timeout=60)
    token = csrf_token(page.text)
    return session.post(
        server.url + LOGIN,
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": server.url + LOGIN},
        allow_redirects=False,
        timeout=60,
    )


def below_target(session: requests.Session, server) -> str:
    page = session.get(server.url + "/", timeout=60)
    assert page.status_code == 200, page.status_code
    start = page.text.index('id="chua-dat"')
    return page.text[start : page.text.index("</section>", start)]


def test_a_session_opened_on_one_server_works_on_the_other(pair):
    first, second, _ = pair
    browser = requests.Session()
    assert log_in(browser, first, "nhaplieu", PASSWORD).status_code == 302
    page = browser.get(second.url + "/", allow_redirects=False, timeout=60)
    assert page.status_code == 200
    assert "Đăng xuất" in page.text


def test_five_wrong_passwords_over_both_servers_lock_the_name_at_that_address(pair):
    first, second, _ = pair
    for n in range(5):
        wrong = log_in(requests.Session(), (first, second)[n % 2], "khoa", "sai-mat-khau")
        assert wrong.status_code == 200
        assert LOCKED not in wrong.text
    for server in (first, second):
        refused = log_in(requests.Session(), server, "khoa", PASSWORD)
        assert refused.status_code == 200
        assert LOCKED in refused.text


def test_an_approval_on_one_server_shows_on_the_others_overview_at_the_next_request(pair):
    first, second, database = pair
    office = requests.Session()
    assert log_in(office, first, "vanphong", PASSWORD).status_code == 302
    assert "I.2." not in below_target(office, second)  # the second server now keeps its summary
    report = f"{first.url}/bao-cao-dinh-ky/{servers.submitted_report(database)}/"
    token = csrf_token(office.get(report, timeout=60).text)
    approved = office.post(
        report + "phe-duyet/",
        data={"csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=60,
    )
    assert approved.status_code == 302
    assert "I.2." in below_target(office, second)


def test_evidence_uploaded_on_one_server_downloads_from_the_other(pair):
    first, second, database = pair
    reporter = requests.Session()
    assert log_in(reporter, first, "nhaplieu", PASSWORD).status_code == 302
    report, value, version, _ = servers.draft_value(database)
    page = f"{first.url}/bao-cao-dinh-ky/{report}/"
    saved = reporter.post(
        page,
        data={
            "csrfmiddlewaretoken": csrf_token(reporter.get(page, timeout=60).text),
            f"v{value}-version": str(version),
            f"v{value}-numerator": "50",
            f"v{value}-denominator": "100",
        },
        files={f"v{value}-evidence_file": ("bien-ban.pdf", PDF, "application/pdf")},
        headers={"Referer": page},
        allow_redirects=False,
        timeout=60,
    )
    assert saved.status_code in (200, 302), saved.status_code
    stored = servers.draft_value(database)[3]
    assert stored.endswith(".pdf")
    download = reporter.get(f"{second.url}/bao-cao-dinh-ky/{report}/gia-tri/{value}/kiem-chung/", timeout=60)
    assert download.status_code == 200
    assert download.content == PDF
