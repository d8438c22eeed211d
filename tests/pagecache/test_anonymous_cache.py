"""The anonymous response cache (klynge.pagecache), through HTTP: what it serves, to whom, and that no
write is ever read under an old key.

The module's search index follows each change (`search_indexing`), so search is checked too."""

import datetime
from collections.abc import Callable

import pytest
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from klynge.accounts.models import Role
from klynge.meetings.models import AgendaItem, AgendaItemKind
from klynge.meetings.services import agenda_item_create
from klynge.pagecache.middleware import STATUS_HEADER, PageCacheMiddleware
from tests.api.conftest import TokenClient, token_for
from tests.clients import editor_of
from tests.factories import ClusterWorld

pytestmark = pytest.mark.search_indexing


def cached(response: HttpResponse) -> str | None:
    """ "hit" (served from the cache), "miss" (stored now) or None (neither served nor stored)."""
    return response.headers.get(STATUS_HEADER)


def meeting_url(world: ClusterWorld) -> str:
    return f"/moeder/{world.meeting.pk}/"


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response.content.decode()


def warm(url: str) -> None:
    """Cache the page for anonymous readers, and prove it is served from the cache."""
    first, second = Client().get(url), Client().get(url)
    assert (cached(first), cached(second)) in {("miss", "hit"), ("hit", "hit")}


def test_a_second_anonymous_read_is_served_from_the_cache_with_one_query(world: ClusterWorld) -> None:
    for url in (
        meeting_url(world),
        "/moeder/",
        "/",
        "/api/v1/meetings",
        f"/api/v1/meetings/{world.meeting.pk}",
    ):
        first = Client().get(url)
        assert cached(first) == "miss", url
        with CaptureQueriesContext(connection) as queries:
            second = Client().get(url)
        assert cached(second) == "hit", url
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]
        # The data version, read once: nothing else.
        assert len(queries.captured_queries) == 1, url
        assert "pagecache_dataversion" in queries.captured_queries[0]["sql"]


def test_the_query_string_is_part_of_the_key(world: ClusterWorld) -> None:
    warm("/moeder/")
    assert cached(Client().get("/moeder/?aar=2023")) == "miss"


def write_and_read(world: ClusterWorld, write: Callable[[], object], title: str) -> None:
    """Cache the meeting page, write, and read it again anonymously: the write shows at once."""
    url = meeting_url(world)
    warm(url)
    assert title not in page(Client(), url)
    write()
    assert title in page(Client(), url)


