"""The API of meetings, agenda items and decisions: read what the caller may see, write as an editor.

Writes build the same commands as the pages (`klynge.meetings.commands`) from the JSON, so every rule and
refusal is the same; closed items are "not found" to those who may not see them, as on the pages.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from klynge.api.auth import READ_AUTH, WRITE_AUTH
from klynge.api.errors import DETAIL_ERRORS, LIST_ERRORS, WRITE_ERRORS, error_responses
from klynge.api.pagination import Pages
from klynge.api.schemas import (
    STRIPPED,
    BodyId,
    Date,
    DateTime,
    Id,
    Input,
    LocalTimeOut,
    Ref,
    Slug,
    SlugRef,
    Time,
    TopicRef,
    Version,
    omittable,
    sent_fields,
)
from klynge.kernel.records import record_version
from klynge.meetings import commands
from klynge.meetings.access import ensure_proposal_view, visible_agenda_items, visible_proposals
from klynge.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    AgendaItemProposal,
    DatePrecision,
    Decision,
    DecisionKind,
    FigureMetric,
    Meeting,
    MeetingStatus,
    ProposalStatus,
    ResponseOutcome,
)
from klynge.meetings.selectors import (
    agenda_item_visible,
    agenda_items_filtered,
    decision_visible,
    decisions_filtered,
    meeting_detail,
    meeting_for_edit,
    meetings_filtered,
    number_of,
    proposal_detail,
    proposals_of_meeting,
)
from klynge.work import commands as work_commands
from klynge.work.selectors import (
    agenda_item_with_links,
    agenda_items_with_links,
    decision_with_effects,
    decisions_with_effects,
    meeting_with_links,
)

router = Router(tags=["Meetings"])


# Text is stripped as the pages' forms strip it.
Title = Annotated[str, Field(max_length=300), STRIPPED]
Text = Annotated[str, Field(max_length=20_000), STRIPPED]
ShortText = Annotated[str, Field(max_length=200), STRIPPED]
CaseText = Annotated[str, Field(max_length=100_000), STRIPPED]
IdList = Annotated[list[BodyId], Field(max_length=200)]


# ---- What the API shows ----------------------------------------------------------------------------


class AllocationBrief(Schema):
    id: int
    fund_id: int
    amount: Decimal
    focus_area_id: int | None
    initiative_id: int | None


class RecommendationResponseOut(Schema):
    outcome: ResponseOutcome
    decided_on: datetime.date
    text: str
    reference: str


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
    response: RecommendationResponseOut | None = Field(
        description="For a recommendation (an indstilling to the regional council, or an anbefaling to a "
        "party): what its recipient decided, once recorded; null until then and for other kinds."
    )
    url: str

    @staticmethod
    def resolve_response(obj: Decision) -> Any:
        return getattr(obj, "response", None)

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
    case_description: str = Field(description="Sagsfremstilling: what the case is.")
    recommendation: str = Field(description="Indstilling: what the body is recommended to decide.")
    decision_text: str = Field(description="Beslutning: what the body decided, as the minutes say it.")
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
    start_time: LocalTimeOut | None
    status: MeetingStatus
    is_extra: bool
    title: str
    location: str
    submission_deadline: datetime.datetime | None = Field(
        description="Until when parties may propose items for the agenda."
    )
    agenda_item_count: int = Field(description="The agenda items the caller may see.")
    url: str

    @staticmethod
    def resolve_collaboration(obj: Meeting) -> Any:
        return obj.body.collaboration

    @staticmethod
    def resolve_url(obj: Meeting) -> str:
        return obj.get_absolute_url()


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
    title: ShortText = ""
    location: ShortText = ""
    submission_deadline: DateTime | None = None

    def command(self) -> commands.MeetingCreate:
        return commands.MeetingCreate(
            body_id=self.body,
            date=self.date,
            date_precision=self.date_precision,
            start_time=self.start_time,
            status=self.status,
            is_extra=self.is_extra,
            title=self.title,
            location=self.location,
            submission_deadline=self.submission_deadline,
        )


class MeetingChange(Input):
    version: Version | None = None
    date: Date = omittable()
    date_precision: DatePrecision = omittable()
    start_time: Time | None = None
    status: MeetingStatus = omittable()
    is_extra: bool = omittable()
    title: ShortText = omittable()
    location: ShortText = omittable()
    submission_deadline: DateTime | None = None

    def command(self, meeting_id: int) -> commands.MeetingChange:
        return commands.MeetingChange(meeting_id=meeting_id, **sent_fields(self))


class AgendaItemIn(Input):
    title: Title
    kind: AgendaItemKind
    summary: Text = ""
    case_description: CaseText = ""
    recommendation: Text = ""
    decision_text: Text = ""
    is_public: bool = True
    is_tentative: bool = False
    topics: IdList = Field(default_factory=list)
    focus_areas: IdList = Field(default_factory=list)
    initiatives: IdList = Field(default_factory=list)

    def command(self, meeting_id: int) -> work_commands.AgendaItemLinkedCreate:
        item = commands.AgendaItemCreate(
            meeting_id=meeting_id,
            title=self.title,
            kind=self.kind,
            summary=self.summary,
            case_description=self.case_description,
            recommendation=self.recommendation,
            decision_text=self.decision_text,
            is_public=self.is_public,
            is_tentative=self.is_tentative,
            topic_ids=tuple(self.topics),
        )
        return work_commands.AgendaItemLinkedCreate(
            item=item, focus_area_ids=tuple(self.focus_areas), initiative_ids=tuple(self.initiatives)
        )


class AgendaItemChange(Input):
    version: Version | None = None
    title: Title = omittable()
    kind: AgendaItemKind = omittable()
    summary: Text = omittable()
    case_description: CaseText = omittable()
    recommendation: Text = omittable()
    decision_text: Text = omittable()
    is_public: bool = omittable()
    is_tentative: bool = omittable()
    topics: IdList = omittable()
    focus_areas: IdList = omittable()
    initiatives: IdList = omittable()

    def command(self, agenda_item_id: int) -> work_commands.AgendaItemLinkedChange:
        sent = sent_fields(
            self,
            renames={"topics": "topic_ids", "focus_areas": "focus_area_ids", "initiatives": "initiative_ids"},
        )
        links = {name: sent.pop(name) for name in ("focus_area_ids", "initiative_ids") if name in sent}
        item = commands.AgendaItemChange(agenda_item_id=agenda_item_id, **sent)
        return work_commands.AgendaItemLinkedChange(item=item, **links)


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

    def command(self, agenda_item_id: int) -> work_commands.DecisionRecord:
        allocation = None
        if self.allocation is not None:
            allocation = work_commands.AllocationOrder(
                fund_id=self.allocation.fund,
                amount=self.allocation.amount,
                focus_area_id=self.allocation.focus_area,
                initiative_id=self.allocation.initiative,
            )
        return work_commands.DecisionRecord(
            agenda_item_id=agenda_item_id,
            kind=self.kind,
            text=self.text,
            topic_id=self.topic,
            recommended_to_id=self.recommended_to,
            allocation=allocation,
            approves_ids=tuple(self.approves),
        )


class DecisionChange(Input):
    version: Version | None = None
    kind: DecisionKind = omittable()
    text: Text = omittable()
    topic: BodyId | None = None
    recommended_to: BodyId | None = None

    def command(self, decision_id: int) -> commands.DecisionChange:
        sent = sent_fields(self, renames={"topic": "topic_id", "recommended_to": "recommended_to_id"})
        return commands.DecisionChange(decision_id=decision_id, **sent)


def _full_item(request: HttpRequest, pk: int) -> AgendaItem:
    item = agenda_item_with_links(agenda_item_visible(pk=pk, visible=visible_agenda_items(request.user)))
    if item is None:
        raise Http404
    return item


def _full_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = meeting_with_links(meeting_detail(pk=pk, visible=visible_agenda_items(request.user)))
    if meeting is None:
        raise Http404
    return meeting


def _full_decision(request: HttpRequest, pk: int) -> Decision:
    decision = decision_with_effects(decision_visible(pk=pk, visible=visible_agenda_items(request.user)))
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
    items = agenda_items_filtered(
        visible=visible_agenda_items(request.user),
        meeting_id=filters.meeting,
        body_id=filters.body,
        collaboration_id=filters.collaboration,
        kind=filters.kind,
        date_from=filters.date_from,
        date_to=filters.date_to,
        topic=filters.topic,
    )
    return agenda_items_with_links(items)


@router.get("/agenda-items/{item_id}", response={200: AgendaItemDetailOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_agenda_item(request: HttpRequest, item_id: Id) -> Any:
    return _full_item(request, item_id)


@router.get("/decisions", response={200: list[DecisionOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_decisions(request: HttpRequest, filters: Query[DecisionFilters]) -> Any:
    """Decisions, newest meeting first; a topic matches the decision's topic or its item's topics."""
    decisions = decisions_filtered(
        visible=visible_agenda_items(request.user),
        meeting_id=filters.meeting,
        body_id=filters.body,
        collaboration_id=filters.collaboration,
        kind=filters.kind,
        date_from=filters.date_from,
        date_to=filters.date_to,
        topic=filters.topic,
    )
    return decisions_with_effects(decisions)


@router.get("/decisions/{decision_id}", response={200: DecisionDetailOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_decision(request: HttpRequest, decision_id: Id) -> Any:
    return _full_decision(request, decision_id)


# ---- Writes (editors of a participating party, administrators) --------------------------------------


@router.post("/meetings", response={201: MeetingDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Any:
    """Add a meeting to a body of a collaboration the caller's party takes part in."""
    meeting = commands.meeting_create(actor=request.user, command=payload.command())
    return Status(201, _full_meeting(request, meeting.pk))


