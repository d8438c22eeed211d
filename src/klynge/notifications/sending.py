"""The jobs that send e-mails: an agenda published, reminders before a deadline, the weekly digest, and a
subscription's confirmation. Run by the background worker (klynge.notifications.tasks) or by
`klynge notifications run-due`, never inside a web request.

Idempotent: every e-mail has a key (what it is about, and to whom), and its row in the sent-log
(`SentNotification`, key unique) is written in the same transaction as the e-mail is handed to the mail
server. A key already in the log is not sent again, so a job run twice, or two runs at once, send each
e-mail once; an e-mail the server refused leaves no row, and the next run tries again.
"""

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from klynge.notifications import emails, selectors, tokens
from klynge.notifications.access import PUBLIC, Reader, View, closed_readable, view_of
from klynge.notifications.models import (
    AgendaPublication,
    NotificationKind,
    SentNotification,
    Subscription,
)
from klynge.notifications.selectors import News

logger = logging.getLogger(__name__)
WEEK = datetime.timedelta(days=7)


def _nothing() -> None:
    return None


@dataclass(frozen=True)
class Outgoing:
    key: str
    kind: NotificationKind
    email: str
    build: Callable[[], EmailMultiAlternatives | None]  # None: nothing to send (an empty digest)
    subscription_id: int | None = None
    meeting_id: int | None = None


def deliver(outgoing: Iterable[Outgoing]) -> int:
    """Send what is not in the sent-log yet; answer how many were sent. One query finds what was sent
    before; then per e-mail one insert in the transaction that hands it to the mail server."""
    pending = list(outgoing)
    if not pending:
        return 0
    done = set(
        SentNotification.objects.filter(key__in=[o.key for o in pending]).values_list("key", flat=True)
    )
    sent = 0
    connection = get_connection()
    with connection:
        for item in pending:
            if item.key in done:
                continue
            message = item.build()
            try:
                with transaction.atomic():
                    SentNotification.objects.create(
                        key=item.key,
                        kind=item.kind,
                        email=item.email,
                        subscription_id=item.subscription_id,
                        meeting_id=item.meeting_id,
                        subject=(message.subject[:300] if message is not None else ""),
                        empty=message is None,
                    )
                    if message is not None:
                        message.connection = connection
                        message.send()
            except IntegrityError:
                continue  # another run sent it meanwhile
            done.add(item.key)
            sent += message is not None
    return sent


def _reader_of(subscription: Subscription) -> Reader:
    user = subscription.user
    return Reader(
        email=subscription.email,
        view=view_of(user) if user is not None else PUBLIC,
        user_id=subscription.user_id,
    )


def _subscription_unsubscribe(subscription: Subscription) -> str:
    return emails.unsubscribe_url(tokens.unsubscribe_token(subscription_id=subscription.pk))


def _hits_by_query(
    subscriptions: Iterable[Subscription], news: list[News]
) -> dict[str, set[tuple[str, int]]]:
    """Each saved search's finds among the news (once per distinct search, not per subscriber)."""
    candidates = selectors.candidates_of(news)
    queries = {s.search_query for s in subscriptions if s.search_query}
    return {query: selectors.search_hits(query, candidates) for query in sorted(queries)}


# ---- An agenda published or changed -----------------------------------------------------------------


def send_agenda(publication_id: int) -> int:
    """E-mail the body's members and the subscribers at once (immediately) about a published agenda,
    each with the items they may read."""
    publication = (
        AgendaPublication.objects.select_related("meeting__body__collaboration")
        .filter(pk=publication_id)
        .first()
    )
    if publication is None:
        return 0  # the meeting was deleted before the worker came to it
    meeting = publication.meeting
    found = selectors.news_between(
        publication.published_at, publication.published_at, publications=[publication.pk]
    )
    news = next(n for n in found if n.kind == "agenda" and n.pk == publication.pk)
    members = selectors.members_of(meeting)
    subscriptions = selectors.subscribers_for(meeting)
    views: set[View] = {member.view for member in members} | {_reader_of(s).view for s in subscriptions}
    readable = closed_readable([meeting.pk], views)
    hits = _hits_by_query(subscriptions, [news])
    outgoing: list[Outgoing] = []
    addressed: set[str] = set()

    def add(email: str, shown: News, reason: str, unsubscribe: str, subscription_id: int | None) -> None:
        address = email.lower()
        if address in addressed:
            return
        addressed.add(address)
        outgoing.append(
            Outgoing(
                key=f"agenda:{publication.pk}:{address}",
                kind=NotificationKind.AGENDA,
                email=email,
                subscription_id=subscription_id,
                meeting_id=meeting.pk,
                build=lambda: emails.agenda_email(
                    to=email, news=shown, reason=reason, unsubscribe=unsubscribe
                ),
            )
        )

    for member in members:
        shown = selectors.for_reader(news, readable[member.view])
        if shown is None:
            continue
        unsubscribe = emails.unsubscribe_url(
            tokens.unsubscribe_token(user_id=member.user_id, preference="member_agendas")
        )
        add(member.email, shown, f"du er medlem af {meeting.body.name}", unsubscribe, None)
    for subscription in subscriptions:
        reader = _reader_of(subscription)
        shown = selectors.for_reader(news, readable[reader.view])
        if shown is None or not selectors.in_scope(
            shown, subscription, hits.get(subscription.search_query, ())
        ):
            continue
        reason = f"du abonnerer på {subscription.scope_label}"
        add(subscription.email, shown, reason, _subscription_unsubscribe(subscription), subscription.pk)
    return deliver(outgoing)


