"""Every answer to a caller who may be logged in says `Cache-Control: private`, so no proxy or CDN in front
keeps a page with one viewer's closed items for the next, even one that ignores `Vary: Cookie`; what a
view says itself (a feed or export's `no-store`) stands."""

import pytest
from django.test import Client

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.api.services import token_create
from tests.clients import editor_of, member_as
from tests.factories import ClusterWorld, build_cluster
from tests.pagecache.test_anonymous_cache import meeting_url


def directives(response: object) -> set[str]:
    value = response.headers.get("Cache-Control", "")  # type: ignore[attr-defined]
    return {part.strip() for part in value.split(",") if part.strip()}


@pytest.mark.parametrize("path", ["meeting", "/", "/moeder/", "/api/v1/meetings"])
@pytest.mark.parametrize("who", ["editor", "member"])
def test_a_logged_in_viewers_pages_are_private(world: ClusterWorld, path: str, who: str) -> None:
    client = editor_of(world.municipality) if who == "editor" else member_as(world.mayor)
    url = meeting_url(world) if path == "meeting" else path
    for _ in range(2):  # rendered, then (the second time) from the viewer's own cache
        response = client.get(url)
        assert response.status_code == 200
        assert directives(response) == {"private"}


def test_an_api_token_or_a_feed_token_makes_the_answer_private(world: ClusterWorld) -> None:
    user, _ = account_create(email="api@test.dk", password="x", role=Role.EDITOR, party=world.municipality)
    _, secret = token_create(user=user)
    response = Client().get("/api/v1/meetings", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert "private" in directives(response)
    response = Client().get(f"/api/v1/meetings.ics?token={secret}")
    assert response.status_code == 200
    assert directives(response) == {"private"}


def test_a_view_that_says_more_is_left_as_it_is(world: ClusterWorld) -> None:
    response = editor_of(world.municipality).get("/api/v1/exports/initiatives.csv")
    assert directives(response) == {"private", "no-store"}


def test_the_logged_in_calendar_feed_is_kept_for_that_session_alone(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    first, again = editor.get("/api/v1/meetings.ics"), editor.get("/api/v1/meetings.ics")
    assert again.headers.get("X-Klynge-Page-Cache") == "hit"
    assert again.content == first.content
    other = editor_of(build_cluster("Anden").municipality, email="anden@test.dk")
    assert other.get("/api/v1/meetings.ics").headers.get("X-Klynge-Page-Cache") != "hit"


def test_the_public_is_not_marked_private(world: ClusterWorld) -> None:
    for url in (meeting_url(world), "/", "/api/v1/meetings"):
        response = Client().get(url)
        assert response.status_code == 200
        assert "private" not in directives(response)
