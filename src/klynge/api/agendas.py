"""Agenda versions (publish now or later, supplementary agendas) and minutes, for the meeting's
secretariat; read by everyone as the pages show them (closed packages and entries only to those who may
read the meeting's closed items, scheduled versions and draft minutes only to those who prepare it)."""

import datetime
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import AwareDatetime

from klynge.agendas import commands
from klynge.agendas.access import access_closed_package, access_meeting_prepare
from klynge.agendas.models import AgendaVersion, AgendaVersionKind, ApprovalKind, Minutes, MinutesStatus
from klynge.agendas.selectors import agenda_versions, minutes_of
from klynge.api.auth import READ_AUTH, WRITE_AUTH
from klynge.api.errors import DETAIL_ERRORS, WRITE_ERRORS
from klynge.api.schemas import STRIPPED, Date, Id, Input
from klynge.meetings.models import Meeting

router = Router(tags=["agendas"])
Note = Annotated[str, Field(max_length=2000), STRIPPED]
LongText = Annotated[str, Field(max_length=20000), STRIPPED]


class AgendaVersionOut(Schema):
    number: int
    kind: str
    change_note: str
    publish_at: datetime.datetime | None
    published_at: datetime.datetime | None
    public_pdf: str | None
    closed_pdf: str | None


class AgendaVersionIn(Input):
    kind: Literal["ordinary", "supplementary"] = "ordinary"
    publish_at: (
        Annotated[
            AwareDatetime,
            Field(
                ge=datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC),
                le=datetime.datetime(2200, 1, 1, tzinfo=datetime.UTC),
            ),
        ]
        | None
    ) = None
    change_note: Note = ""


class MinutesEntryOut(Schema):
    agenda_item_id: int
    number: int
    title: str
    is_public: bool
    text: str


class MinutesOut(Schema):
    meeting_id: int
    status: str
    attendance: str
    closing_note: str
    approval_kind: str
    approved_at_meeting_id: int | None
    approved_on: datetime.date | None
    published_at: datetime.datetime | None
    entries: list[MinutesEntryOut]


class MinutesChangeIn(Input):
    attendance: LongText = ""
    closing_note: LongText = ""
    entries: dict[int, LongText] = Field(default_factory=dict, max_length=500)


class MinutesApproveIn(Input):
    kind: Literal["meeting", "written"]
    approved_at_meeting_id: Id | None = None
    approved_on: Date | None = None


def _meeting(meeting_id: int) -> Meeting:
    meeting = Meeting.objects.select_related("body", "body__collaboration").filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404("Mødet findes ikke.")
    return meeting


def _version_out(version: AgendaVersion, meeting: Meeting, closed: bool) -> dict[str, Any]:
    base = f"/moeder/{meeting.pk}/dagsorden/{version.number}"
    return {
        "number": version.number,
        "kind": version.kind,
        "change_note": version.change_note,
        "publish_at": version.publish_at,
        "published_at": version.published_at,
        "public_pdf": f"{base}/offentlig.pdf" if version.published_at else None,
        "closed_pdf": f"{base}/lukket.pdf" if version.published_at and closed else None,
    }


@router.get(
    "/meetings/{meeting_id}/agenda-versions",
    response={200: list[AgendaVersionOut], **DETAIL_ERRORS},
    auth=READ_AUTH,
)
def list_agenda_versions(request: HttpRequest, meeting_id: Id) -> Any:
    """The agenda's versions, newest first (scheduled ones only for those who prepare the meeting)."""
    meeting = _meeting(meeting_id)
    closed = access_closed_package(request.user, meeting)
    versions = agenda_versions(
        meeting=meeting, include_scheduled=access_meeting_prepare(request.user, meeting)
    )
    return [_version_out(v, meeting, closed) for v in versions]


@router.post(
    "/meetings/{meeting_id}/agenda-versions",
    response={201: AgendaVersionOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def publish_agenda(request: HttpRequest, meeting_id: Id, payload: AgendaVersionIn) -> Any:
    """Publish the agenda now, or at `publish_at`; `supplementary` adds items after publication."""
    version = commands.agenda_version_create(
        actor=request.user,
        command=commands.AgendaVersionCreate(
            meeting_id=meeting_id,
            kind=AgendaVersionKind(payload.kind),
            publish_at=payload.publish_at,
            change_note=payload.change_note,
        ),
    )
    meeting = _meeting(meeting_id)
    return Status(201, _version_out(version, meeting, access_closed_package(request.user, meeting)))


def _minutes_out(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    minutes: Minutes | None = minutes_of(meeting=meeting, user=request.user, closed=True)
    if minutes is None or (
        minutes.status != MinutesStatus.PUBLISHED and not access_meeting_prepare(request.user, meeting)
    ):
        raise Http404("Referatet findes ikke.")
    entries = [
        {
            "agenda_item_id": e.agenda_item_id,
            "number": n,
            "title": e.agenda_item.title,
            "is_public": e.agenda_item.is_public,
            "text": e.text,
        }
        for n, e in enumerate(minutes.entries.all(), start=1)
    ]
    return {
        "meeting_id": meeting.pk,
        "status": minutes.status,
        "attendance": minutes.attendance,
        "closing_note": minutes.closing_note,
        "approval_kind": minutes.approval_kind,
        "approved_at_meeting_id": minutes.approved_at_meeting_id,
        "approved_on": minutes.approved_on,
        "published_at": minutes.published_at,
        "entries": entries,
    }


@router.get("/meetings/{meeting_id}/minutes", response={200: MinutesOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_minutes(request: HttpRequest, meeting_id: Id) -> Any:
    """The minutes, with the entries of the items the caller may see (drafts only for those who prepare it)."""
    return _minutes_out(request, _meeting(meeting_id))


@router.post("/meetings/{meeting_id}/minutes", response={201: MinutesOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def draft_minutes(request: HttpRequest, meeting_id: Id) -> Any:
    """Draft the minutes of a held meeting from its decisions and attendance."""
    commands.minutes_draft(actor=request.user, command=commands.MinutesDraft(meeting_id=meeting_id))
    return Status(201, _minutes_out(request, _meeting(meeting_id)))


@router.patch("/meetings/{meeting_id}/minutes", response={200: MinutesOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def change_minutes(request: HttpRequest, meeting_id: Id, payload: MinutesChangeIn) -> Any:
    commands.minutes_update(
        actor=request.user,
        command=commands.MinutesChange(
            meeting_id=meeting_id,
            attendance=payload.attendance,
            closing_note=payload.closing_note,
            entries=dict(payload.entries),
        ),
    )
    return _minutes_out(request, _meeting(meeting_id))


@router.post(
    "/meetings/{meeting_id}/minutes/approve", response={200: MinutesOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def approve_minutes(request: HttpRequest, meeting_id: Id, payload: MinutesApproveIn) -> Any:
    """Approve at a later meeting of the same body (`approved_at_meeting_id`) or in writing (`approved_on`)."""
    commands.minutes_approve(
        actor=request.user,
        command=commands.MinutesApprove(
            meeting_id=meeting_id,
            kind=ApprovalKind(payload.kind),
            at_meeting_id=payload.approved_at_meeting_id,
            on=payload.approved_on,
        ),
    )
    return _minutes_out(request, _meeting(meeting_id))


@router.post(
    "/meetings/{meeting_id}/minutes/publish", response={200: MinutesOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def publish_minutes(request: HttpRequest, meeting_id: Id) -> Any:
    commands.minutes_publish(actor=request.user, command=commands.MinutesPublish(meeting_id=meeting_id))
    return _minutes_out(request, _meeting(meeting_id))
