import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from klynge.bodies.models import Body
from klynge.catchment.models import Area
from klynge.kernel.formatting import danish_datetime
from klynge.kernel.records import create_validated, update_checked, update_validated
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
    RecommendationResponse,
    ReportedFigure,
    ResponseOutcome,
)
from klynge.meetings.signals import proposal_accepted
from klynge.organisation.models import Party, Topic
from klynge.provenance.models import Source


def meeting_create(
    *,
    body: Body,
    date: datetime.date,
    status: MeetingStatus = MeetingStatus.PLANNED,
    date_precision: DatePrecision = DatePrecision.DAY,
    start_time: datetime.time | None = None,
    is_extra: bool = False,
    title: str = "",
    location: str = "",
    submission_deadline: datetime.datetime | None = None,
    source: Source | None = None,
    source_note: str = "",
    agenda_published: bool = True,
) -> Meeting:
    """Record a meeting. A meeting recorded from elsewhere (the demo, an import) has its agenda out at once;
    one prepared in Klynge (the command) passes `agenda_published=False` and publishes it as an agenda
    version (klynge.agendas)."""
    return create_validated(
        Meeting,
        agenda_published_at=timezone.now() if agenda_published else None,
        body=body,
        date=date,
        status=status,
        date_precision=date_precision,
        start_time=start_time,
        is_extra=is_extra,
        title=title,
        location=location,
        submission_deadline=submission_deadline,
        source=source,
        source_note=source_note,
    )


def meeting_update(
    *,
    meeting: Meeting,
    seen_version: int | None,
    date: datetime.date,
    status: MeetingStatus,
    date_precision: DatePrecision,
    start_time: datetime.time | None,
    is_extra: bool,
    title: str,
    location: str,
    submission_deadline: datetime.datetime | None = None,
) -> Meeting:
    """Change a meeting's time, place and status (refused if someone saved it meanwhile)."""
    return update_checked(
        meeting,
        seen_version=seen_version,
        date=date,
        status=status,
        date_precision=date_precision,
        start_time=start_time,
        is_extra=is_extra,
        title=title,
        location=location,
        submission_deadline=submission_deadline,
    )


def agenda_item_create(
    *,
    meeting: Meeting,
    title: str,
    kind: AgendaItemKind,
    summary: str = "",
    case_description: str = "",
    recommendation: str = "",
    decision_text: str = "",
    is_public: bool = True,
    is_tentative: bool = False,
    topics: Iterable[Topic] = (),
    source: Source | None = None,
    source_note: str = "",
) -> AgendaItem:
    """Add an item at the end of the meeting's agenda."""
    with transaction.atomic():
        # Lock the meeting so concurrent additions do not take the same position.
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
        return create_validated(
            AgendaItem,
            meeting=meeting,
            position=last + 1,
            title=title,
            kind=kind,
            summary=summary,
            case_description=case_description,
            recommendation=recommendation,
            decision_text=decision_text,
            is_public=is_public,
            is_tentative=is_tentative,
            source=source,
            source_note=source_note,
            m2m={"topics": topics},
        )


def agenda_item_update(
    *,
    agenda_item: AgendaItem,
    seen_version: int | None,
    title: str,
    kind: AgendaItemKind,
    summary: str,
    is_public: bool,
    is_tentative: bool,
    topics: Iterable[Topic],
    case_description: str,
    recommendation: str,
    decision_text: str,
) -> AgendaItem:
    return update_checked(
        agenda_item,
        seen_version=seen_version,
        title=title,
        kind=kind,
        summary=summary,
        case_description=case_description,
        recommendation=recommendation,
        decision_text=decision_text,
        is_public=is_public,
        is_tentative=is_tentative,
        m2m={"topics": topics},
    )


def agenda_item_move(*, agenda_item: AgendaItem, steps: int) -> list[AgendaItem]:
    """Move an item up (negative steps) or down the agenda; the others close up. Returns the new order."""
    with transaction.atomic():
        # Lock the meeting, as adding an item does, so positions never collide.
        Meeting.objects.select_for_update().filter(pk=agenda_item.meeting_id).first()
        items = list(AgendaItem.objects.filter(meeting_id=agenda_item.meeting_id).order_by("position"))
        index = next((i for i, item in enumerate(items) if item.pk == agenda_item.pk), None)
        if index is None:
            raise ValidationError("Punktet er ikke længere på dagsordenen.")
        target = min(max(index + steps, 0), len(items) - 1)
        items.insert(target, items.pop(index))
        agenda_reorder(meeting=agenda_item.meeting, order=[item.pk for item in items])
        return items


