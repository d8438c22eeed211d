"""Reads for notifications: subscriptions and their choices, who receives what, and what is new.

What is new in a period (`news_between`) is found once for a whole batch of e-mails or a feed, in a fixed
number of queries; each recipient's share is then picked in Python (`for_reader`, `in_scope`) by the
visibility found once per batch (klynge.notifications.access.closed_readable). So a digest for many
subscribers costs the same queries for one item or a thousand, plus the log row of each e-mail sent.
"""

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from klynge.accounts.models import Account, Role
from klynge.bodies.models import Body, Collaboration, Membership, Participation
from klynge.kernel.formatting import danish_date, danish_half_year, danish_month
from klynge.meetings.models import AgendaItem, DatePrecision, Decision, Meeting, MeetingStatus
from klynge.notifications.access import PUBLIC, View
from klynge.notifications.models import AgendaPublication, MemberPreference, Scope, Subscription
from klynge.organisation.models import Topic
from klynge.search.backends import get_backend
from klynge.search.models import SearchEntry
from klynge.search.text import clean, parse_query
from klynge.work.models import Initiative

HistoricalMeeting: Any = Meeting.history.model
HistoricalDecision: Any = Decision.history.model
HistoricalInitiative: Any = Initiative.history.model
SEARCH_PAGE = 100

# ---- Choices and the user's own ------------------------------------------------------------------------


def body_choices() -> QuerySet[Body]:
    return Body.objects.select_related("collaboration").order_by("collaboration__name", "name")


def collaboration_choices() -> QuerySet[Collaboration]:
    return Collaboration.objects.order_by("name")


def topic_choices() -> QuerySet[Topic]:
    return Topic.objects.order_by("name")


def subscriptions_of(user: Any) -> QuerySet[Subscription]:
    """The user's own subscriptions (none for the anonymous), with what they follow."""
    if user is None or not user.is_authenticated:
        return Subscription.objects.none()
    return (
        Subscription.objects.filter(user=user)
        .select_related("body", "collaboration", "topic")
        .order_by("scope", "pk")
    )


def same_subscription(
    *,
    user: Any | None,
    email: str | None,
    scope: Scope,
    body: Body | None,
    collaboration: Collaboration | None,
    topic: Topic | None,
    search_query: str,
) -> Subscription | None:
    owner = Q(user=user) if user is not None else Q(user__isnull=True, email=email)
    return Subscription.objects.filter(
        owner,
        scope=scope,
        body=body,
        collaboration=collaboration,
        topic=topic,
        search_query=search_query,
    ).first()


def user_by_id(pk: int) -> Any | None:
    return get_user_model().objects.filter(pk=pk).first()


def member_preference_of(user: Any) -> MemberPreference:
    """The user's choices (the defaults, unsaved, if they never chose)."""
    return MemberPreference.objects.filter(user=user).first() or MemberPreference(user=user)


def opted_out(user_ids: Collection[int], preference: str) -> set[int]:
    """Of these users, those who turned off the e-mails of `preference` (one query)."""
    if not user_ids:
        return set()
    return set(
        MemberPreference.objects.filter(user__in=user_ids, **{preference: False}).values_list(
            "user", flat=True
        )
    )


# ---- What is new -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemLine:
    """An agenda item as a notification lists it; shown only to those who may read it."""

    pk: int
    title: str
    kind_label: str
    is_public: bool
    is_tentative: bool
    topic_ids: frozenset[int]
    url: str


@dataclass(frozen=True)
class News:
    """One thing that is new: a meeting, a published agenda, a decision or an initiative."""

    kind: str  # "meeting", "agenda", "decision", "initiative"
    kind_label: str  # Danish
    pk: int
    title: str
    url: str
    when: datetime.datetime
    meeting_id: int | None = None
    body_id: int | None = None
    collaboration_id: int | None = None
    is_public: bool = True  # False: a decision on a closed item
    topic_ids: frozenset[int] = frozenset()
    search_keys: frozenset[tuple[str, int]] = frozenset()
    items: tuple[ItemLine, ...] = field(default=())
    detail: str = ""

    @property
    def item_keys(self) -> frozenset[tuple[str, int]]:
        return frozenset(("agenda_item", item.pk) for item in self.items)


