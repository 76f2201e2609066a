"""Whether the signed-in user is the DX office is read once per request (an admin page asks many
times), and read again when the request's user changes (signing in or out mid-request)."""

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from chiso.accounts.permissions import is_office_here


def test_the_office_is_read_once_per_request(people):
    request = RequestFactory().get("/quan-tri/")
    request.user = people["office"]
    with CaptureQueriesContext(connection) as queries:
        answers = [is_office_here(request) for _ in range(25)]
    assert answers == [True] * 25
    assert len(queries) <= 1


def test_another_user_on_the_same_request_is_asked_again(people):
    request = RequestFactory().get("/quan-tri/")
    request.user = people["office"]
    assert is_office_here(request)
    request.user = people["reporter"]
    assert not is_office_here(request)
    request.user = AnonymousUser()
    assert not is_office_here(request)
