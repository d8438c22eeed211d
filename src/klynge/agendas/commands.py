"""Writes on agendas and minutes: one typed command per write, built alike by the page and the API."""

import dataclasses
import datetime

from django.core.exceptions import ValidationError
from django.http import Http404

from klynge.agendas import services
from klynge.agendas.access import ensure_agenda_publish, ensure_minutes_edit
from klynge.agendas.models import AgendaVersion, AgendaVersionKind, ApprovalKind, Minutes
from klynge.kernel.commands import Actor
from klynge.kernel.inputs import CONTROL_CHARACTER_MESSAGE, first_control_character
from klynge.meetings.models import Meeting

NO_MEETING = "Mødet findes ikke."


def _meeting(meeting_id: int) -> Meeting:
    meeting = Meeting.objects.select_related("body", "body__collaboration").filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404(NO_MEETING)
    return meeting


@dataclasses.dataclass(frozen=True)
class AgendaVersionCreate:
    meeting_id: int
    kind: AgendaVersionKind = AgendaVersionKind.ORDINARY
    publish_at: datetime.datetime | None = None
    change_note: str = ""


def agenda_version_create(*, actor: Actor, command: AgendaVersionCreate) -> AgendaVersion:
    """Publish the meeting's agenda (now, or at `publish_at`): the meeting's secretariat only."""
    meeting = _meeting(command.meeting_id)
    ensure_agenda_publish(actor, meeting)
    return services.agenda_version_create(
        meeting=meeting,
        kind=command.kind,
        publish_at=command.publish_at,
        change_note=command.change_note,
        actor=actor,
    )


@dataclasses.dataclass(frozen=True)
class MinutesDraft:
    meeting_id: int


def minutes_draft(*, actor: Actor, command: MinutesDraft) -> Minutes:
    meeting = _meeting(command.meeting_id)
    ensure_minutes_edit(actor, meeting)
    return services.minutes_draft(meeting=meeting)


@dataclasses.dataclass(frozen=True)
class MinutesChange:
    meeting_id: int
    attendance: str
    closing_note: str
    entries: dict[int, str]


def _minutes(meeting: Meeting) -> Minutes:
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        raise Http404("Mødet har intet referat.")
    return minutes


def _refuse_control_characters(command: MinutesChange) -> None:
    """The minutes' texts go into Word and PDF files: an invisible control character is refused here, for
    the page (which posts the texts as they are) and the API alike, as every form and input refuses it."""
    texts = {
        "attendance": command.attendance,
        "closing_note": command.closing_note,
        **{f"punkt-{item_id}": text for item_id, text in command.entries.items()},
    }
    errors = {}
    for field, text in texts.items():
        found = first_control_character(text)
        if found is not None:
            errors[field] = [CONTROL_CHARACTER_MESSAGE.format(position=found[0])]
    if errors:
        raise ValidationError(errors)


def minutes_update(*, actor: Actor, command: MinutesChange) -> Minutes:
    meeting = _meeting(command.meeting_id)
    ensure_minutes_edit(actor, meeting)
    _refuse_control_characters(command)
    return services.minutes_update(
        minutes=_minutes(meeting),
        attendance=command.attendance,
        closing_note=command.closing_note,
        entries=command.entries,
    )


@dataclasses.dataclass(frozen=True)
class MinutesApprove:
    meeting_id: int
    kind: ApprovalKind
    at_meeting_id: int | None = None
    on: datetime.date | None = None


def minutes_approve(*, actor: Actor, command: MinutesApprove) -> Minutes:
    """Approve the minutes at a later meeting of the same body or by written procedure."""
    from django.core.exceptions import ValidationError

    meeting = _meeting(command.meeting_id)
    ensure_minutes_edit(actor, meeting)
    at_meeting = None
    if command.at_meeting_id is not None:
        at_meeting = Meeting.objects.filter(pk=command.at_meeting_id, body=meeting.body_id).first()
        if at_meeting is None:
            raise ValidationError({"approved_at_meeting": "Vælg et møde i samme organ."})
    return services.minutes_approve(
        minutes=_minutes(meeting), kind=command.kind, at_meeting=at_meeting, on=command.on
    )


@dataclasses.dataclass(frozen=True)
class MinutesPublish:
    meeting_id: int


def minutes_publish(*, actor: Actor, command: MinutesPublish) -> Minutes:
    meeting = _meeting(command.meeting_id)
    ensure_minutes_edit(actor, meeting)
    return services.minutes_publish(minutes=_minutes(meeting))
