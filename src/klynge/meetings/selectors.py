"""Reads for meetings, agenda items, decisions and reported figures."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.db.models import (
    Case,
    Count,
    IntegerField,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce

from klynge.bodies.models import Body, Collaboration
from klynge.meetings.access import VisibleItems, public_agenda_items, visible_proposals
from klynge.meetings.models import (
    AgendaItem,
    AgendaItemProposal,
    Decision,
    Meeting,
    MeetingStatus,
    ProposalStatus,
    ReportedFigure,
)
from klynge.organisation.models import Party, Topic


def visible_number(visible: VisibleItems | None, item: str = "") -> Subquery:
    """An agenda item's number as the viewer sees it: its place among the items of its meeting that the
    viewer may see, so 1, 2, 3 with no gap where a closed item lies that they may not see. `item` is the
    path from the annotated record to the item ("" for the item itself). The stored position is never
    shown; this is one subquery of the same query, whatever else filters it (a window function would
    number only the rows the query keeps). It filters with the visibility rule itself rather than by
    "id in the visible ids", which the database would otherwise work out again for every row."""
    path = f"{item}__" if item else ""
    visible_items = public_agenda_items() if visible is None else visible
    return Subquery(
        visible_items.filter(meeting=OuterRef(f"{path}meeting"), position__lte=OuterRef(f"{path}position"))
        .order_by()
        .values("meeting")
        .annotate(number=Count("pk"))
        .values("number"),
        output_field=IntegerField(),
    )


def number_of(item: AgendaItem) -> int:
    """The item's number as annotated by `visible_number` (as `number`)."""
    number: int = item.number  # type: ignore[attr-defined]
    return number


