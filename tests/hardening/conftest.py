"""Bad input from the pages and the API, as an administrator sends it: a clear refusal, never a 500."""

import json
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.api.services import token_create
from tests.clients import administrator

API = "/api/v1"


@pytest.fixture
def admin(db: None) -> Client:
    """The pages, as an administrator."""
    return administrator()


@pytest.fixture
def api(db: None) -> Client:
    """The API, as an administrator with a personal token."""
    user, _ = account_create(email="api-admin@test.dk", role=Role.ADMIN, password="x")
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_create(user=user, name='test')[1]}")


def send(client: Client, method: str, path: str, body: dict[str, Any] | str) -> HttpResponse:
    """A JSON body to the API; a str is sent as it is (for JSON that json.dumps would not write)."""
    text = body if isinstance(body, str) else json.dumps(body)
    return getattr(client, method)(f"{API}{path}", text, content_type="application/json")  # type: ignore[no-any-return]


def field_section(page: str, name: str) -> str:
    """The part of an editing page around a form field, where its error message stands."""
    start = page.index(f'name="{name}"')
    return page[max(0, start - 700) : start + 400]


def refusal(response: HttpResponse) -> dict[str, Any]:
    """An API refusal: a 4xx in the API's error form (code, English message, errors per field)."""
    assert 400 <= response.status_code < 500, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "message", "errors"} and body["message"]
    return body  # type: ignore[no-any-return]
