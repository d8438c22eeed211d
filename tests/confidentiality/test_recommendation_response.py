"""Nothing closed leaks: the recipient's decision on an indstilling made in a closed agenda item is read
only by those who may read the item. It is recorded through the page and corrected through the API (so
its history holds both wordings); then no page, API call, history, search or export shows either wording
to anyone else, and those who may read the item read it.

Who may read the council's closed item: an administrator and the secretariat of a party in the council.
Not: the public, a member of another body (the cluster's mayor), another cluster's member and editor."""

from dataclasses import dataclass

import pytest
from django.test import Client

from klynge.meetings.models import Decision, RecommendationResponse
from tests.clients import administrator, editor_of, member_as
from tests.confidentiality.channels import api_token_client, leaks
from tests.databases import built_alone_once_per_module
from tests.factories import ClusterWorld, build_cluster
from tests.meetings.council_world import Council, build_council

# Words that stand only in the response (the search finds them by their stem): first as the page
# recorded it, then as the API corrected it.
MARKERS = ("Pelikanforbeholdet", "Flamingoklausulen")
REFERENCE = "https://www.regiontest.dk/referat/pingvinmoedet"


@dataclass
class Scene:
    council: Council
    decision: Decision
    response: RecommendationResponse
    clients: dict[str, Client]


def build_scene() -> Scene:
    world: ClusterWorld = build_cluster("Test")
    other = build_cluster("Anden")
    council = build_council(world, is_public=False)
    decision = council.recommendation
    assert not decision.agenda_item.is_public
    editor = editor_of(world.municipality)

    page = editor.post(
        f"/beslutninger/{decision.pk}/modtagerens-beslutning/",
        {
            "outcome": "followed_with_changes",
            "decided_on": "17.03.2026",
            "text": f"Regionsrådet fulgte indstillingen med {MARKERS[0]}.",
            "reference": "",
        },
    )
    assert page.status_code == 302, page.content.decode()[:2000]
    answer = api_token_client(editor).put(
        f"/api/v1/decisions/{decision.pk}/response",
        {
            "outcome": "not_followed",
            "decided_on": "2026-03-18",
            "text": f"Regionsrådet afviste med {MARKERS[1]}.",
            "reference": REFERENCE,
        },
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    response = RecommendationResponse.objects.get(decision=decision)
    assert response.history.count() == 2
    clients = {
        "anonymous": Client(),
        "member_elsewhere": member_as(world.mayor),
        "member_other_cluster": member_as(other.mayor),
        "editor_other_party": editor_of(other.municipality),
        "administrator": administrator(),
        "editor_participating": editor,
    }
    return Scene(council=council, decision=decision, response=response, clients=clients)


# The scene, built once for the module (its tests only read it; what one writes goes with it).
module_scene, scene = built_alone_once_per_module("scene", build_scene)

OUTSIDERS = ["anonymous", "member_elsewhere", "member_other_cluster", "editor_other_party"]
READERS = ["administrator", "editor_participating"]
SECRETS = (*MARKERS, REFERENCE, "pingvinmoedet")


def channels(scene: Scene) -> list[str]:
    decision, council = scene.decision, scene.council
    item, meeting = decision.agenda_item, decision.agenda_item.meeting
    urls = [
        "/",
        "/moeder/",
        f"/moeder/{meeting.pk}/",
        item.get_absolute_url(),
        f"/beslutninger/{decision.pk}/modtagerens-beslutning/",
        f"/samarbejder/{council.council.slug}/",
        f"/organer/{meeting.body.slug}/",
        council.world.region.get_absolute_url(),
        "/foelg/",
        f"/foelg/{council.council.slug}/",
        "/api/v1/decisions",
        "/api/v1/decisions?kind=council_recommendation",
        f"/api/v1/decisions/{decision.pk}",
        f"/api/v1/agenda-items/{item.pk}",
        f"/api/v1/agenda-items?meeting={meeting.pk}",
        f"/api/v1/meetings/{meeting.pk}",
        "/api/v1/exports/public.json",
        "/api/v1/meetings.ics?since=2000-01-01",
        f"/admin/meetings/recommendationresponse/{scene.response.pk}/history/",
        f"/admin/meetings/recommendationresponse/{scene.response.pk}/change/",
    ]
    for marker in MARKERS:
        urls += [f"/soeg/?q={marker.lower()}", f"/api/v1/search?q={marker.lower()}"]
    return urls


@pytest.mark.parametrize("role", OUTSIDERS)
def test_no_channel_shows_the_response_to_those_who_may_not_read_the_item(scene: Scene, role: str) -> None:
    client = scene.clients[role]
    found = leaks(client, channels(scene), SECRETS)
    assert found == [], "\n".join(map(str, found))
    # The response's own page and API answer as if there were no such decision.
    assert client.get(f"/beslutninger/{scene.decision.pk}/modtagerens-beslutning/").status_code in (302, 404)
    assert client.get(f"/api/v1/decisions/{scene.decision.pk}").status_code in (401, 404)


@pytest.mark.parametrize("role", OUTSIDERS)
def test_those_who_may_not_read_the_item_cannot_write_its_response(scene: Scene, role: str) -> None:
    client = scene.clients[role]
    page = client.post(
        f"/beslutninger/{scene.decision.pk}/modtagerens-beslutning/",
        {"outcome": "followed", "decided_on": "19.03.2026", "text": "Overskrevet.", "reference": ""},
    )
    assert page.status_code in (302, 403, 404)
    api = client if role == "anonymous" else api_token_client(client)
    assert api.delete(f"/api/v1/decisions/{scene.decision.pk}/response").status_code in (401, 403, 404)
    scene.response.refresh_from_db()
    assert scene.response.text == f"Regionsrådet afviste med {MARKERS[1]}."


def test_every_channel_answers_the_administrator(scene: Scene) -> None:
    """So that the outsiders' answers above are refusals of a real page, not of a mistyped address."""
    client = scene.clients["administrator"]
    assert {url: client.get(url).status_code for url in channels(scene)} == dict.fromkeys(
        channels(scene), 200
    )


@pytest.mark.parametrize("role", READERS)
def test_those_who_may_read_the_item_read_the_response(scene: Scene, role: str) -> None:
    client = scene.clients[role]
    page = client.get(scene.decision.agenda_item.get_absolute_url()).content.decode()
    assert MARKERS[1] in page
    api = api_token_client(client)
    assert api.get(f"/api/v1/decisions/{scene.decision.pk}").json()["response"]["reference"] == REFERENCE
    listed = api.get("/api/v1/decisions?kind=council_recommendation").json()["items"]
    assert [row["response"]["outcome"] for row in listed if row["id"] == scene.decision.pk] == [
        "not_followed"
    ]