def agenda_item_remove(*, agenda_item: AgendaItem) -> None:
    """Take an item off the agenda; the items after it move up. An item with recorded decisions or
    figures stays: what was decided is on record."""
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=agenda_item.meeting_id).first()
        item = AgendaItem.objects.filter(pk=agenda_item.pk).first()
        if item is None:
            return
        if item.decisions.exists() or item.reported_figures.exists():
            raise ValidationError(
                "Punktet har registrerede beslutninger eller tal og kan ikke fjernes fra dagsordenen."
            )
        if item.focus_areas_decided.exists():
            raise ValidationError(
                "Et fokusområde er drøftet eller valgt under punktet; det kan ikke fjernes."
            )
        meeting = item.meeting
        item.delete()
        remaining = list(
            AgendaItem.objects.filter(meeting=meeting).order_by("position").values_list("pk", flat=True)
        )
        agenda_reorder(meeting=meeting, order=remaining)


def agenda_reorder(*, meeting: Meeting, order: list[int]) -> None:
    """Number the meeting's items 1, 2, … in the given order (the ids of all its items, each once)."""
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        items = {item.pk: item for item in AgendaItem.objects.filter(meeting=meeting)}
        if sorted(order) != sorted(items):
            raise ValidationError("Rækkefølgen skal omfatte hvert af mødets punkter én gang.")
        changed = [items[pk] for position, pk in enumerate(order, start=1) if items[pk].position != position]
        # Park the moved items beyond every position in use first: positions are unique within a meeting,
        # and after a removal the highest position in use is above the number of items.
        parking = max([len(items), *(item.position for item in items.values())]) + 1
        for offset, item in enumerate(changed):
            AgendaItem.objects.filter(pk=item.pk).update(position=parking + offset)
        for position, pk in enumerate(order, start=1):
            item = items[pk]
            if item.position != position:
                item.position = position
                item.save(update_fields=["position"])


def decision_create(
    *,
    agenda_item: AgendaItem,
    kind: DecisionKind,
    text: str,
    topic: Topic | None = None,
    recommended_to: Party | None = None,
    source: Source | None = None,
    source_note: str = "",
) -> Decision:
    """Record a decision. A joint decision on a topic where a participating party holds the
    authority is refused with a ValidationError: record it as a recommendation to that party."""
    return create_validated(
        Decision,
        agenda_item=agenda_item,
        kind=kind,
        text=text,
        topic=topic,
        recommended_to=recommended_to,
        source=source,
        source_note=source_note,
    )


def reported_figure_create(
    *,
    agenda_item: AgendaItem,
    metric: FigureMetric,
    label: str = "",
    area: Area | None = None,
    value: Decimal | int | None = None,
    unit: str = "",
    year: int | None = None,
    explanation: str = "",
    source: Source | None = None,
    source_note: str = "",
) -> ReportedFigure:
    return create_validated(
        ReportedFigure,
        agenda_item=agenda_item,
        metric=metric,
        label=label,
        area=area,
        value=None if value is None else Decimal(value),
        unit=unit,
        year=year,
        explanation=explanation,
        source=source,
        source_note=source_note,
    )


def decision_update(
    *,
    decision: Decision,
    seen_version: int | None,
    kind: DecisionKind,
    text: str,
    topic: Topic | None,
    recommended_to: Party | None,
) -> Decision:
    return update_checked(
        decision,
        seen_version=seen_version,
        kind=kind,
        text=text,
        topic=topic,
        recommended_to=recommended_to,
    )


# ---- Proposals for the agenda ----------------------------------------------------------------------------

DEADLINE_PASSED = "Fristen for at foreslå punkter til mødet er overskredet ({deadline})."
MEETING_NOT_PLANNED = "Der kan kun foreslås punkter til planlagte møder."
MEETING_PASSED = "Mødet er allerede holdt; der kan ikke længere foreslås punkter."
PROPOSAL_DECIDED = "Forslaget er allerede {status}."


