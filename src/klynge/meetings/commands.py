"""The writes on meetings, agendas and decisions, one typed command each, whoever calls (pages, API).

What an item or a decision does in work — the focus areas and initiatives an item concerns, a decision's
allocation and approvals — is work's to write (`klynge.work.commands`, above this app): work's commands
use `editable_agenda_item` and `decision_lookups` from here and add their own.

Each function finds the records among those the actor may see (else 404), checks the actor's right
(`access.py`, else 403), refuses references the actor may not use (Danish messages per field) and calls
the service, which holds the rules. See `klynge.kernel.commands`.
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from klynge.accounts.access import editor_party_id
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
from klynge.meetings import services
from klynge.meetings.access import (
    access_proposal_edit,
    access_proposal_withdraw,
    ensure_meeting_create,
    ensure_meeting_edit,
    ensure_meeting_secretariat,
    ensure_proposal_create,
    visible_agenda_items,
    visible_proposals,
)
from klynge.meetings.models import (
    RECOMMENDING_KINDS,
    AgendaItem,
    AgendaItemKind,
    AgendaItemProposal,
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
    meetings_to_edit,
    parties_to_recommend_to,
)
from klynge.organisation.models import Party, Topic

# The refusals of references, the same whether the page's choices or the API's ids named them.
BODY_NOT_ALLOWED = "Vælg et af organerne på listen."
TOPIC_NOT_ALLOWED = "Vælg emner fra listen."
RECOMMENDED_TO_NOT_ALLOWED = "Vælg en af samarbejdets parter."
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
    submission_deadline: datetime.datetime | None = None


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
    submission_deadline: datetime.datetime | Unset | None = UNSET


def meeting_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """A meeting command's fields from a form's cleaned data (the page's form and the admin's), its
    choices given as text."""
    return {
        "date": data["date"],
        "date_precision": DatePrecision(data["date_precision"]),
        "start_time": data["start_time"],
        "status": MeetingStatus(data["status"]),
        "is_extra": data["is_extra"],
        "title": data["title"],
        "location": data["location"],
        # The admin's form has no deadline: left out, a new meeting has none and a change keeps it.
        **({"submission_deadline": data["submission_deadline"]} if "submission_deadline" in data else {}),
    }


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
        "submission_deadline": meeting.submission_deadline,
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
        submission_deadline=command.submission_deadline,
        # A meeting prepared in Klynge: its agenda is seen by the secretariat until it is published.
        agenda_published=False,
    )


def editable_meeting(actor: Actor, meeting_id: int) -> Meeting:
    """A meeting the actor may change (404 if there is none, 403 if not theirs to change)."""
    meeting = record_or_404(meetings_to_edit(), meeting_id)
    ensure_meeting_edit(actor, meeting)
    return meeting


def meeting_update(*, actor: Actor, command: MeetingChange) -> Meeting:
    """Change a meeting's time, place and status (only the fields sent)."""
    meeting = editable_meeting(actor, command.meeting_id)
    values = merged(meeting_values(meeting), command, exclude=("meeting_id", "seen_version"))
    return services.meeting_update(meeting=meeting, seen_version=command.seen_version, **values)


# ---- Agenda items --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaItemCreate:
    meeting_id: int
    title: str
    kind: AgendaItemKind
    summary: str = ""
    case_description: str = ""
    recommendation: str = ""
    decision_text: str = ""
    is_public: bool = True
    is_tentative: bool = False
    topic_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class AgendaItemChange:
    agenda_item_id: int
    seen_version: int | None = None  # the version the caller saw; None: overwrite
    title: str | Unset = UNSET
    kind: AgendaItemKind | Unset = UNSET
    summary: str | Unset = UNSET
    case_description: str | Unset = UNSET
    recommendation: str | Unset = UNSET
    decision_text: str | Unset = UNSET
    is_public: bool | Unset = UNSET
    is_tentative: bool | Unset = UNSET
    topic_ids: tuple[int, ...] | Unset = UNSET


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
        "case_description": item.case_description,
        "recommendation": item.recommendation,
        "decision_text": item.decision_text,
        "is_public": item.is_public,
        "is_tentative": item.is_tentative,
        "topic_ids": tuple(topic.pk for topic in item.topics.all()),
    }


