"""The API of meetings, agenda items and decisions: read what the caller may see, write as an editor.

Writes take the same forms, actions and services as the pages (see `actions.py`), so every rule and
refusal is the same; closed items are "not found" to those who may not see them, as on the pages.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from klynge.api.auth import READ_AUTH, WRITE_AUTH
from klynge.api.errors import DETAIL_ERRORS, LIST_ERRORS, WRITE_ERRORS
from klynge.api.pagination import Pages
from klynge.api.schemas import (
    BodyId,
    Date,
    Id,
    Input,
    Ref,
    Slug,
    SlugRef,
    Time,
    TopicRef,
    Version,
    form_data,
    validated,
)
from klynge.bodies.access import editable_collaborations, ensure_collaboration_edit
from klynge.kernel.records import record_version
from klynge.meetings.access import visible_agenda_items
from klynge.meetings.actions import (
    agenda_item_create_from,
    agenda_item_initial,
    agenda_item_update_from,
    decision_initial,
    decision_record_from,
    decision_update_from,
    meeting_create_from,
    meeting_initial,
    meeting_update_from,
)
from klynge.meetings.forms import AgendaItemForm, DecisionForm, MeetingForm
from klynge.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    DatePrecision,
    Decision,
    DecisionKind,
    FigureMetric,
    Meeting,
    MeetingStatus,
)
from klynge.meetings.selectors import (
    agenda_item_for_edit,
    agenda_item_visible,
    agenda_items_filtered,
    bodies_for_new_meetings,
    decision_visible,
    decisions_filtered,
    meeting_detail,
    meeting_for_edit,
    meetings_filtered,
    number_of,
)
from klynge.meetings.services import agenda_item_move, agenda_item_remove

router = Router(tags=["Meetings"])

Title = Annotated[str, Field(max_length=300)]
Text = Annotated[str, Field(max_length=20_000)]
IdList = Annotated[list[BodyId], Field(max_length=200)]


# ---- What the API shows ----------------------------------------------------------------------------


class AllocationBrief(Schema):
    id: int
    fund_id: int
    amount: Decimal
    focus_area_id: int | None
    initiative_id: int | None


class DecisionOut(Schema):
    id: int
    agenda_item_id: int
    meeting_id: int
    kind: DecisionKind
    text: str
    topic: TopicRef | None
    recommended_to: Ref | None
    allocations: list[AllocationBrief]
    approved_initiative_ids: list[int]
    url: str

    @staticmethod
    def resolve_meeting_id(obj: Decision) -> int:
        return obj.agenda_item.meeting_id

    @staticmethod
    def resolve_allocations(obj: Decision) -> list[Any]:
        return list(obj.allocations.all())

    @staticmethod
    def resolve_approved_initiative_ids(obj: Decision) -> list[int]:
        return [initiative.pk for initiative in obj.approved_initiatives.all()]

    @staticmethod
    def resolve_url(obj: Decision) -> str:
        return obj.agenda_item.get_absolute_url()


class DecisionDetailOut(DecisionOut):
    version: int = Field(description="Send it back with a change to refuse it if someone saved meanwhile.")

    @staticmethod
    def resolve_version(obj: Decision) -> int:
        return record_version(obj)


class FigureOut(Schema):
    id: int
    metric: FigureMetric
    label: str
    area: Ref | None
    value: Decimal | None
    unit: str
    year: int | None
    explanation: str


class AgendaItemOut(Schema):
    id: int
    meeting_id: int
    position: int = Field(
        description="The item's number on the agenda as the caller sees it: 1, 2, 3 over the items the "
        "caller may see, so a closed item they may not see leaves no gap."
    )
    title: str
    kind: AgendaItemKind
    is_public: bool
    is_tentative: bool
    summary: str
    topics: list[TopicRef]
    focus_area_ids: list[int]
    initiative_ids: list[int]
    decisions: list[DecisionOut]
    reported_figures: list[FigureOut]
    url: str

    @staticmethod
    def resolve_topics(obj: AgendaItem) -> list[Any]:
        return list(obj.topics.all())

    @staticmethod
    def resolve_focus_area_ids(obj: AgendaItem) -> list[int]:
        return [focus_area.pk for focus_area in obj.focus_areas.all()]

    @staticmethod
    def resolve_initiative_ids(obj: AgendaItem) -> list[int]:
        return [initiative.pk for initiative in obj.initiatives.all()]

    @staticmethod
    def resolve_decisions(obj: AgendaItem) -> list[Any]:
        decisions = list(obj.decisions.all())
        for decision in decisions:
            decision.agenda_item = obj  # already at hand: no query per decision
        return decisions

    @staticmethod
    def resolve_reported_figures(obj: AgendaItem) -> list[Any]:
        return list(obj.reported_figures.all())

    @staticmethod
    def resolve_position(obj: AgendaItem) -> int:
        return number_of(obj)

    @staticmethod
    def resolve_url(obj: AgendaItem) -> str:
        return obj.get_absolute_url()


class AgendaItemDetailOut(AgendaItemOut):
    version: int = Field(description="Send it back with a change to refuse it if someone saved meanwhile.")

    @staticmethod
    def resolve_version(obj: AgendaItem) -> int:
        return record_version(obj)


class MeetingOut(Schema):
    id: int
    body: SlugRef
    collaboration: SlugRef
    date: datetime.date
    date_precision: DatePrecision
    start_time: datetime.time | None
    status: MeetingStatus
    is_extra: bool
    title: str
    location: str
    agenda_item_count: int = Field(description="The agenda items the caller may see.")
    url: str

    @staticmethod
    def resolve_collaboration(obj: Meeting) -> Any:
        return obj.body.collaboration

    @staticmethod
    def resolve_url(obj: Meeting) -> str:
        return reverse("meetings:meeting_detail", args=[obj.pk])


class MeetingDetailOut(MeetingOut):
    agenda_item_count: int = 0
    agenda_items: list[AgendaItemOut]
    version: int = Field(description="Send it back with a change to refuse it if someone saved meanwhile.")

    @staticmethod
    def resolve_agenda_items(obj: Meeting) -> list[Any]:
        return list(obj.agenda_items.all())

    @staticmethod
    def resolve_agenda_item_count(obj: Meeting) -> int:
        return len(obj.agenda_items.all())

    @staticmethod
    def resolve_version(obj: Meeting) -> int:
        return record_version(obj)


# ---- What the API takes ----------------------------------------------------------------------------


class Period(Input):
    date_from: Date | None = Field(None, description="On or after this date.")
    date_to: Date | None = Field(None, description="On or before this date.")
    topic: Slug | None = Field(None, description="A topic's slug, e.g. 'boern-og-unge'.")


class MeetingFilters(Period):
    body: Id | None = None
    collaboration: Id | None = None
    status: MeetingStatus | None = None


class ItemFilters(Period):
    meeting: Id | None = None
    body: Id | None = None
    collaboration: Id | None = None
    kind: AgendaItemKind | None = None


class DecisionFilters(Period):
    meeting: Id | None = None
    body: Id | None = None
    collaboration: Id | None = None
    kind: DecisionKind | None = None


class MeetingIn(Input):
    body: BodyId
    date: Date
    date_precision: DatePrecision = DatePrecision.DAY
    start_time: Time | None = None
    status: MeetingStatus = MeetingStatus.PLANNED
    is_extra: bool = False
    title: Annotated[str, Field(max_length=200)] = ""
    location: Annotated[str, Field(max_length=200)] = ""


class MeetingChange(Input):
    version: Version | None = None
    date: Date | None = None
    date_precision: DatePrecision | None = None
    start_time: Time | None = None
    status: MeetingStatus | None = None
    is_extra: bool | None = None
    title: Annotated[str, Field(max_length=200)] | None = None
    location: Annotated[str, Field(max_length=200)] | None = None


class AgendaItemIn(Input):
    title: Title
    kind: AgendaItemKind
    summary: Text = ""
    is_public: bool = True
    is_tentative: bool = False
    topics: IdList = Field(default_factory=list)
    focus_areas: IdList = Field(default_factory=list)
    initiatives: IdList = Field(default_factory=list)


class AgendaItemChange(Input):
    version: Version | None = None
    title: Title | None = None
    kind: AgendaItemKind | None = None
    summary: Text | None = None
    is_public: bool | None = None
    is_tentative: bool | None = None
    topics: IdList | None = None
    focus_areas: IdList | None = None
    initiatives: IdList | None = None


class Move(Input):
    direction: Literal["up", "down"]


class AllocationIn(Input):
    fund: BodyId
    amount: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    focus_area: BodyId | None = None
    initiative: BodyId | None = None


class DecisionIn(Input):
    kind: DecisionKind
    text: Text
    topic: BodyId | None = None
    recommended_to: BodyId | None = None
    allocation: AllocationIn | None = None
    approves: IdList = Field(default_factory=list)


class DecisionChange(Input):
    version: Version | None = None
    kind: DecisionKind | None = None
    text: Text | None = None
    topic: BodyId | None = None
    recommended_to: BodyId | None = None


def _changes(payload: Input) -> dict[str, Any]:
    """The fields the caller sent (null included: it clears), with `version` as the forms call it."""
    changes = payload.model_dump(exclude_unset=True)
    if "version" in changes:
        changes["seen_version"] = changes.pop("version")
    return changes


def _visible_item(request: HttpRequest, pk: int) -> AgendaItem:
    item = agenda_item_for_edit(pk=pk)
    if item is None or not visible_agenda_items(request.user).filter(pk=item.pk).exists():
        raise Http404
    return item


def _full_item(request: HttpRequest, pk: int) -> AgendaItem:
    item = agenda_item_visible(pk=pk, visible=visible_agenda_items(request.user))
    if item is None:
        raise Http404
    return item


def _full_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = meeting_detail(pk=pk, visible=visible_agenda_items(request.user))
    if meeting is None:
        raise Http404
    return meeting


def _full_decision(request: HttpRequest, pk: int) -> Decision:
    decision = decision_visible(pk=pk, visible=visible_agenda_items(request.user))
    if decision is None:
        raise Http404
    return decision


# ---- Reads ------------------------------------------------------------------------------------------


@router.get("/meetings", response={200: list[MeetingOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_meetings(request: HttpRequest, filters: Query[MeetingFilters]) -> Any:
    """Meetings, newest first, with the number of agenda items the caller may see."""
    return meetings_filtered(
        visible=visible_agenda_items(request.user),
        body_id=filters.body,
        collaboration_id=filters.collaboration,
        status=filters.status,
        date_from=filters.date_from,
        date_to=filters.date_to,
        topic=filters.topic,
    )


@router.get(
    "/meetings/{meeting_id}",
    response={200: MeetingDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
)
def get_meeting(request: HttpRequest, meeting_id: Id) -> Any:
    """A meeting with its agenda: the items the caller may see, their decisions and reported figures."""
    return _full_meeting(request, meeting_id)


@router.get("/agenda-items", response={200: list[AgendaItemOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_agenda_items(request: HttpRequest, filters: Query[ItemFilters]) -> Any:
    return agenda_items_filtered(
        visible=visible_agenda_items(request.user),
        meeting_id=filters.meeting,
        body_id=filters.body,
        collaboration_id=filters.collaboration,
        kind=filters.kind,
        date_from=filters.date_from,
        date_to=filters.date_to,
        topic=filters.topic,
    )


@router.get("/agenda-items/{item_id}", response={200: AgendaItemDetailOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_agenda_item(request: HttpRequest, item_id: Id) -> Any:
    return _full_item(request, item_id)


@router.get("/decisions", response={200: list[DecisionOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_decisions(request: HttpRequest, filters: Query[DecisionFilters]) -> Any:
    """Decisions, newest meeting first; a topic matches the decision's topic or its item's topics."""
    return decisions_filtered(
        visible=visible_agenda_items(request.user),
        meeting_id=filters.meeting,
        body_id=filters.body,
        collaboration_id=filters.collaboration,
        kind=filters.kind,
        date_from=filters.date_from,
        date_to=filters.date_to,
        topic=filters.topic,
    )


@router.get("/decisions/{decision_id}", response={200: DecisionDetailOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_decision(request: HttpRequest, decision_id: Id) -> Any:
    return _full_decision(request, decision_id)


# ---- Writes (editors of a participating party, administrators) --------------------------------------


@router.post("/meetings", response={201: MeetingDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Any:
    """Add a meeting to a body of a collaboration the caller's party takes part in."""
    bodies = bodies_for_new_meetings(collaborations=editable_collaborations(request.user))
    if not bodies.exists():
        raise PermissionDenied
    data = validated(MeetingForm(form_data({}, payload.model_dump()), bodies=bodies))
    ensure_collaboration_edit(request.user, data["body"].collaboration)
    meeting = meeting_create_from(data)
    return Status(201, _full_meeting(request, meeting.pk))


