"""Memos through the API: final memos for everyone, drafts only for those who may write to the committee
(as on the pages), with metadata, case numbers, the Markdown text and links to the rendered files."""

import datetime
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.api.services import token_create
from klynge.memos.models import Memo, MemoKind
from klynge.memos.services import memo_draft, memo_finalise, memo_new_version
from klynge.organisation.models import Committee, Party, Person
from tests.clients import editor_of
from tests.factories import ClusterWorld, build_cluster

API = "/api/v1"


def bearer(role: Role, *, party: Party | None = None, person: Person | None = None) -> dict[str, str]:
    email = f"{role}-{party.slug if party else ''}{person.slug if person else ''}@memo.test.dk"
    user, _ = account_create(email=email, role=role, party=party, person=person, password="x")
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user)[1]}"}


def get(path: str, headers: dict[str, str] | None = None, client: Client | None = None, **params: Any) -> Any:
    response = (client or Client()).get(API + path, params, **(headers or {}))
    assert response.status_code == 200, (path, response.status_code, response.content[:500])
    return response.json()


def ids(path: str = "/memos", headers: dict[str, str] | None = None, **params: Any) -> set[int]:
    return {memo["id"] for memo in get(path, headers, **params)["items"]}


def draft(committee: Committee, kind: MemoKind = MemoKind.STATUS, **extra: Any) -> Memo:
    return memo_draft(
        committee=committee,
        kind=kind,
        meeting_date=datetime.date(2023, 12, 14) if kind == MemoKind.STATUS else None,
        memo_date=extra.pop("memo_date", datetime.date(2023, 12, 11)),
        **extra,
    )


@pytest.fixture
def committee(world: ClusterWorld) -> Committee:
    return Committee.objects.get(party=world.municipality)


@pytest.fixture
def memos(committee: Committee) -> tuple[Memo, Memo]:
    """A final status memo with its case numbers, and a draft orientation memo, to the same committee."""
    final = memo_finalise(
        memo=draft(
            committee,
            case_handler="Melissa Holmes",
            case_numbers={"edoc": "2023-0476658", "f2": "2023 - 21613"},
        )
    )
    return final, draft(committee, MemoKind.ORIENTATION, memo_date=datetime.date(2022, 10, 1))


def page_ids(client: Client) -> set[int]:
    return {int(pk) for pk in re.findall(r'href="/notater/(\d+)/"', client.get("/notater/").content.decode())}


def test_the_public_sees_final_memos_only(memos: tuple[Memo, Memo]) -> None:
    final, hidden = memos

    listing = get("/memos")
    assert [memo["id"] for memo in listing["items"]] == [final.pk] and listing["count"] == 1
    assert Client().get(f"{API}/memos/{hidden.pk}").status_code == 404
    assert get(f"/memos/{final.pk}")["status"] == "final"


@pytest.mark.parametrize("who", ["editor", "administrator"])
def test_those_who_may_write_to_the_committee_also_see_its_drafts(
    world: ClusterWorld, memos: tuple[Memo, Memo], who: str
) -> None:
    headers = bearer(Role.ADMIN) if who == "administrator" else bearer(Role.EDITOR, party=world.municipality)
    final, hidden = memos

    assert ids(headers=headers) == {final.pk, hidden.pk}
    assert get(f"/memos/{hidden.pk}", headers)["status"] == "draft"
    assert ids(headers=headers, status="draft") == {hidden.pk}


@pytest.mark.parametrize("who", ["other_editor", "member"])
def test_others_see_no_drafts(world: ClusterWorld, memos: tuple[Memo, Memo], who: str) -> None:
    headers = (
        bearer(Role.EDITOR, party=build_cluster("Anden").municipality)
        if who == "other_editor"
        else bearer(Role.MEMBER, person=world.mayor)
    )
    final, hidden = memos

    assert ids(headers=headers) == {final.pk}
    assert Client().get(f"{API}/memos/{hidden.pk}", **headers).status_code == 404


def test_the_same_memos_as_the_pages_for_the_same_caller(
    world: ClusterWorld, memos: tuple[Memo, Memo]
) -> None:
    session = editor_of(world.municipality)
    outsider = editor_of(build_cluster("Anden").municipality)

    assert ids() == page_ids(Client())
    assert {m["id"] for m in get("/memos", client=session)["items"]} == page_ids(session)
    assert page_ids(session) == {memo.pk for memo in memos}
    assert {m["id"] for m in get("/memos", client=outsider)["items"]} == page_ids(outsider)