# ---- Reminders before a submission deadline ---------------------------------------------------------


def reminder_days() -> list[int]:
    return sorted({int(d) for d in settings.NOTIFICATIONS_REMINDER_DAYS if int(d) > 0})


def send_reminders(now: datetime.datetime | None = None) -> int:
    """Remind the editors of the parties taking part before a meeting's deadline for items: once for each
    of the configured days before (3 and 1 by default). When a run comes late and several are due, only
    the nearest is sent (and the earlier ones count as sent)."""
    now = now or timezone.now()
    days = reminder_days()
    if not days:
        return 0
    meetings = selectors.meetings_with_deadline_between(now, now + datetime.timedelta(days=max(days)))
    editors = selectors.editors_for(meetings)
    outgoing: list[Outgoing] = []
    for meeting in meetings:
        assert meeting.submission_deadline is not None
        due = [d for d in days if meeting.submission_deadline - datetime.timedelta(days=d) <= now]
        if not due:
            continue
        nearest = min(due)
        for editor in editors.get(meeting.pk, []):
            unsubscribe = emails.unsubscribe_url(
                tokens.unsubscribe_token(user_id=editor.user_id, preference="deadline_reminders")
            )
            for d in sorted(due, reverse=True):
                key = f"reminder:{meeting.pk}:{d}:{editor.user_id}"
                if d != nearest:
                    outgoing.append(
                        Outgoing(key=key, kind=NotificationKind.REMINDER, email=editor.email, build=_nothing)
                    )
                    continue
                outgoing.append(
                    Outgoing(
                        key=key,
                        kind=NotificationKind.REMINDER,
                        email=editor.email,
                        meeting_id=meeting.pk,
                        build=partial(
                            emails.reminder_email, to=editor.email, meeting=meeting, unsubscribe=unsubscribe
                        ),
                    )
                )
    return deliver(outgoing)


# ---- The weekly digest ------------------------------------------------------------------------------------


def digest_week(now: datetime.datetime) -> str:
    year, week, _ = timezone.localtime(now).isocalendar()
    return f"{year}-W{week:02d}"


def send_digests(now: datetime.datetime | None = None) -> int:
    """Each weekly subscription's digest of what is new in its scope since its last one (at most a week),
    once per week, from the configured weekday on (NOTIFICATIONS_DIGEST_WEEKDAY, 0 = Monday). A digest
    with nothing new is not sent (but counts as this week's)."""
    now = now or timezone.now()
    if timezone.localtime(now).weekday() < settings.NOTIFICATIONS_DIGEST_WEEKDAY:
        return 0
    week = digest_week(now)
    subscriptions = selectors.weekly_subscriptions()
    keys = {s.pk: f"digest:{s.pk}:{week}" for s in subscriptions}
    done = set(SentNotification.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    due = [s for s in subscriptions if keys[s.pk] not in done]
    if not due:
        return 0
    last = dict(
        SentNotification.objects.filter(kind=NotificationKind.DIGEST, subscription__in=[s.pk for s in due])
        .values_list("subscription")
        .annotate(last=Max("sent_at"))
    )
    since = {s.pk: max(last.get(s.pk) or now - WEEK, now - WEEK) for s in due}
    news = selectors.news_between(min(since.values()), now)
    readers = {s.pk: _reader_of(s) for s in due}
    readable = closed_readable(selectors.meeting_ids_of(news), {r.view for r in readers.values()})
    hits = _hits_by_query(due, news)
    outgoing: list[Outgoing] = []
    for subscription in due:
        view = readers[subscription.pk].view
        shown = []
        for entry in news:
            if entry.when < since[subscription.pk]:
                continue
            visible = selectors.for_reader(entry, readable[view])
            if visible is not None and selectors.in_scope(
                visible, subscription, hits.get(subscription.search_query, ())
            ):
                shown.append(visible)
        build: Callable[[], EmailMultiAlternatives | None]
        if shown:
            build = partial(
                emails.digest_email,
                to=subscription.email,
                label=subscription.scope_label,
                news=shown,
                since=since[subscription.pk],
                unsubscribe=_subscription_unsubscribe(subscription),
            )
        else:
            build = _nothing
        outgoing.append(
            Outgoing(
                key=keys[subscription.pk],
                kind=NotificationKind.DIGEST,
                email=subscription.email,
                subscription_id=subscription.pk,
                build=build,
            )
        )
    return deliver(outgoing)


# ---- Confirming a subscription ------------------------------------------------------------------------


def send_confirmation(subscription_id: int) -> int:
    """The double opt-in's e-mail, with its signed link; once per subscription and day (asking again the
    next day sends it again)."""
    subscription = Subscription.objects.filter(pk=subscription_id, confirmed_at__isnull=True).first()
    if subscription is None:
        return 0
    confirm_url = emails.absolute(
        reverse("notifications:confirm", args=[tokens.confirm_token(subscription.pk)])
    )
    day = timezone.localdate().isoformat()
    return deliver(
        [
            Outgoing(
                key=f"confirm:{subscription.pk}:{day}",
                kind=NotificationKind.CONFIRMATION,
                email=subscription.email,
                subscription_id=subscription.pk,
                build=lambda: emails.confirmation_email(
                    to=subscription.email, label=subscription.scope_label, confirm_url=confirm_url
                ),
            )
        ]
    )