def _meeting_queryset(visible: VisibleItems | None) -> QuerySet[Meeting]:
    """Meetings with the number of agenda items the viewer may see (closed items are not even counted).

    Counted per meeting shown, from the visibility rule itself: as a filtered aggregate over "id in the
    visible ids" the database may test every agenda item against every visible id."""
    items = public_agenda_items() if visible is None else visible
    count = (
        items.filter(meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Meeting.objects.select_related("body", "body__collaboration").annotate(
        agenda_item_count=Coalesce(Subquery(count, output_field=IntegerField()), 0)
    )


def meeting_list(
    *, body: Body | None = None, year: int | None = None, visible: VisibleItems | None = None
) -> QuerySet[Meeting]:
    """Meetings, newest first, optionally of one body and in one year."""
    meetings = _meeting_queryset(visible)
    if body is not None:
        meetings = meetings.filter(body=body)
    if year is not None:
        meetings = meetings.filter(date__year=year)
    return meetings.order_by("-date", "-start_time", "-pk")


def meeting_years() -> list[int]:
    return [d.year for d in Meeting.objects.dates("date", "year", order="DESC")]


def meeting_body_choices() -> QuerySet[Body]:
    """The bodies that can be chosen in the meeting filter."""
    return Body.objects.select_related("collaboration").order_by("collaboration__name", "name")


def meetings_upcoming(
    *,
    day: datetime.date,
    limit: int = 10,
    visible: VisibleItems | None = None,
    collaboration: Collaboration | None = None,
) -> QuerySet[Meeting]:
    """The next `limit` meetings from `day` on (of one collaboration's bodies, if given)."""
    meetings = _meeting_queryset(visible).filter(date__gte=day)
    if collaboration is not None:
        meetings = meetings.filter(body__collaboration=collaboration)
    return meetings.order_by("date", "start_time", "pk")[:limit]


def meetings_recent(
    *,
    day: datetime.date,
    limit: int = 10,
    visible: VisibleItems | None = None,
    collaboration: Collaboration | None = None,
) -> QuerySet[Meeting]:
    """The last `limit` meetings before `day` (of one collaboration's bodies, if given)."""
    meetings = _meeting_queryset(visible).filter(date__lt=day)
    if collaboration is not None:
        meetings = meetings.filter(body__collaboration=collaboration)
    return meetings.order_by("-date", "-start_time", "-pk")[:limit]


def meetings_for_collaboration(
    *, collaboration: Collaboration, visible: VisibleItems | None = None
) -> QuerySet[Meeting]:
    return _meeting_queryset(visible).filter(body__collaboration=collaboration).order_by("-date", "-pk")


def meetings_for_body(*, body: Body, visible: VisibleItems | None = None) -> QuerySet[Meeting]:
    return _meeting_queryset(visible).filter(body=body).order_by("-date", "-pk")


# The latest decisions are those of this many of the newest held meetings.
LATEST_DECISIONS_MEETINGS = 30


def decisions_latest(*, limit: int = 10, visible: VisibleItems | None = None) -> list[Decision]:
    """The `limit` latest decisions the viewer may see, newest meeting first, from the newest
    `LATEST_DECISIONS_MEETINGS` held meetings (one query).

    Sorting every decision by its meeting's date costs a join of all decisions, items and meetings (0.4 s
    at national scale); the newest held meetings are found from the meetings table alone, and only their
    decisions are joined and sorted. Should those meetings hold fewer than `limit` decisions the viewer
    may see, fewer are shown: they are the recent ones.

    The condition on the item's meeting comes first, on its own, although the visible items are already
    of those meetings: PostgreSQL plans the joins in the order written once a query has more than 8
    relations (`join_collapse_limit`), and with the visibility rule first it joined every decision to its
    item and meeting before keeping the few hundred visible ones (65 ms for an editor at national scale);
    with the meetings first it starts from their 30 rows and finds items and decisions by index (5–9 ms)."""
    items = public_agenda_items() if visible is None else visible
    newest = (
        Meeting.objects.filter(status=MeetingStatus.HELD)  # decisions are made at held meetings only
        .order_by("-date", "-pk")
        .values("pk")[:LATEST_DECISIONS_MEETINGS]
    )
    return list(
        Decision.objects.filter(agenda_item__meeting__in=newest)
        .filter(agenda_item__in=items.filter(meeting__in=newest))
        .select_related("agenda_item", "agenda_item__meeting", "agenda_item__meeting__body", "recommended_to")
        .order_by(
            "-agenda_item__meeting__date", "-agenda_item__meeting__pk", "-agenda_item__position", "-pk"
        )[:limit]
    )


def _decisions_in_full() -> QuerySet[Decision]:
    """Decisions with their topic, recipient, source and the recipient's response. What each did in work
    (allocations, approved initiatives and trial actions) is work's to add:
    `klynge.work.selectors.decisions_with_effects`."""
    return Decision.objects.select_related("recommended_to", "topic", "source", "response")


def _agenda_items_in_full(visible: VisibleItems | None, *, numbered: bool = True) -> QuerySet[AgendaItem]:
    """The items the viewer may see, each with its number as they see it (`number`, unless not
    `numbered`), its topics, decisions and reported figures (their links to work's records:
    `klynge.work.selectors`)."""
    items = AgendaItem.objects.filter(pk__in=public_agenda_items() if visible is None else visible)
    if numbered:
        items = items.annotate(number=visible_number(visible))
    return items.select_related("source").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("name")),
        Prefetch("decisions", queryset=_decisions_in_full().order_by("pk")),
        Prefetch(
            "reported_figures",
            queryset=ReportedFigure.objects.select_related("area", "source").order_by("pk"),
        ),
    )


def meeting_detail(*, pk: int, visible: VisibleItems | None = None) -> Meeting | None:
    """A meeting with its whole agenda: items in order, their decisions and what each decision did.

    The agenda is every item of the meeting the viewer may see, in order, so each item's number as the
    viewer sees it is its place in that list: numbered here, not by a subquery per item (which counted
    the items before each of 200 items again). The visibility set is narrowed to this meeting's items."""
    items_visible = (public_agenda_items() if visible is None else visible).filter(meeting_id=pk)
    meeting = (
        Meeting.objects.filter(pk=pk)
        .select_related("body", "body__collaboration", "source")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=_agenda_items_in_full(items_visible, numbered=False).order_by("position"),
            )
        )
        .first()
    )
    if meeting is not None:
        for number, item in enumerate(meeting.agenda_items.all(), start=1):
            item.number = number  # type: ignore[attr-defined]
    return meeting


