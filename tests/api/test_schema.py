"""schemathesis against /api/openapi.json: no server error, no response breaking its own schema.

Runs in-process against the Django WSGI app (no server), a bounded number of examples per
operation, as an office user whose token reaches every unit, on the DTI data of 001 and the
collection tests' monthly form.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                               status_code_conformance)

from chiso.api.tokens import issue
from chiso.datafiles import BUNDLED_DATA

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance,
          content_type_conformance]


@pytest.fixture
def api_schema(db, form, submission, people, settings):
    from chiso.loading import load_paths

    settings.CHISO_API_REQUESTS_PER_MINUTE = 100000
    load_paths([BUNDLED_DATA / "frameworks" / "dti-tinh-2025.yaml", BUNDLED_DATA / "orgunits",
                BUNDLED_DATA / "datasets" / "dong-thap-dti.yaml"])
    return schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def office_key(people):
    return issue(people["office"], "schemathesis")[1]


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.filter_too_much])
def test_the_api_keeps_to_its_schema(case, office_key):
    case.call_and_validate(headers={"Authorization": f"Bearer {office_key}"}, checks=CHECKS)