def test_a_write_through_a_page_post_shows_at_once(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    data = {"title": "Nyt punkt fra siden", "kind": AgendaItemKind.ORIENTATION.value, "is_public": "on"}
    write_and_read(
        world,
        lambda: editor.post(f"/moeder/{world.meeting.pk}/punkter/ny/", data),
        "Nyt punkt fra siden",
    )


def test_a_write_through_the_api_shows_at_once(world: ClusterWorld) -> None:
    api = TokenClient(token_for(email="sek@test.dk", role=Role.EDITOR, party=world.municipality))

    def write() -> None:
        response = api.post(
            f"/api/v1/meetings/{world.meeting.pk}/agenda-items",
            {"title": "Nyt punkt fra API'et", "kind": "orientation", "is_public": True},
            content_type="application/json",
        )
        assert response.status_code == 201, response.content

    write_and_read(world, write, "Nyt punkt fra API&#x27;et")


def test_a_write_through_a_service_shows_at_once(world: ClusterWorld) -> None:
    write_and_read(
        world,
        lambda: agenda_item_create(
            meeting=world.meeting, title="Nyt punkt fra tjenesten", kind=AgendaItemKind.ORIENTATION
        ),
        "Nyt punkt fra tjenesten",
    )


def test_a_queryset_update_shows_at_once(world: ClusterWorld) -> None:
    write_and_read(
        world,
        lambda: AgendaItem.objects.filter(pk=world.agenda_item.pk).update(title="Omdøbt i massevis"),
        "Omdøbt i massevis",
    )


def test_a_rolled_back_write_leaves_no_page_behind(world: ClusterWorld) -> None:
    url = meeting_url(world)
    warm(url)
    with transaction.atomic():
        AgendaItem.objects.filter(pk=world.agenda_item.pk).update(title="Aldrig gemt")
        assert "Aldrig gemt" in page(Client(), url)  # read inside the transaction, and stored
        transaction.set_rollback(True)
    after = Client().get(url)
    assert "Aldrig gemt" not in after.content.decode()
    assert world.agenda_item.title in after.content.decode()


def test_closing_an_item_hides_it_at_once_from_every_anonymous_channel(world: ClusterWorld) -> None:
    item = world.agenda_item
    channels = {
        meeting_url(world): item.title,
        f"/soeg/?q={item.title.split()[0]}": f"#dagsordenspunkt-{item.pk}",
        f"/api/v1/meetings/{world.meeting.pk}": item.title,
        f"/api/v1/agenda-items?meeting={world.meeting.pk}": item.title,
        "/api/v1/agenda-items": item.title,
        f"/api/v1/agenda-items/{item.pk}": item.title,
    }
    for url, title in channels.items():
        warm(url)
        assert title in page(Client(), url), url
    api = TokenClient(token_for(email="sek@test.dk", role=Role.EDITOR, party=world.municipality))
    response = api.patch(
        f"/api/v1/agenda-items/{item.pk}", {"is_public": False}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    for url, title in channels.items():
        response = Client().get(url)
        assert title not in response.content.decode(), url
    assert Client().get(f"/api/v1/agenda-items/{item.pk}").status_code == 404


def test_an_editor_is_never_served_the_anonymous_page_nor_fills_it(world: ClusterWorld) -> None:
    url = meeting_url(world)
    editor = editor_of(world.municipality)
    warm(url)
    response = editor.get(url)
    # Not from the anonymous cache; and not kept for the editor either until the browser holds the CSRF
    # secret its forms are signed with (the editor's own cache: test_viewer_cache.py).
    assert cached(response) is None
    assert "Redigér mødet" in response.content.decode()
    # On an empty key (a new write), the editor's reads store nothing for the anonymous reader.
    AgendaItem.objects.filter(pk=world.agenda_item.pk).update(summary="Ny opsummering")
    own = editor.get(url)
    assert cached(own) == "miss" and "Redigér mødet" in own.content.decode()
    assert cached(editor.get(url)) == "hit"
    anonymous = Client().get(url)
    assert cached(anonymous) == "miss"
    assert "Redigér mødet" not in anonymous.content.decode()


def test_an_api_token_caller_is_never_served_from_the_cache_nor_fills_it(world: ClusterWorld) -> None:
    token = token_for(email="sek@test.dk", role=Role.EDITOR, party=world.municipality)
    closed = agenda_item_create(
        meeting=world.meeting,
        title="Lukket for offentligheden",
        kind=AgendaItemKind.DECISION,
        is_public=False,
    )
    url = f"/api/v1/agenda-items?meeting={world.meeting.pk}"
    api = TokenClient(token)
    first = api.get(url)
    assert cached(first) is None and closed.title in first.content.decode()
    assert cached(api.get(url)) is None
    anonymous = Client().get(url)
    assert cached(anonymous) == "miss"
    assert closed.title not in anonymous.content.decode()
    # Cached for the anonymous reader now; the token caller still gets its own answer.
    again = api.get(url)
    assert cached(again) is None and closed.title in again.content.decode()
    # A calendar feed's `?token=` is a login too.
    feed = Client().get(f"/api/v1/meetings.ics?token={token}")
    assert cached(feed) is None


def test_a_page_that_used_the_csrf_token_is_not_stored(db: None) -> None:
    # The login page holds a form with a CSRF token.
    assert cached(Client().get("/log-ind/")) is None
    assert cached(Client().get("/log-ind/")) is None


@pytest.mark.parametrize(
    "view_effect",
    ["sets a cookie", "is private", "has flash messages", "varies on a header"],
)
def test_a_response_that_is_not_everyones_is_not_stored(view_effect: str, db: None) -> None:
    from django.contrib import messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    def view(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("svar")
        if view_effect == "sets a cookie":
            response.set_cookie("valg", "1")
        elif view_effect == "is private":
            response["Cache-Control"] = "private"
        elif view_effect == "has flash messages":
            messages.info(request, "Gemt")
        else:
            response["Vary"] = "X-Something"
        return response

    middleware = PageCacheMiddleware(view)

    def request() -> HttpRequest:
        made = RequestFactory().get(f"/noget/{view_effect.replace(' ', '-')}/")
        made.session = {}  # type: ignore[assignment]
        made._messages = FallbackStorage(made)  # type: ignore[attr-defined]
        return made

    assert cached(middleware(request())) is None
    assert cached(middleware(request())) is None


def test_a_new_day_is_a_new_key(world: ClusterWorld, monkeypatch: pytest.MonkeyPatch) -> None:
    url = meeting_url(world)
    warm(url)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    assert cached(Client().get(url)) == "miss"


def test_a_changed_setting_empties_the_cache(world: ClusterWorld) -> None:
    url = meeting_url(world)
    warm(url)
    with override_settings(KLYNGE_BASE_URL="https://andet.test"):
        assert cached(Client().get(url)) == "miss"


def test_the_cache_can_be_switched_off(world: ClusterWorld) -> None:
    url = meeting_url(world)
    with override_settings(PAGECACHE_ENABLED=False):
        assert cached(Client().get(url)) is None
        assert cached(Client().get(url)) is None


def test_a_session_cookie_of_any_kind_bypasses_the_cache(world: ClusterWorld) -> None:
    url = meeting_url(world)
    warm(url)
    client = Client()
    client.cookies["sessionid"] = "ukendt"
    assert cached(client.get(url)) is None
    other = Client(HTTP_AUTHORIZATION="Bearer ukendt")
    assert cached(other.get("/api/v1/meetings")) is None


def test_the_anonymous_export_is_cached_and_a_logged_in_one_stays_private(world: ClusterWorld) -> None:
    url = "/api/v1/exports/initiatives.csv"
    assert cached(Client().get(url)) == "miss"
    assert cached(Client().get(url)) == "hit"
    editor = editor_of(world.municipality).get(url)
    assert cached(editor) is None
    assert editor["Cache-Control"] == "private, no-store"
