"""No lost updates through the API: whatever takes a `version` on a change also answers it when read,
created or changed, and a change on an outdated version is refused with a 409."""

from typing import Any

import pytest
from django.test import Client

from klynge.accounts.models import Role
from klynge.kernel.records import record_version
from klynge.meetings.models import AgendaItem, Decision
from tests.api.conftest import TokenClient, token_for
from tests.factories import ClusterWorld

# Where the version to send back has another name: a memo's `version` is its own number, and a body's
# seats are versioned together as `seats_version`.
VERSION_FIELD = {
    "/api/v1/memos/{memo_id}": "record_version",
    "/api/v1/bodies/{body_id}/seats": "seats_version",
}


def _properties(schema: dict[str, Any], components: dict[str, Any]) -> set[str]:
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    names = set(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        names |= _properties(part, components)
    return names


def _answer(operation: dict[str, Any], components: dict[str, Any]) -> set[str]:
    for status in ("200", "201"):
        answer = operation["responses"].get(status, {}).get("content", {}).get("application/json")
        if answer:
            return _properties(answer["schema"], components)
    return set()


@pytest.mark.django_db
def test_every_operation_that_takes_a_version_answers_it_and_so_does_the_read() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]
    versioned, missing = [], []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if not body or "version" not in _properties(body["schema"], components):
                continue
            versioned.append(f"{method.upper()} {path}")
            field = VERSION_FIELD.get(path, "version")
            # The resource is read at the same path, or (for an action such as /follow-up) at its parent.
            read_path = path if "get" in operations else path.rsplit("/", 1)[0]
            read = schema["paths"].get(read_path, {}).get("get")
            if field not in _answer(operation, components):
                missing.append(f"{method.upper()} {path} does not answer {field}")
            if read is None or field not in _answer(read, components):
                missing.append(f"GET {read_path} does not answer {field} (taken by {method.upper()} {path})")
    assert missing == []
    # The ones this issue was about, and some of every app, are among them.
    assert {
        "PATCH /api/v1/agenda-items/{item_id}",
        "PATCH /api/v1/decisions/{decision_id}",
        "PATCH /api/v1/meetings/{meeting_id}",
        "PATCH /api/v1/funds/{fund_id}",
        "PATCH /api/v1/absences/{absence_id}",
        "PATCH /api/v1/memberships/{membership_id}",
        "PATCH /api/v1/memos/{memo_id}",
    } <= set(versioned)


def _editor(world: ClusterWorld, email: str = "sek@test.dk") -> TokenClient:
    return TokenClient(token_for(email=email, role=Role.EDITOR, party=world.municipality))


@pytest.mark.parametrize(
    ("kind", "change", "stale_change"),
    [
        ("agenda-items", {"title": "Nyt navn"}, {"title": "Gammelt navn"}),
        ("decisions", {"text": "Ny ordlyd"}, {"text": "Gammel ordlyd"}),
    ],
)
def test_agenda_items_and_decisions_answer_their_version_and_refuse_an_outdated_one(
    world: ClusterWorld, kind: str, change: dict[str, str], stale_change: dict[str, str]
) -> None:
    record: AgendaItem | Decision = world.agenda_item if kind == "agenda-items" else world.decision
    first, second = _editor(world), _editor(world, "kollega@test.dk")
    url = f"/api/v1/{kind}/{record.pk}"
    read = first.get(url).json()["version"]
    assert read == record_version(record) != 0
    assert second.get(url).json()["version"] == read

    changed = first.patch(url, {**change, "version": read}, content_type="application/json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["version"] == record_version(record) != read

    stale = second.patch(url, {**stale_change, "version": read}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    # The rule's message says who saved meanwhile (as the page does).
    assert "sek@test.dk" in str(stale.json()["errors"])
    field, value = next(iter(change.items()))
    assert first.get(url).json()[field] == value

    # With the version just read, the colleague's change goes through.
    again = second.patch(
        url, {**stale_change, "version": second.get(url).json()["version"]}, content_type="application/json"
    )
    assert again.status_code == 200 and again.json()[field] == stale_change[field]


def test_a_created_agenda_item_and_decision_answer_a_version_that_a_change_can_use(
    world: ClusterWorld,
) -> None:
    client = _editor(world)
    item = client.post(
        f"/api/v1/meetings/{world.meeting.pk}/agenda-items",
        {"title": "Nyt punkt", "kind": "decision"},
        content_type="application/json",
    )
    assert item.status_code == 201, item.content
    decision = client.post(
        f"/api/v1/agenda-items/{item.json()['id']}/decisions",
        {"kind": "coordination", "text": "Klyngen koordinerer."},
        content_type="application/json",
    )
    assert decision.status_code == 201, decision.content
    for url, answer, change in [
        (f"/api/v1/agenda-items/{item.json()['id']}", item, {"title": "Rettet punkt"}),
        (f"/api/v1/decisions/{decision.json()['id']}", decision, {"text": "Rettet ordlyd"}),
    ]:
        changed = client.patch(
            url, {**change, "version": answer.json()["version"]}, content_type="application/json"
        )
        assert changed.status_code == 200, changed.content
