"""The API of a meeting's attendance: who is expected, who may come instead, and the absences (afbud).

Reads show what the attendance page shows the same caller (closed agenda items only to those who may see
them). Writes build the same commands as the page (`klynge.attendance.commands`) from the JSON, with the same
access check, so every rule and refusal is the same.
"""

import datetime
from typing import Annotated, Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Router, Schema, Status

from klynge.api.auth import READ_AUTH, WRITE_AUTH
from klynge.api.errors import DETAIL_ERRORS, WRITE_ERRORS
from klynge.api.schemas import STRIPPED, BodyId, Id, Input, Ref, SlugRef, TopicRef, Version, omittable
from klynge.attendance import commands
from klynge.attendance.models import Absence
from klynge.attendance.selectors import (
    AbsenceRow,
    ExpectedMember,
    ItemAttendance,
    MeetingAttendance,
    PartyAttendance,
    RelevantSubstitute,
    absences_to_edit,
    attendance_meeting,
    attendance_seen_by,
)
from klynge.bodies.models import MembershipRole
from klynge.kernel.commands import UNSET
from klynge.kernel.records import record_version
from klynge.meetings.models import Meeting
from klynge.meetings.selectors import number_of

router = Router(tags=["Attendance"])


Note = Annotated[str, Field(max_length=5_000), STRIPPED]  # stripped, as the page strips it
IdList = Annotated[list[BodyId], Field(max_length=200)]


# ---- What the API shows ----------------------------------------------------------------------------


class ExpectedSubstituteOut(Schema):
    id: int
    substitute: SlugRef
    topics: list[TopicRef] = Field(description="The topics on which the substitute may come instead.")
    condition: str

    @staticmethod
    def resolve_topics(obj: Any) -> list[Any]:
        return list(obj.topics.all())


class ExpectedMemberOut(Schema):
    membership_id: int
    person: SlugRef
    role: MembershipRole
    title: str
    substitutes: list[ExpectedSubstituteOut] = Field(
        description="The member's substitutes on the meeting's day."
    )
    absence_id: int | None = Field(description="The member's absence from this meeting, if any.")

    @staticmethod
    def resolve_membership_id(obj: ExpectedMember) -> int:
        return obj.membership.pk

    @staticmethod
    def resolve_role(obj: ExpectedMember) -> str:
        return obj.membership.role

    @staticmethod
    def resolve_title(obj: ExpectedMember) -> str:
        return obj.membership.title

    @staticmethod
    def resolve_substitutes(obj: ExpectedMember) -> list[Any]:
        return obj.substitutions

    @staticmethod
    def resolve_absence_id(obj: ExpectedMember) -> int | None:
        return obj.absence.absence.pk if obj.absence is not None else None


class ExpectedPartyOut(Schema):
    party: SlugRef
    seats: int | None = Field(description="The party's seats in the body; null if it has none on record.")
    members: list[ExpectedMemberOut]

    @staticmethod
    def resolve_members(obj: PartyAttendance) -> list[Any]:
        return obj.members


class RelevantSubstituteOut(Schema):
    """A substitute whose topics match the item's: more relevant to it than the member they stand in for."""

    substitute: SlugRef
    instead_of: SlugRef
    membership_id: int
    shared_topics: list[TopicRef]
    comes_instead: bool = Field(description="The member sent word for the item and this substitute comes.")

    @staticmethod
    def resolve_substitute(obj: RelevantSubstitute) -> Any:
        return obj.substitution.substitute

    @staticmethod
    def resolve_instead_of(obj: RelevantSubstitute) -> Any:
        return obj.member.person

    @staticmethod
    def resolve_membership_id(obj: RelevantSubstitute) -> int:
        return obj.member.membership.pk


