"""A logged-in viewer's own response cache (klynge.pagecache), through HTTP: a viewer is served only pages
made for that session, and every write, logout, new login or rotated CSRF secret is seen at once."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from klynge.accounts.models import Account, Role
from klynge.accounts.services import account_create
from klynge.meetings.models import AgendaItemKind
from klynge.meetings.services import agenda_item_create
from tests.clients import editor_of, member_as
from tests.factories import ClusterWorld, build_cluster
from tests.pagecache.test_anonymous_cache import cached, meeting_url

pytestmark = pytest.mark.search_indexing

CLOSED_TITLE = "Zyxwabc"  # in the closed item's title, and nowhere else


@pytest.fixture
def closed_world(world: ClusterWorld) -> ClusterWorld:
    agenda_item_create(
        meeting=world.meeting,
        title=f"Lukket punkt {CLOSED_TITLE} om budgettet",
        kind=AgendaItemKind.DECISION,
        is_public=False,
    )
    return world


def served_from_cache(client: Client, url: str) -> str:
    """Read the page until it comes from the viewer's cache (the first read sets the CSRF cookie that the
    page's forms are signed with, the next is kept), and return it."""
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, url
        if cached(response) == "hit":
            return response.content.decode()
    raise AssertionError(f"{url} was never served from the cache")


def test_a_viewer_is_served_their_own_page_with_two_queries(closed_world: ClusterWorld) -> None:
    url = meeting_url(closed_world)
    member = member_as(closed_world.mayor)
    fresh = member.get(url).content.decode()
    assert CLOSED_TITLE in fresh
    html = served_from_cache(member, url)
    assert CLOSED_TITLE in html
    with CaptureQueriesContext(connection) as queries:
        again = member.get(url)
    assert cached(again) == "hit"
    # The session (which the login needs anyway) and the data version: nothing else.
    assert len(queries.captured_queries) == 2
    assert "django_session" in queries.captured_queries[0]["sql"]
    assert "pagecache_dataversion" in queries.captured_queries[1]["sql"]


@pytest.mark.parametrize("channel", ["meeting", "search", "api"])
def test_no_viewer_is_served_another_viewers_page(closed_world: ClusterWorld, channel: str) -> None:
    url = {
        "meeting": meeting_url(closed_world),
        "search": "/soeg/?q=budgettet",
        "api": f"/api/v1/agenda-items?meeting={closed_world.meeting.pk}",
    }[channel]
    other = build_cluster("Anden")
    seeing = {
        "editor of a party that takes part": editor_of(closed_world.municipality),
        "member of the body": member_as(closed_world.mayor),
    }
    not_seeing = {
        "editor of another party": editor_of(other.municipality),
        "member of another body": member_as(other.mayor),
        "anonymous": Client(),
    }
    for name, client in seeing.items():
        assert CLOSED_TITLE in served_from_cache(client, url), name
    for name, client in not_seeing.items():
        responses = [client.get(url) for _ in range(3)]
        assert cached(responses[0]) != "hit", name
        for response in responses:
            assert response.status_code == 200, name
            assert CLOSED_TITLE not in response.content.decode(), name


def test_two_sessions_of_one_user_keep_their_pages_apart(world: ClusterWorld) -> None:
    user, _ = account_create(
        email="to-sessioner@test.dk", password="x", role=Role.EDITOR, party=world.municipality
    )
    first, second = Client(), Client()
    for client in (first, second):
        client.force_login(get_user_model().objects.get(pk=user.pk))
    served_from_cache(first, meeting_url(world))
    assert cached(second.get(meeting_url(world))) != "hit"


def test_a_session_ended_at_logout_is_never_served_again(closed_world: ClusterWorld) -> None:
    url = meeting_url(closed_world)
    member = member_as(closed_world.mayor)
    served_from_cache(member, url)
    old_cookies = {name: morsel.value for name, morsel in member.cookies.items()}
    assert member.post("/log-ud/").status_code == 302
    replay = Client()
    for name, value in old_cookies.items():
        replay.cookies[name] = value
    response = replay.get(url)
    assert cached(response) != "hit"
    assert CLOSED_TITLE not in response.content.decode()