def meeting_day(meeting: Meeting) -> str:
    """14. december 2023, or the month or half-year when only that is known."""
    if meeting.date_precision == DatePrecision.MONTH:
        return danish_month(meeting.date)
    if meeting.date_precision == DatePrecision.HALF_YEAR:
        return danish_half_year(meeting.date)
    return danish_date(meeting.date)


def meeting_name(meeting: Meeting) -> str:
    title = meeting.title or ("ekstraordinært møde" if meeting.is_extra else "møde")
    return f"{meeting.body.name}, {title} {meeting_day(meeting)}"


def _item_lines(meeting_ids: Iterable[int]) -> dict[int, tuple[ItemLine, ...]]:
    """Every agenda item of these meetings, in order, by meeting (two queries)."""
    items = (
        AgendaItem.objects.filter(meeting__in=set(meeting_ids))
        .only("pk", "meeting_id", "title", "kind", "is_public", "is_tentative", "position")
        .prefetch_related("topics")
        .order_by("meeting", "position")
    )
    lines: dict[int, list[ItemLine]] = defaultdict(list)
    for item in items:
        lines[item.meeting_id].append(
            ItemLine(
                pk=item.pk,
                title=item.title,
                kind_label=item.get_kind_display(),
                is_public=item.is_public,
                is_tentative=item.is_tentative,
                topic_ids=frozenset(t.pk for t in item.topics.all()),
                url=item.get_absolute_url(),
            )
        )
    return {pk: tuple(found) for pk, found in lines.items()}


def _created_between(history: Any, since: datetime.datetime, until: datetime.datetime) -> QuerySet[Any]:
    return history.objects.filter(history_type="+", history_date__gte=since, history_date__lt=until)


def news_between(
    since: datetime.datetime, until: datetime.datetime, *, publications: Iterable[int] = ()
) -> list[News]:
    """What became new in [since, until), newest first, with everything each reader's share needs
    (closed items and decisions included: `for_reader` leaves out what a reader may not read).
    A fixed number of queries, whatever the period holds. `publications` adds those agenda
    publications whatever their time (an agenda e-mail is about one)."""
    created = _created_between(HistoricalMeeting, since, until)
    meetings = list(
        Meeting.objects.filter(pk__in=created.values("id"))
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("body")
    )
    published = list(
        AgendaPublication.objects.filter(
            Q(published_at__gte=since, published_at__lt=until) | Q(pk__in=list(publications))
        ).select_related("meeting__body")
    )
    decisions = list(
        Decision.objects.filter(pk__in=_created_between(HistoricalDecision, since, until).values("id"))
        .select_related("agenda_item__meeting__body")
        .prefetch_related("agenda_item__topics")
    )
    initiatives = list(
        Initiative.objects.filter(pk__in=_created_between(HistoricalInitiative, since, until).values("id"))
        .select_related("collaboration", "focus_area")
        .prefetch_related("focus_area__topics")
    )
    created_at = dict(created.values_list("id", "history_date"))
    decided_at = dict(_created_between(HistoricalDecision, since, until).values_list("id", "history_date"))
    initiated_at = dict(
        _created_between(HistoricalInitiative, since, until).values_list("id", "history_date")
    )
    lines = _item_lines([m.pk for m in meetings] + [p.meeting_id for p in published])
    news: list[News] = []
    for meeting in meetings:
        news.append(
            News(
                kind="meeting",
                kind_label="Nyt møde",
                pk=meeting.pk,
                title=meeting_name(meeting),
                url=meeting.get_absolute_url(),
                when=created_at[meeting.pk],
                meeting_id=meeting.pk,
                body_id=meeting.body_id,
                collaboration_id=meeting.body.collaboration_id,
                search_keys=frozenset({("meeting", meeting.pk)}),
                items=lines.get(meeting.pk, ()),
                detail=meeting.location,
            )
        )
    for publication in published:
        meeting = publication.meeting
        label = (
            "Tillægsdagsorden"
            if publication.supplementary
            else "Ændret dagsorden"
            if publication.changed
            else "Dagsorden offentliggjort"
        )
        news.append(
            News(
                kind="agenda",
                kind_label=label,
                pk=publication.pk,
                title=meeting_name(meeting),
                url=meeting.get_absolute_url(),
                when=publication.published_at,
                meeting_id=meeting.pk,
                body_id=meeting.body_id,
                collaboration_id=meeting.body.collaboration_id,
                search_keys=frozenset({("meeting", meeting.pk)}),
                items=lines.get(meeting.pk, ()),
                detail=meeting.location,
            )
        )
    for decision in decisions:
        item = decision.agenda_item
        topics = {t.pk for t in item.topics.all()} | ({decision.topic_id} if decision.topic_id else set())
        news.append(
            News(
                kind="decision",
                kind_label="Beslutning",
                pk=decision.pk,
                title=f"{item.title} ({meeting_name(item.meeting)})",
                url=item.get_absolute_url(),
                when=decided_at[decision.pk],
                meeting_id=item.meeting_id,
                body_id=item.meeting.body_id,
                collaboration_id=item.meeting.body.collaboration_id,
                is_public=item.is_public,
                topic_ids=frozenset(topics),
                search_keys=frozenset({("decision", decision.pk), ("agenda_item", item.pk)}),
                detail=decision.text,
            )
        )
    for initiative in initiatives:
        focus = initiative.focus_area
        news.append(
            News(
                kind="initiative",
                kind_label="Ny indsats",
                pk=initiative.pk,
                title=initiative.name,
                url=initiative.get_absolute_url(),
                when=initiated_at[initiative.pk],
                collaboration_id=initiative.collaboration_id,
                topic_ids=frozenset(t.pk for t in focus.topics.all()) if focus is not None else frozenset(),
                search_keys=frozenset({("initiative", initiative.pk)}),
                detail=initiative.collaboration.name,
            )
        )
    news.sort(key=lambda n: (n.when, n.kind, n.pk), reverse=True)
    return news