class ItemAttendanceOut(Schema):
    agenda_item_id: int
    position: int = Field(
        description="The item's number on the agenda as the caller sees it (1, 2, 3 over the items the caller "
        "may see), as in the meeting's `agenda_items`."
    )
    title: str
    is_public: bool
    topics: list[TopicRef]
    relevant_substitutes: list[RelevantSubstituteOut]
    absence_ids: list[int] = Field(description="The absences that concern this item.")

    @staticmethod
    def resolve_agenda_item_id(obj: ItemAttendance) -> int:
        return obj.item.pk

    @staticmethod
    def resolve_position(obj: ItemAttendance) -> int:
        return number_of(obj.item)

    @staticmethod
    def resolve_title(obj: ItemAttendance) -> str:
        return obj.item.title

    @staticmethod
    def resolve_is_public(obj: ItemAttendance) -> bool:
        return obj.item.is_public

    @staticmethod
    def resolve_topics(obj: ItemAttendance) -> list[Any]:
        return list(obj.item.topics.all())

    @staticmethod
    def resolve_relevant_substitutes(obj: ItemAttendance) -> list[Any]:
        return obj.relevant

    @staticmethod
    def resolve_absence_ids(obj: ItemAttendance) -> list[int]:
        return [row.absence.pk for row in obj.absences]


class AbsenceOut(Schema):
    id: int
    meeting_id: int
    membership_id: int
    member: SlugRef
    party: Ref
    substitute: SlugRef | None = Field(description="Who comes instead; null if nobody does.")
    whole_meeting: bool = Field(description="False: the absence concerns only some agenda items.")
    agenda_item_ids: list[int] = Field(
        description="The items the absence concerns, of those the caller may see (closed ones only to "
        "those who may see them). An absence that concerns only items the caller may not see is not shown."
    )
    note: str
    url: str

    @staticmethod
    def resolve_id(obj: AbsenceRow) -> int:
        return obj.absence.pk

    @staticmethod
    def resolve_meeting_id(obj: AbsenceRow) -> int:
        return obj.absence.meeting_id

    @staticmethod
    def resolve_membership_id(obj: AbsenceRow) -> int:
        return obj.absence.membership_id

    @staticmethod
    def resolve_member(obj: AbsenceRow) -> Any:
        return obj.absence.membership.person

    @staticmethod
    def resolve_party(obj: AbsenceRow) -> Any:
        return obj.absence.membership.party

    @staticmethod
    def resolve_agenda_item_ids(obj: AbsenceRow) -> list[int]:
        return [item.pk for item in obj.items]

    @staticmethod
    def resolve_note(obj: AbsenceRow) -> str:
        return obj.absence.note

    @staticmethod
    def resolve_url(obj: AbsenceRow) -> str:
        return reverse("attendance:meeting_attendance", args=[obj.absence.meeting_id]) + "#afbud"


class AbsenceDetailOut(AbsenceOut):
    version: int = Field(description="Send it back with a change to refuse it if someone saved meanwhile.")

    @staticmethod
    def resolve_version(obj: AbsenceRow) -> int:
        return record_version(obj.absence)


class AttendanceOut(Schema):
    meeting_id: int
    body: SlugRef
    date: datetime.date
    day: datetime.date = Field(description="The day members and substitutes are counted on.")
    expected_count: int
    parties: list[ExpectedPartyOut] = Field(description="Who is expected, by party in the body's seat order.")
    agenda_items: list[ItemAttendanceOut] = Field(
        description="Per agenda item the caller may see, the more relevant substitutes and the absences."
    )
    absences: list[AbsenceOut]
    url: str

    @staticmethod
    def resolve_meeting_id(obj: MeetingAttendance) -> int:
        return obj.meeting.pk

    @staticmethod
    def resolve_body(obj: MeetingAttendance) -> Any:
        return obj.meeting.body

    @staticmethod
    def resolve_date(obj: MeetingAttendance) -> datetime.date:
        return obj.meeting.date

    @staticmethod
    def resolve_agenda_items(obj: MeetingAttendance) -> list[Any]:
        return obj.items

    @staticmethod
    def resolve_url(obj: MeetingAttendance) -> str:
        return reverse("attendance:meeting_attendance", args=[obj.meeting.pk])


# ---- What the API takes ----------------------------------------------------------------------------