def lists_by_meeting(
    owners: Mapping[int, Model], rows: QuerySet[Any], owner: str, meeting: str, meeting_id: int, to_attr: str
) -> None:
    """What `Prefetch(<reverse of owner>, queryset=rows, to_attr=to_attr)` gives the owners (a meeting's
    agenda items, or their decisions, by id): on each, the list of the rows whose foreign key `owner` is it,
    in the queryset's order, each row's `owner` set to it. Read by the meeting (`meeting` is the path from
    a row to its meeting) rather than by an `IN` list of the owners' ids, which Django prepared id by id
    and psycopg split on each request (200 ids for a 200-item meeting). Rows of others (a closed item's,
    for a viewer whose agenda does not have it) are read and dropped: only the owners' rows are kept."""
    for record in owners.values():
        setattr(record, to_attr, [])
    if not owners:
        return  # as a prefetch for no records: no query
    attname = rows.model._meta.get_field(owner).attname
    for row in rows.filter(**{meeting: meeting_id}):
        found = owners.get(getattr(row, attname))
        if found is not None:
            setattr(row, owner, found)
            getattr(found, to_attr).append(row)


def meeting_agenda(*, pk: int, visible: VisibleItems | None = None) -> Meeting | None:
    """A meeting with its whole agenda for its page, read as plain lists rather than related managers.

    The same items, order, numbers and related records as `meeting_detail` (the API's reading), held in
    lists: `meeting.agenda` (the items the viewer may see, in order, each with its `number` as they see
    it), and on each item `topic_list`, `decision_list` (each decision with its topic, recipient, source
    and response) and `figure_list`. A prefetch into a related manager clones a queryset per item and
    relation (≈1,300 clones on a 200-item meeting, most of the page's reading); into a list it does not.
    What the items concern and their decisions did in work: `klynge.work.selectors.agenda_with_links`."""
    items_visible = (public_agenda_items() if visible is None else visible).filter(meeting_id=pk)
    items = (
        AgendaItem.objects.filter(pk__in=items_visible)
        .select_related("source")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name"), to_attr="topic_list"))
        .order_by("position")
    )
    meeting = (
        Meeting.objects.filter(pk=pk)
        .select_related("body", "body__collaboration", "source")
        .prefetch_related(Prefetch("agenda_items", queryset=items, to_attr="agenda"))
        .first()
    )
    if meeting is not None:
        agenda: dict[int, AgendaItem] = {}
        for number, item in enumerate(meeting.agenda, start=1):
            item.number = number  # type: ignore[attr-defined]
            agenda[item.pk] = item
        lists_by_meeting(
            agenda,
            _decisions_in_full().order_by("pk"),
            "agenda_item",
            "agenda_item__meeting",
            pk,
            "decision_list",
        )
        figures = ReportedFigure.objects.select_related("area", "source").order_by("pk")
        lists_by_meeting(agenda, figures, "agenda_item", "agenda_item__meeting", pk, "figure_list")
    return meeting


def meetings_filtered(
    *,
    visible: VisibleItems | None,
    body_id: int | None = None,
    collaboration_id: int | None = None,
    status: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    topic: str | None = None,
) -> QuerySet[Meeting]:
    """Meetings by body, collaboration, status, period and topic (of an item the viewer may see)."""
    meetings = _meeting_queryset(visible)
    if body_id is not None:
        meetings = meetings.filter(body=body_id)
    if collaboration_id is not None:
        meetings = meetings.filter(body__collaboration=collaboration_id)
    if status:
        meetings = meetings.filter(status=status)
    if date_from is not None:
        meetings = meetings.filter(date__gte=date_from)
    if date_to is not None:
        meetings = meetings.filter(date__lte=date_to)
    if topic:
        items = public_agenda_items() if visible is None else visible
        on_topic = AgendaItem.objects.filter(pk__in=items, topics__slug=topic).values("meeting")
        meetings = meetings.filter(pk__in=on_topic)
    return meetings.order_by("-date", "-start_time", "-pk")


