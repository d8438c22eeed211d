"""Keep the search index current: after a record is saved or deleted, refresh the index rows built from it.

Signals rather than calls in each service, because records change along several paths — the services
of six apps, the admin (where people, parties and committees are edited), data loads — and the index
must follow all of them without each owner remembering to; and because a search document is built from
several records (an agenda item's text holds its topics and reported figures), which the map below
states in one place. The refresh runs in the saving transaction, so the index never shows a change that
was rolled back. Writes that bypass signals (QuerySet.update, bulk_create) are caught up by
`klynge search_index`; the services do not use them for anything that is indexed.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save

from klynge.attachments.models import Attachment
from klynge.bodies.models import Body, Collaboration, Membership
from klynge.meetings.models import AgendaItem, Decision, Meeting, ReportedFigure
from klynge.memos.models import Memo
from klynge.organisation.models import Committee, Party, Person, Topic
from klynge.search.models import Kind
from klynge.search.services import indexing_on_change, search_index_refresh
from klynge.work.models import FocusArea, FollowUpResearch, Initiative, TrialAction

Affected = Mapping[Kind, Iterable[int | None]]


def _ids(queryset: models.QuerySet[Any]) -> Iterable[int]:
    return queryset.values_list("pk", flat=True)


# For each model a search document is built from: which index rows to refresh when one of its records
# is saved or deleted.
AFFECTS: dict[type[models.Model], Callable[[Any], Affected]] = {
    Meeting: lambda m: {
        Kind.MEETING: [m.pk],
        Kind.AGENDA_ITEM: _ids(AgendaItem.objects.filter(meeting=m.pk)),
        Kind.DECISION: _ids(Decision.objects.filter(agenda_item__meeting=m.pk)),
        Kind.ATTACHMENT: _ids(Attachment.objects.filter(meeting=m.pk)),
    },
    AgendaItem: lambda i: {
        Kind.AGENDA_ITEM: [i.pk],
        Kind.DECISION: _ids(Decision.objects.filter(agenda_item=i.pk)),
        Kind.ATTACHMENT: _ids(Attachment.objects.filter(agenda_item=i.pk)),
    },
    Attachment: lambda a: {Kind.ATTACHMENT: [a.pk]},
    ReportedFigure: lambda f: {Kind.AGENDA_ITEM: [f.agenda_item_id]},
    Decision: lambda d: {Kind.DECISION: [d.pk]},
    FocusArea: lambda fa: {
        Kind.FOCUS_AREA: [fa.pk],
        Kind.TRIAL_ACTION: _ids(TrialAction.objects.filter(focus_area=fa.pk)),
        Kind.INITIATIVE: _ids(Initiative.objects.filter(focus_area=fa.pk)),
    },
    TrialAction: lambda t: {Kind.TRIAL_ACTION: [t.pk], Kind.FOCUS_AREA: [t.focus_area_id]},
    FollowUpResearch: lambda r: {Kind.FOCUS_AREA: [r.focus_area_id], Kind.INITIATIVE: [r.initiative_id]},
    Initiative: lambda i: {
        Kind.INITIATIVE: [i.pk],
        Kind.TRIAL_ACTION: _ids(TrialAction.objects.filter(initiative=i.pk)),
    },
    Memo: lambda m: {Kind.MEMO: [m.pk]},
    Person: lambda p: {Kind.PERSON: [p.pk]},
    Membership: lambda m: {Kind.PERSON: [m.person_id]},
    # Names shown in other records' documents.
    Body: lambda b: {
        Kind.MEETING: _ids(Meeting.objects.filter(body=b.pk)),
        Kind.AGENDA_ITEM: _ids(AgendaItem.objects.filter(meeting__body=b.pk)),
        Kind.ATTACHMENT: _ids(Attachment.objects.filter(meeting__body=b.pk)),
        Kind.PERSON: _ids(Person.objects.filter(memberships__body=b.pk)),
    },
    Collaboration: lambda c: {
        Kind.MEETING: _ids(Meeting.objects.filter(body__collaboration=c.pk)),
        Kind.FOCUS_AREA: _ids(FocusArea.objects.filter(collaborations=c.pk)),
        Kind.INITIATIVE: _ids(Initiative.objects.filter(collaboration=c.pk)),
    },
    Party: lambda p: {
        Kind.PERSON: _ids(Person.objects.filter(party=p.pk)),
        Kind.INITIATIVE: _ids(Initiative.objects.filter(responsible_parties=p.pk)),
        Kind.DECISION: _ids(Decision.objects.filter(recommended_to=p.pk)),
    },
    Committee: lambda c: {Kind.MEMO: _ids(Memo.objects.filter(committee=c.pk))},
    Topic: lambda t: {
        Kind.AGENDA_ITEM: _ids(AgendaItem.objects.filter(topics=t.pk)),
        Kind.FOCUS_AREA: _ids(FocusArea.objects.filter(topics=t.pk)),
        Kind.DECISION: _ids(Decision.objects.filter(topic=t.pk)),
    },
}

# Many-to-many relations shown in a document: (model, field, kind of the model's documents).
M2M: list[tuple[type[models.Model], str, Kind]] = [
    (AgendaItem, "topics", Kind.AGENDA_ITEM),
    (FocusArea, "collaborations", Kind.FOCUS_AREA),
    (FocusArea, "topics", Kind.FOCUS_AREA),
    (Initiative, "responsible_parties", Kind.INITIATIVE),
]


def refresh(affected: Affected) -> None:
    for kind, ids in affected.items():
        search_index_refresh(kind=kind, ids=[pk for pk in ids if pk is not None])


def _changed(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not indexing_on_change() or kwargs.get("raw"):
        return
    refresh(AFFECTS[sender](instance))


def _m2m_receiver(model: type[models.Model], field: str, kind: Kind) -> Callable[..., None]:
    pending = f"_search_cleared_{field}"

    def receiver(
        instance: models.Model, action: str, reverse: bool, pk_set: set[int] | None, **_: Any
    ) -> None:
        if not indexing_on_change():
            return
        if not reverse:
            if action in ("post_add", "post_remove", "post_clear"):
                search_index_refresh(kind=kind, ids=[instance.pk])
        elif action == "pre_clear":  # which records lose the relation is known only before
            instance.__dict__[pending] = list(_ids(model._default_manager.filter(**{field: instance.pk})))
        elif action == "post_clear":
            search_index_refresh(kind=kind, ids=instance.__dict__.pop(pending, []))
        elif action in ("post_add", "post_remove"):
            search_index_refresh(kind=kind, ids=pk_set or [])

    return receiver


_M2M_RECEIVERS: list[Callable[..., None]] = []  # kept referenced: signals hold receivers weakly


def connect() -> None:
    """Connect the receivers (SearchConfig.ready)."""
    for model in AFFECTS:
        uid = f"search-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
    for model, field, kind in M2M:
        receiver = _m2m_receiver(model, field, kind)
        _M2M_RECEIVERS.append(receiver)
        through = getattr(model, field).through
        m2m_changed.connect(receiver, sender=through, dispatch_uid=f"search-{through._meta.label_lower}")
