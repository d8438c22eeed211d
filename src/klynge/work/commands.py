"""Every write on the clusters' work, one typed command and one function each (see klynge.kernel.commands).

The pages' Danish forms and the API's schemas build the same commands, so both get the same result and
the same refusal. A function finds the record (404 when there is none), checks the actor's right
(`access.py`, 403), refuses references the actor may not choose (the same choices the page offers, with
the page's Danish messages) and calls the service, which holds the rules. Change commands' fields default
to `UNSET`: the page sends every field, a PATCH only those the caller sent.
"""

import datetime
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from klynge.bodies.access import editable_collaborations
from klynge.kernel.commands import (
    UNSET,
    Actor,
    Unset,
    merged,
    record_by_id,
    record_or_404,
    records_by_ids,
    refuse,
    refused_together,
    required,
)
from klynge.kernel.records import StaleRecord
from klynge.meetings import commands as meetings_commands
from klynge.meetings.models import AgendaItem, Decision, DecisionKind, Meeting
from klynge.work import selectors, services
from klynge.work.access import (
    ensure_any_edit,
    ensure_focus_area_edit,
    ensure_fund_edit,
    ensure_initiative_edit,
    ensure_research_edit,
)
from klynge.work.models import (
    INITIATIVE_TRANSITIONS,
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

# The refusals the page's form gives for the same input (the API answers them as a 422).
CHOOSE = "Vælg {what} fra listen."
FUND_YEARS = range(2000, 2101)
YEAR_REFUSAL = "Skriv året som fire cifre, fx 2025."
PROGRESS_REFUSAL = "Fremdriften er en procent mellem 0 og 100."
STATUS_REFUSAL = "Indsatsen kan ikke gå til den status herfra. Vælg et af de næste trin."
MAX_AMOUNT = Decimal(10**12)

_Ids = tuple[int, ...]


def _at_most(field: str, value: str, length: int) -> None:
    if len(value) > length:
        refuse(field, f"Skriv højst {length} tegn.")


def _amount(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    if value < 0:
        refuse("amount", "Beløbet kan ikke være negativt.")
    if value >= MAX_AMOUNT:
        refuse("amount", "Beløbet er for stort.")
    return value


# ---- Focus areas --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FocusAreaCreate:
    name: str
    collaborations: _Ids
    status: FocusAreaStatus
    description: str = ""
    topics: _Ids = ()
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    health_agreement: int | None = None
    decided_at: int | None = None


@dataclass(frozen=True)
class FocusAreaChange:
    focus_area_id: int
    seen_version: int | Unset | None = UNSET
    name: str | Unset = UNSET
    collaborations: _Ids | Unset = UNSET
    status: FocusAreaStatus | Unset = UNSET
    description: str | Unset = UNSET
    topics: _Ids | Unset = UNSET
    period_start: datetime.date | Unset | None = UNSET
    period_end: datetime.date | Unset | None = UNSET
    health_agreement: int | Unset | None = UNSET
    decided_at: int | Unset | None = UNSET


def focus_area_current(focus_area: FocusArea, *, actor: Actor) -> dict[str, Any]:
    """A focus area's current values as its command takes them. Of its collaborations only those the
    actor may change: the others are not the actor's to choose, and stay (`kept_collaborations`)."""
    editable = set(editable_collaborations(actor).values_list("pk", flat=True))
    return {
        "name": focus_area.name,
        "description": focus_area.description,
        "collaborations": tuple(c.pk for c in focus_area.collaborations.all() if c.pk in editable),
        "topics": tuple(t.pk for t in focus_area.topics.all()),
        "status": FocusAreaStatus(focus_area.status),
        "period_start": focus_area.period_start,
        "period_end": focus_area.period_end,
        "health_agreement": focus_area.health_agreement_id,
        "decided_at": focus_area.decided_at_id,
        "seen_version": None,
    }


def kept_collaborations(focus_area: FocusArea, *, actor: Actor) -> list[Any]:
    """The focus area's collaborations the actor may not change: they stay as they are."""
    editable = set(editable_collaborations(actor).values_list("pk", flat=True))
    return [c for c in focus_area.collaborations.all() if c.pk not in editable]


def _focus_area_arguments(
    values: dict[str, Any], *, actor: Actor, focus_area: FocusArea | None
) -> dict[str, Any]:
    required("name", values["name"], "Skriv fokusområdets navn.")
    _at_most("name", values["name"], 300)
    if not values["collaborations"]:
        refuse("collaborations", "Vælg mindst ét samarbejde.")
    collaborations = records_by_ids(
        selectors.collaborations_editable_by(actor),
        values["collaborations"],
        field="collaborations",
        message=CHOOSE.format(what="samarbejder"),
    )
    if focus_area is not None:
        collaborations += kept_collaborations(focus_area, actor=actor)
    return {
        "name": values["name"],
        "description": values["description"],
        "collaborations": collaborations,
        "topics": records_by_ids(
            selectors.topic_choices(), values["topics"], field="topics", message=CHOOSE.format(what="emner")
        ),
        "status": FocusAreaStatus(values["status"]),
        "decided_at": record_by_id(
            selectors.decided_at_choices(actor=actor, focus_area=focus_area),
            values["decided_at"],
            field="decided_at",
            message="Vælg et dagsordenspunkt fra listen.",
        ),
        "health_agreement": record_by_id(
            selectors.health_agreement_choices(),
            values["health_agreement"],
            field="health_agreement",
            message=CHOOSE.format(what="sundhedsaftale"),
        ),
        "period_start": values["period_start"],
        "period_end": values["period_end"],
    }


def focus_area_create(*, actor: Actor, command: FocusAreaCreate) -> FocusArea:
    """A focus area of collaborations the actor takes part in."""
    ensure_any_edit(actor)
    values = asdict(command)
    return services.focus_area_create(**_focus_area_arguments(values, actor=actor, focus_area=None))


def focus_area_update(*, actor: Actor, command: FocusAreaChange) -> FocusArea:
    """Change a focus area (its address stays); its collaborations the actor may not change stay."""
    focus_area = record_or_404(selectors.focus_areas_for_edit(), command.focus_area_id)
    ensure_focus_area_edit(actor, focus_area)
    values = merged(focus_area_current(focus_area, actor=actor), command, exclude=["focus_area_id"])
    return services.focus_area_update(
        focus_area=focus_area,
        seen_version=values["seen_version"],
        **_focus_area_arguments(values, actor=actor, focus_area=focus_area),
    )


# ---- Initiatives --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InitiativeCreate:
    name: str
    collaboration: int
    description: str = ""
    focus_area: int | None = None
    parent: int | None = None
    responsible_parties: _Ids = ()
    start: datetime.date | None = None
    end: datetime.date | None = None


@dataclass(frozen=True)
class InitiativeChange:
    initiative_id: int
    seen_version: int | Unset | None = UNSET
    name: str | Unset = UNSET
    description: str | Unset = UNSET
    focus_area: int | Unset | None = UNSET
    parent: int | Unset | None = UNSET
    responsible_parties: _Ids | Unset = UNSET
    start: datetime.date | Unset | None = UNSET
    end: datetime.date | Unset | None = UNSET


@dataclass(frozen=True)
class InitiativeFollowUp:
    """Where an initiative stands: its next status along the lifecycle (UNSET or None: it stays) and its
    progress (None: not known)."""

    initiative_id: int
    seen_version: int | Unset | None = UNSET
    status: InitiativeStatus | Unset | None = UNSET
    progress: int | Unset | None = UNSET


def initiative_current(initiative: Initiative) -> dict[str, Any]:
    """An initiative's descriptive fields as its command takes them (where it stands: the follow-up)."""
    return {
        "name": initiative.name,
        "description": initiative.description,
        "focus_area": initiative.focus_area_id,
        "parent": initiative.parent_id,
        "responsible_parties": tuple(p.pk for p in initiative.responsible_parties.all()),
        "start": initiative.start,
        "end": initiative.end,
        "seen_version": None,
    }


def _initiative_arguments(
    values: dict[str, Any], *, actor: Actor, initiative: Initiative | None
) -> dict[str, Any]:
    required("name", values["name"], "Skriv indsatsens navn.")
    _at_most("name", values["name"], 300)
    return {
        "name": values["name"],
        "description": values["description"],
        "focus_area": record_by_id(
            selectors.initiative_focus_area_choices(actor=actor, initiative=initiative),
            values["focus_area"],
            field="focus_area",
            message=CHOOSE.format(what="fokusområde"),
        ),
        "parent": record_by_id(
            selectors.initiative_parent_choices(actor=actor, initiative=initiative),
            values["parent"],
            field="parent",
            message=CHOOSE.format(what="del af"),
        ),
        "responsible_parties": records_by_ids(
            selectors.initiative_party_choices(actor=actor, initiative=initiative),
            values["responsible_parties"],
            field="responsible_parties",
            message=CHOOSE.format(what="ansvarlige parter"),
        ),
        "start": values["start"],
        "end": values["end"],
    }


def initiative_create(*, actor: Actor, command: InitiativeCreate) -> Initiative:
    """A new initiative, as proposed: it is approved by a decision of a political body."""
    ensure_any_edit(actor)
    values = asdict(command)
    arguments = _initiative_arguments(values, actor=actor, initiative=None)
    collaboration = record_by_id(
        selectors.collaborations_editable_by(actor),
        command.collaboration,
        field="collaboration",
        message=CHOOSE.format(what="samarbejde"),
    )
    assert collaboration is not None
    return services.initiative_create(collaboration=collaboration, **arguments)


def initiative_update(*, actor: Actor, command: InitiativeChange) -> Initiative:
    """Change what an initiative is; its collaboration and address stay."""
    initiative = record_or_404(selectors.initiatives_for_edit(), command.initiative_id)
    ensure_initiative_edit(actor, initiative)
    values = merged(initiative_current(initiative), command, exclude=["initiative_id"])
    return services.initiative_update(
        initiative=initiative,
        seen_version=values["seen_version"],
        **_initiative_arguments(values, actor=actor, initiative=initiative),
    )


def initiative_status_choices(initiative: Initiative) -> list[InitiativeStatus]:
    """The statuses a follow-up may choose: the current one and the next steps along the lifecycle
    (approval is a decision of a political body, recorded with the decision, not chosen here)."""
    current = InitiativeStatus(initiative.status)
    following = [
        s for s in InitiativeStatus if s in INITIATIVE_TRANSITIONS[current] and s != InitiativeStatus.APPROVED
    ]
    return [current, *following]


def initiative_follow_up(*, actor: Actor, command: InitiativeFollowUp) -> Initiative:
    """Record where an initiative stands: a new status along its lifecycle and/or its progress."""
    initiative = record_or_404(selectors.initiatives_for_edit(), command.initiative_id)
    ensure_initiative_edit(actor, initiative)
    current = {"status": None, "progress": initiative.progress, "seen_version": None}
    values = merged(current, command, exclude=["initiative_id"])
    status = values["status"]
    if status is not None and status not in initiative_status_choices(initiative):
        refuse("status", STATUS_REFUSAL)
    progress = values["progress"]
    if progress is not None and not 0 <= progress <= 100:
        refuse("progress", PROGRESS_REFUSAL)
    return services.initiative_follow_up(
        initiative=initiative,
        status=None if status is None else InitiativeStatus(status),
        progress=progress,
        seen_version=values["seen_version"],
    )


# ---- Trial actions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrialActionCreate:
    focus_area_id: int
    name: str = ""
    description: str = ""
    initiative: int | None = None


@dataclass(frozen=True)
class TrialActionChange:
    trial_action_id: int
    seen_version: int | Unset | None = UNSET
    name: str | Unset = UNSET
    description: str | Unset = UNSET
    initiative: int | Unset | None = UNSET


def trial_action_create(*, actor: Actor, command: TrialActionCreate) -> TrialAction:
    """A trial action under the focus area, with the next free number."""
    focus_area = record_or_404(selectors.focus_areas_for_edit(), command.focus_area_id)
    ensure_focus_area_edit(actor, focus_area)
    _at_most("name", command.name, 300)
    initiative = record_by_id(
        selectors.trial_action_initiative_choices(actor=actor, focus_area=focus_area),
        command.initiative,
        field="initiative",
        message=CHOOSE.format(what="indsats"),
    )
    return services.trial_action_create(
        focus_area=focus_area, name=command.name, description=command.description, initiative=initiative
    )


def trial_action_update(*, actor: Actor, command: TrialActionChange) -> TrialAction:
    """Change a trial action's name, description and initiative; its focus area and number stay."""
    trial_action = record_or_404(selectors.trial_actions_for_edit(), command.trial_action_id)
    focus_area = trial_action.focus_area
    ensure_focus_area_edit(actor, focus_area)
    current = {
        "name": trial_action.name,
        "description": trial_action.description,
        "initiative": trial_action.initiative_id,
        "seen_version": None,
    }
    values = merged(current, command, exclude=["trial_action_id"])
    _at_most("name", values["name"], 300)
    initiative = record_by_id(
        selectors.trial_action_initiative_choices(
            actor=actor, focus_area=focus_area, trial_action=trial_action
        ),
        values["initiative"],
        field="initiative",
        message=CHOOSE.format(what="indsats"),
    )
    return services.trial_action_update(
        trial_action=trial_action,
        seen_version=values["seen_version"],
        name=values["name"],
        description=values["description"],
        initiative=initiative,
    )


# ---- Follow-up research -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpResearchCreate:
    """Follow-up research attached to a focus area or (`initiative_id`) an initiative."""

    title: str
    status: FollowUpResearchStatus
    description: str = ""
    focus_area_id: int | None = None
    initiative_id: int | None = None


@dataclass(frozen=True)
class FollowUpResearchChange:
    research_id: int
    seen_version: int | Unset | None = UNSET
    title: str | Unset = UNSET
    status: FollowUpResearchStatus | Unset = UNSET
    description: str | Unset = UNSET


def _research_text(title: str) -> None:
    required("title", title, "Skriv følgeforskningens titel.")
    _at_most("title", title, 300)


def follow_up_research_create(*, actor: Actor, command: FollowUpResearchCreate) -> FollowUpResearch:
    focus_area = initiative = None
    if command.initiative_id is not None:
        initiative = record_or_404(selectors.initiatives_for_edit(), command.initiative_id)
        ensure_initiative_edit(actor, initiative)
    else:
        if command.focus_area_id is None:
            refuse("focus_area", "Vælg fokusområdet eller indsatsen, som følgeforskningen følger.")
        focus_area = record_or_404(selectors.focus_areas_for_edit(), command.focus_area_id)
        ensure_focus_area_edit(actor, focus_area)
    _research_text(command.title)
    return services.follow_up_research_create(
        title=command.title,
        status=FollowUpResearchStatus(command.status),
        description=command.description,
        focus_area=focus_area,
        initiative=initiative,
    )


def follow_up_research_update(*, actor: Actor, command: FollowUpResearchChange) -> FollowUpResearch:
    """Change follow-up research's title, status and description; what it is attached to stays."""
    research = record_or_404(selectors.follow_up_research_queryset_for_edit(), command.research_id)
    ensure_research_edit(actor, research)
    current = {
        "title": research.title,
        "status": research.status,
        "description": research.description,
        "seen_version": None,
    }
    values = merged(current, command, exclude=["research_id"])
    _research_text(values["title"])
    return services.follow_up_research_update(
        research=research,
        seen_version=values["seen_version"],
        title=values["title"],
        status=FollowUpResearchStatus(values["status"]),
        description=values["description"],
    )


# ---- Funds --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FundCreate:
    body: int
    year: int
    name: str
    amount: Decimal | None = None
    description: str = ""
    kind: FundKind = FundKind.POOL


@dataclass(frozen=True)
class FundChange:
    fund_id: int
    seen_version: int | Unset | None = UNSET
    name: str | Unset = UNSET
    amount: Decimal | Unset | None = UNSET
    description: str | Unset = UNSET
    kind: FundKind | Unset = UNSET


def _fund_name(name: str) -> None:
    required("name", name, "Skriv puljens navn.")
    _at_most("name", name, 200)


def fund_create(*, actor: Actor, command: FundCreate) -> Fund:
    """A fund of a body of a collaboration the actor takes part in."""
    ensure_any_edit(actor)
    body = record_by_id(
        selectors.fund_body_choices(actor=actor),
        command.body,
        field="body",
        message=CHOOSE.format(what="organ"),
    )
    assert body is not None
    if command.year not in FUND_YEARS:
        refuse("year", YEAR_REFUSAL)
    _fund_name(command.name)
    return services.fund_create(
        body=body,
        year=command.year,
        name=command.name,
        amount=_amount(command.amount),
        description=command.description,
        kind=command.kind,
    )


def fund_update(*, actor: Actor, command: FundChange) -> Fund:
    """A fund's name, amount and description (never below what is allocated from it, all allocations
    counted)."""
    fund = record_or_404(selectors.funds_for_edit(), command.fund_id)
    ensure_fund_edit(actor, fund)
    current = {
        "name": fund.name,
        "amount": fund.amount,
        "description": fund.description,
        "kind": FundKind(fund.kind),
        "seen_version": None,
    }
    values = merged(current, command, exclude=["fund_id"])
    _fund_name(values["name"])
    return services.fund_update(
        fund=fund,
        seen_version=values["seen_version"],
        name=values["name"],
        amount=_amount(values["amount"]),
        description=values["description"],
        kind=values["kind"],
    )


# ---- What agenda items concern and decisions do in work ------------------------------------------------
# An agenda item is meetings' record and its links to focus areas and initiatives are work's; a decision is
# meetings' and its allocation and approvals are work's. The meeting's page and the API write both halves
# with one command here, all or nothing, with every field's refusal at once.

FOCUS_AREA_NOT_ALLOWED = "Vælg fokusområder i mødets samarbejde."
INITIATIVE_NOT_ALLOWED = "Vælg indsatser i mødets samarbejde."
FUND_NOT_ALLOWED = "Vælg en af samarbejdets puljer."
APPROVES_NOT_ALLOWED = "Vælg foreslåede indsatser i samarbejdet."


@dataclass(frozen=True)
class AgendaItemLinkedCreate:
    """A new agenda item (meetings' command) with the focus areas and initiatives it concerns."""

    item: meetings_commands.AgendaItemCreate
    focus_area_ids: _Ids = ()
    initiative_ids: _Ids = ()


@dataclass(frozen=True)
class AgendaItemLinkedChange:
    """A change of an agenda item (meetings' command) and of its links (only those sent)."""

    item: meetings_commands.AgendaItemChange
    focus_area_ids: _Ids | Unset = UNSET
    initiative_ids: _Ids | Unset = UNSET


def _link_lookups(
    meeting: Meeting, focus_area_ids: _Ids, initiative_ids: _Ids
) -> dict[str, Callable[[], Any]]:
    return {
        "focus_areas": lambda: records_by_ids(
            selectors.focus_areas_of_meeting(meeting),
            focus_area_ids,
            field="focus_areas",
            message=FOCUS_AREA_NOT_ALLOWED,
        ),
        "initiatives": lambda: records_by_ids(
            selectors.initiatives_of_meeting(meeting),
            initiative_ids,
            field="initiatives",
            message=INITIATIVE_NOT_ALLOWED,
        ),
    }


def _with_links(write: Callable[[], AgendaItem], links: dict[str, Callable[[], Any]]) -> AgendaItem:
    """Meetings' write of the item, then its links, in one transaction; the refusals of both at once (a
    save on an outdated copy is refused as it is)."""
    errors: dict[str, Any] = {}
    with transaction.atomic():
        try:
            item = write()
        except StaleRecord:
            raise
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            found = refused_together(links)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
        return services.agenda_item_links_set(agenda_item=item, **found)


def agenda_item_create(*, actor: Actor, command: AgendaItemLinkedCreate) -> AgendaItem:
    """Add an item at the end of the meeting's agenda, with the focus areas and initiatives it concerns."""
    meeting = meetings_commands.editable_meeting(actor, command.item.meeting_id)
    return _with_links(
        lambda: meetings_commands.agenda_item_create(actor=actor, command=command.item),
        _link_lookups(meeting, command.focus_area_ids, command.initiative_ids),
    )


def agenda_item_update(*, actor: Actor, command: AgendaItemLinkedChange) -> AgendaItem:
    """Change an item and its links (only the fields sent)."""
    item = meetings_commands.editable_agenda_item(actor, command.item.agenda_item_id)
    current = {
        "focus_area_ids": tuple(focus_area.pk for focus_area in item.focus_areas.all()),
        "initiative_ids": tuple(initiative.pk for initiative in item.initiatives.all()),
    }
    links = merged(current, command, exclude=("item",))
    return _with_links(
        lambda: meetings_commands.agenda_item_update(actor=actor, command=command.item),
        _link_lookups(item.meeting, links["focus_area_ids"], links["initiative_ids"]),
    )


@dataclass(frozen=True)
class AllocationOrder:
    """Money a decision allocates from a fund to a focus area or an initiative."""

    fund_id: int
    amount: Decimal
    focus_area_id: int | None = None
    initiative_id: int | None = None


@dataclass(frozen=True)
class DecisionRecord:
    agenda_item_id: int
    kind: DecisionKind
    text: str
    topic_id: int | None = None
    recommended_to_id: int | None = None
    allocation: AllocationOrder | None = None
    approves_ids: _Ids = ()


def _allocation_lookups(item: AgendaItem, order: AllocationOrder) -> dict[str, Callable[[], Any]]:
    return {
        "fund": lambda: record_by_id(
            selectors.funds_of_item(item), order.fund_id, field="fund", message=FUND_NOT_ALLOWED
        ),
        "focus_area": lambda: record_by_id(
            selectors.focus_areas_of_meeting(item.meeting),
            order.focus_area_id,
            field="focus_area",
            message=FOCUS_AREA_NOT_ALLOWED,
        ),
        "initiative": lambda: record_by_id(
            selectors.initiatives_of_meeting(item.meeting),
            order.initiative_id,
            field="initiative",
            message=INITIATIVE_NOT_ALLOWED,
        ),
    }


def decision_record(*, actor: Actor, command: DecisionRecord) -> Decision:
    """Record a decision on an item with its allocation and the initiatives it approves, all or nothing."""
    item = meetings_commands.editable_agenda_item(actor, command.agenda_item_id)
    values = {
        "text": command.text,
        "topic_id": command.topic_id,
        "recommended_to_id": command.recommended_to_id,
    }
    order = command.allocation
    found = refused_together(
        {
            **meetings_commands.decision_lookups(item, values),
            **(_allocation_lookups(item, order) if order is not None else {}),
            "approves": lambda: records_by_ids(
                selectors.initiatives_to_approve(item),
                command.approves_ids,
                field="approves",
                message=APPROVES_NOT_ALLOWED,
            ),
        }
    )
    allocation = None
    if order is not None:
        allocation = services.AllocationRequest(
            fund=found.pop("fund"),
            amount=order.amount,
            focus_area=found.pop("focus_area"),
            initiative=found.pop("initiative"),
        )
    return services.decision_record(agenda_item=item, kind=command.kind, allocation=allocation, **found)
