"""Min side: a member's bodies and roles, coming meetings with the agendas they may see, the closed items
they may read, their substitutions, and a personal calendar link that never shows more than its owner may
see and stops working when it is revoked or replaced."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.test import Client

from klynge.accounts.models import CalendarToken
from klynge.bodies.models import Body, Collaboration
from klynge.bodies.services import membership_create
from klynge.meetings.models import AgendaItemKind, MeetingStatus
from klynge.meetings.services import agenda_item_create, meeting_create
from klynge.organisation.models import Person
from klynge.organisation.services import person_create
from tests.clients import editor_of, member_as
from tests.databases import built_once_per_module
from tests.factories import ClusterWorld, build_cluster
from tests.site.querycount import queries_for

NEXT_YEAR = datetime.date.today() + datetime.timedelta(days=200)
LAST_SPRING = datetime.date.today() - datetime.timedelta(days=200)  # inside the feeds' window of 365 days


def _closed(
    meeting_body: object, date: datetime.date, title: str, status: str = MeetingStatus.PLANNED
) -> None:
    body = Body.objects.select_related("collaboration").get(pk=meeting_body.pk)  # type: ignore[attr-defined]
    meeting = meeting_create(body=body, date=date, status=status)
    agenda_item_create(meeting=meeting, title=f"Åbent: {title}", kind=AgendaItemKind.ORIENTATION)
    agenda_item_create(meeting=meeting, title=title, kind=AgendaItemKind.DECISION, is_public=False)


def _lasting(world: ClusterWorld) -> ClusterWorld:
    """The world's cluster without an end, so its bodies hold meetings to come whatever today is."""
    Collaboration.objects.filter(pk=world.cluster.pk).update(valid_to=None)
    return world


def _closed_world(world: ClusterWorld) -> ClusterWorld:
    """A closed item at a coming meeting of the world's political body (where the mayor sits), one at a
    meeting held before the mayor's seat began, and one in another cluster's body."""
    world = _lasting(world)
    _closed(world.political, NEXT_YEAR, "Lukket: kommende forhandling")
    _closed(world.political, datetime.date(2023, 6, 1), "Lukket: før medlemskabet", MeetingStatus.HELD)
    other = _lasting(build_cluster("Anden"))
    _closed(other.political, NEXT_YEAR, "Lukket: en anden klynges sag")
    return world


def _feed_url(client: Client) -> str:
    response = client.post("/min-side/kalender/nyt-link/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    match = re.search(
        r"http://testserver(/min-side/kalender/kal_[A-Za-z0-9_-]+\.ics)", response.content.decode()
    )
    assert match is not None
    return match.group(1)


def _unfolded(response: object) -> str:
    return response.content.decode().replace("\r\n ", "")  # type: ignore[attr-defined]


def test_my_page_shows_bodies_meetings_and_what_the_member_may_read(closed_world: ClusterWorld) -> None:
    world = closed_world
    response = member_as(world.mayor).get("/min-side/")
    page = response.content.decode()
    assert response.status_code == 200
    assert world.political.name in page and "Medformand" in page and "Nuværende" in page
    assert "Stedfortræder Test" in page  # the mayor's substitute
    assert "Lukket: kommende forhandling" in page  # a coming meeting's closed item, the mayor's to read
    assert "Lukket: før medlemskabet" in page  # held while the mayor sat
    assert "Lukket: en anden klynges sag" not in page


def _newcomer(world: ClusterWorld, start: datetime.date = datetime.date(2024, 1, 1)) -> Person:
    """A member of the political body since 2024: the meeting of June 2023 was held before their seat."""
    newcomer = person_create(name="Ny Rådmand", party=world.municipality)
    membership_create(person=newcomer, body=world.political, party=world.municipality, start=start)
    return newcomer


def test_a_newcomer_reads_no_closed_item_from_before_their_seat(closed_world: ClusterWorld) -> None:
    page = member_as(_newcomer(closed_world)).get("/min-side/").content.decode()
    assert "Lukket: kommende forhandling" in page
    assert "Lukket: før medlemskabet" not in page


def test_a_substitute_sees_where_they_stand_in(closed_world: ClusterWorld) -> None:
    deputy = closed_world.mayor_membership.substitutions.get().substitute
    page = member_as(deputy).get("/min-side/").content.decode()
    assert "Stedfortræder for" in page and closed_world.political.name in page
    assert "Lukket: kommende forhandling" in page


def test_my_page_for_someone_who_is_no_member(world: ClusterWorld) -> None:
    response = editor_of(world.municipality).get("/min-side/")
    assert response.status_code == 200
    assert "ikke knyttet til en person" in response.content.decode()
    assert editor_of(world.region).post("/min-side/kalender/nyt-link/").status_code == 404
    assert Client().get("/min-side/").status_code == 302  # to the login