@router.patch("/meetings/{meeting_id}", response={200: MeetingDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def change_meeting(request: HttpRequest, meeting_id: Id, payload: MeetingChange) -> Any:
    meeting = meeting_for_edit(pk=meeting_id)
    if meeting is None:
        raise Http404
    ensure_collaboration_edit(request.user, meeting.body.collaboration)
    data = validated(MeetingForm(form_data(meeting_initial(meeting), _changes(payload))))
    meeting_update_from(meeting, data)
    return _full_meeting(request, meeting.pk)


@router.post(
    "/meetings/{meeting_id}/agenda-items",
    response={201: AgendaItemDetailOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def create_agenda_item(request: HttpRequest, meeting_id: Id, payload: AgendaItemIn) -> Any:
    """Add an item at the end of the meeting's agenda."""
    meeting = meeting_for_edit(pk=meeting_id)
    if meeting is None:
        raise Http404
    ensure_collaboration_edit(request.user, meeting.body.collaboration)
    data = validated(AgendaItemForm(form_data({}, payload.model_dump()), meeting=meeting))
    item = agenda_item_create_from(meeting, data)
    return Status(201, _full_item(request, item.pk))


@router.patch("/agenda-items/{item_id}", response={200: AgendaItemDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def change_agenda_item(request: HttpRequest, item_id: Id, payload: AgendaItemChange) -> Any:
    item = _visible_item(request, item_id)
    ensure_collaboration_edit(request.user, item.meeting.body.collaboration)
    data = validated(
        AgendaItemForm(form_data(agenda_item_initial(item), _changes(payload)), meeting=item.meeting)
    )
    agenda_item_update_from(item, data)
    return _full_item(request, item.pk)


@router.post(
    "/agenda-items/{item_id}/move", response={200: list[AgendaItemOut], **WRITE_ERRORS}, auth=WRITE_AUTH
)
def move_agenda_item(request: HttpRequest, item_id: Id, payload: Move) -> Any:
    """Move an item one place up or down; answers the meeting's agenda in its new order."""
    item = _visible_item(request, item_id)
    ensure_collaboration_edit(request.user, item.meeting.body.collaboration)
    agenda_item_move(agenda_item=item, steps=-1 if payload.direction == "up" else 1)
    return list(_full_meeting(request, item.meeting_id).agenda_items.all())


@router.delete("/agenda-items/{item_id}", response={204: None, **WRITE_ERRORS}, auth=WRITE_AUTH)
def remove_agenda_item(request: HttpRequest, item_id: Id) -> Any:
    """Remove an item from the agenda (refused for an item with decisions or reported figures)."""
    item = _visible_item(request, item_id)
    ensure_collaboration_edit(request.user, item.meeting.body.collaboration)
    agenda_item_remove(agenda_item=item)
    return HttpResponse(status=204)


@router.post(
    "/agenda-items/{item_id}/decisions", response={201: DecisionDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def record_decision(request: HttpRequest, item_id: Id, payload: DecisionIn) -> Any:
    """Record a decision with its allocation from a fund and the initiatives it approves, all or nothing."""
    item = _visible_item(request, item_id)
    ensure_collaboration_edit(request.user, item.meeting.body.collaboration)
    values = payload.model_dump()
    allocation = values.pop("allocation") or {
        "fund": None,
        "amount": None,
        "focus_area": None,
        "initiative": None,
    }
    if allocation["amount"] is not None:
        # The form reads amounts as Danes write them: a decimal comma.
        allocation["amount"] = format(allocation["amount"], "f").replace(".", ",")
    data = validated(DecisionForm(form_data(values, allocation), agenda_item=item))
    decision = decision_record_from(item, data)
    return Status(201, _full_decision(request, decision.pk))


@router.patch("/decisions/{decision_id}", response={200: DecisionDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def change_decision(request: HttpRequest, decision_id: Id, payload: DecisionChange) -> Any:
    """Correct a decision's type, text, topic or recipient; what it allocated and approved stays on record."""
    decision = _full_decision(request, decision_id)
    item = _visible_item(request, decision.agenda_item_id)
    ensure_collaboration_edit(request.user, item.meeting.body.collaboration)
    form = DecisionForm(
        form_data(decision_initial(decision), _changes(payload)), agenda_item=item, editing=True
    )
    decision_update_from(decision, validated(form))
    return _full_decision(request, decision.pk)
