"""schemathesis against /api/openapi.json: no server error, no response breaking its own schema.

Runs in-process against the Django WSGI app (no server), a bounded number of examples per
operation, as an office user whose token reaches every unit, on the DTI data of 001 and the
collection tests' monthly form.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from chiso.api.tokens import issue
from chiso.datafiles import BUNDLED_DATA

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]


@pytest.fixture
def api_schema(db, form, submission, people, settings):
    from chiso.loading import load_paths

    settings.CHISO_API_REQUESTS_PER_MINUTE = 100000
    load_paths(
        [
            BUNDLED_DATA / "frameworks" / "dti-tinh-2025.yaml",
            BUNDLED_DATA / "orgunits",
            BUNDLED_DATA / "datasets" / "dong-thap-dti.yaml",
        ]
    )
    # As Django's test client does: a request's end must not close the test's connection
    # (on PostgreSQL that would end the transaction the test runs in).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def office_key(people):
    return issue(people["office"], "schemathesis")[1]


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)
def test_the_api_keeps_to_its_schema(case, office_key):
    case.call_and_validate(headers={"Authorization": f"Bearer {office_key}"}, checks=CHECKS)
