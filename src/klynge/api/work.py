"""The API of the clusters' work: focus areas, initiatives (a tree, with progress rolled up), trial actions,
follow-up research, funds and their allocations.

All of it is public, as on the pages, except what follows a closed agenda item: an allocation is as
closed as the item of the decision that made it, and where a focus area was chosen or an initiative or a
trial action approved is named only when the caller may see that item. Writes build the same commands
as the editing pages (`klynge.work.commands`) straight from their JSON, by editors of a participating party.
Allocations are made only by decisions (`POST /agenda-items/{item_id}/decisions`).
"""

import datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Strict, StringConstraints

from klynge.api.auth import READ_AUTH, WRITE_AUTH
from klynge.api.errors import DETAIL_ERRORS, LIST_ERRORS, WRITE_ERRORS
from klynge.api.pagination import Pages
from klynge.api.provenance import SourceRef
from klynge.api.schemas import (
    BodyId,
    Date,
    Id,
    Input,
    Ref,
    Slug,
    SlugRef,
    TopicRef,
    Version,
)
from klynge.kernel.records import record_version
from klynge.meetings.access import visible_agenda_items
from klynge.work import commands
from klynge.work.models import (
    Allocation,
    FocusArea,
    FocusAreaStatus,
    FollowUpResearch,
    FollowUpResearchStatus,
    Fund,
    FundKind,
    Initiative,
    InitiativeStatus,
    TrialAction,
)
from klynge.work.selectors import (
    Progress,
    allocations_filtered,
    focus_area_in_full,
    focus_areas_filtered,
    fund_detail,
    funds_filtered,
    in_kroner,
    initiative_in_full,
    initiative_progress,
    initiatives_filtered,
    research_filtered,
    trial_actions_filtered,
)

router = Router(tags=["Work"])

# Text is stripped as the pages' forms strip it, before its length is checked.
Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
FundName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]
IdList = Annotated[list[BodyId], Field(max_length=200)]
Year = Annotated[int, Field(ge=1, le=9999)]
BodyYear = Annotated[int, Strict(), Field(ge=1, le=9999)]
Percent = Annotated[int, Strict(), Field(ge=0, le=100)]
Amount = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]

# The rolled-up progress of every initiative, worked out once per request (one query, whatever the page
# size) by the operation that answers with initiatives, and read by InitiativeOut's resolvers.
PROGRESS = "_klynge_initiative_progress"


def _remember_progress(request: HttpRequest) -> None:
    setattr(request, PROGRESS, initiative_progress())


def _progress(obj: Initiative, context: Any) -> Progress:
    request = (context or {}).get("request")
    progress = getattr(request, PROGRESS, None)
    if progress is None:  # an operation that forgot to remember it: still right, one query more
        progress = initiative_progress()
        if request is not None:
            setattr(request, PROGRESS, progress)
    return progress.get(obj.pk, Progress(obj.progress))


# ---- What the API shows ----------------------------------------------------------------------------


class AllocationOut(Schema):
    """An amount from a fund, allocated by a decision (only those on agenda items the caller may see)."""

    id: int
    fund: Ref
    amount: Decimal
    focus_area: SlugRef | None
    initiative: SlugRef | None
    decision_id: int
    agenda_item_id: int
    meeting_id: int
    decided_on: datetime.date = Field(description="The date of the meeting that decided it.")
    source: SourceRef | None
    source_note: str
    url: str = Field(description="The fund's page, where the allocation is listed.")

    @staticmethod
    def resolve_agenda_item_id(obj: Allocation) -> int:
        return obj.decision.agenda_item_id

    @staticmethod
    def resolve_meeting_id(obj: Allocation) -> int:
        return obj.decision.agenda_item.meeting_id

    @staticmethod
    def resolve_decided_on(obj: Allocation) -> datetime.date:
        return obj.decision.agenda_item.meeting.date

    @staticmethod
    def resolve_url(obj: Allocation) -> str:
        return obj.fund.get_absolute_url()