def _item_arguments(meeting: Meeting, values: dict[str, Any]) -> dict[str, Any]:
    """The service's arguments from an item's values, refusing what the item may not refer to."""
    title = values["title"].strip()
    found = refused_together(
        {
            "title": lambda: title or refuse("title", TITLE_REQUIRED),
            "topics": lambda: records_by_ids(
                Topic.objects.all(), values["topic_ids"], field="topics", message=TOPIC_NOT_ALLOWED
            ),
        }
    )
    return {
        "kind": values["kind"],
        "summary": values["summary"].strip(),
        "case_description": values["case_description"].strip(),
        "recommendation": values["recommendation"].strip(),
        "decision_text": values["decision_text"].strip(),
        "is_public": values["is_public"],
        "is_tentative": values["is_tentative"],
        **found,
    }


def agenda_item_create(*, actor: Actor, command: AgendaItemCreate) -> AgendaItem:
    """Add an item at the end of the meeting's agenda."""
    meeting = editable_meeting(actor, command.meeting_id)
    values = {
        "title": command.title,
        "kind": command.kind,
        "summary": command.summary,
        "case_description": command.case_description,
        "recommendation": command.recommendation,
        "decision_text": command.decision_text,
        "is_public": command.is_public,
        "is_tentative": command.is_tentative,
        "topic_ids": command.topic_ids,
    }
    return services.agenda_item_create(meeting=meeting, **_item_arguments(meeting, values))


def editable_agenda_item(actor: Actor, agenda_item_id: int) -> AgendaItem:
    """An item the actor may see and change (a closed item is 'not found' to those who may not see it)."""
    item = record_or_404(agenda_items_to_edit(visible=visible_agenda_items(actor)), agenda_item_id)
    ensure_meeting_edit(actor, item.meeting)
    return item


def agenda_item_update(*, actor: Actor, command: AgendaItemChange) -> AgendaItem:
    """Change an item (only the fields sent)."""
    item = editable_agenda_item(actor, command.agenda_item_id)
    values = merged(agenda_item_values(item), command, exclude=("agenda_item_id", "seen_version"))
    return services.agenda_item_update(
        agenda_item=item,
        seen_version=command.seen_version,
        **_item_arguments(item.meeting, values),
    )


def agenda_item_move(*, actor: Actor, command: AgendaItemMove) -> AgendaItem:
    """Move an item up or down the agenda; the moved item."""
    item = editable_agenda_item(actor, command.agenda_item_id)
    services.agenda_item_move(agenda_item=item, steps=command.steps)
    return item


def agenda_item_remove(*, actor: Actor, command: AgendaItemRemove) -> AgendaItem:
    """Take an item off the agenda (refused for an item with decisions or figures); the removed item."""
    item = editable_agenda_item(actor, command.agenda_item_id)
    services.agenda_item_remove(agenda_item=item)
    return item


# ---- Decisions -----------------------------------------------------------------------------------------


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


def decision_lookups(item: AgendaItem, values: dict[str, Any]) -> dict[str, Callable[[], Any]]:
    """The checks of a decision's text, topic and recipient, each by field, for `refused_together` (a new
    decision with its allocation and approvals is recorded by `klynge.work.commands.decision_record`)."""
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
        **refused_together(decision_lookups(item, values)),
    )


# ---- Proposals for the agenda ----------------------------------------------------------------------------

PROPOSER_HAS_NO_PARTY = "Kun en parts redaktør kan foreslå punkter; vælg den part, forslaget kommer fra."
PARTY_NOT_IN_COLLABORATION = "Vælg en af samarbejdets parter."
REASON_REQUIRED = "Skriv en begrundelse for afvisningen."


@dataclass(frozen=True)
class ProposalCreate:
    meeting_id: int
    title: str
    kind: AgendaItemKind
    case_description: str = ""
    recommendation: str = ""
    is_public: bool = True
    party_id: int | None = None  # an administrator names the party; an editor proposes for their own