def meeting_ids_of(news: Iterable[News]) -> set[int]:
    return {n.meeting_id for n in news if n.meeting_id is not None}


def for_reader(news: News, readable: Collection[int]) -> News | None:
    """The news as a reader sees it: None if it concerns a closed item they may not read; otherwise with
    only the agenda items they may read (`readable`: the meetings whose closed items they may read)."""
    closed_ok = news.meeting_id is not None and news.meeting_id in readable
    if not news.is_public and not closed_ok:
        return None
    if all(item.is_public for item in news.items) or closed_ok:
        return news
    return replace(news, items=tuple(item for item in news.items if item.is_public))


def in_scope(news: News, subscription: Subscription, hits: Collection[tuple[str, int]] = ()) -> bool:
    """Does the news (as its reader sees it, after `for_reader`) fall in the subscription's scope?"""
    if subscription.scope == Scope.BODY:
        return news.body_id == subscription.body_id
    if subscription.scope == Scope.COLLABORATION:
        return news.collaboration_id == subscription.collaboration_id
    if subscription.scope == Scope.TOPIC:
        topics = news.topic_ids.union(*(item.topic_ids for item in news.items))
        return subscription.topic_id in topics
    return bool((news.search_keys | news.item_keys) & set(hits))


def search_hits(query: str, candidates: Collection[tuple[str, int]]) -> set[tuple[str, int]]:
    """Which of these records (search kind, id) a saved search finds, by the search's own matching
    (Danish stems, phrases, exclusions). One or two queries per page of 100 hits."""
    text = " ".join(clean(query).split())
    if not candidates or not parse_query(text).alternatives:
        return set()
    by_kind: dict[str, list[int]] = defaultdict(list)
    for kind, pk in candidates:
        by_kind[kind].append(pk)
    condition = Q()
    for kind, ids in by_kind.items():
        condition |= Q(kind=kind, object_id__in=sorted(ids))
    entries = SearchEntry.objects.filter(condition)
    backend = get_backend()
    found: set[tuple[str, int]] = set()
    offset = 0
    while True:
        page = backend.search(entries, text, kinds=(), limit=SEARCH_PAGE, offset=offset, bound=SEARCH_PAGE)
        found |= {(hit.entry.kind, hit.entry.object_id) for hit in page.hits}
        offset += SEARCH_PAGE
        if not page.more:
            return found


