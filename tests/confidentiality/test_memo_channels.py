"""Nothing closed leaks: closed items entered through the API and the pages, memos drafted from them and
finalised for a participating and a non-participating party's committee — and the markers in no channel
a viewer may not read (pages, downloads, API, search, public export, calendar, spreadsheets, history).

Who may read the closed items: an administrator, the participating party's secretariat, and a member of
the body whose seat ran on the meeting's day. Not: the public, a member whose seat had ended, a member
of another body, another party's secretariat, and a secretariat whose party had left the cluster.
"""

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client

from klynge.bodies.services import membership_create, participation_set
from klynge.meetings.models import AgendaItem
from klynge.memos.models import Memo
from klynge.organisation.models import Committee, Person
from klynge.organisation.services import person_create
from klynge.work.services import focus_area_update
from tests.clients import administrator, content_of, editor_of, member_as
from tests.confidentiality.channels import api_token_client, leaks, readable_text
from tests.databases import built_alone_once_per_module
from tests.factories import ClusterWorld, build_cluster

# Words that stand only in the closed records (the search finds them by their stem).
MARKERS = ("Zebraforhandling", "Giraffbudgettet", "Okapiaftalen", "Flodhestetillæg")
CLOSED_AMOUNT = Decimal("456789")
CLOSED_MONEY = ("456.789", "456789", "543.211")  # the amount, raw, and the fund's remainder with it


@dataclass
class Scene:
    world: ClusterWorld
    other: ClusterWorld
    closed_memo: Memo  # final, drawn from the closed items
    emptied_memo: Memo  # final; its closed passages were deleted in the draft, so it stays closed
    public_memo: Memo  # final; the public version of the closed memo
    other_memo: Memo  # final, to a committee of a party outside the cluster
    clients: dict[str, Client]


def post_json(client: Client, url: str, payload: dict[str, object]) -> dict[str, object]:
    response = client.post(url, payload, content_type="application/json")
    assert response.status_code == 201, (url, response.content)
    return response.json()  # type: ignore[no-any-return]


def draft(api: Client, committee: Committee) -> dict[str, object]:
    """A status memo to the committee's meeting on 14 December 2023, drafted from the records."""
    return post_json(
        api,
        "/api/v1/memos",
        {
            "committee": committee.pk,
            "kind": "status",
            "meeting_date": "2023-12-14",
            "memo_date": "2023-12-11",
        },
    )