class TrialActionOut(Schema):
    id: int
    focus_area: SlugRef
    initiative: SlugRef | None
    position: int = Field(description="Its number under the focus area.")
    name: str
    display_name: str = Field(description="Its name, or what it is called when the source names none.")
    named_in_source: bool
    description: str
    approved_by_decision_id: int | None = Field(
        description="The decision that approved it; null when none is recorded or the caller may not see it."
    )
    source: SourceRef | None
    source_note: str
    url: str

    @staticmethod
    def resolve_approved_by_decision_id(obj: TrialAction) -> int | None:
        return obj.approved_by_id if getattr(obj, "approval_visible", False) else None

    @staticmethod
    def resolve_url(obj: TrialAction) -> str:
        return obj.focus_area.get_absolute_url() + "#proevehandlinger"


class TrialActionDetailOut(TrialActionOut):
    version: int = Field(description="Send it back with a change to refuse it if someone saved meanwhile.")

    @staticmethod
    def resolve_version(obj: TrialAction) -> int:
        return record_version(obj)


class ResearchOut(Schema):
    """Follow-up research (følgeforskning), attached to a focus area or an initiative."""

    id: int
    title: str
    status: FollowUpResearchStatus
    focus_area: SlugRef | None
    initiative: SlugRef | None
    description: str
    source: SourceRef | None
    source_note: str
    url: str

    @staticmethod
    def resolve_url(obj: FollowUpResearch) -> str:
        if obj.initiative is not None:
            return obj.initiative.get_absolute_url() + "#foelgeforskning"
        assert obj.focus_area is not None
        return obj.focus_area.get_absolute_url() + "#foelgeforskning"


class ResearchDetailOut(ResearchOut):
    version: int

    @staticmethod
    def resolve_version(obj: FollowUpResearch) -> int:
        return record_version(obj)


class FocusAreaOut(Schema):
    id: int
    name: str
    slug: str
    description: str
    status: FocusAreaStatus
    collaborations: list[SlugRef]
    topics: list[TopicRef]
    decided_at_agenda_item_id: int | None = Field(
        description="The agenda item where it was discussed or chosen; null when none is recorded or the "
        "caller may not see it."
    )
    health_agreement: SlugRef | None
    period_start: datetime.date | None
    period_end: datetime.date | None
    initiative_ids: list[int]
    source: SourceRef | None
    source_note: str
    url: str

    @staticmethod
    def resolve_collaborations(obj: FocusArea) -> list[Any]:
        return list(obj.collaborations.all())

    @staticmethod
    def resolve_topics(obj: FocusArea) -> list[Any]:
        return list(obj.topics.all())

    @staticmethod
    def resolve_decided_at_agenda_item_id(obj: FocusArea) -> int | None:
        return obj.decided_at_id if getattr(obj, "decided_at_visible", False) else None

    @staticmethod
    def resolve_initiative_ids(obj: FocusArea) -> list[int]:
        return [initiative.pk for initiative in obj.initiatives.all()]

    @staticmethod
    def resolve_url(obj: FocusArea) -> str:
        return obj.get_absolute_url()


class FocusAreaDetailOut(FocusAreaOut):
    trial_actions: list[TrialActionOut]
    follow_up_research: list[ResearchOut]
    allocations: list[AllocationOut]
    agenda_item_ids: list[int] = Field(description="The agenda items about it that the caller may see.")
    version: int = Field(description="Send it back with a change to refuse it if someone saved meanwhile.")

    @staticmethod
    def resolve_trial_actions(obj: FocusArea) -> list[Any]:
        return list(obj.trial_actions.all())

    @staticmethod
    def resolve_follow_up_research(obj: FocusArea) -> list[Any]:
        return list(obj.follow_up_research.all())

    @staticmethod
    def resolve_allocations(obj: FocusArea) -> list[Any]:
        return list(obj.allocations.all())

    @staticmethod
    def resolve_agenda_item_ids(obj: FocusArea) -> list[int]:
        return [item.pk for item in obj.agenda_items.all()]

    @staticmethod
    def resolve_version(obj: FocusArea) -> int:
        return record_version(obj)


