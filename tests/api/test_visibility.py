"""The API's role matrix: every read operation, every role, a public and a closed record.

Every GET operation in the OpenAPI spec without path parameters is called by each role (lists, feeds,
exports); none may show a closed item, its decision or its allocation to a role that may not see them,
in any format (JSON, CSV, XLSX, iCal). The closed item and decision themselves are "not found" to them.
"""

import io
import json
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from klynge.accounts.models import Role
from tests.api.conftest import TokenClient, token_for
from tests.clients import content_of
from tests.site.test_permission_matrix import (
    CLOSED_DECISION,
    CLOSED_MONEY,
    CLOSED_TITLE,
    ROLES,
    SEES_CLOSED,
    Records,
    client_for,
)

# Operations that need a parameter to answer at all, with one that would find the closed records.
REQUIRED_QUERY = {"/api/v1/search": "q=budget", "/api/v1/catchment": "area=test-kommune"}


def read_operations() -> list[str]:
    spec = json.loads(Client().get("/api/v1/openapi.json").content)
    return sorted(
        path for path, operations in spec["paths"].items() if "get" in operations and "{" not in path
    )


def text_of(response: Any) -> str:
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        workbook = load_workbook(io.BytesIO(content_of(response)), read_only=True)
        return "\n".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
        )
    return content_of(response).decode("utf-8-sig")


def test_the_spec_lists_the_read_operations(db: None) -> None:
    # (An anonymous request reads the anonymous response cache's data version: the database is needed.)
    operations = read_operations()
    assert "/api/v1/meetings" in operations and "/api/v1/openapi.json" not in operations


@pytest.mark.parametrize("role", ROLES)
def test_no_read_operation_shows_a_closed_item_to_those_who_may_not_see_it(
    records: Records, role: str
) -> None:
    client = client_for(role, records)
    for path in read_operations():
        query = REQUIRED_QUERY.get(
            path,
            "limit=100"
            if not path.endswith((".ics", ".json"))
            else ("since=2000-01-01" if path.endswith(".ics") else ""),
        )
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, (path, response.status_code)
        text = text_of(response)
        if role in SEES_CLOSED:
            continue
        assert CLOSED_TITLE not in text and CLOSED_DECISION not in text, path
        # Amounts as the pages write them, and as data (456789.00) or in a spreadsheet (456789).
        assert not [money for money in CLOSED_MONEY if money in text or money.replace(".", "") in text], path
    closed = [
        f"/api/v1/agenda-items/{records.closed_item.pk}",
        f"/api/v1/decisions/{records.closed_decision.pk}",
    ]
    for path in closed:
        assert client.get(path).status_code == (200 if role in SEES_CLOSED else 404), (role, path)


def test_a_token_sees_what_its_owners_session_sees(
    records: Records,
) -> None:
    party = records.world.municipality
    session = client_for("editor_participating", records)
    token = TokenClient(token_for(email="token@test.dk", role=Role.EDITOR, party=party))
    for path in read_operations():
        if path.endswith(".ics"):
            continue  # a feed stamps the time it was made
        assert content_of(session.get(path)) == content_of(token.get(path)), path
