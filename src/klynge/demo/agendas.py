"""The demo's agendas and minutes: each demo meeting with items gets its agenda published as version 1
(the public and closed package PDFs built from the records the sources give), and each held meeting its
minutes drafted from its decisions.

The sources do not say when the agendas went out nor that any minutes were approved, so the versions are
published at the moment the demo is loaded, and the minutes stay drafts: nothing here is dated or
approved beyond what the memos say. No e-mails are sent while loading."""

from django.db.models import Exists, OuterRef

from klynge.agendas.services import agenda_version_create, minutes_draft
from klynge.meetings.models import AgendaItem, Meeting, MeetingStatus

CHANGE_NOTE = "Dagsordenen som kildeoplysningerne beskriver den (demodata)."


def create_agendas() -> None:
    has_items = Exists(AgendaItem.objects.filter(meeting=OuterRef("pk")))
    meetings = (
        Meeting.objects.filter(has_items)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("body", "body__collaboration")
        .order_by("date", "pk")
    )
    for meeting in meetings:
        agenda_version_create(meeting=meeting, change_note=CHANGE_NOTE, notify=False)
        if meeting.status == MeetingStatus.HELD:
            minutes_draft(meeting=meeting)