class InitiativeOut(Schema):
    id: int
    name: str
    slug: str
    description: str
    collaboration: SlugRef
    focus_area: SlugRef | None
    parent_id: int | None = Field(description="The initiative it is part of.")
    children_ids: list[int] = Field(description="Its sub-initiatives (delindsatser).")
    status: InitiativeStatus
    approved_by_decision_id: int | None = Field(
        description="The decision that approved it; null when none is recorded or the caller may not see it."
    )
    approved_by_body: SlugRef | None = Field(
        description="The political body that approved it, for one decided before it was recorded here."
    )
    responsible_parties: list[SlugRef]
    progress: int | None = Field(description="Its own progress in percent, as recorded; null when unknown.")
    rolled_up_progress: int | None = Field(
        description="The average of its sub-initiatives' progress where known (each rolled up in turn, "
        "rounded half up), else its own progress."
    )
    progress_is_rolled_up: bool
    start: datetime.date | None
    end: datetime.date | None
    source: SourceRef | None
    source_note: str
    url: str

    @staticmethod
    def resolve_children_ids(obj: Initiative) -> list[int]:
        return [child.pk for child in obj.children.all()]

    @staticmethod
    def resolve_approved_by_decision_id(obj: Initiative) -> int | None:
        return obj.approved_by_id if getattr(obj, "approval_visible", False) else None

    @staticmethod
    def resolve_responsible_parties(obj: Initiative) -> list[Any]:
        return list(obj.responsible_parties.all())

    @staticmethod
    def resolve_rolled_up_progress(obj: Initiative, context: Any) -> int | None:
        return _progress(obj, context).value

    @staticmethod
    def resolve_progress_is_rolled_up(obj: Initiative, context: Any) -> bool:
        return _progress(obj, context).rolled_up

    @staticmethod
    def resolve_url(obj: Initiative) -> str:
        return obj.get_absolute_url()


class InitiativeDetailOut(InitiativeOut):
    trial_actions: list[TrialActionOut]
    follow_up_research: list[ResearchOut]
    allocations: list[AllocationOut]
    agenda_item_ids: list[int] = Field(description="The agenda items about it that the caller may see.")
    version: int = Field(description="Send it back with a change to refuse it if someone saved meanwhile.")

    @staticmethod
    def resolve_trial_actions(obj: Initiative) -> list[Any]:
        return list(obj.trial_actions.all())

    @staticmethod
    def resolve_follow_up_research(obj: Initiative) -> list[Any]:
        return list(obj.follow_up_research.all())

    @staticmethod
    def resolve_allocations(obj: Initiative) -> list[Any]:
        return list(obj.allocations.all())

    @staticmethod
    def resolve_agenda_item_ids(obj: Initiative) -> list[int]:
        return [item.pk for item in obj.agenda_items.all()]

    @staticmethod
    def resolve_version(obj: Initiative) -> int:
        return record_version(obj)


REMAINING = (
    "The total less what is allocated, as the caller may see it; null when the total is unknown. It counts "
    "only the allocations the caller may see: the true remainder, next to the total and the allocations "
    "listed, would give away the closed ones. Where closed allocations exist, less truly remains."
)


class FundOut(Schema):
    """Money a body can allocate in a year (klyngemidler)."""

    id: int
    name: str
    kind: FundKind = Field(
        description="pool (a cluster's klyngemidler) or investment_fund (a health "
        "council's investeringsmotor)."
    )
    body: SlugRef
    collaboration: SlugRef
    year: int
    total: Decimal | None = Field(description="The fund's frame in kroner; null when it is not known.")
    allocated: Decimal = Field(description="The sum of the allocations the caller may see.")
    remaining: Decimal | None = Field(description=REMAINING)
    description: str
    source: SourceRef | None
    source_note: str
    url: str

    @staticmethod
    def resolve_collaboration(obj: Fund) -> Any:
        return obj.body.collaboration

    @staticmethod
    def resolve_total(obj: Fund) -> Decimal | None:
        return obj.amount

    @staticmethod
    def resolve_allocated(obj: Any) -> Decimal:
        return in_kroner(obj.allocated)

    @staticmethod
    def resolve_remaining(obj: Any) -> Decimal | None:
        return None if obj.remaining is None else in_kroner(obj.remaining)

    @staticmethod
    def resolve_url(obj: Fund) -> str:
        return obj.get_absolute_url()


