"""Picking one record among many (klynge.site.pickers): a focus area's agenda item (`decided_at`), an
initiative's parent and a body's new member or substitute are picked by search, not from a <select> of every record. The search page (/vaelg/…,
a list as the user types with HTMX, a page of its own without JavaScript) offers only what the user may
pick, at most 20 matches; the form submits the record's number and validates it as before; the form pages
and the search cost the same with ten times the data."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klynge.bodies.models import Membership
from klynge.meetings.models import AgendaItem, AgendaItemKind
from klynge.meetings.services import agenda_item_create, meeting_create
from klynge.organisation.services import person_create
from klynge.work.models import FocusArea, FocusAreaStatus, Initiative
from klynge.work.services import focus_area_create, initiative_create
from tests.clients import administrator, editor_of, member_as
from tests.factories import ClusterWorld, build_cluster
from tests.site.querycount import forget_cached_pages

CLOSED = "Lukket punkt om prioriteringer"
HTMX = {"HTTP_HX_REQUEST": "true"}
ITEMS = "/vaelg/dagsordenspunkter/"
INITIATIVES = "/vaelg/indsatser/"


@pytest.fixture
def editor(world: ClusterWorld) -> Client:
    return editor_of(world.municipality)


@pytest.fixture
def closed(world: ClusterWorld) -> tuple[AgendaItem, FocusArea]:
    item = agenda_item_create(
        meeting=world.meeting, title=CLOSED, kind=AgendaItemKind.DECISION, is_public=False
    )
    focus_area = focus_area_create(
        name="Lukket valgt fokusområde",
        collaborations=[world.cluster],
        status=FocusAreaStatus.ADOPTED,
        decided_at=item,
    )
    return item, focus_area


def html(client: Client, url: str, **headers: str) -> str:
    response = client.get(url, **headers)  # type: ignore[arg-type]
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return str(response.content.decode())


def counted(client: Client, url: str, **headers: str) -> tuple[int, int]:
    """The queries and the bytes of a page (after a first request, so one-off lookups do not count)."""
    client.get(url, **headers)  # type: ignore[arg-type]
    forget_cached_pages()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **headers)  # type: ignore[arg-type]
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(context.captured_queries), len(response.content)


def grow(world: ClusterWorld, count: int) -> None:
    """More agenda items and initiatives in the world's own cluster, and a cluster more around it."""
    build_cluster(f"Vækst{count}")
    meeting = meeting_create(body=world.political, date=datetime.date(2024, 5, 1))
    for n in range(count):
        agenda_item_create(meeting=meeting, title=f"Punkt om vækst {n}", kind=AgendaItemKind.DECISION)
        initiative_create(name=f"Indsats om vækst {n}", collaboration=world.cluster)


# ---------------------------------------------------------------------------------------------
# Who may search, and what they find


def test_the_search_is_for_editors_as_the_forms_are(world: ClusterWorld) -> None:
    member = member_as(world.mayor)
    for url in (ITEMS, INITIATIVES, f"{INITIATIVES}?indsats={world.initiative.slug}"):
        assert Client().get(url).status_code == 302, url
        assert member.get(url).status_code == 403, url
    assert editor_of(world.municipality).get("/vaelg/noget-andet/").status_code == 404


def test_an_initiative_the_editor_may_not_change_gives_no_search(world: ClusterWorld) -> None:
    outsider = editor_of(build_cluster("Anden").municipality)
    assert outsider.get(f"{INITIATIVES}?indsats={world.initiative.slug}").status_code == 403
    assert outsider.get(f"{INITIATIVES}?indsats=findes-ikke").status_code == 404


def test_the_editor_finds_the_items_they_may_see_by_words_and_number(
    world: ClusterWorld, editor: Client, closed: tuple[AgendaItem, FocusArea]
) -> None:
    item, _ = closed
    for url in (f"{ITEMS}?q=lukket+prioriteringer", f"{ITEMS}?q={item.pk}", f"{ITEMS}?q=nr.+{item.pk}"):
        found = html(editor, url, **HTMX)
        assert f'data-pick="{item.pk}"' in found and CLOSED in found, url
    assert "Ingen dagsordenspunkter passer" in html(editor, f"{ITEMS}?q=lukket+ukendt", **HTMX)


