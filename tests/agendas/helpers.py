"""A planned meeting prepared in Klynge (agenda not yet published), with a public and a closed item."""

import datetime
import io

from pypdf import PdfReader

from klynge.meetings.models import AgendaItem, AgendaItemKind, Meeting, MeetingStatus
from klynge.meetings.services import agenda_item_create, meeting_create
from tests.factories import ClusterWorld

PUBLIC = "Åbent punkt om sammenhængende forløb"
CLOSED = "Lukket punkt om budgetrammen for 2025"
CLOSED_CASE = "Fortrolig sagsfremstilling om budgetrammen"
LATER = "Punkt tilføjet efter offentliggørelsen"


def prepared_meeting(world: ClusterWorld) -> Meeting:
    meeting = meeting_create(
        body=world.political,
        date=datetime.date(2026, 12, 14),
        start_time=datetime.time(14, 0),
        status=MeetingStatus.PLANNED,
        location="Københavns Rådhus, udvalgsværelse 1",
        agenda_published=False,
    )
    public = agenda_item_create(meeting=meeting, title=PUBLIC, kind=AgendaItemKind.DISCUSSION)
    AgendaItem.objects.filter(pk=public.pk).update(
        case_description="Klyngen drøfter forløbene for borgere med KOL.",
        recommendation="Det indstilles, at klyngen drøfter oplægget.",
    )
    closed = agenda_item_create(meeting=meeting, title=CLOSED, kind=AgendaItemKind.DECISION, is_public=False)
    AgendaItem.objects.filter(pk=closed.pk).update(case_description=CLOSED_CASE)
    return meeting


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
