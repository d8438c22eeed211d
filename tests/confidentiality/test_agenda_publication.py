"""An agenda not yet published is seen only by those who prepare the meeting: its items (public or
closed) reach no one else through the meeting page, the API, the counts or the package; once published,
the public sees the public items and the public package, and only those who may read closed items get
the closed package. Meetings that existed before publication was recorded, and held meetings, count as
published."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from klynge.agendas.services import agenda_version_create
from klynge.meetings.models import Meeting
from tests.agendas.helpers import CLOSED, PUBLIC, pdf_text, prepared_meeting
from tests.clients import editor_of, member_as
from tests.factories import ClusterWorld, build_cluster


def _clients(world: ClusterWorld) -> dict[str, Client]:
    other = build_cluster("Anden")
    return {
        "anonymous": Client(),
        "member": member_as(world.mayor),
        "other party's editor": editor_of(other.municipality),
        "participating editor": editor_of(world.municipality),
    }


def test_an_unpublished_agenda_is_seen_only_by_those_who_prepare_the_meeting(world: ClusterWorld) -> None:
    meeting = prepared_meeting(world)
    clients = _clients(world)
    for viewer, client in clients.items():
        page = client.get(meeting.get_absolute_url()).content.decode()
        api = str(
            [i["title"] for i in client.get(f"/api/v1/agenda-items?meeting={meeting.pk}").json()["items"]]
        )
        prepares = viewer == "participating editor"
        assert (PUBLIC in page) is prepares, viewer
        assert (PUBLIC in api) is prepares, viewer
        assert (CLOSED in page) is prepares, viewer
    agenda_version_create(meeting=meeting)
    for viewer, client in clients.items():
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert PUBLIC in page, viewer
        assert (CLOSED in page) is (viewer in ("participating editor", "member")), viewer


def test_the_closed_package_reaches_only_those_who_may_read_closed_items(world: ClusterWorld) -> None:
    meeting = prepared_meeting(world)
    agenda_version_create(meeting=meeting)
    for viewer, client in _clients(world).items():
        public = client.get(f"/moeder/{meeting.pk}/dagsorden/1/offentlig.pdf")
        assert public.status_code == 200, viewer
        text = pdf_text(b"".join(public.streaming_content))  # type: ignore[attr-defined]
        assert PUBLIC in text and CLOSED not in text, viewer
        closed = client.get(f"/moeder/{meeting.pk}/dagsorden/1/lukket.pdf")
        may = viewer in ("participating editor", "member")
        assert closed.status_code == (200 if may else 403), viewer
        page = client.get(f"/moeder/{meeting.pk}/dagsorden/").content.decode()
        assert ("Lukket udgave" in page) is may, viewer


@pytest.mark.django_db
def test_existing_meetings_count_as_published_after_the_migration(world: ClusterWorld) -> None:
    import importlib

    meeting = prepared_meeting(world)
    migration = importlib.import_module("klynge.meetings.migrations.0008_existing_agendas_published")
    # What RunPython gives the function: a schema editor, of which it uses the connection.
    migration.mark_published(apps, SimpleNamespace(connection=connection))
    assert Meeting.objects.get(pk=meeting.pk).agenda_published_at is not None
    assert PUBLIC in Client().get(meeting.get_absolute_url()).content.decode()


def test_a_held_meeting_counts_as_published(world: ClusterWorld) -> None:
    Meeting.objects.filter(pk=world.meeting.pk).update(agenda_published_at=None)
    assert world.agenda_item.title in Client().get(world.meeting.get_absolute_url()).content.decode()