def test_a_closed_item_of_another_partys_collaboration_never_appears(
    world: ClusterWorld, closed: tuple[AgendaItem, FocusArea]
) -> None:
    item, focus_area = closed
    other = build_cluster("Anden")
    focus_area.collaborations.add(other.cluster)  # the other party's editor may change the focus area
    outsider = editor_of(other.municipality)
    for url in (ITEMS, f"{ITEMS}?q=lukket", f"{ITEMS}?q={item.pk}", f"{ITEMS}?q=prioriteringer"):
        for headers in ({}, HTMX):
            found = html(outsider, url, **headers)
            assert CLOSED not in found and f'data-pick="{item.pk}"' not in found, url
            assert f"(nr. {item.pk})" not in found, url
    # The focus area's own form keeps the item, without its title.
    form = html(outsider, f"/fokusomraader/{focus_area.slug}/rediger/")
    assert CLOSED not in form
    assert "Et lukket dagsordenspunkt, som du ikke har adgang til at se (uændret)" in form
    # Typing the closed item's number does not reveal it either.
    refused = outsider.post(
        f"/fokusomraader/{focus_area.slug}/rediger/",
        {
            "name": "Ændret",
            "collaborations": [other.cluster.pk],
            "status": "adopted",
            "decided_at": item.pk + 1000,
        },
    ).content.decode()
    assert CLOSED not in refused


def test_the_page_without_javascript_lists_the_numbers(world: ClusterWorld, editor: Client) -> None:
    page = html(editor, f"{INITIATIVES}?q=indsats")
    assert "<h1>Find indsats</h1>" in page
    assert f'{world.initiative.name} <span class="form-hint">(nr. {world.initiative.pk})</span>' in page
    assert "data-pick=" not in page  # nothing to click without the form: the number is typed in
    kept = html(editor, f"{INITIATIVES}?indsats={world.initiative.slug}&q=x")
    assert f'<input type="hidden" name="indsats" value="{world.initiative.slug}">' in kept


def test_an_edited_initiative_is_not_offered_as_its_own_parent(world: ClusterWorld, editor: Client) -> None:
    sibling = initiative_create(name="Indsats Søster", collaboration=world.cluster)
    found = html(editor, f"{INITIATIVES}?indsats={world.initiative.slug}&q=indsats", **HTMX)
    assert f'data-pick="{sibling.pk}"' in found
    assert f'data-pick="{world.initiative.pk}"' not in found
    form = html(editor, f"/indsatser/{world.initiative.slug}/rediger/")
    assert f'hx-get="{INITIATIVES}?indsats={world.initiative.slug}"' in form


# ---------------------------------------------------------------------------------------------
# The forms


def test_the_form_saves_the_picked_item(world: ClusterWorld, editor: Client) -> None:
    form = html(editor, "/fokusomraader/ny/")
    assert f'hx-get="{ITEMS}"' in form and 'aria-live="polite"' in form
    assert "<option" not in form.split('name="decided_at"')[0].rsplit('<div class="form-group', 1)[1]
    response = editor.post(
        "/fokusomraader/ny/",
        {
            "name": "Valgt ved søgning",
            "collaborations": [world.cluster.pk],
            "status": "adopted",
            "decided_at": str(world.agenda_item.pk),
        },
    )
    assert response.status_code == 302
    created = FocusArea.objects.get(name="Valgt ved søgning")
    assert created.decided_at == world.agenda_item
    shown = html(editor, f"/fokusomraader/{created.slug}/rediger/")
    assert f'name="decided_at" value="{world.agenda_item.pk}"' in shown
    assert world.agenda_item.title in shown