def test_a_write_by_the_viewer_shows_at_once(world: ClusterWorld) -> None:
    url = meeting_url(world)
    editor = editor_of(world.municipality)
    served_from_cache(editor, url)
    data = {"title": "Nyt punkt fra redaktøren", "kind": AgendaItemKind.ORIENTATION.value, "is_public": "on"}
    assert editor.post(f"/moeder/{world.meeting.pk}/punkter/ny/", data).status_code == 302
    response = editor.get(url)
    assert cached(response) != "hit"
    assert "Nyt punkt fra redaktøren" in response.content.decode()


def test_losing_the_right_to_see_a_closed_item_shows_at_once(closed_world: ClusterWorld) -> None:
    url = meeting_url(closed_world)
    editor = editor_of(closed_world.municipality, email="flytter@test.dk")
    assert CLOSED_TITLE in served_from_cache(editor, url)
    # The editor moves to a party of another cluster: a write the page cannot know of but by its key.
    other = build_cluster("Anden")
    Account.objects.filter(user__email="flytter@test.dk").update(party=other.municipality)
    response = editor.get(url)
    assert cached(response) != "hit"
    assert CLOSED_TITLE not in response.content.decode()


def test_a_flash_message_is_never_hidden_by_a_kept_page(world: ClusterWorld) -> None:
    url = meeting_url(world)
    editor = editor_of(world.municipality)
    served_from_cache(editor, url)
    editor.cookies["messages"] = "en besked"
    assert cached(editor.get(url)) is None


def test_the_forms_of_a_kept_page_are_accepted(world: ClusterWorld) -> None:
    url = meeting_url(world)
    editor = editor_of(world.municipality)
    editor.handler.enforce_csrf_checks = True  # type: ignore[attr-defined]
    html = served_from_cache(editor, url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token is not None
    data = {
        "csrfmiddlewaretoken": token.group(1),
        "title": "Punkt fra en gemt side",
        "kind": AgendaItemKind.ORIENTATION.value,
        "is_public": "on",
    }
    assert editor.post(f"/moeder/{world.meeting.pk}/punkter/ny/", data).status_code == 302
    assert "Punkt fra en gemt side" in editor.get(url).content.decode()


def test_a_new_login_is_a_new_key(world: ClusterWorld) -> None:
    url = meeting_url(world)
    user, _ = account_create(email="igen@test.dk", password="x", role=Role.EDITOR, party=world.municipality)
    client = Client()
    client.force_login(get_user_model().objects.get(pk=user.pk))
    served_from_cache(client, url)
    client.force_login(get_user_model().objects.get(pk=user.pk))
    assert cached(client.get(url)) != "hit"


def test_a_head_request_is_answered_by_the_view_for_every_reader(world: ClusterWorld) -> None:
    url = meeting_url(world)
    editor = editor_of(world.municipality)
    served_from_cache(editor, url)
    head = editor.head(url)
    assert head.status_code == 200
    assert cached(head) is None
    # The anonymous reader's too.
    assert cached(Client().get(url)) in ("miss", "hit")
    anonymous = Client().head(url)
    assert anonymous.status_code == 200 and cached(anonymous) is None


def test_a_response_the_view_forbids_keeping_is_not_kept(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    url = "/api/v1/exports/initiatives.csv"
    for _ in range(3):
        response = editor.get(url)
        assert cached(response) is None
        assert response["Cache-Control"] == "private, no-store"


def test_the_viewers_cache_can_be_switched_off_alone(world: ClusterWorld) -> None:
    url = meeting_url(world)
    editor = editor_of(world.municipality)
    with override_settings(PAGECACHE_VIEWERS_ENABLED=False):
        for _ in range(3):
            assert cached(editor.get(url)) is None
        assert cached(Client().get(url)) == "miss"
        assert cached(Client().get(url)) == "hit"