def _ensure_open_for_proposals(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError({"meeting": MEETING_NOT_PLANNED})
    if meeting.submission_deadline is not None and timezone.now() >= meeting.submission_deadline:
        raise ValidationError(
            {"meeting": DEADLINE_PASSED.format(deadline=danish_datetime(meeting.submission_deadline))}
        )
    if meeting.submission_deadline is None and meeting.date < timezone.localdate():
        raise ValidationError({"meeting": MEETING_PASSED})


def proposal_create(
    *,
    meeting: Meeting,
    party: Party,
    proposed_by: Any,
    title: str,
    kind: AgendaItemKind,
    case_description: str = "",
    recommendation: str = "",
    is_public: bool = True,
) -> AgendaItemProposal:
    """A party proposes an item for a coming meeting, before its submission deadline."""
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _ensure_open_for_proposals(locked)
        return create_validated(
            AgendaItemProposal,
            meeting=locked,
            party=party,
            proposed_by=proposed_by,
            title=title,
            kind=kind,
            case_description=case_description,
            recommendation=recommendation,
            is_public=is_public,
        )


def proposal_update(
    *,
    proposal: AgendaItemProposal,
    title: str,
    kind: AgendaItemKind,
    case_description: str,
    recommendation: str,
    is_public: bool,
) -> AgendaItemProposal:
    """Change an open proposal (its party before the deadline; the secretariat at any time)."""
    with transaction.atomic():
        locked = _locked_open(proposal)
        return update_validated(
            locked,
            title=title,
            kind=kind,
            case_description=case_description,
            recommendation=recommendation,
            is_public=is_public,
        )


def _locked_open(proposal: AgendaItemProposal) -> AgendaItemProposal:
    locked = AgendaItemProposal.objects.select_for_update().select_related("meeting").get(pk=proposal.pk)
    if locked.status != ProposalStatus.PROPOSED:
        raise ValidationError(
            {"status": PROPOSAL_DECIDED.format(status=ProposalStatus(locked.status).label.lower())}
        )
    return locked


def proposal_withdraw(*, proposal: AgendaItemProposal, by: Any) -> AgendaItemProposal:
    """The proposing party takes its proposal back before the secretariat decides on it."""
    with transaction.atomic():
        locked = _locked_open(proposal)
        return update_validated(
            locked, status=ProposalStatus.WITHDRAWN, decided_by=by, decided_at=timezone.now()
        )


def proposal_reject(*, proposal: AgendaItemProposal, by: Any, reason: str) -> AgendaItemProposal:
    """The secretariat declines a proposal, saying why (the party sees the reason)."""
    with transaction.atomic():
        locked = _locked_open(proposal)
        return update_validated(
            locked,
            status=ProposalStatus.REJECTED,
            reason=reason.strip(),
            decided_by=by,
            decided_at=timezone.now(),
        )


def proposal_accept(*, proposal: AgendaItemProposal, by: Any, reason: str = "") -> AgendaItem:
    """The secretariat puts a proposal on the agenda: a new item at its end, with the proposal's texts and
    wish for an open or closed item, and its attachments (moved by their app on `proposal_accepted`)."""
    with transaction.atomic():
        locked = _locked_open(proposal)
        item = agenda_item_create(
            meeting=locked.meeting,
            title=locked.title,
            kind=AgendaItemKind(locked.kind),
            case_description=locked.case_description,
            recommendation=locked.recommendation,
            is_public=locked.is_public,
            source_note=f"Foreslået af {locked.party.name}.",
        )
        update_validated(
            locked,
            status=ProposalStatus.ACCEPTED,
            reason=reason.strip(),
            decided_by=by,
            decided_at=timezone.now(),
            agenda_item=item,
        )
        proposal_accepted.send(sender=AgendaItemProposal, proposal=locked, agenda_item=item)
        return item


def agenda_item_set_case_texts(
    *,
    agenda_item: AgendaItem,
    case_description: str,
    recommendation: str,
    decision_text: str,
    source_note: str | None = None,
) -> AgendaItem:
    """Set an item's case texts alone (loads of existing agendas; editors use agenda_item_update)."""
    fields: dict[str, Any] = {
        "case_description": case_description,
        "recommendation": recommendation,
        "decision_text": decision_text,
    }
    if source_note is not None:
        fields["source_note"] = source_note
    return update_validated(agenda_item, **fields)


def recommendation_response_record(
    *,
    decision: Decision,
    outcome: ResponseOutcome,
    decided_on: datetime.date,
    text: str = "",
    reference: str = "",
    source: Source | None = None,
    source_note: str = "",
) -> RecommendationResponse:
    """Record (or correct) what the recipient decided on a recommendation, e.g. the regional council on a
    health council's indstilling. One response per recommendation; a later record replaces the fields."""
    fields: dict[str, Any] = {
        "outcome": outcome,
        "decided_on": decided_on,
        "text": text,
        "reference": reference,
        "source": source,
        "source_note": source_note,
    }
    existing = RecommendationResponse.objects.filter(decision=decision).first()
    if existing is not None:
        return update_validated(existing, **fields)
    return create_validated(RecommendationResponse, decision=decision, **fields)


@transaction.atomic
def recommendation_response_remove(*, response: RecommendationResponse) -> None:
    response.delete()