@pytest.mark.parametrize("typed", ["999999", "abc", "-1", "1.5", "99999999999999999999"])
def test_a_bad_number_gives_the_danish_error(world: ClusterWorld, editor: Client, typed: str) -> None:
    item_data = {
        "name": "Forkert",
        "collaborations": [world.cluster.pk],
        "status": "adopted",
        "decided_at": typed,
    }
    response = editor.post("/fokusomraader/ny/", item_data)
    assert response.status_code == 422
    assert "Vælg et dagsordenspunkt fra listen." in response.content.decode()
    parent_data = {"name": "Forkert", "collaboration": world.cluster.pk, "parent": typed}
    response = editor.post("/indsatser/ny/", parent_data)
    assert response.status_code == 422
    assert "Vælg del af fra listen." in response.content.decode()
    assert not FocusArea.objects.filter(name="Forkert").exists()
    assert not Initiative.objects.filter(name="Forkert").exists()


def test_the_initiative_form_saves_the_picked_parent(world: ClusterWorld, editor: Client) -> None:
    response = editor.post(
        "/indsatser/ny/",
        {"name": "Delindsats", "collaboration": world.cluster.pk, "parent": world.initiative.pk},
    )
    assert response.status_code == 302
    child = Initiative.objects.get(name="Delindsats")
    assert child.parent == world.initiative
    form = html(editor, f"/indsatser/{child.slug}/rediger/")
    assert f'name="parent" value="{world.initiative.pk}"' in form
    assert f"<strong data-picker-chosen>{world.initiative.name}</strong>" in form


# ---------------------------------------------------------------------------------------------
# Bounded


FORMS = ["/fokusomraader/ny/", "/indsatser/ny/"]