@dataclass(frozen=True)
class ProposalChange:
    proposal_id: int
    title: str | Unset = UNSET
    kind: AgendaItemKind | Unset = UNSET
    case_description: str | Unset = UNSET
    recommendation: str | Unset = UNSET
    is_public: bool | Unset = UNSET


@dataclass(frozen=True)
class ProposalDecide:
    """The secretariat's decision: accept (onto the agenda) or reject (with a reason)."""

    proposal_id: int
    accept: bool
    reason: str = ""


@dataclass(frozen=True)
class ProposalWithdraw:
    proposal_id: int


def proposal_create(*, actor: Actor, command: ProposalCreate) -> AgendaItemProposal:
    """An editor proposes an item for a coming meeting of a collaboration their party takes part in."""
    meeting = record_or_404(meetings_to_edit(), command.meeting_id)
    ensure_proposal_create(actor, meeting)
    party_id = editor_party_id(actor)
    if party_id is None:  # an administrator, proposing on a party's behalf
        party_id = command.party_id
        if party_id is None:
            refuse("party", PROPOSER_HAS_NO_PARTY)
    party = record_by_id(
        Party.objects.filter(collaborations=meeting.body.collaboration_id).distinct(),
        party_id,
        field="party",
        message=PARTY_NOT_IN_COLLABORATION,
    )
    assert party is not None
    title = command.title.strip()
    if not title:
        refuse("title", TITLE_REQUIRED)
    return services.proposal_create(
        meeting=meeting,
        party=party,
        proposed_by=actor if getattr(actor, "is_authenticated", False) else None,
        title=title,
        kind=command.kind,
        case_description=command.case_description.strip(),
        recommendation=command.recommendation.strip(),
        is_public=command.is_public,
    )


def _visible_proposal(actor: Actor, proposal_id: int) -> AgendaItemProposal:
    return record_or_404(
        visible_proposals(actor).select_related("meeting__body__collaboration", "party"), proposal_id
    )


def proposal_update(*, actor: Actor, command: ProposalChange) -> AgendaItemProposal:
    """Change an open proposal (its party's editors, the secretariat)."""
    proposal = _visible_proposal(actor, command.proposal_id)
    if not access_proposal_edit(actor, proposal):
        raise PermissionDenied("Du kan ikke ændre dette forslag.")
    values = merged(
        {
            "title": proposal.title,
            "kind": AgendaItemKind(proposal.kind),
            "case_description": proposal.case_description,
            "recommendation": proposal.recommendation,
            "is_public": proposal.is_public,
        },
        command,
        exclude=("proposal_id",),
    )
    title = values["title"].strip()
    if not title:
        refuse("title", TITLE_REQUIRED)
    return services.proposal_update(
        proposal=proposal,
        title=title,
        kind=values["kind"],
        case_description=values["case_description"].strip(),
        recommendation=values["recommendation"].strip(),
        is_public=values["is_public"],
    )


def proposal_decide(*, actor: Actor, command: ProposalDecide) -> AgendaItemProposal:
    """The secretariat accepts a proposal onto the agenda or rejects it with a reason."""
    proposal = _visible_proposal(actor, command.proposal_id)
    ensure_meeting_secretariat(actor, proposal.meeting)
    by = actor if getattr(actor, "is_authenticated", False) else None
    if command.accept:
        services.proposal_accept(proposal=proposal, by=by, reason=command.reason)
    else:
        required("reason", command.reason, REASON_REQUIRED)
        services.proposal_reject(proposal=proposal, by=by, reason=command.reason)
    return AgendaItemProposal.objects.select_related("agenda_item", "party").get(pk=proposal.pk)


def proposal_withdraw(*, actor: Actor, command: ProposalWithdraw) -> AgendaItemProposal:
    """The proposing party takes its proposal back before the secretariat decides."""
    proposal = _visible_proposal(actor, command.proposal_id)
    if not access_proposal_withdraw(actor, proposal):
        if proposal.is_open:
            raise PermissionDenied("Kun den part, der har stillet forslaget, kan trække det tilbage.")
        refuse("status", f"Forslaget er allerede {proposal.get_status_display().lower()}.")
    return services.proposal_withdraw(
        proposal=proposal, by=actor if getattr(actor, "is_authenticated", False) else None
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
