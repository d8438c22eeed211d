"""Publishing an agenda: at once or at a chosen time, in numbered versions, a supplementary agenda adding
items; each version freezes a public and a closed package PDF."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from klynge.agendas.models import AgendaVersion, AgendaVersionKind
from klynge.agendas.services import agenda_version_create, agenda_versions_publish_due
from klynge.meetings.models import AgendaItemKind
from klynge.meetings.services import agenda_item_create
from tests.agendas.helpers import CLOSED, CLOSED_CASE, LATER, PUBLIC, pdf_text, prepared_meeting
from tests.factories import ClusterWorld

NOW = timezone.make_aware(datetime.datetime(2026, 12, 1, 9, 0))


def test_publishing_freezes_a_public_and_a_closed_package(world: ClusterWorld) -> None:
    meeting = prepared_meeting(world)
    version = agenda_version_create(meeting=meeting, now=NOW)
    meeting.refresh_from_db()
    assert version.number == 1 and version.published_at == NOW
    assert meeting.agenda_published_at == NOW
    public = pdf_text(version.public_pdf.read())
    closed = pdf_text(version.closed_pdf.read())
    assert PUBLIC in public and PUBLIC in closed
    assert CLOSED not in public and CLOSED_CASE not in public
    assert CLOSED in closed and CLOSED_CASE in closed
    assert "14. december 2026" in public and "kl. 14.00" in public
    assert "Side 1 af" in public


def test_a_scheduled_version_is_published_when_its_time_comes(world: ClusterWorld) -> None:
    meeting = prepared_meeting(world)
    version = agenda_version_create(meeting=meeting, publish_at=NOW + datetime.timedelta(hours=2), now=NOW)
    assert version.published_at is None
    assert agenda_versions_publish_due(now=NOW + datetime.timedelta(hours=1)) == []
    published = agenda_versions_publish_due(now=NOW + datetime.timedelta(hours=3))
    assert [v.pk for v in published] == [version.pk]
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is not None
    assert agenda_versions_publish_due(now=NOW + datetime.timedelta(hours=4)) == []


def test_the_command_publishes_what_is_due(world: ClusterWorld, capsys: pytest.CaptureFixture[str]) -> None:
    meeting = prepared_meeting(world)
    agenda_version_create(meeting=meeting, publish_at=NOW + datetime.timedelta(hours=2), now=NOW)
    call_command("agenda", "publish-due", "--now", "2026-12-01T12:00")
    assert "Published version 1" in capsys.readouterr().out
    assert AgendaVersion.objects.get(meeting=meeting).published_at is not None


def test_a_second_scheduled_version_waits_for_the_first(world: ClusterWorld) -> None:
    meeting = prepared_meeting(world)
    agenda_version_create(meeting=meeting, publish_at=NOW + datetime.timedelta(hours=2), now=NOW)
    with pytest.raises(ValidationError) as refused:
        agenda_version_create(meeting=meeting, now=NOW)
    assert "planlagt version" in str(refused.value)


def test_a_supplementary_agenda_adds_items_after_publication(world: ClusterWorld) -> None:
    meeting = prepared_meeting(world)
    with pytest.raises(ValidationError):
        agenda_version_create(meeting=meeting, kind=AgendaVersionKind.SUPPLEMENTARY, now=NOW)
    agenda_version_create(meeting=meeting, now=NOW)
    with pytest.raises(ValidationError) as refused:
        agenda_version_create(meeting=meeting, kind=AgendaVersionKind.SUPPLEMENTARY, now=NOW)
    assert "mindst ét punkt" in str(refused.value)
    agenda_item_create(meeting=meeting, title=LATER, kind=AgendaItemKind.ORIENTATION)
    later = agenda_version_create(
        meeting=meeting, kind=AgendaVersionKind.SUPPLEMENTARY, change_note="Nyt punkt om KOL.", now=NOW
    )
    assert later.number == 2
    text = pdf_text(later.public_pdf.read())
    assert "Tillægsdagsorden" in text and LATER in text and "tillægsdagsorden" in text


def test_a_past_time_is_refused(world: ClusterWorld) -> None:
    meeting = prepared_meeting(world)
    with pytest.raises(ValidationError) as refused:
        agenda_version_create(meeting=meeting, publish_at=NOW - datetime.timedelta(minutes=1), now=NOW)
    assert "publish_at" in refused.value.message_dict
