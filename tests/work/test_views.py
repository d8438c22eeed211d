import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klynge.bodies.models import BodyLevel
from klynge.bodies.services import body_create
from klynge.work.models import FollowUpResearchStatus, InitiativeStatus
from klynge.work.services import (
    follow_up_research_create,
    initiative_create,
    initiative_set_progress,
    trial_action_create,
)
from tests.factories import ClusterWorld
from tests.site.querycount import assert_fixed_queries


def test_focus_area_list(client: Client, world: ClusterWorld) -> None:
    html = client.get("/fokusomraader/").content.decode()
    assert f"/fokusomraader/{world.focus_area.slug}/" in html
    assert "Valgt" in html and "Sundhedsklynge Test" in html


def test_focus_area_page(client: Client, world: ClusterWorld) -> None:
    trial_action_create(focus_area=world.focus_area, position=3, named_in_source=False)
    follow_up_research_create(
        title="Følgeforskning i forebyggelse",
        status=FollowUpResearchStatus.CONSIDERED,
        focus_area=world.focus_area,
    )
    response = client.get(f"/fokusomraader/{world.focus_area.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Forebyggelse Test</h1>" in html
    assert "Sundhedsklynge Test" in html
    assert "Politisk sundhedsklynge Test, 28. november 2023" in html  # decided at
    assert "Forebyggelse" in html  # topic
    assert "Indsats Test" in html
    assert "Prøvehandling Test" in html
    assert "Prøvehandling 3 (ikke navngivet i kilden)" in html
    assert "Følgeforskning i forebyggelse" in html and "Mulighed undersøges" in html
    assert "2 mio. kr." in html
    assert "Kilde:" in html


def test_initiative_list_is_grouped_with_the_tree(client: Client, world: ClusterWorld) -> None:
    child = initiative_create(name="Delindsats Test", collaboration=world.cluster, parent=world.initiative)
    initiative_set_progress(initiative=child, progress=40)
    html = client.get("/indsatser/").content.decode()
    assert "Sundhedsklynge Test" in html
    assert "Godkendt" in html and "Foreslået" in html
    assert "--depth: 1" in html and "Delindsats Test" in html
    assert "40 %" in html and "(gennemsnit af delindsatser)" in html


def test_initiative_page(client: Client, world: ClusterWorld) -> None:
    first = initiative_create(name="Første del", collaboration=world.cluster, parent=world.initiative)
    second = initiative_create(name="Anden del", collaboration=world.cluster, parent=world.initiative)
    initiative_set_progress(initiative=first, progress=40)
    initiative_set_progress(initiative=second, progress=61)
    trial_action_create(
        focus_area=world.focus_area, position=2, named_in_source=False, initiative=world.initiative
    )
    follow_up_research_create(
        title="Evaluering af indsatsen", status=FollowUpResearchStatus.PLANNED, initiative=world.initiative
    )
    response = client.get(f"/indsatser/{world.initiative.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Indsats Test</h1>" in html
    assert "Sundhedsklynge Test" in html and "Forebyggelse Test" in html
    assert "Politisk sundhedsklynge Test, 28. november 2023" in html  # approved at
    assert "Første del" in html and "Anden del" in html
    assert "51 %" in html  # (40 + 61) / 2, rounded half up
    assert "Prøvehandling 2 (ikke navngivet i kilden)" in html
    assert "Evaluering af indsatsen" in html
    assert "Forebyggelse i Test" in html  # the agenda item it appeared on
    child_html = client.get(f"/indsatser/{first.slug}/").content.decode()
    assert "Indsats Test" in child_html and "40 %" in child_html


def test_initiative_decided_before_it_was_recorded(client: Client, world: ClusterWorld) -> None:
    initiative = initiative_create(
        name="Den gode overgang",
        collaboration=world.cluster,
        approved_by_body=world.political,
        status=InitiativeStatus.APPROVED,
    )
    html = client.get(f"/indsatser/{initiative.slug}/").content.decode()
    assert (
        "Politisk besluttet i" in html
        and "Politisk sundhedsklynge Test</a>; beslutningsmødet er ikke registreret" in html
    )


@pytest.mark.parametrize("url", ["/fokusomraader/findes-ikke/", "/indsatser/findes-ikke/"])
def test_unknown_slug_is_404(client: Client, world: ClusterWorld, url: str) -> None:
    assert client.get(url).status_code == 404


def test_a_fixed_number_of_queries(client: Client, world: ClusterWorld) -> None:
    body_create(collaboration=world.cluster, level=BodyLevel.ADMINISTRATIVE, name="Administrativ Test")
    assert_fixed_queries(
        client,
        {
            "/fokusomraader/": 3,
            f"/fokusomraader/{world.focus_area.slug}/": 10,
            "/indsatser/": 3,
            f"/indsatser/{world.initiative.slug}/": 8,
        },
        world=world,
    )


def _top_level_initiatives(world: ClusterWorld, count: int) -> None:
    for n in range(count):
        initiative_create(name=f"Indsats {n:03d}", collaboration=world.cluster)


def test_initiative_list_pages_through_top_level_initiatives_with_their_trees(
    client: Client, world: ClusterWorld
) -> None:
    _top_level_initiatives(world, 30)  # with the world's own: 31, so two pages of 25
    last = initiative_create(name="Åens indsats", collaboration=world.cluster)
    child = initiative_create(name="Delindsats af Å", collaboration=world.cluster, parent=last)
    initiative_set_progress(initiative=child, progress=70)

    first = client.get("/indsatser/").content.decode()
    assert "32 indsatser på øverste niveau, 1–25 vises her med deres delindsatser." in first
    assert "Indsats 000" in first and "Åens indsats" not in first
    assert "Side 1 af 2" in first and 'href="?side=2"' in first and "Forrige side" not in first

    second = client.get("/indsatser/?side=2").content.decode()
    assert "Indsats 000" not in second and "Åens indsats" in second
    # What lies below a top-level initiative comes with it, with the progress rolled up from it.
    assert "Delindsats af Å" in second and "70 %" in second
    assert "Næste side" not in second and 'href="?side=1"' in second


@pytest.mark.parametrize("side", ["abc", "0", "-1", "3", "999"])
def test_initiative_list_answers_a_page_it_does_not_have_with_a_clear_404(
    client: Client, world: ClusterWorld, side: str
) -> None:
    _top_level_initiatives(world, 30)
    response = client.get(f"/indsatser/?side={side}")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Listen har ikke den side, du bad om: den har 2 sider" in html
    assert 'href="/indsatser/"' in html


def test_initiative_list_costs_the_same_with_ten_times_the_initiatives(
    client: Client, world: ClusterWorld
) -> None:
    _top_level_initiatives(world, 5)
    with CaptureQueriesContext(connection) as few:
        client.get("/indsatser/")
    for n in range(60):
        parent = initiative_create(name=f"Mere {n:03d}", collaboration=world.cluster)
        initiative_create(name=f"Mere {n:03d} del", collaboration=world.cluster, parent=parent)
    with CaptureQueriesContext(connection) as many:
        html = client.get("/indsatser/").content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    # 66 top-level initiatives: a page shows 25 of them, each with what lies below it.
    assert "Side 1 af 3" in html
    assert html.count('class="tree-cell"') <= 2 * 25
