"""Memo writes through the API: an editor drafts a memo for their own party's committee from the records,
edits it (stale copies refused), finalises it and starts a new version — with the pages' forms, actions,
services and access rules, so others are refused with nothing changed."""

import datetime
from typing import Any

import pytest
from django.test import Client

from klynge.accounts.models import Role
from klynge.memos.models import Memo, MemoKind, MemoStatus
from klynge.memos.services import memo_draft, memo_finalise
from klynge.organisation.models import Committee
from tests.api.test_memos import bearer
from tests.clients import editor_of
from tests.factories import ClusterWorld, build_cluster

API = "/api/v1"
STATUS_MEMO = {
    "kind": "status",
    "meeting_date": "2023-12-14",
    "memo_date": "2023-12-11",
    "case_handler": "Melissa Holmes",
    "case_numbers": {"edoc": "2023-0476658"},
}


def call(method: str, path: str, headers: dict[str, str], body: Any = None) -> Any:
    client = Client()
    send = getattr(client, method)
    if body is None:
        return send(API + path, **headers)
    return send(API + path, body, content_type="application/json", **headers)


@pytest.fixture
def committee(world: ClusterWorld) -> Committee:
    return Committee.objects.get(party=world.municipality)


@pytest.fixture
def editor(world: ClusterWorld) -> dict[str, str]:
    return bearer(Role.EDITOR, party=world.municipality)


def a_draft(committee: Committee) -> Memo:
    return memo_draft(
        committee=committee,
        kind=MemoKind.STATUS,
        meeting_date=datetime.date(2023, 12, 14),
        memo_date=datetime.date(2023, 12, 11),
    )


def test_an_editor_drafts_edits_finalises_and_versions_a_memo(
    committee: Committee, editor: dict[str, str]
) -> None:
    response = call("post", "/memos", editor, {"committee": committee.pk, **STATUS_MEMO})
    assert response.status_code == 201, response.content
    memo = response.json()
    assert memo["status"] == "draft" and memo["kind"] == "status" and memo["version"] == 1
    assert memo["committee"]["id"] == committee.pk and memo["committee_meeting_date"] == "2023-12-14"
    assert memo["memo_date"] == "2023-12-11" and memo["period_end"] == "2023-12-11"
    assert memo["case_handler"] == "Melissa Holmes"
    assert memo["case_numbers"] == [{"kind": "edoc", "label": "Edoc-sagsnummer", "number": "2023-0476658"}]
    assert "Møde i Sundhedsklynge Test den 28. november" in memo["text"]

    text = memo["text"].replace("Nedenfor fremgår kort status", "Her følger en kort status")
    response = call(
        "patch",
        f"/memos/{memo['id']}",
        editor,
        {
            "version": memo["record_version"],
            "title": "Status til udvalget",
            "text": text,
            "case_numbers": {"f2": "2023 - 21613"},
        },
    )
    assert response.status_code == 200, response.content
    changed = response.json()
    assert changed["title"] == "Status til udvalget" and changed["text"].startswith(
        "Her følger en kort status"
    )
    assert changed["case_handler"] == "Melissa Holmes" and changed["memo_date"] == "2023-12-11"
    assert {c["kind"]: c["number"] for c in changed["case_numbers"]} == {
        "edoc": "2023-0476658",
        "f2": "2023 - 21613",
    }
    assert changed["record_version"] != memo["record_version"]
    # An empty number removes that kind's number; the others stay.
    response = call("patch", f"/memos/{memo['id']}", editor, {"case_numbers": {"edoc": ""}})
    assert [c["kind"] for c in response.json()["case_numbers"]] == ["f2"]

    response = call("post", f"/memos/{memo['id']}/finalise", editor)
    assert response.status_code == 200 and response.json()["status"] == "final"
    assert response.json()["finalised_at"] is not None
    assert Client().get(f"{API}/memos/{memo['id']}").status_code == 200  # public now

    refused = call("patch", f"/memos/{memo['id']}", editor, {"title": "Ny titel"})
    assert refused.status_code == 422 and refused.json()["code"] == "rule_violation"
    assert refused.json()["errors"] == {
        "__all__": ["Notatet er endeligt og kan ikke ændres. Opret en ny version for at rette i det."]
    }
    assert call("post", f"/memos/{memo['id']}/finalise", editor).status_code == 422
    assert Memo.objects.get(pk=memo["id"]).title == "Status til udvalget"

    response = call("post", f"/memos/{memo['id']}/new-version", editor)
    assert response.status_code == 201, response.content
    newer = response.json()
    assert newer["version"] == 2 and newer["status"] == "draft" and newer["previous_version_id"] == memo["id"]
    assert newer["text"] == changed["text"] and newer["id"] != memo["id"]
    again = call("post", f"/memos/{memo['id']}/new-version", editor)
    assert again.status_code == 422
    assert again.json()["errors"] == {"__all__": ["Der findes allerede en nyere version af notatet."]}
    draft_again = call("post", f"/memos/{newer['id']}/new-version", editor)
    assert draft_again.status_code == 422 and Memo.objects.count() == 2


