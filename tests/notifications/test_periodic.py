"""The periodic jobs: reminders before a submission deadline, the weekly digest, `klynge notifications
run-due`; each sends once; the digest holds only what its reader may read, in a bounded number of queries."""

import datetime
from io import StringIO
from typing import Any

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from klynge.accounts.models import Role
from klynge.agendas.services import agenda_version_create
from klynge.meetings.models import AgendaItemKind, DecisionKind, Meeting
from klynge.meetings.services import agenda_item_create, decision_create, meeting_create
from klynge.notifications import sending
from klynge.notifications.models import MemberPreference, Scope, SentNotification
from tests.agendas.helpers import CLOSED, PUBLIC, prepared_meeting
from tests.factories import ClusterWorld
from tests.notifications.conftest import CLOSED_TITLE, account, anonymous_subscription

DAY = datetime.timedelta(days=1)


def _planned(world: ClusterWorld, deadline: datetime.datetime) -> Meeting:
    meeting = meeting_create(body=world.political, date=datetime.date(2026, 12, 20), title="Julemøde")
    Meeting.objects.filter(pk=meeting.pk).update(submission_deadline=deadline)
    return meeting


def test_editors_are_reminded_three_days_and_one_day_before_once_each(world: ClusterWorld) -> None:
    now = timezone.now()
    account("redaktoer@test.dk", Role.EDITOR, party=world.municipality)
    off = account("fravalgt@test.dk", Role.EDITOR, party=world.general_practice)
    MemberPreference.objects.create(user=off, deadline_reminders=False)
    account("medlem@test.dk", Role.MEMBER, person=world.mayor)
    _planned(world, now + 2 * DAY)
    assert sending.send_reminders(now) == 1
    assert sending.send_reminders(now) == 0
    (reminder,) = mail.outbox
    assert reminder.to == ["redaktoer@test.dk"]
    assert reminder.subject.startswith("Frist for punkter ")
    assert "Julemøde 20. december 2026" in reminder.body
    assert reminder.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert sending.send_reminders(now + DAY + DAY / 2) == 1  # the one-day reminder
    assert sending.send_reminders(now + DAY + DAY / 2) == 0
    assert len(mail.outbox) == 2


def test_a_late_run_sends_only_the_nearest_reminder(world: ClusterWorld) -> None:
    now = timezone.now()
    account("redaktoer@test.dk", Role.EDITOR, party=world.municipality)
    _planned(world, now + DAY / 2)
    assert sending.send_reminders(now) == 1
    assert sending.send_reminders(now) == 0
    assert len(mail.outbox) == 1


def test_the_weekly_digest_shows_each_reader_what_they_may_read(
    world: ClusterWorld, closed_item: Any
) -> None:
    decision_create(
        agenda_item=closed_item, kind=DecisionKind.COORDINATION, text="Aftalen med leverandøren forlænges."
    )
    member = account("medlem@test.dk", Role.MEMBER, person=world.mayor)
    from klynge.notifications.models import Subscription

    Subscription.objects.create(
        user=member,
        email=member.email,
        confirmed_at=timezone.now(),
        scope=Scope.BODY,
        body=world.political,
        weekly=True,
    )
    anonymous_subscription("borger@example.dk", scope=Scope.COLLABORATION, collaboration=world.cluster)
    now = timezone.now() + DAY
    assert sending.send_digests(now) == 2
    assert sending.send_digests(now) == 0  # once a week
    (public,) = [m for m in mail.outbox if m.to == ["borger@example.dk"]]
    (members,) = [m for m in mail.outbox if m.to == ["medlem@test.dk"]]
    assert public.subject == "Ugentligt overblik: Samarbejde: Sundhedsklynge Test"
    for text in (public.body, public.alternatives[0][0]):
        assert "Klyngen godkendte indsatsen." in text and "Indsats Test" in text
        assert CLOSED_TITLE not in text and "leverandøren" not in text
    assert CLOSED_TITLE in members.body and "Aftalen med leverandøren forlænges." in members.body
    # next week, nothing new: counted, not sent
    assert sending.send_digests(now + 7 * DAY) == 0
    assert len(mail.outbox) == 2


def _digest_queries(world: ClusterWorld, subscribers: int, items: int, start: int) -> int:
    for n in range(items):
        agenda_item_create(
            meeting=world.meeting,
            title=f"Punkt {start}-{n}",
            kind=AgendaItemKind.ORIENTATION,
            is_public=n % 2 == 0,
        )
    for n in range(subscribers):
        anonymous_subscription(f"s{start}-{n}@example.dk", scope=Scope.BODY, body=world.political)
        user = account(f"m{start}-{n}@test.dk", Role.EDITOR, party=world.municipality)
        from klynge.notifications.models import Subscription

        Subscription.objects.create(
            user=user,
            email=user.email,
            confirmed_at=timezone.now(),
            scope=Scope.TOPIC,
            topic=world.prevention_topic,
            weekly=True,
        )
    with CaptureQueriesContext(connection) as queries:
        sent = sending.send_digests(timezone.now() + DAY)
    assert sent == 2 * subscribers
    return len(queries)


def test_the_digest_costs_a_fixed_number_of_queries_plus_one_log_row_per_e_mail(world: ClusterWorld) -> None:
    few = _digest_queries(world, subscribers=1, items=2, start=0)
    mail.outbox.clear()
    from klynge.notifications.models import Subscription

    Subscription.objects.all().delete()
    SentNotification.objects.all().delete()
    many = _digest_queries(world, subscribers=10, items=20, start=1)
    # per e-mail: a savepoint, its log row, the savepoint's release; nothing per item
    assert many - few <= 3 * (20 - 2), (few, many)
    assert few <= 25


def test_run_due_runs_every_periodic_job(world: ClusterWorld) -> None:
    now = timezone.now()
    account("redaktoer@test.dk", Role.EDITOR, party=world.municipality)
    _planned(world, now + 2 * DAY)
    out = StringIO()
    call_command("notifications", "run-due", stdout=out)
    assert "Sent 1 deadline reminders" in out.getvalue()
    call_command("notifications", "run-due", stdout=out)
    assert len(mail.outbox) == 1


def test_run_due_publishes_a_due_scheduled_agenda_and_its_e_mails_go_out(
    world: ClusterWorld, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = prepared_meeting(world)
    account("medlem@test.dk", Role.MEMBER, person=world.mayor)
    now = timezone.now()
    version = agenda_version_create(
        meeting=meeting, publish_at=now - datetime.timedelta(minutes=5), now=now - datetime.timedelta(hours=1)
    )
    assert version.published_at is None
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notifications", "run-due", stdout=out)
    assert f"Published version 1 of the agenda of meeting {meeting.pk}" in out.getvalue()
    version.refresh_from_db()
    meeting.refresh_from_db()
    assert version.published_at is not None and meeting.agenda_published_at == version.published_at
    assert [message.to for message in mail.outbox] == [["medlem@test.dk"]]
    assert PUBLIC in mail.outbox[0].body and CLOSED in mail.outbox[0].body  # a member reads closed items

    call_command("notifications", "run-due", stdout=out)  # published once, e-mailed once
    assert "No agenda versions were due." in out.getvalue()
    assert len(mail.outbox) == 1