def test_a_memo_with_its_metadata_case_numbers_text_and_downloads(
    committee: Committee, memos: tuple[Memo, Memo]
) -> None:
    final, _ = memos

    memo = get(f"/memos/{final.pk}")

    assert memo["title"] == final.title and memo["kind"] == "status" and memo["version"] == 1
    assert memo["committee"] == {
        "id": committee.pk,
        "name": "Sundhedsudvalget Test",
        "slug": committee.slug,
        "code": "SUTEST",
        "party": {"id": committee.party_id, "name": "Test Kommune", "slug": committee.party.slug},
    }
    assert memo["memo_date"] == "2023-12-11" and memo["committee_meeting_date"] == "2023-12-14"
    assert memo["period_end"] == "2023-12-11" and memo["period_start"] is not None
    assert memo["case_handler"] == "Melissa Holmes"
    assert memo["case_numbers"] == [
        {"kind": "edoc", "label": "Edoc-sagsnummer", "number": "2023-0476658"},
        {"kind": "f2", "label": "F2 sagsnummer", "number": "2023 - 21613"},
    ]
    assert memo["text"] == final.body and "Sundhedsklynge Test" in memo["text"]
    assert memo["finalised_at"] is not None and memo["previous_version_id"] is None
    assert memo["url"] == f"/notater/{final.pk}/"
    downloads = {d["format"]: d for d in memo["downloads"]}
    assert set(downloads) == {"docx", "pdf", "html", "md"}
    markdown = Client().get(downloads["md"]["url"])
    assert markdown.status_code == 200 and markdown["Content-Type"] == downloads["md"]["content_type"]
    assert "2023-0476658" in markdown.content.decode()


def test_a_draft_and_its_files_stay_hidden_from_the_public(
    world: ClusterWorld, memos: tuple[Memo, Memo]
) -> None:
    _, hidden = memos
    editor = bearer(Role.EDITOR, party=world.municipality)

    (pdf,) = [d for d in get(f"/memos/{hidden.pk}", editor)["downloads"] if d["format"] == "pdf"]

    assert Client().get(pdf["url"]).status_code == 404
    assert editor_of(world.municipality).get(pdf["url"]).status_code == 200


def test_a_new_version_points_to_the_one_before(memos: tuple[Memo, Memo], world: ClusterWorld) -> None:
    final, _ = memos
    newer = memo_finalise(memo=memo_new_version(memo=final))

    memo = get(f"/memos/{newer.pk}")

    assert memo["version"] == 2 and memo["previous_version_id"] == final.pk


def test_memos_by_committee_kind_status_date_and_topic(
    world: ClusterWorld, committee: Committee, memos: tuple[Memo, Memo]
) -> None:
    final, hidden = memos
    elsewhere = memo_finalise(memo=draft(Committee.objects.get(party=build_cluster("Anden").municipality)))
    admin = bearer(Role.ADMIN)

    assert ids(headers=admin) == {final.pk, hidden.pk, elsewhere.pk}
    assert ids(headers=admin, committee=committee.pk) == {final.pk, hidden.pk}
    assert ids(headers=admin, kind="orientation") == {hidden.pk}
    assert ids(headers=admin, status="final") == {final.pk, elsewhere.pk}
    assert ids(headers=admin, date_from="2023-01-01") == {final.pk, elsewhere.pk}
    assert ids(headers=admin, date_to="2022-12-31") == {hidden.pk}
    assert ids(headers=admin, topic="forebyggelse") == {final.pk, hidden.pk, elsewhere.pk}
    assert ids(headers=admin, topic="sygehusbehandling") == set()
    # A filter never shows what the caller may not see.
    assert ids(kind="orientation") == set() and ids(status="draft") == set()


@pytest.mark.parametrize(
    "query",
    [
        "kind=letter",
        "status=secret",
        "committee=0",
        "date_from=14.12.2023",
        "topic=æ",
        "limit=0",
        "offset=-1",
    ],
)
def test_bad_filters_are_422(world: ClusterWorld, query: str) -> None:
    response = Client().get(f"{API}/memos?{query}")
    assert response.status_code == 422 and response.json()["code"] == "invalid"


def test_an_unknown_memo_is_404(world: ClusterWorld) -> None:
    assert Client().get(f"{API}/memos/999999").status_code == 404
    assert Client().get(f"{API}/memos/0").status_code == 422


def count_queries(path: str, headers: dict[str, str]) -> int:
    client = Client()
    client.get(API + path, **headers)
    with CaptureQueriesContext(connection) as context:
        assert client.get(API + path, **headers).status_code == 200
    return len(context.captured_queries)


def test_a_page_of_many_memos_costs_the_queries_of_a_page_of_one(
    world: ClusterWorld, memos: tuple[Memo, Memo]
) -> None:
    editor = bearer(Role.EDITOR, party=world.municipality)
    paths = ["/memos?limit=100", f"/memos/{memos[0].pk}"]
    before = {path: count_queries(path, editor) for path in paths}
    for n in range(6):
        other = Committee.objects.get(party=build_cluster(f"M{n}").municipality)
        memo_finalise(memo=draft(other, case_numbers={"edoc": f"2023-{n}"}))
        draft(other, MemoKind.ORIENTATION)

    after = {path: count_queries(path, editor) for path in paths}

    assert after == before and max(after.values()) <= 8, after
    assert len(get("/memos", editor, limit=100)["items"]) == 8