def test_the_draft_is_the_one_the_page_drafts_for_the_same_options(
    world: ClusterWorld, committee: Committee, editor: dict[str, str]
) -> None:
    page = editor_of(world.municipality, "side@test.dk")
    for options in (
        {
            "kind": "status",
            "meeting_date": "2023-12-14",
            "memo_date": "2023-12-11",
            "period_start": "2023-09-01",
        },
        {"kind": "orientation", "memo_date": "2023-10-02"},
    ):
        assert page.post("/notater/nyt/", {"committee": committee.pk, **options}).status_code == 302
        by_page = Memo.objects.order_by("-pk").first()
        assert by_page is not None

        response = call("post", "/memos", editor, {"committee": committee.pk, **options})

        assert response.status_code == 201, response.content
        memo = response.json()
        assert memo["text"] == by_page.body and memo["title"] == by_page.title
        assert memo["period_start"] == (by_page.period_start and by_page.period_start.isoformat())
        assert memo["period_end"] == (by_page.period_end and by_page.period_end.isoformat())


@pytest.mark.parametrize("who", ["other_editor", "member"])
def test_others_are_refused_and_nothing_changes(world: ClusterWorld, committee: Committee, who: str) -> None:
    headers = (
        bearer(Role.EDITOR, party=build_cluster("Anden").municipality)
        if who == "other_editor"
        else bearer(Role.MEMBER, person=world.mayor)
    )
    draft = a_draft(committee)
    final = memo_finalise(memo=a_draft(committee))
    before = {m.pk: (m.title, m.body, m.status) for m in Memo.objects.all()}

    drafted = call("post", "/memos", headers, {"committee": committee.pk, **STATUS_MEMO})
    assert drafted.status_code == 403, drafted.content
    # A draft they may not see is not found; a final memo they see is not theirs to change.
    assert call("patch", f"/memos/{draft.pk}", headers, {"title": "X"}).status_code == 404
    assert call("post", f"/memos/{draft.pk}/finalise", headers).status_code == 404
    assert call("patch", f"/memos/{final.pk}", headers, {"title": "X"}).status_code == 403
    assert call("post", f"/memos/{final.pk}/new-version", headers).status_code == 403

    assert {m.pk: (m.title, m.body, m.status) for m in Memo.objects.all()} == before


def test_anonymous_callers_may_not_write(committee: Committee) -> None:
    draft = a_draft(committee)
    assert call("post", "/memos", {}, {"committee": committee.pk, **STATUS_MEMO}).status_code == 401
    assert call("post", f"/memos/{draft.pk}/finalise", {}).status_code == 401
    assert Memo.objects.get().status == MemoStatus.DRAFT


def test_an_administrator_writes_to_any_committee(committee: Committee) -> None:
    response = call("post", "/memos", bearer(Role.ADMIN), {"committee": committee.pk, **STATUS_MEMO})
    assert response.status_code == 201


def test_a_stale_edit_is_refused_with_409(committee: Committee, editor: dict[str, str]) -> None:
    draft = a_draft(committee)
    seen = call("get", f"/memos/{draft.pk}", editor).json()["record_version"]
    assert call("patch", f"/memos/{draft.pk}", editor, {"title": "Først", "version": seen}).status_code == 200

    stale = call("patch", f"/memos/{draft.pk}", editor, {"title": "Bagefter", "version": seen})

    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    assert Memo.objects.get().title == "Først"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"kind": "status"}, "meeting_date", "Et statusnotat skal have udvalgets mødedato."),
        (
            {**STATUS_MEMO, "period_start": "2023-12-12"},
            "period_start",
            "Perioden starter efter, at den slutter.",
        ),
        ({**STATUS_MEMO, "case_handler": "x" * 201}, "case_handler", None),
        ({**STATUS_MEMO, "case_numbers": {"sbsys": "1"}}, "case_numbers", "Ukendt sagsnummertype: sbsys."),
    ],
)
def test_a_refused_draft_says_why_and_saves_nothing(
    committee: Committee, editor: dict[str, str], body: dict[str, Any], field: str, message: str | None
) -> None:
    response = call("post", "/memos", editor, {"committee": committee.pk, **body})

    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert field in errors, errors
    if message:
        assert errors[field][0].startswith(message)
    assert Memo.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"text": ""}, "text"),
        ({"case_numbers": {"edoc": "x" * 101}}, "case_numbers.edoc"),
        ({"case_numbers": {"sbsys": "1"}}, "case_numbers"),
        ({"memo_date": "11.12.2023"}, "memo_date"),
        ({"version": "12"}, "version"),
        ({"body": "Tekst"}, "__all__"),  # the text is `text`: an unknown field is refused
    ],
)
def test_a_refused_edit_says_why_and_changes_nothing(
    committee: Committee, editor: dict[str, str], change: dict[str, Any], field: str
) -> None:
    draft = a_draft(committee)

    response = call("patch", f"/memos/{draft.pk}", editor, {"case_handler": "Ny", **change})

    assert response.status_code == 422, response.content
    assert field in response.json()["errors"], response.json()
    unchanged = Memo.objects.get()
    assert (unchanged.title, unchanged.body, unchanged.case_handler) == (draft.title, draft.body, "")


def test_a_committee_that_does_not_exist_is_refused(editor: dict[str, str]) -> None:
    response = call("post", "/memos", editor, {"committee": 999_999, **STATUS_MEMO})
    assert response.status_code == 422 and "committee" in response.json()["errors"]
    assert call("post", "/memos/999999/finalise", editor).status_code == 404