def candidates_of(news: Iterable[News]) -> set[tuple[str, int]]:
    keys: set[tuple[str, int]] = set()
    for n in news:
        keys |= n.search_keys | n.item_keys
    return keys


# ---- Who receives what -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    """A member or editor e-mailed because of their role (not a subscription)."""

    user_id: int
    email: str
    view: View


def _view_of_account(account: Account) -> View:
    if account.user.is_superuser or account.role == Role.ADMIN:
        return ("all", 0)
    if account.role == Role.EDITOR and account.party_id is not None:
        return ("party", account.party_id)
    if account.role == Role.MEMBER and account.person_id is not None:
        return ("person", account.person_id)
    return PUBLIC


def _ran_on(day: datetime.date, start: str = "start", end: str = "end") -> Q:
    return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": day})) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day})
    )


def members_of(meeting: Meeting) -> list[Recipient]:
    """The members of the meeting's body on its day who have an account with an e-mail address and
    have not turned these e-mails off (three queries)."""
    sitting = Membership.objects.filter(_ran_on(meeting.date), body=meeting.body_id).values("person")
    accounts = (
        Account.objects.filter(role=Role.MEMBER, person__in=sitting, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__email")
    )
    found = [Recipient(user_id=a.user_id, email=a.user.email, view=_view_of_account(a)) for a in accounts]
    off = opted_out([r.user_id for r in found], "member_agendas")
    return [r for r in found if r.user_id not in off]


def subscribers_for(meeting: Meeting) -> list[Subscription]:
    """The confirmed subscriptions that may want an e-mail at once about this meeting's agenda: of its
    body, its collaboration, any topic, any saved search (narrowed per reader afterwards)."""
    return list(
        Subscription.objects.filter(confirmed_at__isnull=False, immediate=True)
        .filter(
            Q(scope=Scope.BODY, body=meeting.body_id)
            | Q(scope=Scope.COLLABORATION, collaboration=meeting.body.collaboration_id)
            | Q(scope=Scope.TOPIC, topic__agenda_items__meeting=meeting.pk)
            | Q(scope=Scope.SEARCH)
        )
        .distinct()
        .select_related("user__account", "body", "collaboration", "topic")
        .order_by("pk")
    )


def weekly_subscriptions() -> list[Subscription]:
    return list(
        Subscription.objects.filter(confirmed_at__isnull=False, weekly=True)
        .select_related("user__account", "body", "collaboration", "topic")
        .order_by("pk")
    )


def meetings_with_deadline_between(start: datetime.datetime, end: datetime.datetime) -> list[Meeting]:
    return list(
        Meeting.objects.filter(
            submission_deadline__gt=start, submission_deadline__lte=end, status=MeetingStatus.PLANNED
        )
        .select_related("body__collaboration")
        .order_by("submission_deadline", "pk")
    )


def editors_for(meetings: Collection[Meeting]) -> dict[int, list[Recipient]]:
    """By meeting: the editors of the parties taking part in its collaboration on its day, with an
    e-mail address, who have not turned deadline reminders off (three queries for all meetings)."""
    if not meetings:
        return {}
    participations = list(
        Participation.objects.filter(collaboration__in={m.body.collaboration_id for m in meetings})
    )
    parties = {p.party_id for p in participations}
    accounts = list(
        Account.objects.filter(role=Role.EDITOR, party__in=parties, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__email")
    )
    off = opted_out([a.user_id for a in accounts], "deadline_reminders")
    result: dict[int, list[Recipient]] = {}
    for meeting in meetings:
        taking_part = {
            p.party_id
            for p in participations
            if p.collaboration_id == meeting.body.collaboration_id
            and (p.start is None or p.start <= meeting.date)
            and (p.end is None or p.end >= meeting.date)
        }
        result[meeting.pk] = [
            Recipient(user_id=a.user_id, email=a.user.email, view=_view_of_account(a))
            for a in accounts
            if a.party_id in taking_part and a.user_id not in off
        ]
    return result
