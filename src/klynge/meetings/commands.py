"""The writes on meetings, agendas and decisions, one typed command each, whoever calls (pages, API).

Each function finds the records among those the actor may see (else 404), checks the actor's right
(`access.py`, else 403), refuses references the actor may not use (Danish messages per field) and calls
the service, which holds the rules. See `klynge.kernel.commands`.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404

from klynge.kernel.commands import (
    UNSET,
    Actor,
    Unset,
    merged,
    record_by_id,
    record_or_404,
    records_by_ids,
    refuse,
)
from klynge.meetings import services
from klynge.meetings.access import ensure_meeting_create, ensure_meeting_edit, visible_agenda_items
from klynge.meetings.models import (
    RECOMMENDING_KINDS,
    AgendaItem,
    AgendaItemKind,
    DatePrecision,
    Decision,
    DecisionKind,
    Meeting,
    MeetingStatus,
    RecommendationResponse,
    ResponseOutcome,
)
from klynge.meetings.selectors import (
    agenda_items_to_edit,
    decisions_to_edit,
    focus_areas_of_meeting,
    funds_of_item,
    initiatives_of_meeting,
    initiatives_to_approve,
    meetings_to_edit,
    parties_to_recommend_to,
)
from klynge.meetings.services import AllocationRequest
from klynge.organisation.models import Topic

# The refusals of references, the same whether the page's choices or the API's ids named them.
BODY_NOT_ALLOWED = "Vælg et af organerne på listen."
TOPIC_NOT_ALLOWED = "Vælg emner fra listen."
FOCUS_AREA_NOT_ALLOWED = "Vælg fokusområder i mødets samarbejde."
INITIATIVE_NOT_ALLOWED = "Vælg indsatser i mødets samarbejde."
RECOMMENDED_TO_NOT_ALLOWED = "Vælg en af samarbejdets parter."
FUND_NOT_ALLOWED = "Vælg en af samarbejdets puljer."
APPROVES_NOT_ALLOWED = "Vælg foreslåede indsatser i samarbejdet."
TITLE_REQUIRED = "Skriv punktets overskrift."
TEXT_REQUIRED = "Skriv, hvad der blev besluttet."


# ---- Meetings ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingCreate:
    body_id: int
    date: datetime.date
    date_precision: DatePrecision = DatePrecision.DAY
    start_time: datetime.time | None = None
    status: MeetingStatus = MeetingStatus.PLANNED
    is_extra: bool = False
    title: str = ""
    location: str = ""


@dataclass(frozen=True)
class MeetingChange:
    meeting_id: int
    seen_version: int | None = None  # the version the caller saw; None: overwrite
    date: datetime.date | Unset = UNSET
    date_precision: DatePrecision | Unset = UNSET
    start_time: datetime.time | Unset | None = UNSET
    status: MeetingStatus | Unset = UNSET
    is_extra: bool | Unset = UNSET
    title: str | Unset = UNSET
    location: str | Unset = UNSET


def meeting_values(meeting: Meeting) -> dict[str, Any]:
    """A meeting's current values as a change takes them."""
    return {
        "date": meeting.date,
        "date_precision": DatePrecision(meeting.date_precision),
        "start_time": meeting.start_time,
        "status": MeetingStatus(meeting.status),
        "is_extra": meeting.is_extra,
        "title": meeting.title,
        "location": meeting.location,
    }


def meeting_create(*, actor: Actor, command: MeetingCreate) -> Meeting:
    """Add a meeting to a body of a collaboration the actor's party takes part in."""
    bodies = ensure_meeting_create(actor)
    body = record_by_id(bodies, command.body_id, field="body", message=BODY_NOT_ALLOWED)
    assert body is not None
    return services.meeting_create(
        body=body,
        date=command.date,
        date_precision=command.date_precision,
        start_time=command.start_time,
        status=command.status,
        is_extra=command.is_extra,
        title=command.title,
        location=command.location,
    )


def meeting_update(*, actor: Actor, command: MeetingChange) -> Meeting:
    """Change a meeting's time, place and status (only the fields sent)."""
    meeting = record_or_404(meetings_to_edit(), command.meeting_id)
    ensure_meeting_edit(actor, meeting)
    values = merged(meeting_values(meeting), command, exclude=("meeting_id", "seen_version"))
    return services.meeting_update(meeting=meeting, seen_version=command.seen_version, **values)


# ---- Agenda items --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaItemCreate:
    meeting_id: int
    title: str
    kind: AgendaItemKind
    summary: str = ""
    is_public: bool = True
    is_tentative: bool = False
    topic_ids: tuple[int, ...] = ()
    focus_area_ids: tuple[int, ...] = ()
    initiative_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class AgendaItemChange:
    agenda_item_id: int
    seen_version: int | None = None  # the version the caller saw; None: overwrite
    title: str | Unset = UNSET
    kind: AgendaItemKind | Unset = UNSET
    summary: str | Unset = UNSET
    is_public: bool | Unset = UNSET
    is_tentative: bool | Unset = UNSET
    topic_ids: tuple[int, ...] | Unset = UNSET
    focus_area_ids: tuple[int, ...] | Unset = UNSET
    initiative_ids: tuple[int, ...] | Unset = UNSET