def _in_meetings(
    records: QuerySet[Any],
    meeting: str,
    *,
    meeting_id: int | None,
    body_id: int | None,
    collaboration_id: int | None,
    date_from: datetime.date | None,
    date_to: datetime.date | None,
) -> QuerySet[Any]:
    """Records by the meeting they belong to (`meeting` is the path from a record to its meeting)."""
    conditions: dict[str, object] = {}
    if meeting_id is not None:
        conditions[meeting] = meeting_id
    if body_id is not None:
        conditions[f"{meeting}__body"] = body_id
    if collaboration_id is not None:
        conditions[f"{meeting}__body__collaboration"] = collaboration_id
    if date_from is not None:
        conditions[f"{meeting}__date__gte"] = date_from
    if date_to is not None:
        conditions[f"{meeting}__date__lte"] = date_to
    return records.filter(**conditions)


def agenda_items_filtered(
    *,
    visible: VisibleItems | None,
    meeting_id: int | None = None,
    body_id: int | None = None,
    collaboration_id: int | None = None,
    kind: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    topic: str | None = None,
) -> QuerySet[AgendaItem]:
    items = _in_meetings(
        _agenda_items_in_full(visible).select_related("meeting"),
        "meeting",
        meeting_id=meeting_id,
        body_id=body_id,
        collaboration_id=collaboration_id,
        date_from=date_from,
        date_to=date_to,
    )
    if kind:
        items = items.filter(kind=kind)
    if topic:
        items = items.filter(pk__in=AgendaItem.objects.filter(topics__slug=topic).values("pk"))
    return items.order_by("-meeting__date", "-meeting__pk", "position")


def decisions_filtered(
    *,
    visible: VisibleItems | None,
    meeting_id: int | None = None,
    body_id: int | None = None,
    collaboration_id: int | None = None,
    kind: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    topic: str | None = None,
) -> QuerySet[Decision]:
    items = public_agenda_items() if visible is None else visible
    decisions = _in_meetings(
        _decisions_in_full().filter(agenda_item__in=items).select_related("agenda_item__meeting"),
        "agenda_item__meeting",
        meeting_id=meeting_id,
        body_id=body_id,
        collaboration_id=collaboration_id,
        date_from=date_from,
        date_to=date_to,
    )
    if kind:
        decisions = decisions.filter(kind=kind)
    if topic:
        decisions = decisions.filter(
            Q(topic__slug=topic)
            | Q(agenda_item__in=AgendaItem.objects.filter(topics__slug=topic).values("pk"))
        )
    return decisions.order_by("-agenda_item__meeting__date", "-agenda_item__meeting__pk", "-pk")


def decision_visible(*, pk: int, visible: VisibleItems | None) -> Decision | None:
    return decisions_filtered(visible=visible).filter(pk=pk).first()


def agenda_item_visible(*, pk: int, visible: VisibleItems | None) -> AgendaItem | None:
    return agenda_items_filtered(visible=visible).filter(pk=pk).first()


def agenda_items_by_topics(
    *, topics: QuerySet[Topic], visible: VisibleItems | None = None
) -> QuerySet[AgendaItem]:
    """Agenda items on any of the topics, newest meeting first."""
    items = public_agenda_items() if visible is None else visible
    return (
        AgendaItem.objects.filter(pk__in=AgendaItem.objects.filter(topics__in=topics).values("pk"))
        .filter(pk__in=items)
        .select_related("meeting", "meeting__body")
        .order_by("-meeting__date", "-meeting__pk", "position")
    )


def meeting_for_edit(*, pk: int) -> Meeting | None:
    return meetings_to_edit().filter(pk=pk).first()


def meetings_to_edit() -> QuerySet[Meeting]:
    """Meetings with what the access check needs (every meeting is visible; closed are only items)."""
    return Meeting.objects.select_related("body", "body__collaboration")


def agenda_items_to_edit(*, visible: VisibleItems) -> QuerySet[AgendaItem]:
    """The items the viewer may see, with what a change and the access check need."""
    return (
        AgendaItem.objects.filter(pk__in=visible)
        .select_related("meeting", "meeting__body", "meeting__body__collaboration")
        .prefetch_related("topics")
    )


