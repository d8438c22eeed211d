"""Property-based fuzzing of every operation in the OpenAPI spec (schemathesis).

Every operation is called with generated input, valid and invalid, as an anonymous caller and as an
administrator with a token (so writes get past authentication into the forms and rules). No answer may
be a 5xx, and every answer must be documented: its status, its content type and its body's schema.
Invalid input must be refused with a 4xx.
"""

import os
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.api.services import token_create

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klynge.settings.test")

# Read when the tests are collected, before there is a test database: without the anonymous response
# cache, whose key needs the database's data version.
with override_settings(PAGECACHE_ENABLED=False):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    # An anonymous write is refused before its body is read (401), so the coverage phase's every edge of
    # each body (two thirds of all calls) tells nothing more for the anonymous caller: it runs for reads
    # only there. The administrator's writes get it all.
    anonymous_schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json",
        get_wsgi_application(),
        config=SchemathesisConfig.from_dict(
            {
                "operations": [
                    {
                        "include-method": ["POST", "PUT", "PATCH", "DELETE"],
                        "phases": {"coverage": {"enabled": False}},
                    }
                ]
            }
        ),
    )

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
# Per operation and caller the suite draws 10 fixed examples, after the schema's own examples and the
# coverage phase's edge cases (every case the schema defines, some 50 an operation, whatever this number);
# a dedicated run explores further: KLYNGE_FUZZ_EXAMPLES=500.
EXAMPLES = int(os.environ.get("KLYNGE_FUZZ_EXAMPLES", "10"))
# The suite draws the same examples every run, so a red build always means a change broke something;
# the dedicated run (KLYNGE_FUZZ_EXAMPLES=500) explores new ones.
DERANDOMIZE = "KLYNGE_FUZZ_EXAMPLES" not in os.environ


@pytest.fixture(autouse=True)
def keep_the_tests_connection() -> Iterator[None]:
    """The WSGI app closes the database connection after each request, as in production; Django's own
    test client switches that off, and so must a test that calls the app directly, or the connection
    holding the test's transaction (on PostgreSQL) is gone after the first call."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def admin_token(db: None) -> str:
    user, _ = account_create(email="fuzz-admin@test.dk", role=Role.ADMIN, password="x")
    return token_create(user=user, name="fuzz")[1]


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_loaded")
@anonymous_schema.parametrize()
@settings(
    max_examples=EXAMPLES, deadline=None, derandomize=DERANDOMIZE, suppress_health_check=list(HealthCheck)
)
def test_anonymous_caller(case: schemathesis.Case) -> None:
    case.call_and_validate(headers={"Host": "127.0.0.1"}, checks=CHECKS)


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_loaded")
@schema.parametrize()
@settings(
    max_examples=EXAMPLES, deadline=None, derandomize=DERANDOMIZE, suppress_health_check=list(HealthCheck)
)
def test_administrator_with_token(case: schemathesis.Case, admin_token: str) -> None:
    case.call_and_validate(
        headers={"Host": "127.0.0.1", "Authorization": f"Bearer {admin_token}"}, checks=CHECKS
    )
