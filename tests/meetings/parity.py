"""Running one write through the page and through the API, each on the same data, and comparing.

Each channel runs inside a savepoint that is rolled back afterwards, so both start from the same
records; what a write stored is read (by the case's `stored`) before the rollback.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.db import transaction
from django.test import Client

from klynge.accounts.models import Role
from klynge.organisation.models import Party, Person
from tests.api.conftest import TokenClient, token_for

Build = Callable[[Any], Any]


@dataclass(frozen=True)
class Write:
    """One write as the page takes it (a form POST) and as the API takes it (JSON)."""

    page_url: Build
    page_data: Build
    api_method: str
    api_path: Build
    api_body: Build = field(default=lambda records: None)
    stored: Build = field(default=lambda records: None)


@dataclass(frozen=True)
class Caller:
    """The same account, logged in on the pages and holding a token for the API."""

    page: Client
    api: TokenClient


def caller(email: str, role: Role, *, party: Party | None = None, person: Person | None = None) -> Caller:
    token = token_for(email=email, role=role, party=party, person=person)
    page = Client()
    page.force_login(get_user_model().objects.get(email=email))
    return Caller(page=page, api=TokenClient(token))


@dataclass(frozen=True)
class Outcome:
    answer: str  # "saved", "refused", "forbidden", "not found"
    stored: Any


def _answer(status: int) -> str:
    if status in (200, 201, 204, 302):
        return "saved"
    return {403: "forbidden", 404: "not found", 409: "refused", 422: "refused"}.get(status, str(status))


def field_errors(page: str, name: str) -> list[str] | None:
    """The error messages shown in the form group of the field called `name`; None: no such field."""
    for group in re.split(r'<div class="form-group(?: form-error)?">', page)[1:]:
        if f'name="{name}"' in group:
            found = re.findall(
                r'<span class="form-error-message"><span class="sr-only">Fejl: </span>(.*?)</span>', group
            )
            return [html.unescape(message) for message in found]
    return None


def through_page(write: Write, records: Any, client: Client) -> tuple[Outcome, str]:
    with transaction.atomic():
        data = {name: "" if value is None else value for name, value in write.page_data(records).items()}
        response = client.post(write.page_url(records), data)
        answer = _answer(response.status_code)
        page = response.content.decode()
        if response.status_code == 302:
            # A button's refusal (no form to show it next to) is an error message on the next page.
            shown = list(get_messages(response.wsgi_request))
            refusals = [str(message) for message in shown if message.level == messages.ERROR]
            if refusals:
                answer, page = "refused", " ".join(refusals)
        outcome = Outcome(answer, write.stored(records))
        transaction.set_rollback(True)
    return outcome, html.unescape(page)


def through_api(write: Write, records: Any, client: Client) -> tuple[Outcome, dict[str, list[str]]]:
    with transaction.atomic():
        body = write.api_body(records)
        send = getattr(client, write.api_method)
        response = (
            send(write.api_path(records))
            if body is None
            else send(write.api_path(records), body, content_type="application/json")
        )
        outcome = Outcome(_answer(response.status_code), write.stored(records))
        errors = (response.json().get("errors") or {}) if response.status_code >= 400 else {}
        transaction.set_rollback(True)
    return outcome, errors


def assert_same(write: Write, records: Any, who: Caller, *, expected: str) -> dict[str, list[str]]:
    """The page and the API answer the same and store the same; a refusal's Danish messages stand next to
    the page's fields as in the API's errors. Returns the API's errors."""
    page, page_html = through_page(write, records, who.page)
    api, errors = through_api(write, records, who.api)
    assert page.answer == api.answer == expected, (page.answer, api.answer, errors)
    assert page.stored == api.stored
    for name, texts in errors.items():
        shown = field_errors(page_html, name)
        if shown is None:  # a refusal of the whole input, or of a field the page does not show
            assert all(text in page_html for text in texts), (name, texts)
        else:
            assert shown == texts, (name, shown, texts)
    if expected == "refused":
        assert errors, "a refusal names its fields"
    return errors