def build_scene() -> Scene:
    world, other = build_cluster("Test"), build_cluster("Anden")
    editor = editor_of(world.municipality)
    api = api_token_client(editor)

    # A closed item with a decision and an allocation, through the API.
    item = post_json(
        api,
        f"/api/v1/meetings/{world.meeting.pk}/agenda-items",
        {
            "title": f"{MARKERS[0]} om forebyggelse",
            "kind": "decision",
            "summary": MARKERS[1],
            "is_public": False,
        },
    )
    post_json(
        api,
        f"/api/v1/agenda-items/{item['id']}/decisions",
        {
            "kind": "coordination",
            "text": f"Klyngen noterede {MARKERS[2]}.",
            "allocation": {
                "fund": world.fund.pk,
                "amount": str(CLOSED_AMOUNT),
                "initiative": world.initiative.pk,
            },
        },
    )
    # Another closed item, through the page.
    response = editor.post(
        f"/moeder/{world.meeting.pk}/punkter/ny/",
        {"title": f"{MARKERS[3]} til drøftelse", "kind": "discussion", "summary": ""},
    )
    assert response.status_code == 302, response.content.decode()
    page_item = AgendaItem.objects.get(title__startswith=MARKERS[3])
    assert not page_item.is_public
    # A record's history links to a closed item.
    focus = world.focus_area
    focus_area_update(
        focus_area=focus,
        seen_version=None,
        name=focus.name,
        collaborations=[world.cluster],
        status=focus.status,  # type: ignore[arg-type]
        description=focus.description,
        topics=list(focus.topics.all()),
        decided_at=page_item,
        health_agreement=None,
        period_start=None,
        period_end=None,
    )

    committee = Committee.objects.get(party=world.municipality)
    closed = draft(api, committee)
    assert closed["is_closed"] is True
    assert all(marker in str(closed["text"]) for marker in (MARKERS[0], MARKERS[1], MARKERS[2], MARKERS[3]))
    assert "::: lukket-punkt" in str(closed["text"])

    emptied = draft(api, committee)
    text = Memo.objects.get(pk=emptied["id"]).body
    without = "\n\n".join(chunk for chunk in text.split("\n\n") if not any(m in chunk for m in MARKERS))
    without = without.replace("::: lukket-punkt", "").replace(":::", "")
    changed = api.patch(f"/api/v1/memos/{emptied['id']}", {"text": without}, content_type="application/json")
    assert changed.status_code == 200 and changed.json()["is_closed"] is True, changed.content
    assert not any(m in changed.json()["text"] for m in MARKERS)

    for memo in (closed, emptied):
        finalised = api.post(f"/api/v1/memos/{memo['id']}/finalise")
        assert finalised.status_code == 200 and finalised.json()["status"] == "final", finalised.content

    # The public version, through the pages: drafted, then finalised after the confirmation.
    response = editor.post(f"/notater/{closed['id']}/offentlig-version/")
    public = Memo.objects.get(public_version_of=closed["id"])
    assert response.status_code == 302 and response["Location"] == f"/notater/{public.pk}/"
    assert "Notatet er offentligt" in editor.get(f"/notater/{public.pk}/endelig/").content.decode()
    editor.post(f"/notater/{public.pk}/endelig/", {"confirm": "yes"})
    public.refresh_from_db()
    assert public.is_final and not public.closed_items.exists()

    other_editor = editor_of(other.municipality)
    other_api = api_token_client(other_editor)
    other_memo = draft(other_api, Committee.objects.get(party=other.municipality))
    assert other_api.post(f"/api/v1/memos/{other_memo['id']}/finalise").status_code == 200

    # A member whose seat ended before the meeting, and a party that had left the cluster by then.
    former = person_create(name="Tidligere Medlem", party=world.municipality)
    membership_create(
        person=former,
        body=world.political,
        party=world.municipality,
        start=datetime.date(2022, 7, 1),
        end=datetime.date(2023, 6, 30),
    )
    participation_set(
        collaboration=world.cluster, party=world.general_practice, end=datetime.date(2023, 6, 30)
    )
    clients = {
        "anonymous": Client(),
        "member_seat_ended": member_as(former),
        "member_elsewhere": member_as(other.mayor),
        "editor_other_party": other_editor,
        "editor_party_left": editor_of(world.general_practice),
        "administrator": administrator(),
        "editor_participating": editor,
        "member_in_seat": member_as(world.mayor),
        "member_substitute": member_as(Person.objects.get(name="Stedfortræder Test")),
    }
    return Scene(
        world=world,
        other=other,
        closed_memo=Memo.objects.get(pk=closed["id"]),
        emptied_memo=Memo.objects.get(pk=emptied["id"]),
        public_memo=public,
        other_memo=Memo.objects.get(pk=other_memo["id"]),
        clients=clients,
    )


# The scene, built once for the module (its tests only read it; what one writes goes with it).
module_scene, scene = built_alone_once_per_module("scene", build_scene)

OUTSIDERS = ["anonymous", "member_seat_ended", "member_elsewhere", "editor_other_party", "editor_party_left"]
READERS = ["administrator", "editor_participating", "member_in_seat", "member_substitute"]


def channels(scene: Scene) -> list[str]:
    world = scene.world
    memos = [scene.closed_memo, scene.emptied_memo, scene.public_memo, scene.other_memo]
    urls = [
        "/",
        "/notater/",
        f"/udvalg/{Committee.objects.get(party=world.municipality).slug}/",
        f"/moeder/{world.meeting.pk}/",
        "/moeder/",
        f"/fokusomraader/{world.focus_area.slug}/",
        f"/indsatser/{world.initiative.slug}/",
        f"/puljer/{world.fund.pk}/",
        f"/samarbejder/{world.cluster.slug}/",
        "/foelg/",
        f"/foelg/{world.cluster.slug}/",
        "/api/v1/memos",
        f"/api/v1/agenda-items?meeting={world.meeting.pk}",
        "/api/v1/decisions",
        "/api/v1/allocations",
        "/api/v1/exports/public.json",
        "/api/v1/exports/initiatives.csv",
        "/api/v1/exports/allocations.csv",
        "/api/v1/exports/allocations.xlsx",
        "/api/v1/meetings.ics?since=2000-01-01",
    ]
    for marker in MARKERS:
        urls += [f"/soeg/?q={marker.lower()}", f"/api/v1/search?q={marker.lower()}"]
    for memo in memos:
        urls += [f"/notater/{memo.pk}/", f"/api/v1/memos/{memo.pk}"]
        urls += [f"/notater/{memo.pk}/hent/{fmt}/" for fmt in ("docx", "pdf", "html", "md")]
    return urls


