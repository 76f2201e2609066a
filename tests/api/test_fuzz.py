"""Fuzzing the API as a reporter, the role that writes: no input gives a server error.

The review found 22% of fuzzed ``POST /api/values`` calls ending in a 500 on PostgreSQL (numbers
of 10^14 and more, NUL bytes, long references). Two runs hold that class:

- schemathesis over every operation of /api/openapi.json with a reporter's key, valid and
  invalid data (its negative mode); a value write is pointed at the reporter's own draft (a
  random id would only ever meet a 404), so the generated texts and numbers reach the database;
- a write run whose inputs are drawn from what people and programs actually send: Vietnamese
  numbers of any size, any Unicode (control characters, lone surrogates), any length.

schemathesis cannot chain calls here (the API document declares no links), so the state it
would carry, the report and the version last read, is looked up before each write instead.
Run on SQLite and PostgreSQL (DATABASE_URL).
"""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from chiso.api.tokens import issue
from chiso.collection.models import EnteredValue
from chiso.datafiles import BUNDLED_DATA
from tests.api.conftest import auth

SLOW_FIXTURES = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much]


@pytest.fixture
def reporter_schema(db, form, submission, people, settings):
    from chiso.loading import load_paths

    settings.CHISO_API_REQUESTS_PER_MINUTE = 100000
    load_paths(
        [
            BUNDLED_DATA / "frameworks" / "dti-tinh-2025.yaml",
            BUNDLED_DATA / "orgunits",
            BUNDLED_DATA / "datasets" / "dong-thap-dti.yaml",
        ]
    )
    # As Django's test client does: a request's end must not close the test's connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def reporter_key(people):
    return issue(people["reporter"], "schemathesis")[1]


def _point_at_the_draft(case, submission) -> None:
    """Aim a generated value write at one of the reporter's own items, at its current version."""
    if case.method != "POST" or case.path != "/values" or not isinstance(case.body, dict):
        return
    values = list(EnteredValue.objects.filter(submission=submission).select_related("item__indicator").order_by("pk"))
    value = values[len(json.dumps(case.body, default=str)) % len(values)]
    case.body.update(submission=submission.pk, indicator=value.item.indicator.code, version=value.version)


schema = schemathesis.pytest.from_fixture("reporter_schema")


@schema.parametrize()
@settings(max_examples=50, deadline=None, suppress_health_check=SLOW_FIXTURES)
def test_no_call_of_a_reporter_is_a_server_error(case, reporter_key, submission):
    _point_at_the_draft(case, submission)
    case.call_and_validate(
        headers={"Authorization": f"Bearer {reporter_key}"}, checks=[not_a_server_error, response_schema_conformance]
    )


# What reaches a value write: Vietnamese numbers of any size, and any text at all.
DIGITS = st.integers(min_value=-(10**40), max_value=10**40).map(lambda n: f"{n:,}".replace(",", "."))
DECIMALS = st.decimals(allow_nan=True, allow_infinity=True).map(lambda d: str(d).replace(".", ","))
# Any code point, lone surrogates included, and the ones the review sent on purpose.
ANY_TEXT = st.text(
    st.one_of(st.characters(exclude_categories=[]), st.sampled_from("\x00\x1b\ud800\uffff")), max_size=400
)
TYPED = st.one_of(DIGITS, DECIMALS, ANY_TEXT, st.sampled_from(["Có", "Không", "", "1e400", "NaN", "-0"]))
BODY = st.fixed_dictionaries(
    {},
    optional={
        "value": TYPED,
        "numerator": TYPED,
        "denominator": TYPED,
        "comment": ANY_TEXT,
        "evidence_ref": st.one_of(ANY_TEXT, st.text(min_size=250, max_size=300)),
        "jump_confirmed": st.booleans(),
    },
)


@settings(max_examples=100, deadline=None, suppress_health_check=SLOW_FIXTURES)
@given(body=BODY, row=st.integers(min_value=0, max_value=3))
def test_a_reporter_s_value_write_is_stored_or_refused_never_a_server_error(client, keys, submission, body, row):
    value = EnteredValue.objects.filter(submission=submission).order_by("pk")[row]
    sent = {**body, "submission": submission.pk, "indicator": value.item.indicator.code, "version": value.version}
    response = client.post("/api/values", json.dumps(sent), content_type="application/json", **auth(keys["reporter"]))
    assert response.status_code in (200, 409, 422), response.content
    assert set(response.json()) >= ({"number", "value"} if response.status_code == 200 else {"code", "message"})