@dataclass(frozen=True)
class AgendaItemMove:
    agenda_item_id: int
    steps: int  # negative: up the agenda


@dataclass(frozen=True)
class AgendaItemRemove:
    agenda_item_id: int


def agenda_item_values(item: AgendaItem) -> dict[str, Any]:
    """An item's current values as a change takes them."""
    return {
        "title": item.title,
        "kind": AgendaItemKind(item.kind),
        "summary": item.summary,
        "is_public": item.is_public,
        "is_tentative": item.is_tentative,
        "topic_ids": tuple(topic.pk for topic in item.topics.all()),
        "focus_area_ids": tuple(focus_area.pk for focus_area in item.focus_areas.all()),
        "initiative_ids": tuple(initiative.pk for initiative in item.initiatives.all()),
    }


def refused_together(lookups: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """Each lookup's result by name; if some refuse, one refusal with every field's messages, as the page's
    form shows every field's error at once."""
    found: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name, lookup in lookups.items():
        try:
            found[name] = lookup()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return found


def _item_arguments(meeting: Meeting, values: dict[str, Any]) -> dict[str, Any]:
    """The service's arguments from an item's values, refusing what the item may not refer to."""
    title = values["title"].strip()
    found = refused_together(
        {
            "title": lambda: title or refuse("title", TITLE_REQUIRED),
            "topics": lambda: records_by_ids(
                Topic.objects.all(), values["topic_ids"], field="topics", message=TOPIC_NOT_ALLOWED
            ),
            "focus_areas": lambda: records_by_ids(
                focus_areas_of_meeting(meeting),
                values["focus_area_ids"],
                field="focus_areas",
                message=FOCUS_AREA_NOT_ALLOWED,
            ),
            "initiatives": lambda: records_by_ids(
                initiatives_of_meeting(meeting),
                values["initiative_ids"],
                field="initiatives",
                message=INITIATIVE_NOT_ALLOWED,
            ),
        }
    )
    return {
        "kind": values["kind"],
        "summary": values["summary"].strip(),
        "is_public": values["is_public"],
        "is_tentative": values["is_tentative"],
        **found,
    }


def agenda_item_create(*, actor: Actor, command: AgendaItemCreate) -> AgendaItem:
    """Add an item at the end of the meeting's agenda."""
    meeting = record_or_404(meetings_to_edit(), command.meeting_id)
    ensure_meeting_edit(actor, meeting)
    values = {
        "title": command.title,
        "kind": command.kind,
        "summary": command.summary,
        "is_public": command.is_public,
        "is_tentative": command.is_tentative,
        "topic_ids": command.topic_ids,
        "focus_area_ids": command.focus_area_ids,
        "initiative_ids": command.initiative_ids,
    }
    return services.agenda_item_create(meeting=meeting, **_item_arguments(meeting, values))


def _visible_item(actor: Actor, agenda_item_id: int) -> AgendaItem:
    """An item the actor may see and change (a closed item is 'not found' to those who may not see it)."""
    item = record_or_404(agenda_items_to_edit(visible=visible_agenda_items(actor)), agenda_item_id)
    ensure_meeting_edit(actor, item.meeting)
    return item


def agenda_item_update(*, actor: Actor, command: AgendaItemChange) -> AgendaItem:
    """Change an item (only the fields sent)."""
    item = _visible_item(actor, command.agenda_item_id)
    values = merged(agenda_item_values(item), command, exclude=("agenda_item_id", "seen_version"))
    return services.agenda_item_update(
        agenda_item=item,
        seen_version=command.seen_version,
        **_item_arguments(item.meeting, values),
    )


def agenda_item_move(*, actor: Actor, command: AgendaItemMove) -> AgendaItem:
    """Move an item up or down the agenda; the moved item."""
    item = _visible_item(actor, command.agenda_item_id)
    services.agenda_item_move(agenda_item=item, steps=command.steps)
    return item


def agenda_item_remove(*, actor: Actor, command: AgendaItemRemove) -> AgendaItem:
    """Take an item off the agenda (refused for an item with decisions or figures); the removed item."""
    item = _visible_item(actor, command.agenda_item_id)
    services.agenda_item_remove(agenda_item=item)
    return item


# ---- Decisions -----------------------------------------------------------------------------------------


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
    approves_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class DecisionChange:
    decision_id: int
    seen_version: int | None = None  # the version the caller saw; None: overwrite
    kind: DecisionKind | Unset = UNSET
    text: str | Unset = UNSET
    topic_id: int | Unset | None = UNSET
    recommended_to_id: int | Unset | None = UNSET


def decision_values(decision: Decision) -> dict[str, Any]:
    return {
        "kind": DecisionKind(decision.kind),
        "text": decision.text,
        "topic_id": decision.topic_id,
        "recommended_to_id": decision.recommended_to_id,
    }


def _decision_lookups(item: AgendaItem, values: dict[str, Any]) -> dict[str, Callable[[], Any]]:
    text = values["text"].strip()
    return {
        "text": lambda: text or refuse("text", TEXT_REQUIRED),
        "topic": lambda: record_by_id(
            Topic.objects.all(), values["topic_id"], field="topic", message=TOPIC_NOT_ALLOWED
        ),
        "recommended_to": lambda: record_by_id(
            parties_to_recommend_to(item),
            values["recommended_to_id"],
            field="recommended_to",
            message=RECOMMENDED_TO_NOT_ALLOWED,
        ),
    }


def _allocation_lookups(item: AgendaItem, order: AllocationOrder) -> dict[str, Callable[[], Any]]:
    return {
        "fund": lambda: record_by_id(
            funds_of_item(item), order.fund_id, field="fund", message=FUND_NOT_ALLOWED
        ),
        "focus_area": lambda: record_by_id(
            focus_areas_of_meeting(item.meeting),
            order.focus_area_id,
            field="focus_area",
            message=FOCUS_AREA_NOT_ALLOWED,
        ),
        "initiative": lambda: record_by_id(
            initiatives_of_meeting(item.meeting),
            order.initiative_id,
            field="initiative",
            message=INITIATIVE_NOT_ALLOWED,
        ),
    }


def decision_record(*, actor: Actor, command: DecisionRecord) -> Decision:
    """Record a decision on an item with its allocation and the initiatives it approves, all or nothing."""
    item = _visible_item(actor, command.agenda_item_id)
    values = {
        "text": command.text,
        "topic_id": command.topic_id,
        "recommended_to_id": command.recommended_to_id,
    }
    order = command.allocation
    found = refused_together(
        {
            **_decision_lookups(item, values),
            **(_allocation_lookups(item, order) if order is not None else {}),
            "approves": lambda: records_by_ids(
                initiatives_to_approve(item),
                command.approves_ids,
                field="approves",
                message=APPROVES_NOT_ALLOWED,
            ),
        }
    )
    allocation = None
    if order is not None:
        allocation = AllocationRequest(
            fund=found.pop("fund"),
            amount=order.amount,
            focus_area=found.pop("focus_area"),
            initiative=found.pop("initiative"),
        )
    return services.decision_record(agenda_item=item, kind=command.kind, allocation=allocation, **found)


def decision_update(*, actor: Actor, command: DecisionChange) -> Decision:
    """Correct a decision's type, text, topic or recipient; what it allocated and approved stays."""
    decision = record_or_404(decisions_to_edit(visible=visible_agenda_items(actor)), command.decision_id)
    item = decision.agenda_item
    ensure_meeting_edit(actor, item.meeting)
    values = merged(decision_values(decision), command, exclude=("decision_id", "seen_version"))
    return services.decision_update(
        decision=decision,
        seen_version=command.seen_version,
        kind=values["kind"],
        **refused_together(_decision_lookups(item, values)),
    )


# ---- What the recipient decided on a recommendation ---------------------------------------------------

RESPONSE_ONLY_TO_RECOMMENDATIONS = "Kun en anbefaling eller indstilling får modtagerens beslutning."


@dataclass(frozen=True)
class RecommendationResponseRecord:
    """The recipient's decision on a recommendation: the regional council's on a health council's
    indstilling (L 214: the council recommends, the regional council decides), or a party's on an
    anbefaling."""

    decision_id: int
    outcome: ResponseOutcome
    decided_on: datetime.date
    text: str = ""
    reference: str = ""


@dataclass(frozen=True)
class RecommendationResponseRemove:
    decision_id: int


def _recommendation_to_edit(actor: Actor, decision_id: int) -> Decision:
    decision = record_or_404(decisions_to_edit(visible=visible_agenda_items(actor)), decision_id)
    ensure_meeting_edit(actor, decision.agenda_item.meeting)
    if decision.kind not in RECOMMENDING_KINDS:
        refuse("decision", RESPONSE_ONLY_TO_RECOMMENDATIONS)
    return decision


def recommendation_response_record(
    *, actor: Actor, command: RecommendationResponseRecord
) -> RecommendationResponse:
    """Record or correct the recipient's decision on a recommendation the actor may edit."""
    decision = _recommendation_to_edit(actor, command.decision_id)
    return services.recommendation_response_record(
        decision=decision,
        outcome=command.outcome,
        decided_on=command.decided_on,
        text=command.text.strip(),
        reference=command.reference.strip(),
    )


def recommendation_response_remove(*, actor: Actor, command: RecommendationResponseRemove) -> None:
    decision = _recommendation_to_edit(actor, command.decision_id)
    response = RecommendationResponse.objects.filter(decision=decision).first()
    if response is None:
        raise Http404
    services.recommendation_response_remove(response=response)