@pytest.mark.parametrize("role", OUTSIDERS)
def test_no_channel_shows_a_closed_item_to_those_who_may_not_read_it(scene: Scene, role: str) -> None:
    client = scene.clients[role]
    # Case matters: the records hold the markers capitalised, a search page echoes its query lower-case.
    found = leaks(client, channels(scene), (*MARKERS, *CLOSED_MONEY))
    assert found == [], "\n".join(map(str, found))


@pytest.mark.parametrize("role", OUTSIDERS)
def test_closed_memos_are_not_there_for_outsiders_and_the_public_version_is(scene: Scene, role: str) -> None:
    client = scene.clients[role]
    for memo in (scene.closed_memo, scene.emptied_memo):
        assert client.get(f"/notater/{memo.pk}/").status_code == 404
        assert client.get(f"/notater/{memo.pk}/hent/pdf/").status_code == 404
        assert client.get(f"/api/v1/memos/{memo.pk}").status_code == 404
    listed = {m["id"] for m in client.get("/api/v1/memos?limit=100").json()["items"]}
    assert listed == {scene.public_memo.pk, scene.other_memo.pk}
    public_json = json.loads(content_of(client.get("/api/v1/exports/public.json")))
    assert {m["id"] for m in public_json["memos"]} == {scene.public_memo.pk, scene.other_memo.pk}
    page = client.get(f"/notater/{scene.public_memo.pk}/").content.decode()
    assert "Offentlig version af et lukket notat" in page and f"/notater/{scene.closed_memo.pk}/" not in page


@pytest.mark.parametrize("role", READERS)
def test_those_who_may_read_the_items_read_the_closed_memo_marked(scene: Scene, role: str) -> None:
    client = scene.clients[role]
    page = client.get(f"/notater/{scene.closed_memo.pk}/").content.decode()
    assert "Lukket notat" in page and "Lukket punkt" in page and MARKERS[0] in page
    for fmt in ("docx", "pdf", "html", "md"):
        text = readable_text(client.get(f"/notater/{scene.closed_memo.pk}/hent/{fmt}/"))
        assert "Lukket notat" in text and "Lukket punkt" in text and MARKERS[0] in text, fmt
    assert client.get(f"/api/v1/memos/{scene.closed_memo.pk}").json()["is_closed"] is True
    found = client.get(f"/api/v1/search?q={MARKERS[0].lower()}").json()
    assert scene.closed_memo.title in json.dumps(found, ensure_ascii=False)


def test_a_memo_to_a_non_participating_partys_committee_holds_no_closed_item(scene: Scene) -> None:
    assert not scene.other_memo.closed_items.exists()
    assert not any(m in scene.other_memo.body for m in MARKERS)


def test_the_history_of_an_emptied_memo_stays_with_those_who_may_read_it(scene: Scene) -> None:
    """The deleted passages are still in the draft's history: the memo stays closed for good."""
    assert scene.emptied_memo.closed_items.count() == 2
    page = scene.clients["editor_participating"].get(f"/notater/{scene.emptied_memo.pk}/").content.decode()
    history = page.split("Ændringshistorik", 1)[1]
    assert MARKERS[1] in history  # the deleted passage's wording, in the draft's history
    # A member who may read the items sees the memo, but not the drafts' wording (the secretariat's).
    page = scene.clients["member_in_seat"].get(f"/notater/{scene.emptied_memo.pk}/").content.decode()
    history = page.split("Ændringshistorik", 1)[1]
    assert "(skjult)" in history and MARKERS[1] not in history


def test_a_history_link_to_a_closed_item_is_named_only_to_its_readers(scene: Scene) -> None:
    url = f"/fokusomraader/{scene.world.focus_area.slug}/"
    outsider = scene.clients["editor_other_party"].get(url).content.decode()
    assert "lukket punkt" in outsider and MARKERS[3] not in outsider
    reader = scene.clients["member_in_seat"].get(url).content.decode()
    assert f"{MARKERS[3]} til drøftelse" in reader