class FundDetailOut(FundOut):
    allocations: list[AllocationOut] = Field(description="The allocations the caller may see.")
    version: int = Field(description="Send it back with a change to refuse it if someone saved meanwhile.")

    @staticmethod
    def resolve_allocations(obj: Fund) -> list[Any]:
        return list(obj.allocations.all())

    @staticmethod
    def resolve_version(obj: Fund) -> int:
        return record_version(obj)


# ---- What the API takes ----------------------------------------------------------------------------


class Period(Input):
    date_from: Date | None = Field(
        None, description="Overlapping the period from this date (an open end counts)."
    )
    date_to: Date | None = Field(
        None, description="Overlapping the period to this date (an open start counts)."
    )
    topic: Slug | None = Field(None, description="A topic's slug, e.g. 'boern-og-unge'.")


class FocusAreaFilters(Period):
    collaboration: Id | None = None
    status: FocusAreaStatus | None = None


class InitiativeFilters(Period):
    collaboration: Id | None = None
    focus_area: Id | None = None
    parent: Id | None = Field(None, description="The sub-initiatives of this initiative.")
    top_level: bool | None = Field(
        None, description="Only initiatives that are (true) or are not part of another."
    )
    status: InitiativeStatus | None = None


class TrialActionFilters(Input):
    collaboration: Id | None = None
    focus_area: Id | None = None
    initiative: Id | None = None


class ResearchFilters(Input):
    collaboration: Id | None = None
    focus_area: Id | None = None
    initiative: Id | None = None
    status: FollowUpResearchStatus | None = None


class FundFilters(Input):
    body: Id | None = None
    collaboration: Id | None = None
    year: Year | None = None


class AllocationFilters(FundFilters):
    fund: Id | None = None


class FocusAreaIn(Input):
    name: Name
    collaborations: IdList = Field(description="Collaborations the caller may change (at least one).")
    status: FocusAreaStatus
    description: Text = ""
    topics: IdList = Field(default_factory=list)
    period_start: Date | None = None
    period_end: Date | None = None
    health_agreement: BodyId | None = None
    decided_at: BodyId | None = Field(
        None, description="The agenda item where it was discussed or chosen (of its collaborations' bodies)."
    )


def _kept(description: str = "") -> Any:
    """A change's field that may not be cleared: not nullable; omitted, it stays as it is."""
    return Field(None, description=" ".join(filter(None, [description, "Omit it to keep it."])))


# A change sends only what changes; a field that may not be cleared takes no null (omit it to keep it).
class FocusAreaChange(Input):
    version: Version | None = None
    name: Name = _kept()
    collaborations: IdList = _kept(
        "Of the collaborations the caller may change; those the caller may not change stay."
    )
    status: FocusAreaStatus = _kept()
    description: Text = _kept()
    topics: IdList = _kept()
    period_start: Date | None = None
    period_end: Date | None = None
    health_agreement: BodyId | None = None
    decided_at: BodyId | None = None


class InitiativeIn(Input):
    name: Name
    collaboration: BodyId
    description: Text = ""
    focus_area: BodyId | None = None
    parent: BodyId | None = None
    responsible_parties: IdList = Field(default_factory=list)
    start: Date | None = None
    end: Date | None = None


class InitiativeChange(Input):
    version: Version | None = None
    name: Name = _kept()
    description: Text = _kept()
    focus_area: BodyId | None = None
    parent: BodyId | None = None
    responsible_parties: IdList = _kept()
    start: Date | None = None
    end: Date | None = None


class FollowUpIn(Input):
    """Where an initiative stands: send what changes (null progress: not known)."""

    version: Version | None = None
    status: InitiativeStatus | None = Field(
        None,
        description="The next step along its lifecycle (approval comes only from a decision); omit or "
        "null to keep it.",
    )
    progress: Percent | None = None


class TrialActionIn(Input):
    name: Name = ""
    description: Text = ""
    initiative: BodyId | None = None


class TrialActionChange(Input):
    version: Version | None = None
    name: Name = _kept()
    description: Text = _kept()
    initiative: BodyId | None = None