def test_the_forms_and_the_search_cost_the_same_with_ten_times_the_data(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    admin = administrator()
    focus_area = world.focus_area
    focus_area_create(name="x", collaborations=[world.cluster], status=FocusAreaStatus.ADOPTED)
    pages = [
        *FORMS,
        f"/fokusomraader/{focus_area.slug}/rediger/",
        f"/indsatser/{world.initiative.slug}/rediger/",
    ]
    searches = [
        f"{ITEMS}?q=punkt",
        f"{INITIATIVES}?q=indsats",
        f"{INITIATIVES}?indsats={world.initiative.slug}",
    ]
    grow(world, 3)
    before = {url: counted(editor, url) for url in pages}
    before_admin = {url: counted(admin, url)[0] for url in pages}
    before_search = {url: counted(client, url, **HTMX)[0] for url in searches for client in (editor, admin)}
    grow(world, 30)
    assert {url: counted(editor, url) for url in pages} == before  # queries and bytes
    assert {url: counted(admin, url)[0] for url in pages} == before_admin
    assert {
        url: counted(client, url, **HTMX)[0] for url in searches for client in (editor, admin)
    } == before_search
    many = html(editor, f"{ITEMS}?q=vækst", **HTMX)
    assert many.count("data-pick=") == 20 and "De første 20 dagsordenspunkter" in many
    assert html(admin, f"{INITIATIVES}?q=vækst").count("(nr. ") == 20


# ---------------------------------------------------------------------------------------------
# People (a body's members and their substitutes)


def test_people_are_searched_by_editors_only(world: ClusterWorld) -> None:
    member = member_as(world.mayor)
    for url in ("/vaelg/personer/", f"/vaelg/personer/?uden={world.mayor.pk}&q=test"):
        assert Client().get(url).status_code == 302, url
        assert member.get(url).status_code == 403, url
    found = html(editor_of(world.municipality), f"/vaelg/personer/?q={world.mayor.pk}", **HTMX)
    assert f'data-pick="{world.mayor.pk}"' in found


def test_a_member_is_added_by_the_picked_number_and_a_bad_one_is_refused(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    alderman = person_create(name="Rådmand Søg", party=world.municipality)
    url = f"/organer/{world.political.slug}/medlemmer/ny/"
    data = {"party": world.municipality.pk, "role": "member", "title": "", "start": "2024-01-01", "end": ""}
    for typed in ("999999", "abc", ""):
        refused = editor.post(url, {**data, "person": typed})
        assert refused.status_code in (200, 422), typed
        message = "Vælg en person." if typed == "" else "Vælg en af mulighederne på listen."
        assert message in refused.content.decode(), typed
    assert editor.post(url, {**data, "person": alderman.pk}).status_code == 302
    assert Membership.objects.filter(person=alderman, body=world.political).exists()
    # Nobody substitutes for themselves: the member's own number is refused.
    substitute_url = f"/medlemskaber/{world.mayor_membership.pk}/stedfortraedere/ny/"
    refused = editor.post(substitute_url, {"substitute": world.mayor.pk, "start": "2024-01-01", "end": ""})
    assert "Vælg en af mulighederne på listen." in refused.content.decode()


def test_the_people_forms_cost_the_same_with_ten_times_the_people(world: ClusterWorld) -> None:
    editor = editor_of(world.municipality)
    pages = [
        f"/organer/{world.political.slug}/medlemmer/ny/",
        f"/medlemskaber/{world.mayor_membership.pk}/stedfortraedere/ny/",
    ]
    search = f"/vaelg/personer/?uden={world.mayor.pk}&q=person"
    for n in range(3):
        person_create(name=f"Person {n}", party=world.general_practice)
    before = {url: counted(editor, url) for url in pages}
    before_search = counted(editor, search, **HTMX)[0]
    for n in range(3, 30):
        person_create(name=f"Person {n}", party=world.general_practice)
    assert {url: counted(editor, url) for url in pages} == before
    assert counted(editor, search, **HTMX)[0] == before_search
    assert html(editor, search, **HTMX).count("data-pick=") == 20


# ---------------------------------------------------------------------------------------------
# A trial action's initiative


def test_a_trial_actions_initiative_is_searched_among_the_focus_areas_collaborations(
    world: ClusterWorld, editor: Client
) -> None:
    other = build_cluster("Anden")
    url = f"/fokusomraader/{world.focus_area.slug}/proevehandlinger/ny/"
    search = f"{INITIATIVES}?fokusomraade={world.focus_area.slug}"
    assert f'hx-get="{search}"' in html(editor, url)
    found = html(editor, f"{search}&q=indsats", **HTMX)
    assert f'data-pick="{world.initiative.pk}"' in found and f'data-pick="{other.initiative.pk}"' not in found
    assert editor_of(other.municipality).get(search).status_code == 403
    assert editor.get(f"{INITIATIVES}?fokusomraade=findes-ikke").status_code == 404
    refused = editor.post(url, {"name": "Prøve", "initiative": other.initiative.pk})
    assert "Vælg indsats fra listen." in refused.content.decode()
    assert editor.post(url, {"name": "Prøve", "initiative": world.initiative.pk}).status_code == 302
    assert world.focus_area.trial_actions.get(name="Prøve").initiative == world.initiative


# ---------------------------------------------------------------------------------------------
# A decision's allocation to an initiative


def test_a_decisions_initiative_is_searched_among_the_items_collaborations(
    world: ClusterWorld, editor: Client, closed: tuple[AgendaItem, FocusArea]
) -> None:
    item, _ = closed
    other = build_cluster("Anden")
    url = f"/punkter/{world.agenda_item.pk}/beslutninger/ny/"
    search = f"{INITIATIVES}?punkt={world.agenda_item.pk}"
    assert f'hx-get="{search}"' in html(editor, url)
    found = html(editor, f"{search}&q=indsats", **HTMX)
    assert f'data-pick="{world.initiative.pk}"' in found and f'data-pick="{other.initiative.pk}"' not in found
    outsider = editor_of(other.municipality)
    assert outsider.get(search).status_code == 403  # not their meeting
    assert outsider.get(f"{INITIATIVES}?punkt={item.pk}").status_code == 404  # a closed item they may not see
    for bad in ("999999", "abc", ""):
        assert editor.get(f"{INITIATIVES}?punkt={bad}").status_code == 404, bad
    decision = {"kind": "joint", "text": "Bevilget.", "fund": world.fund.pk, "amount": "1.000"}
    refused = editor.post(url, {**decision, "initiative": other.initiative.pk})
    assert refused.status_code == 422
    assert editor.post(url, {**decision, "initiative": world.initiative.pk}).status_code == 302