class AbsenceIn(Input):
    membership: BodyId = Field(description="The member's membership id (see `parties[].members[]`).")
    substitute: BodyId | None = Field(None, description="A person id: one of the member's substitutes.")
    agenda_items: IdList = Field(default_factory=list, description="Empty: the whole meeting.")
    note: Note = ""

    def command(self, meeting_id: int) -> commands.AbsenceRecord:
        return commands.AbsenceRecord(
            meeting_id=meeting_id,
            membership_id=self.membership,
            substitute_id=self.substitute,
            agenda_item_ids=tuple(self.agenda_items),
            note=self.note,
        )


class AbsenceChange(Input):
    version: Version | None = None
    substitute: BodyId | None = Field(None, description="null: nobody comes instead.")
    agenda_items: IdList = omittable()
    note: Note = omittable()

    def command(self, absence_id: int) -> commands.AbsenceChange:
        sent = self.model_fields_set
        return commands.AbsenceChange(
            absence_id=absence_id,
            seen_version=self.version,
            substitute_id=self.substitute if "substitute" in sent else UNSET,
            agenda_item_ids=tuple(self.agenda_items) if "agenda_items" in sent else UNSET,
            note=self.note if "note" in sent else UNSET,
        )


def _meeting(meeting_id: int) -> Meeting:
    meeting = attendance_meeting(pk=meeting_id)
    if meeting is None:
        raise Http404
    return meeting


def _absence(absence_id: int) -> Absence:
    absence = absences_to_edit().filter(pk=absence_id).first()
    if absence is None:
        raise Http404
    return absence


def _row(request: HttpRequest, meeting: Meeting, absence_id: int) -> AbsenceRow:
    """The absence as the attendance page shows it to the caller (its closed items only if they may)."""
    for row in attendance_seen_by(request.user, meeting).absences:
        if row.absence.pk == absence_id:
            return row
    raise Http404


# ---- Reads ------------------------------------------------------------------------------------------


@router.get(
    "/meetings/{meeting_id}/attendance", response={200: AttendanceOut, **DETAIL_ERRORS}, auth=READ_AUTH
)
def get_attendance(request: HttpRequest, meeting_id: Id) -> Any:
    """Who is expected at a meeting (members on the day, by party, with their substitutes), the substitutes
    more relevant to each agenda item the caller may see, and the absences with who comes instead."""
    return attendance_seen_by(request.user, _meeting(meeting_id))


@router.get("/absences/{absence_id}", response={200: AbsenceDetailOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_absence(request: HttpRequest, absence_id: Id) -> Any:
    """One absence, with its `version` for a change."""
    absence = _absence(absence_id)
    return _row(request, absence.meeting, absence.pk)


# ---- Writes (editors of a participating party, administrators) --------------------------------------


@router.post(
    "/meetings/{meeting_id}/absences", response={201: AbsenceDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def record_absence(request: HttpRequest, meeting_id: Id, payload: AbsenceIn) -> Any:
    """Record that a member will not come (to the whole meeting or only some items) and which of the
    member's substitutes comes instead."""
    absence = commands.absence_record(actor=request.user, command=payload.command(meeting_id))
    return Status(201, _row(request, absence.meeting, absence.pk))


@router.patch("/absences/{absence_id}", response={200: AbsenceDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def change_absence(request: HttpRequest, absence_id: Id, payload: AbsenceChange) -> Any:
    """Change who comes instead, which items the absence concerns, or the note; only the fields sent."""
    absence = commands.absence_update(actor=request.user, command=payload.command(absence_id))
    return _row(request, absence.meeting, absence.pk)


@router.delete("/absences/{absence_id}", response={204: None, **WRITE_ERRORS}, auth=WRITE_AUTH)
def withdraw_absence(request: HttpRequest, absence_id: Id) -> Any:
    """The member comes after all: the absence is withdrawn (its history is kept)."""
    commands.absence_withdraw(actor=request.user, command=commands.AbsenceWithdraw(absence_id=absence_id))
    return HttpResponse(status=204)