class ResearchIn(Input):
    title: Name
    status: FollowUpResearchStatus
    description: Text = ""


class ResearchChange(Input):
    version: Version | None = None
    title: Name = _kept()
    status: FollowUpResearchStatus = _kept()
    description: Text = _kept()


class FundIn(Input):
    body: BodyId
    year: BodyYear
    name: FundName
    amount: Amount | None = Field(None, description="The frame in kroner; null when it is not known.")
    description: Text = ""
    kind: FundKind = FundKind.POOL


class FundChange(Input):
    version: Version | None = None
    name: FundName = _kept()
    amount: Amount | None = None
    description: Text = _kept()
    kind: FundKind = _kept()


def _sent(payload: Input) -> dict[str, Any]:
    """The fields the caller sent, as a change command takes them (null included: it clears): `version`
    as `seen_version`, lists of ids as tuples."""
    sent = payload.model_dump(exclude_unset=True)
    if "version" in sent:
        sent["seen_version"] = sent.pop("version")
    return {name: tuple(value) if isinstance(value, list) else value for name, value in sent.items()}


def _found(record: Any) -> Any:
    if record is None:
        raise Http404
    return record


def _full_focus_area(request: HttpRequest, pk: int) -> FocusArea:
    return _found(focus_area_in_full(pk=pk, visible=visible_agenda_items(request.user)))


def _full_initiative(request: HttpRequest, pk: int) -> Initiative:
    initiative = _found(initiative_in_full(pk=pk, visible=visible_agenda_items(request.user)))
    _remember_progress(request)
    return initiative


def _full_trial_action(request: HttpRequest, pk: int) -> TrialAction:
    found = trial_actions_filtered(visible=visible_agenda_items(request.user)).filter(pk=pk).first()
    return _found(found)


def _full_research(pk: int) -> FollowUpResearch:
    return _found(research_filtered().filter(pk=pk).first())


def _full_fund(request: HttpRequest, pk: int) -> Fund:
    return _found(fund_detail(pk=pk, visible=visible_agenda_items(request.user)))


# ---- Reads ------------------------------------------------------------------------------------------