def test_the_calendar_never_shows_more_than_its_owner_may_see(closed_world: ClusterWorld) -> None:
    world = closed_world
    _closed(world.political, LAST_SPRING, "Lukket: før sædet", MeetingStatus.HELD)
    mayor_feed = _unfolded(Client().get(_feed_url(member_as(world.mayor))))
    assert "Lukket: kommende forhandling" in mayor_feed
    assert "Lukket: før sædet" in mayor_feed
    assert "en anden klynges sag" not in mayor_feed  # another body's meetings are not the mayor's

    newcomer = _newcomer(world, start=LAST_SPRING + datetime.timedelta(days=30))
    newcomer_feed = _unfolded(Client().get(_feed_url(member_as(newcomer))))
    assert "Lukket: kommende forhandling" in newcomer_feed
    assert "Åbent: Lukket: før sædet" in newcomer_feed  # the meeting is there, its closed item not
    assert "Lukket: før sædet (Beslutning" not in newcomer_feed
    assert "Lukket: før sædet (Beslutning" in mayor_feed


def test_the_calendar_holds_the_last_year_and_what_is_planned_whatever_the_history(
    closed_world: ClusterWorld,
) -> None:
    """Like the public feeds: the meetings of the last 365 days and every planned one, so ten years of
    meetings do not make the feed bigger or slower."""
    world = closed_world
    _closed(world.political, LAST_SPRING, "Lukket: før sædet", MeetingStatus.HELD)
    client = member_as(world.mayor)
    feed = _feed_url(client)
    before = Client().get(feed)
    text = _unfolded(before)
    assert "Lukket: før sædet" in text and "Lukket: kommende forhandling" in text
    assert "før medlemskabet" not in text  # June 2023: more than a year ago
    feed_queries = queries_for(Client(), feed)
    for n in range(8):  # years of history the mayor sat through, all more than a year ago
        day = datetime.date(2022, 8, 1) + datetime.timedelta(days=90 * n)
        _closed(world.political, day, f"Gammel {day}", MeetingStatus.HELD)
    after = Client().get(feed)
    assert "Gammel" not in _unfolded(after)
    assert len(after.content) == len(before.content)
    assert queries_for(Client(), feed) == feed_queries

    # Someone who sits in no body of the world's: their calendar holds none of its meetings.
    stranger = person_create(name="Menig Medlem", party=world.municipality)
    membership_create(
        person=stranger, body=world.professional, party=world.municipality, start=datetime.date(2023, 1, 1)
    )
    stranger_feed = _unfolded(Client().get(_feed_url(member_as(stranger))))
    assert "kommende forhandling" not in stranger_feed


def test_a_revoked_or_replaced_link_stops_working(world: ClusterWorld) -> None:
    client = member_as(world.mayor)
    first = _feed_url(client)
    assert Client().get(first).status_code == 200
    second = _feed_url(client)
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    assert client.post("/min-side/kalender/tilbagekald/").status_code == 302
    assert Client().get(second).status_code == 404
    assert Client().get("/min-side/kalender/kal_gaettet.ics").status_code == 404
    # Only digests are kept.
    secret = second.removeprefix("/min-side/kalender/").removesuffix(".ics")
    assert not CalendarToken.objects.filter(digest=secret).exists()
    assert secret not in str(list(CalendarToken.objects.values_list("digest", flat=True)))


def test_a_link_stops_working_when_its_owner_is_no_longer_active(world: ClusterWorld) -> None:
    client = member_as(world.mayor, "borgmester@test.dk")
    url = _feed_url(client)
    get_user_model().objects.filter(username="borgmester@test.dk").update(is_active=False)
    assert Client().get(url).status_code == 404


def test_my_page_and_calendar_make_the_same_queries_however_much_data(closed_world: ClusterWorld) -> None:
    world = closed_world
    client = member_as(world.mayor)
    feed = _feed_url(client)
    page_before, feed_before = queries_for(client, "/min-side/"), queries_for(Client(), feed)
    for n in range(5):
        _closed(world.political, NEXT_YEAR + datetime.timedelta(days=n + 1), f"Lukket {n}")
        _closed(world.professional, NEXT_YEAR + datetime.timedelta(days=n + 1), f"Fagligt {n}")
        membership_create(
            person=person_create(name=f"Medlem {n}", party=world.municipality),
            body=world.professional,
            party=world.municipality,
            start=datetime.date(2023, 1, 1),
        )
    membership_create(
        person=world.mayor, body=world.professional, party=world.municipality, start=datetime.date(2023, 1, 1)
    )
    assert queries_for(client, "/min-side/") == page_before
    assert queries_for(Client(), feed) == feed_before
    assert page_before <= 16


module_closed_world, closed_world = built_once_per_module("closed_world", _closed_world)