def agenda_item_for_edit(*, pk: int, visible: VisibleItems | None = None) -> AgendaItem | None:
    """The item to change; given `visible`, only if the viewer may see it, with its `number` as they see it."""
    items = AgendaItem.objects.filter(pk=pk)
    if visible is not None:
        items = items.filter(pk__in=visible).annotate(number=visible_number(visible))
    return (
        items.select_related("meeting", "meeting__body", "meeting__body__collaboration")
        .prefetch_related("topics")
        .first()
    )


def decisions_to_edit(*, visible: VisibleItems) -> QuerySet[Decision]:
    """The decisions on items the viewer may see, with what a change and the access check need."""
    return Decision.objects.filter(agenda_item__in=visible).select_related(
        "agenda_item", "agenda_item__meeting", "agenda_item__meeting__body__collaboration"
    )


def decision_for_edit(*, pk: int) -> Decision | None:
    return (
        Decision.objects.filter(pk=pk)
        .select_related("agenda_item", "agenda_item__meeting", "agenda_item__meeting__body__collaboration")
        .first()
    )


# ---- What a meeting's decisions may refer to (the editing pages' choices, the commands' checks) ----------
# (the focus areas, initiatives and funds an item or decision may name: `klynge.work.selectors`)


def parties_to_recommend_to(item: AgendaItem) -> QuerySet[Party]:
    """The parties a decision on the item may recommend to: those of the meeting's collaboration."""
    return item.meeting.body.collaboration.parties.order_by("name")


# ---- A member's own page and calendar ---------------------------------------------------------------


def meetings_of_bodies_upcoming(
    *, bodies: QuerySet[Body, Any], day: datetime.date, visible: VisibleItems, limit: int = 20
) -> list[Meeting]:
    """The coming meetings of these bodies, each with `shown_items`: its agenda as the viewer may see it,
    numbered 1, 2, 3 over those items (`number`). Two queries, however many meetings and items."""
    meetings = (
        _meeting_queryset(visible)
        .filter(body__in=bodies, date__gte=day)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date", "start_time", "pk")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.filter(pk__in=visible)
                .annotate(number=visible_number(visible))
                .order_by("position"),
                to_attr="shown_items",
            )
        )
    )
    return list(meetings[:limit])


def closed_items_readable(
    *, bodies: QuerySet[Body, Any], visible: VisibleItems, limit: int = 25
) -> list[AgendaItem]:
    """The closed agenda items of these bodies the viewer may read, newest meeting first."""
    return list(
        AgendaItem.objects.filter(pk__in=visible, is_public=False, meeting__body__in=bodies)
        .select_related("meeting", "meeting__body")
        .annotate(number=visible_number(visible))
        .order_by("-meeting__date", "-meeting__pk", "position")[:limit]
    )


def proposals_of_meeting(
    *, meeting: Meeting, visible: QuerySet[AgendaItemProposal]
) -> QuerySet[AgendaItemProposal]:
    """The meeting's proposals among those the viewer may see, open ones first, then newest decided."""
    return (
        visible.filter(meeting=meeting)
        .select_related("party", "proposed_by", "decided_by", "agenda_item")
        .annotate(
            attachment_count=Count("attachments"),
            is_undecided=Case(When(status=ProposalStatus.PROPOSED, then=0), default=1),
        )
        .order_by("is_undecided", "proposed_at", "pk")
    )


def open_proposal_count(*, meeting: Meeting, user: Any) -> int:
    return visible_proposals(user).filter(meeting=meeting, status=ProposalStatus.PROPOSED).count()


def proposal_detail(*, pk: int, visible: QuerySet[AgendaItemProposal]) -> AgendaItemProposal | None:
    return (
        visible.filter(pk=pk)
        .select_related("meeting__body__collaboration", "party", "proposed_by", "decided_by", "agenda_item")
        .first()
    )


def closed_items_readable_count(*, bodies: QuerySet[Body, Any], visible: VisibleItems) -> int:
    return AgendaItem.objects.filter(pk__in=visible, is_public=False, meeting__body__in=bodies).count()