@router.get("/focus-areas", response={200: list[FocusAreaOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_focus_areas(request: HttpRequest, filters: Query[FocusAreaFilters]) -> Any:
    """Focus areas (fokusområder) by name, with their collaborations, topics and initiatives."""
    return focus_areas_filtered(
        visible=visible_agenda_items(request.user),
        collaboration_id=filters.collaboration,
        status=filters.status,
        topic=filters.topic,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )


@router.get(
    "/focus-areas/{focus_area_id}", response={200: FocusAreaDetailOut, **DETAIL_ERRORS}, auth=READ_AUTH
)
def get_focus_area(request: HttpRequest, focus_area_id: Id) -> Any:
    """A focus area with its trial actions, follow-up research, allocations and agenda items."""
    return _full_focus_area(request, focus_area_id)


@router.get("/initiatives", response={200: list[InitiativeOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_initiatives(request: HttpRequest, filters: Query[InitiativeFilters]) -> Any:
    """Initiatives (indsatser) by collaboration and name, with their place in the tree and progress."""
    _remember_progress(request)
    return initiatives_filtered(
        visible=visible_agenda_items(request.user),
        collaboration_id=filters.collaboration,
        focus_area_id=filters.focus_area,
        parent_id=filters.parent,
        top_level=filters.top_level,
        status=filters.status,
        topic=filters.topic,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )


@router.get(
    "/initiatives/{initiative_id}", response={200: InitiativeDetailOut, **DETAIL_ERRORS}, auth=READ_AUTH
)
def get_initiative(request: HttpRequest, initiative_id: Id) -> Any:
    """An initiative with its trial actions, follow-up research, allocations and agenda items."""
    return _full_initiative(request, initiative_id)


@router.get("/trial-actions", response={200: list[TrialActionOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_trial_actions(request: HttpRequest, filters: Query[TrialActionFilters]) -> Any:
    """Trial actions (prøvehandlinger) by focus area and number."""
    return trial_actions_filtered(
        visible=visible_agenda_items(request.user),
        focus_area_id=filters.focus_area,
        initiative_id=filters.initiative,
        collaboration_id=filters.collaboration,
    )


@router.get(
    "/trial-actions/{trial_action_id}",
    response={200: TrialActionDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
)
def get_trial_action(request: HttpRequest, trial_action_id: Id) -> Any:
    return _full_trial_action(request, trial_action_id)


@router.get("/follow-up-research", response={200: list[ResearchOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_follow_up_research(request: HttpRequest, filters: Query[ResearchFilters]) -> Any:
    """Follow-up research (følgeforskning) by title."""
    return research_filtered(
        focus_area_id=filters.focus_area,
        initiative_id=filters.initiative,
        collaboration_id=filters.collaboration,
        status=filters.status,
    )


@router.get(
    "/follow-up-research/{research_id}", response={200: ResearchDetailOut, **DETAIL_ERRORS}, auth=READ_AUTH
)
def get_follow_up_research(request: HttpRequest, research_id: Id) -> Any:
    return _full_research(research_id)


@router.get("/funds", response={200: list[FundOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_funds(request: HttpRequest, filters: Query[FundFilters]) -> Any:
    """Funds (puljer), newest year first, with the total, what is allocated and what remains as the
    caller may see it (see `remaining`)."""
    return funds_filtered(
        visible=visible_agenda_items(request.user),
        body_id=filters.body,
        collaboration_id=filters.collaboration,
        year=filters.year,
    )


@router.get("/funds/{fund_id}", response={200: FundDetailOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_fund(request: HttpRequest, fund_id: Id) -> Any:
    """A fund with the allocations the caller may see."""
    return _full_fund(request, fund_id)


@router.get("/allocations", response={200: list[AllocationOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_allocations(request: HttpRequest, filters: Query[AllocationFilters]) -> Any:
    """Allocations (bevillinger) from the funds, oldest decision first: those decided on agenda items the
    caller may see. They are made by decisions: `POST /agenda-items/{item_id}/decisions`."""
    return allocations_filtered(
        visible=visible_agenda_items(request.user),
        fund_id=filters.fund,
        body_id=filters.body,
        collaboration_id=filters.collaboration,
        year=filters.year,
    )


@router.get("/allocations/{allocation_id}", response={200: AllocationOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def get_allocation(request: HttpRequest, allocation_id: Id) -> Any:
    """An allocation; "not found" when it was decided on an agenda item the caller may not see."""
    allocations = allocations_filtered(visible=visible_agenda_items(request.user))
    return _found(allocations.filter(pk=allocation_id).first())


# ---- Writes (editors of a participating party, administrators): the commands of work/commands.py ------


@router.post("/focus-areas", response={201: FocusAreaDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_focus_area(request: HttpRequest, payload: FocusAreaIn) -> Any:
    """Add a focus area to collaborations the caller's party takes part in."""
    command = commands.FocusAreaCreate(**_sent(payload))
    focus_area = commands.focus_area_create(actor=request.user, command=command)
    return Status(201, _full_focus_area(request, focus_area.pk))


@router.patch(
    "/focus-areas/{focus_area_id}", response={200: FocusAreaDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def change_focus_area(request: HttpRequest, focus_area_id: Id, payload: FocusAreaChange) -> Any:
    """Change a focus area (its address stays); by editors of any of its collaborations."""
    command = commands.FocusAreaChange(focus_area_id=focus_area_id, **_sent(payload))
    commands.focus_area_update(actor=request.user, command=command)
    return _full_focus_area(request, focus_area_id)


@router.post(
    "/focus-areas/{focus_area_id}/trial-actions",
    response={201: TrialActionDetailOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def create_trial_action(request: HttpRequest, focus_area_id: Id, payload: TrialActionIn) -> Any:
    """Add a trial action under a focus area, with the next free number."""
    command = commands.TrialActionCreate(focus_area_id=focus_area_id, **_sent(payload))
    trial_action = commands.trial_action_create(actor=request.user, command=command)
    return Status(201, _full_trial_action(request, trial_action.pk))


@router.patch(
    "/trial-actions/{trial_action_id}", response={200: TrialActionDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def change_trial_action(request: HttpRequest, trial_action_id: Id, payload: TrialActionChange) -> Any:
    """Change a trial action's name, description and initiative; its focus area and number stay."""
    command = commands.TrialActionChange(trial_action_id=trial_action_id, **_sent(payload))
    commands.trial_action_update(actor=request.user, command=command)
    return _full_trial_action(request, trial_action_id)


@router.post(
    "/focus-areas/{focus_area_id}/follow-up-research",
    response={201: ResearchDetailOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def create_focus_area_research(request: HttpRequest, focus_area_id: Id, payload: ResearchIn) -> Any:
    """Add follow-up research to a focus area."""
    command = commands.FollowUpResearchCreate(focus_area_id=focus_area_id, **_sent(payload))
    research = commands.follow_up_research_create(actor=request.user, command=command)
    return Status(201, _full_research(research.pk))


@router.post(
    "/initiatives/{initiative_id}/follow-up-research",
    response={201: ResearchDetailOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def create_initiative_research(request: HttpRequest, initiative_id: Id, payload: ResearchIn) -> Any:
    """Add follow-up research to an initiative."""
    command = commands.FollowUpResearchCreate(initiative_id=initiative_id, **_sent(payload))
    research = commands.follow_up_research_create(actor=request.user, command=command)
    return Status(201, _full_research(research.pk))


@router.patch(
    "/follow-up-research/{research_id}", response={200: ResearchDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def change_follow_up_research(request: HttpRequest, research_id: Id, payload: ResearchChange) -> Any:
    """Change follow-up research's title, status and description; what it is attached to stays."""
    command = commands.FollowUpResearchChange(research_id=research_id, **_sent(payload))
    commands.follow_up_research_update(actor=request.user, command=command)
    return _full_research(research_id)


@router.post("/initiatives", response={201: InitiativeDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_initiative(request: HttpRequest, payload: InitiativeIn) -> Any:
    """Add an initiative, as proposed, to a collaboration the caller's party takes part in; it is approved
    by a decision of a political body (`approves` of `POST /agenda-items/{item_id}/decisions`)."""
    command = commands.InitiativeCreate(**_sent(payload))
    initiative = commands.initiative_create(actor=request.user, command=command)
    return Status(201, _full_initiative(request, initiative.pk))


@router.patch(
    "/initiatives/{initiative_id}", response={200: InitiativeDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def change_initiative(request: HttpRequest, initiative_id: Id, payload: InitiativeChange) -> Any:
    """Change what an initiative is (its collaboration and address stay; where it stands: `/follow-up`)."""
    command = commands.InitiativeChange(initiative_id=initiative_id, **_sent(payload))
    commands.initiative_update(actor=request.user, command=command)
    return _full_initiative(request, initiative_id)


@router.post(
    "/initiatives/{initiative_id}/follow-up",
    response={200: InitiativeDetailOut, **WRITE_ERRORS},
    auth=WRITE_AUTH,
)
def follow_up_initiative(request: HttpRequest, initiative_id: Id, payload: FollowUpIn) -> Any:
    """Record where an initiative stands: the next status along its lifecycle and/or its progress."""
    command = commands.InitiativeFollowUp(initiative_id=initiative_id, **_sent(payload))
    commands.initiative_follow_up(actor=request.user, command=command)
    return _full_initiative(request, initiative_id)


@router.post("/funds", response={201: FundDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def create_fund(request: HttpRequest, payload: FundIn) -> Any:
    """Add a fund to a body of a collaboration the caller's party takes part in."""
    fund = commands.fund_create(actor=request.user, command=commands.FundCreate(**_sent(payload)))
    return Status(201, _full_fund(request, fund.pk))


@router.patch("/funds/{fund_id}", response={200: FundDetailOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def change_fund(request: HttpRequest, fund_id: Id, payload: FundChange) -> Any:
    """Change a fund's name, total and description; never below what is allocated from it (every
    allocation counted, whoever asks)."""
    commands.fund_update(actor=request.user, command=commands.FundChange(fund_id=fund_id, **_sent(payload)))
    return _full_fund(request, fund_id)