@router.patch("/meetings/{meeting_id}", response={200: MeetingDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def change_meeting(request: HttpRequest, meeting_id: Id, payload: MeetingChange) -> Any:
    commands.meeting_update(actor=request.user, command=payload.command(meeting_id))
    return _full_meeting(request, meeting_id)


@router.post(
    "/meetings/{meeting_id}/agenda-items",
    response={201: AgendaItemDetailOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def create_agenda_item(request: HttpRequest, meeting_id: Id, payload: AgendaItemIn) -> Any:
    """Add an item at the end of the meeting's agenda."""
    item = work_commands.agenda_item_create(actor=request.user, command=payload.command(meeting_id))
    return Status(201, _full_item(request, item.pk))


@router.patch("/agenda-items/{item_id}", response={200: AgendaItemDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def change_agenda_item(request: HttpRequest, item_id: Id, payload: AgendaItemChange) -> Any:
    work_commands.agenda_item_update(actor=request.user, command=payload.command(item_id))
    return _full_item(request, item_id)


@router.post(
    "/agenda-items/{item_id}/move", response={200: list[AgendaItemOut], **WRITE_ERRORS}, auth=WRITE_AUTH
)
def move_agenda_item(request: HttpRequest, item_id: Id, payload: Move) -> Any:
    """Move an item one place up or down; answers the meeting's agenda in its new order."""
    command = commands.AgendaItemMove(agenda_item_id=item_id, steps=-1 if payload.direction == "up" else 1)
    item = commands.agenda_item_move(actor=request.user, command=command)
    return list(_full_meeting(request, item.meeting_id).agenda_items.all())


@router.delete("/agenda-items/{item_id}", response={204: None, **WRITE_ERRORS}, auth=WRITE_AUTH)
def remove_agenda_item(request: HttpRequest, item_id: Id) -> Any:
    """Remove an item from the agenda (refused for an item with decisions or reported figures)."""
    commands.agenda_item_remove(actor=request.user, command=commands.AgendaItemRemove(agenda_item_id=item_id))
    return HttpResponse(status=204)


@router.post(
    "/agenda-items/{item_id}/decisions", response={201: DecisionDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def record_decision(request: HttpRequest, item_id: Id, payload: DecisionIn) -> Any:
    """Record a decision with its allocation from a fund and the initiatives it approves, all or nothing."""
    decision = work_commands.decision_record(actor=request.user, command=payload.command(item_id))
    return Status(201, _full_decision(request, decision.pk))


@router.patch("/decisions/{decision_id}", response={200: DecisionDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def change_decision(request: HttpRequest, decision_id: Id, payload: DecisionChange) -> Any:
    """Correct a decision's type, text, topic or recipient; what it allocated and approved stays on record."""
    commands.decision_update(actor=request.user, command=payload.command(decision_id))
    return _full_decision(request, decision_id)


# ---- Proposals for the agenda (a party's editors and the collaboration's secretariat only) ----------


class ProposalOut(Schema):
    id: int
    meeting_id: int
    party: SlugRef
    title: str
    kind: AgendaItemKind
    case_description: str
    recommendation: str
    is_public: bool = Field(description="Whether the party wishes it treated as an open item.")
    status: ProposalStatus
    reason: str
    proposed_at: datetime.datetime
    decided_at: datetime.datetime | None
    agenda_item_id: int | None
    url: str

    @staticmethod
    def resolve_url(obj: AgendaItemProposal) -> str:
        return obj.get_absolute_url()


class ProposalIn(Input):
    title: Title
    kind: AgendaItemKind
    case_description: CaseText = ""
    recommendation: Text = ""
    is_public: bool = True
    party: BodyId | None = Field(None, description="Administrators only: the party proposing.")

    def command(self, meeting_id: int) -> commands.ProposalCreate:
        return commands.ProposalCreate(
            meeting_id=meeting_id,
            title=self.title,
            kind=self.kind,
            case_description=self.case_description,
            recommendation=self.recommendation,
            is_public=self.is_public,
            party_id=self.party,
        )


class ProposalChange(Input):
    title: Title = omittable()
    kind: AgendaItemKind = omittable()
    case_description: CaseText = omittable()
    recommendation: Text = omittable()
    is_public: bool = omittable()

    def command(self, proposal_id: int) -> commands.ProposalChange:
        return commands.ProposalChange(proposal_id=proposal_id, **sent_fields(self))


class ProposalDecisionIn(Input):
    accept: bool = Field(description="true: onto the agenda (a new item at its end); false: rejected.")
    reason: Text = Field("", description="Required when rejecting; the party sees it.")


def _proposal(request: HttpRequest, pk: int) -> AgendaItemProposal:
    proposal = proposal_detail(pk=pk, visible=visible_proposals(request.user))
    if proposal is None:
        raise Http404
    return proposal


@router.get(
    "/meetings/{meeting_id}/proposals",
    response={200: list[ProposalOut], **error_responses(401, 403, 404, 422)},
    auth=WRITE_AUTH,
)
def list_proposals(request: HttpRequest, meeting_id: Id) -> Any:
    """The meeting's proposals the caller may see: all of them for the secretariat, else their party's."""
    meeting = meeting_for_edit(pk=meeting_id)
    if meeting is None:
        raise Http404
    ensure_proposal_view(request.user, meeting)
    return list(proposals_of_meeting(meeting=meeting, visible=visible_proposals(request.user)))


@router.get("/proposals/{proposal_id}", response={200: ProposalOut, **DETAIL_ERRORS}, auth=WRITE_AUTH)
def get_proposal(request: HttpRequest, proposal_id: Id) -> Any:
    return _proposal(request, proposal_id)


@router.post("/meetings/{meeting_id}/proposals", response={201: ProposalOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_proposal(request: HttpRequest, meeting_id: Id, payload: ProposalIn) -> Any:
    """Propose an item for a coming meeting, before its submission deadline (editors of a taking part party)."""
    proposal = commands.proposal_create(actor=request.user, command=payload.command(meeting_id))
    return Status(201, _proposal(request, proposal.pk))


@router.patch("/proposals/{proposal_id}", response={200: ProposalOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def change_proposal(request: HttpRequest, proposal_id: Id, payload: ProposalChange) -> Any:
    commands.proposal_update(actor=request.user, command=payload.command(proposal_id))
    return _proposal(request, proposal_id)


@router.post(
    "/proposals/{proposal_id}/decision", response={200: ProposalOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def decide_proposal(request: HttpRequest, proposal_id: Id, payload: ProposalDecisionIn) -> Any:
    """The secretariat accepts the proposal onto the agenda (with its attachments) or rejects it."""
    command = commands.ProposalDecide(proposal_id=proposal_id, accept=payload.accept, reason=payload.reason)
    commands.proposal_decide(actor=request.user, command=command)
    return _proposal(request, proposal_id)


@router.post(
    "/proposals/{proposal_id}/withdraw", response={200: ProposalOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def withdraw_proposal(request: HttpRequest, proposal_id: Id) -> Any:
    commands.proposal_withdraw(actor=request.user, command=commands.ProposalWithdraw(proposal_id=proposal_id))
    return _proposal(request, proposal_id)


class RecommendationResponseIn(Input):
    outcome: ResponseOutcome
    decided_on: Date
    text: Annotated[str, Field(max_length=10_000), STRIPPED] = ""
    reference: Annotated[str, Field(max_length=500, pattern=r"^(https?://\S+)?$"), STRIPPED] = ""

    def command(self, decision_id: int) -> commands.RecommendationResponseRecord:
        return commands.RecommendationResponseRecord(
            decision_id=decision_id,
            outcome=self.outcome,
            decided_on=self.decided_on,
            text=self.text,
            reference=self.reference,
        )


@router.put(
    "/decisions/{decision_id}/response", response={200: DecisionDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def record_recommendation_response(
    request: HttpRequest, decision_id: Id, payload: RecommendationResponseIn
) -> Any:
    """Record (or correct) what the recipient of a recommendation decided: the regional council on a
    health council's indstilling (the council recommends, the regional council decides), or a party on a
    cluster's anbefaling. Refused (422) for other kinds of decision."""
    commands.recommendation_response_record(actor=request.user, command=payload.command(decision_id))
    return _full_decision(request, decision_id)


@router.delete("/decisions/{decision_id}/response", response={204: None, **WRITE_ERRORS}, auth=WRITE_AUTH)
def remove_recommendation_response(request: HttpRequest, decision_id: Id) -> Any:
    commands.recommendation_response_remove(
        actor=request.user, command=commands.RecommendationResponseRemove(decision_id=decision_id)
    )
    return HttpResponse(status=204)
