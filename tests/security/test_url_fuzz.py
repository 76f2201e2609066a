"""A URL fuzz over every route of the site (from Django's URL resolver): no address is a 500.

Each route is requested with its real arguments (the demo site's), then with one argument or
one query parameter replaced by drawn text: control characters (answered 400 by the guard
before any view), and everything else a person or a robot can put in an address: Vietnamese,
percent signs, broken UTF-8, overlong encodings, huge and negative numbers, long strings. The
query parameters are the ones the views read, found in the source, so a view that starts
reading a new one is fuzzed with it. The answer may be anything but a server error.
"""

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import chiso

from .routes import site_routes, url_for

SOURCE = Path(chiso.__file__).parent
QUERY_NAMES = sorted(
    {
        name
        for path in SOURCE.rglob("*.py")
        for name in re.findall(r"\bGET(?:\.get|\.getlist)?[(\[]\s*\"(\w+)\"", path.read_text())
    }
)
# Percent-encoded bytes that are not (valid) UTF-8: decoders must not fail on them.
RAW = ["%FF", "%C0%80", "%ED%A0%80", "%E1%BB", "%", "%%32%30", "%2F..%2F..%2Fetc%2Fpasswd", "%5C"]
# Any code point except controls and surrogates (those are the guard's, below).
READABLE = st.text(st.characters(exclude_categories=["Cc", "Cs"]), max_size=300).map(quote)
NUMBERS = st.integers(min_value=-(10**30), max_value=10**30).map(str)
UNUSUAL = st.one_of(
    READABLE, NUMBERS, st.sampled_from(RAW), st.lists(st.sampled_from(RAW), min_size=2, max_size=5).map("".join)
)
CONTROL = st.characters(categories=["Cc"]).map(lambda c: quote(c, safe=""))
FAST = settings(
    max_examples=5,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _routes_with_urls(known: dict) -> list[tuple[str, str, list[str]]]:
    """(name, real URL, argument values as they appear in it) for every GET-able route."""
    found = []
    for route in site_routes():
        url = url_for(route, known)
        kwargs = known.get(route.name) or {n: known[n] for n in route.arguments}
        found.append((route.name, url, [quote(str(v), safe="") for v in kwargs.values()]))
    return found


def _variants(url: str, arguments: list[str], text: str, where: int) -> str:
    """The URL with ``text`` as argument ``where``, or as query parameter ``where - len(arguments)``."""
    if where < len(arguments) and arguments[where] in url:
        return url.replace(arguments[where], text, 1)
    name = QUERY_NAMES[(where - len(arguments)) % len(QUERY_NAMES)]
    return f"{url}{'&' if '?' in url else '?'}{name}={text}"


@pytest.fixture
def signed_in(client, demo_site):
    client.force_login(demo_site["users"]["office"])
    return client


def test_the_views_read_query_parameters_the_fuzz_knows():
    assert {"ky", "mau", "next", "trang_thai"} <= set(QUERY_NAMES)


def _fuzz(client, route: tuple[str, str, list[str]], texts, accept) -> None:
    """Request the route with each drawn text in each place; ``accept(status)`` must hold."""
    name, url, arguments = route

    @FAST
    @given(text=texts, where=st.integers(min_value=0, max_value=len(arguments) + 2))
    def attack(text, where):
        address = _variants(url, arguments, text, where)
        status = client.get(address).status_code
        assert accept(status), (name, address, status)

    attack()


def test_a_control_character_anywhere_in_any_address_is_a_400(client, demo_site):
    """Anonymous: the guard answers before anything, login included."""
    for route in _routes_with_urls(demo_site["known"]):
        _fuzz(client, route, CONTROL.map(lambda c: f"a{c}b"), lambda status: status == 400)


def test_no_address_on_any_route_is_a_server_error(signed_in, demo_site):
    for route in _routes_with_urls(demo_site["known"]):
        _fuzz(signed_in, route, UNUSUAL, lambda status: status < 500)


@pytest.mark.parametrize(
    "address",
    [
        "/api/values?unit=%ff",
        "/api/dti-scores/%C0%80/2024",
        "/api/frameworks/" + "%E1%BB%AF" * 200,
        "/api/tasks?overdue=%00",
        "/admin/?q=%00",
        "/admin/auth/user/%ED%A0%80/change/",
        "/bao-cao-dinh-ky/99999999999999999999999/",
        "/api/submissions/99999999999999999999/submit",
    ],
    ids=lambda address: address[:40],
)
def test_the_api_and_the_admin_are_guarded_too(signed_in, demo_site, address):
    from chiso.api.tokens import issue

    key = issue(demo_site["users"]["office"], "Khóa thử")[1]
    response = signed_in.get(address, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code < 500
