"""Permission matrix: a closed agenda item and its decision, for every role, on every page that shows items.

Admins see it; an editor whose party takes part sees it; a member who sits in the body sees it.
The public, an editor of another party and a member of another body do not — not even as a count.
"""

from functools import partial

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.meetings.access import restrict_to_visible, visible_agenda_items
from klynge.meetings.models import AgendaItem, AgendaItemKind, DecisionKind
from klynge.meetings.services import decision_create
from klynge.provenance.selectors import source_usage
from tests.factories import ClusterWorld, build_cluster, linked_agenda_item

CLOSED_TITLE = "Fortroligt punkt om budget"
CLOSED_DECISION = "Fortrolig beslutning om budget"


@pytest.fixture
def closed_world(world: ClusterWorld) -> ClusterWorld:
    item = linked_agenda_item(
        meeting=world.meeting,
        title=CLOSED_TITLE,
        kind=AgendaItemKind.DECISION,
        is_public=False,
        topics=[world.prevention_topic],
        focus_areas=[world.focus_area],
        initiatives=[world.initiative],
    )
    decision_create(agenda_item=item, kind=DecisionKind.COORDINATION, text=CLOSED_DECISION)
    return world


def client_for(role: str, world: ClusterWorld) -> Client:
    client = Client()
    if role == "anonymous":
        return client
    other = build_cluster("Anden")
    kwargs = {
        "admin": {"role": Role.ADMIN},
        "editor_participating": {"role": Role.EDITOR, "party": world.municipality},
        "editor_other_party": {"role": Role.EDITOR, "party": other.municipality},
        "member_in_body": {"role": Role.MEMBER, "person": world.mayor},
        "member_elsewhere": {"role": Role.MEMBER, "person": other.mayor},
    }[role]
    user, _ = account_create(email=f"{role.replace('_', '-')}@test.dk", password="x", **kwargs)  # type: ignore[arg-type]
    client.force_login(get_user_model().objects.get(pk=user.pk))
    return client


SEES = {
    "anonymous": False,
    "admin": True,
    "editor_participating": True,
    "editor_other_party": False,
    "member_in_body": True,
    "member_elsewhere": False,
}


@pytest.mark.parametrize("role", list(SEES))
def test_closed_item_visibility_on_every_page(closed_world: ClusterWorld, role: str) -> None:
    world = closed_world
    client = client_for(role, world)
    pages = {
        "forside": "/",
        "møde": f"/moeder/{world.meeting.pk}/",
        "indsats": f"/indsatser/{world.initiative.slug}/",
        "fokusområde": f"/fokusomraader/{world.focus_area.slug}/",
        "udvalg": f"/udvalg/{world.municipality.committees.get().slug}/",
        "udvalgets møder": f"/udvalg/{world.municipality.committees.get().slug}/moeder/",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        html = response.content.decode()
        shown = CLOSED_TITLE in html or CLOSED_DECISION in html
        assert shown == SEES[role] or (
            name in ("indsats", "fokusområde", "udvalg", "forside") and not shown
        ), (
            role,
            name,
        )
        if not SEES[role]:
            assert CLOSED_TITLE not in html and CLOSED_DECISION not in html, (role, name)
    meeting_page = client.get(f"/moeder/{world.meeting.pk}/").content.decode()
    assert (CLOSED_TITLE in meeting_page) == SEES[role]
    # The agenda count in meeting lists counts only what the viewer may see: 1 public item, +1 closed.
    listing = client.get("/moeder/", {"organ": world.political.slug}).content.decode()
    row = listing.split(f"/moeder/{world.meeting.pk}/")[1].split("</tr>")[0]
    assert f">{2 if SEES[role] else 1}</td>" in row.replace(" ", ""), (role, row)


def test_source_pages_count_closed_items_only_for_those_who_may_see_them(
    closed_world: ClusterWorld,
    admin_user,
) -> None:
    AgendaItem.objects.filter(title=CLOSED_TITLE).update(source=closed_world.source)
    closed_world.agenda_item.source = closed_world.source
    closed_world.agenda_item.save()

    def items_counted(user) -> int:
        usage = source_usage(
            source=closed_world.source,
            restrict=partial(restrict_to_visible, visible=visible_agenda_items(user)),
        )
        return next((u.count for u in usage if u.label == "dagsordenspunkter"), 0)

    assert items_counted(AnonymousUser()) == 1
    assert items_counted(admin_user) == 2
