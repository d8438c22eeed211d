"""An agenda published: members and subscribers get an e-mail each, with only what they may read."""

from typing import Any

import pytest
from django.core import mail

from klynge.accounts.models import Role
from klynge.notifications import sending
from klynge.notifications.models import AgendaPublication, MemberPreference, SentNotification
from tests.factories import ClusterWorld
from tests.notifications.conftest import CLOSED_TITLE, account, anonymous_subscription, body_scope, publish


def _to(address: str) -> list[Any]:
    return [m for m in mail.outbox if address in m.to]


def test_members_and_subscribers_get_the_agenda_each_as_they_may_read_it(
    world: ClusterWorld, closed_item: Any
) -> None:
    account("borgmester@test.dk", Role.MEMBER, person=world.mayor)
    account("redaktoer@test.dk", Role.EDITOR, party=world.municipality)
    editor = account("redaktoer2@test.dk", Role.EDITOR, party=world.municipality)
    from klynge.notifications.models import Subscription

    Subscription.objects.create(
        user=editor, email=editor.email, confirmed_at=editor.date_joined, **body_scope(world)
    )
    anonymous_subscription("borger@example.dk", **body_scope(world))

    publish(world.meeting)

    (member_mail,) = _to("borgmester@test.dk")
    assert CLOSED_TITLE in member_mail.body and world.agenda_item.title in member_mail.body
    html = member_mail.alternatives[0][0]
    assert CLOSED_TITLE in html and member_mail.alternatives[0][1] == "text/html"
    assert "du er medlem af Politisk sundhedsklynge Test" in member_mail.body
    (editor_mail,) = _to("redaktoer2@test.dk")
    assert CLOSED_TITLE in editor_mail.body
    (public_mail,) = _to("borger@example.dk")
    assert world.agenda_item.title in public_mail.body
    assert CLOSED_TITLE not in public_mail.body and CLOSED_TITLE not in public_mail.alternatives[0][0]
    assert "lukket" not in public_mail.body
    # the editor without a subscription gets no agenda (only members and subscribers do)
    assert _to("redaktoer@test.dk") == []
    assert public_mail.subject.startswith("Dagsorden offentliggjort: Politisk sundhedsklynge Test")
    assert "28. november 2023" in public_mail.subject
    unsubscribe = public_mail.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://klynge.test/abonnementer/afmeld/")
    assert public_mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in public_mail.body


def test_sending_again_sends_nothing_twice(world: ClusterWorld) -> None:
    account("borgmester@test.dk", Role.MEMBER, person=world.mayor)
    anonymous_subscription("borger@example.dk", **body_scope(world))
    publish(world.meeting)
    assert len(mail.outbox) == 2
    publication = AgendaPublication.objects.get(meeting=world.meeting)
    assert sending.send_agenda(publication.pk) == 0
    assert len(mail.outbox) == 2
    assert SentNotification.objects.filter(meeting=world.meeting).count() == 2


def test_a_changed_agenda_is_sent_again_and_says_so(world: ClusterWorld) -> None:
    anonymous_subscription("borger@example.dk", **body_scope(world))
    publish(world.meeting)
    publish(world.meeting, changed=True)
    subjects = [m.subject for m in mail.outbox]
    assert subjects[0].startswith("Dagsorden offentliggjort") and subjects[1].startswith("Ændret dagsorden")


def test_one_e_mail_per_address_and_none_to_those_who_opted_out(world: ClusterWorld) -> None:
    member = account("borgmester@test.dk", Role.MEMBER, person=world.mayor)
    anonymous_subscription("borgmester@test.dk", **body_scope(world))
    publish(world.meeting)
    assert len(_to("borgmester@test.dk")) == 1
    MemberPreference.objects.create(user=member, member_agendas=False)
    mail.outbox.clear()
    publish(world.meeting, changed=True)
    # the address still subscribes by itself: one e-mail, the public's
    (only,) = _to("borgmester@test.dk")
    assert "abonnerer på Organ" in only.body


def test_unconfirmed_and_weekly_only_subscriptions_get_no_immediate_e_mail(world: ClusterWorld) -> None:
    from klynge.notifications.models import Subscription

    Subscription.objects.create(email="ubekraeftet@example.dk", **body_scope(world))
    Subscription.objects.create(
        email="ugentlig@example.dk",
        immediate=False,
        weekly=True,
        confirmed_at=world.meeting.history.first().history_date,
        **body_scope(world),
    )
    publish(world.meeting)
    assert mail.outbox == []


@pytest.mark.search_indexing
def test_a_saved_search_matches_only_what_its_reader_may_read(world: ClusterWorld, closed_item: Any) -> None:
    from klynge.notifications.models import Scope

    anonymous_subscription("leverandoer@example.dk", scope=Scope.SEARCH, search_query="leverandører")
    anonymous_subscription("forebyg@example.dk", scope=Scope.SEARCH, search_query="forebyggelse")
    editor = account("redaktoer@test.dk", Role.EDITOR, party=world.municipality)
    from klynge.notifications.models import Subscription

    Subscription.objects.create(
        user=editor,
        email=editor.email,
        confirmed_at=editor.date_joined,
        scope=Scope.SEARCH,
        search_query="leverandører",
    )
    publish(world.meeting)
    assert _to("leverandoer@example.dk") == []  # only the closed item matches: the public gets nothing
    assert len(_to("forebyg@example.dk")) == 1
    (editor_mail,) = _to("redaktoer@test.dk")
    assert CLOSED_TITLE in editor_mail.body


def test_the_topic_of_a_closed_item_alone_sends_the_public_nothing(
    world: ClusterWorld, closed_item: Any
) -> None:
    from klynge.notifications.models import Scope

    closed_item.topics.set([world.hospitals_topic])
    anonymous_subscription("sygehus@example.dk", scope=Scope.TOPIC, topic=world.hospitals_topic)
    anonymous_subscription("forebyg@example.dk", scope=Scope.TOPIC, topic=world.prevention_topic)
    publish(world.meeting)
    assert _to("sygehus@example.dk") == []
    assert len(_to("forebyg@example.dk")) == 1
