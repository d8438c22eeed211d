"""What is searchable, and how each kind of record becomes a search document.

One `Source` per kind: the model, the queryset that loads everything its document needs in a fixed
number of queries (whatever the number of records), and the function that builds the document.
The text of a document holds only what the record's own page shows to everyone who may see the record:
a meeting's document holds no agenda item titles (an item may be closed), a focus area's no decisions.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from klynge.attachments.models import Attachment
from klynge.bodies.models import Membership
from klynge.meetings.models import AgendaItem, Decision, Meeting
from klynge.memos.models import Memo
from klynge.organisation.models import Person
from klynge.search.models import Kind
from klynge.work.models import FocusArea, FollowUpResearch, Initiative, TrialAction


@dataclass(frozen=True)
class Document:
    kind: Kind
    object_id: int
    title: str
    text: str
    url: str
    date: datetime.date | None = None
    date_precision: str = "day"
    agenda_item_id: int | None = None  # visible only to those who may see this agenda item
    memo_id: int | None = None  # visible only to those who may see this memo
    closed_meeting_id: int | None = None  # visible only to those who may read this meeting's closed items


@dataclass(frozen=True)
class Source:
    kind: Kind
    model: type[models.Model]
    queryset: Callable[[], QuerySet[Any]]
    build: Callable[[Any], Document]


def _text(*parts: str | None) -> str:
    """The non-empty parts, one per line."""
    return "\n".join(p.strip() for p in parts if p and p.strip())


def _listed(label: str, names: Iterable[str]) -> str:
    names = [n for n in names if n]
    return f"{label}: {', '.join(names)}." if names else ""


# --- Meetings, agenda items, decisions -------------------------------------------------------------


def _meeting_url(meeting_id: int) -> str:
    return reverse("meetings:meeting_detail", args=[meeting_id])


def _meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("body__collaboration")


def _meeting(meeting: Meeting) -> Document:
    body = meeting.body
    return Document(
        kind=Kind.MEETING,
        object_id=meeting.pk,
        title=f"{meeting.title or 'Møde'} – {body.name}",
        text=_text(
            f"Møde i {body.name} ({body.collaboration.name}).",
            "Ekstraordinært møde." if meeting.is_extra else "",
            f"Status: {meeting.get_status_display()}.",
            f"Sted: {meeting.location}." if meeting.location else "",
        ),
        url=_meeting_url(meeting.pk),
        date=meeting.date,
        date_precision=meeting.date_precision,
    )


def _agenda_items() -> QuerySet[AgendaItem]:
    return AgendaItem.objects.select_related("meeting__body").prefetch_related("topics", "reported_figures")


def _agenda_item(item: AgendaItem) -> Document:
    meeting = item.meeting
    figures = [_text(f.label or f.get_metric_display(), f.explanation) for f in item.reported_figures.all()]
    return Document(
        kind=Kind.AGENDA_ITEM,
        object_id=item.pk,
        title=item.title,
        text=_text(
            item.summary,
            item.case_description,
            item.recommendation,
            item.decision_text,
            f"{item.get_kind_display()} på mødet i {meeting.body.name}.",
            _listed("Emner", (t.name for t in item.topics.all())),
            _listed("Afrapporteret", figures),
        ),
        url=item.get_absolute_url(),
        date=meeting.date,
        date_precision=meeting.date_precision,
        agenda_item_id=item.pk,
    )


def _decisions() -> QuerySet[Decision]:
    return Decision.objects.select_related("agenda_item__meeting", "topic", "recommended_to")


def _decision(decision: Decision) -> Document:
    item = decision.agenda_item
    meeting = item.meeting
    return Document(
        kind=Kind.DECISION,
        object_id=decision.pk,
        title=f"{decision.get_kind_display()}: {item.title}",
        text=_text(
            decision.text,
            f"Anbefaling til {decision.recommended_to.name}." if decision.recommended_to else "",
            f"Emne: {decision.topic.name}." if decision.topic else "",
        ),
        url=item.get_absolute_url(),
        date=meeting.date,
        date_precision=meeting.date_precision,
        agenda_item_id=item.pk,
    )


def _attachments() -> QuerySet[Attachment]:
    """Attachments of items and meetings; a proposal's are never searched (only its party and the
    secretariat see it), and are indexed once the proposal is accepted and they belong to the item."""
    return Attachment.objects.filter(proposal__isnull=True).select_related("meeting__body", "agenda_item")


def _attachment(attachment: Attachment) -> Document:
    meeting = attachment.meeting
    item = attachment.agenda_item
    where = f"punktet »{item.title}« på mødet" if item is not None else "mødet"
    return Document(
        kind=Kind.ATTACHMENT,
        object_id=attachment.pk,
        title=attachment.title,
        text=_text(
            f"Bilag til {where} i {meeting.body.name} ({attachment.original_name}).",
            attachment.extracted_text,
        ),
        url=item.get_absolute_url() if item is not None else f"{_meeting_url(meeting.pk)}#bilag",
        date=meeting.date,
        date_precision=meeting.date_precision,
        agenda_item_id=item.pk if item is not None else None,
        closed_meeting_id=meeting.pk if item is None and not attachment.is_public else None,
    )


# --- Focus areas, initiatives, trial actions ---------------------------------------------------------


def _focus_areas() -> QuerySet[FocusArea]:
    return FocusArea.objects.prefetch_related(
        "collaborations",
        "topics",
        Prefetch("trial_actions", queryset=TrialAction.objects.order_by("position")),
        Prefetch("follow_up_research", queryset=FollowUpResearch.objects.order_by("title")),
    )


def _focus_area(focus_area: FocusArea) -> Document:
    return Document(
        kind=Kind.FOCUS_AREA,
        object_id=focus_area.pk,
        title=focus_area.name,
        text=_text(
            focus_area.description,
            f"Fokusområde ({focus_area.get_status_display().lower()}) i "
            f"{', '.join(c.name for c in focus_area.collaborations.all())}.",
            _listed("Emner", (t.name for t in focus_area.topics.all())),
            _listed("Prøvehandlinger", (t.name for t in focus_area.trial_actions.all())),
            _listed("Følgeforskning", (r.title for r in focus_area.follow_up_research.all())),
        ),
        url=focus_area.get_absolute_url(),
        date=focus_area.period_start,
    )


def _initiatives() -> QuerySet[Initiative]:
    return Initiative.objects.select_related("collaboration", "focus_area").prefetch_related(
        "responsible_parties",
        Prefetch("follow_up_research", queryset=FollowUpResearch.objects.order_by("title")),
    )


def _initiative(initiative: Initiative) -> Document:
    return Document(
        kind=Kind.INITIATIVE,
        object_id=initiative.pk,
        title=initiative.name,
        text=_text(
            initiative.description,
            f"Indsats ({initiative.get_status_display().lower()}) i {initiative.collaboration.name}.",
            f"Fokusområde: {initiative.focus_area.name}." if initiative.focus_area else "",
            _listed("Ansvarlige parter", (p.name for p in initiative.responsible_parties.all())),
            _listed("Følgeforskning", (r.title for r in initiative.follow_up_research.all())),
        ),
        url=initiative.get_absolute_url(),
        date=initiative.start,
    )


def _trial_actions() -> QuerySet[TrialAction]:
    return TrialAction.objects.select_related("focus_area", "initiative")


def _trial_action(trial_action: TrialAction) -> Document:
    focus_area = trial_action.focus_area
    return Document(
        kind=Kind.TRIAL_ACTION,
        object_id=trial_action.pk,
        title=trial_action.display_name,
        text=_text(
            f"Prøvehandling under fokusområdet {focus_area.name}.",
            f"Del af indsatsen {trial_action.initiative.name}." if trial_action.initiative else "",
            trial_action.description,
        ),
        url=f"{focus_area.get_absolute_url()}#proevehandlinger",
    )


# --- Memos and people --------------------------------------------------------------------------------


def _memos() -> QuerySet[Memo]:
    return Memo.objects.select_related("committee")


def _memo(memo: Memo) -> Document:
    return Document(
        kind=Kind.MEMO,
        object_id=memo.pk,
        title=memo.title,
        text=_text(
            f"{memo.get_kind_display()} til {memo.committee.name} ({memo.get_status_display().lower()}).",
            f"Sagsbehandler: {memo.case_handler}." if memo.case_handler else "",
            memo.body,
        ),
        url=memo.get_absolute_url(),
        date=memo.memo_date,
        memo_id=memo.pk,
    )


def _people() -> QuerySet[Person]:
    return Person.objects.select_related("party").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("body").order_by("start", "pk"))
    )


def _person(person: Person) -> Document:
    seats = [_text(m.title or m.get_role_display(), f"i {m.body.name}") for m in person.memberships.all()]
    return Document(
        kind=Kind.PERSON,
        object_id=person.pk,
        title=person.name,
        text=_text(
            person.title,
            person.party.name if person.party else "",
            _listed("Medlem af", (s.replace("\n", " ") for s in seats)),
        ),
        url=reverse("organisation:person_detail", args=[person.slug]),
    )


SOURCES: dict[Kind, Source] = {
    source.kind: source
    for source in (
        Source(Kind.MEETING, Meeting, _meetings, _meeting),
        Source(Kind.AGENDA_ITEM, AgendaItem, _agenda_items, _agenda_item),
        Source(Kind.DECISION, Decision, _decisions, _decision),
        Source(Kind.FOCUS_AREA, FocusArea, _focus_areas, _focus_area),
        Source(Kind.INITIATIVE, Initiative, _initiatives, _initiative),
        Source(Kind.TRIAL_ACTION, TrialAction, _trial_actions, _trial_action),
        Source(Kind.MEMO, Memo, _memos, _memo),
        Source(Kind.ATTACHMENT, Attachment, _attachments, _attachment),
        Source(Kind.PERSON, Person, _people, _person),
    )
}
