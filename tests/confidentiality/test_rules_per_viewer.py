"""The closed-item rule is compiled to SQL once per party or person and kept in the process
(klynge.kernel.compiled, klynge.search's rule per viewer key): whoever asks after whom, each viewer gets
their own rule, and a rule kept from before a change reads the change when it runs.

The agenda is public, closed, public (test_numbering). Each viewer's requests, one after another in this
process, must show the closed item exactly to those who may read it: on the meeting page, in the item count
of the cluster page's meeting list, in the API's meeting and in search.
"""

import datetime

from django.test import Client

from klynge.accounts.models import Account, Role
from klynge.bodies.services import membership_update, participation_set
from tests.clients import administrator, editor_of, logged_in, member_as
from tests.confidentiality.test_numbering import (
    CLOSED,
    Agenda,
    agenda_public_closed_public,
    meeting_row_count,
)
from tests.databases import built_once_per_module
from tests.site.querycount import forget_cached_pages

module_agenda, agenda = built_once_per_module("agenda", agenda_public_closed_public)


def sees_closed(client: Client, agenda: Agenda) -> bool:
    """Whether the viewer reads the closed item; every channel asked must agree."""
    meeting = agenda.meeting
    page = client.get(f"/moeder/{meeting.pk}/")
    cluster = client.get(f"/samarbejder/{agenda.world.cluster.slug}/")
    api = client.get(f"/api/v1/meetings/{meeting.pk}")
    found = client.get("/api/v1/search?q=budgetforhandlingen")
    assert page.status_code == cluster.status_code == api.status_code == found.status_code == 200
    seen = {
        "meeting page": CLOSED in page.content.decode(),
        "cluster page's meeting list": meeting_row_count(cluster.content.decode(), meeting) == 3,
        "API": CLOSED in [item["title"] for item in api.json()["agenda_items"]],
        "search": CLOSED in [hit["title"] for hit in found.json()["items"]],
    }
    assert len(set(seen.values())) == 1, seen
    return seen["meeting page"]


def test_viewers_asking_one_after_another_each_get_their_own_rule(agenda: Agenda) -> None:
    world, other = agenda.world, agenda.other
    deputy = world.mayor_membership.substitutions.get().substitute
    viewers = {
        "participating editor": (editor_of(world.municipality), True),
        "the region's editor (takes part too)": (editor_of(world.region), True),
        "other party's editor": (editor_of(other.municipality), False),
        "member of the body": (member_as(world.mayor), True),
        "the member's substitute": (member_as(deputy), True),
        "member elsewhere": (member_as(other.mayor), False),
        "administrator": (administrator(), True),
        "anonymous": (Client(), False),
    }
    # Each in turn, then again in the opposite order: a rule kept for one is never served to the next.
    for name, (client, expected) in [*viewers.items(), *reversed(viewers.items())]:
        assert sees_closed(client, agenda) is expected, name


def test_an_editor_whose_party_changes_gets_the_new_partys_rule_at_the_next_request(agenda: Agenda) -> None:
    world, other = agenda.world, agenda.other
    outsider, insider = editor_of(other.municipality), editor_of(world.municipality, email="in@test.dk")
    moving = editor_of(world.municipality, email="moving@test.dk")
    assert sees_closed(outsider, agenda) is False and sees_closed(insider, agenda) is True
    assert sees_closed(moving, agenda) is True
    # An administrator moves the account to the other party (as in the admin), then back.
    Account.objects.filter(user__email="moving@test.dk").update(party=other.municipality)
    assert sees_closed(moving, agenda) is False
    assert sees_closed(insider, agenda) is True
    Account.objects.filter(user__email="moving@test.dk").update(party=world.municipality)
    assert sees_closed(moving, agenda) is True
    assert sees_closed(outsider, agenda) is False


def test_a_role_change_takes_the_rule_of_the_new_role(agenda: Agenda) -> None:
    world, other = agenda.world, agenda.other
    client = logged_in(email="roles@test.dk", role=Role.EDITOR, party=world.municipality)
    assert sees_closed(client, agenda) is True
    account = Account.objects.filter(user__email="roles@test.dk")
    account.update(role=Role.MEMBER, party=None, person=other.mayor)
    assert sees_closed(client, agenda) is False
    account.update(person=world.mayor)
    assert sees_closed(client, agenda) is True
    account.update(role=Role.EDITOR, party=other.municipality, person=None)
    assert sees_closed(client, agenda) is False
    account.update(role=Role.ADMIN, party=None)
    assert sees_closed(client, agenda) is True


def test_a_kept_rule_reads_participations_and_memberships_as_they_are_now(agenda: Agenda) -> None:
    world, other = agenda.world, agenda.other
    joining, mayor = editor_of(other.municipality), member_as(world.mayor)
    assert sees_closed(joining, agenda) is False and sees_closed(mayor, agenda) is True
    # The other municipality takes part in the cluster from before the meeting: its editors read it.
    participation_set(collaboration=world.cluster, party=other.municipality, start=datetime.date(2023, 1, 1))
    assert sees_closed(joining, agenda) is True
    # ... and then only from after the meeting was held: no longer.
    participation_set(
        collaboration=world.cluster,
        party=other.municipality,
        start=world.meeting.date + datetime.timedelta(1),
    )
    assert sees_closed(joining, agenda) is False
    # The mayor left the body before the meeting: no longer (nor their substitute, whose period ends too).
    membership = world.mayor_membership
    membership_update(
        membership=membership,
        role=membership.role,
        title=membership.title,
        start=membership.start,
        end=world.meeting.date - datetime.timedelta(1),
    )
    forget_cached_pages()
    assert sees_closed(mayor, agenda) is False
    assert sees_closed(Client(), agenda) is False
