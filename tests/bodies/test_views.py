import pytest
from django.test import Client

from klynge.work.services import fund_create
from tests.factories import ClusterWorld
from tests.site.querycount import assert_fixed_queries


def test_collaboration_list(client: Client, world: ClusterWorld) -> None:
    html = client.get("/samarbejder/").content.decode()
    assert "Sundhedsklynge" in html
    assert f"/samarbejder/{world.cluster.slug}/" in html
    assert f"/organer/{world.political.slug}/" in html


def test_collaboration_page(client: Client, world: ClusterWorld) -> None:
    response = client.get(f"/samarbejder/{world.cluster.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Sundhedsklynge Test</h1>" in html
    assert "1. juli 2022 – 31. december 2026" in html
    assert "Test Hospital" in html
    # Catchment: the area whose current rule points to the cluster's hospital.
    assert "Test Kommune" in html and "Alle specialer" in html
    # Parties, bodies per level with members, substitutes and seats.
    assert "PLO Test" in html
    assert "Politisk sundhedsklynge Test" in html and "Faglig sundhedsklynge Test" in html
    assert f'id="{world.political.slug}"' in html  # every body has an anchor
    assert "Borgmester Test" in html and "Medformand" in html and "borgmester" in html
    assert "Stedfortræder Test" in html and "forebyggelse" in html
    assert "1 af 2" in html  # two seats, one filled
    # Work, money and meetings.
    assert "Forebyggelse Test" in html
    assert "Indsats Test" in html and "Godkendt" in html
    assert "3 mio. kr." in html and "2 mio. kr." in html and "1 mio. kr." in html
    assert "28. november 2023" in html
    assert "Kilde:" in html and "/kilder/test/" in html


def test_fund_with_unknown_total(client: Client, world: ClusterWorld) -> None:
    fund_create(body=world.political, year=2024, name="Klyngemidler 2024")
    html = client.get(f"/organer/{world.political.slug}/").content.decode()
    assert "Klyngemidler 2024" in html
    assert "ikke oplyst" in html


def test_body_page(client: Client, world: ClusterWorld) -> None:
    response = client.get(f"/organer/{world.political.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Politisk sundhedsklynge Test</h1>" in html
    assert "Politisk niveau" in html
    assert "Borgmester Test" in html and "Stedfortræder Test" in html
    assert "Test Kommune" in html
    assert "Klyngemidler Test 2023" in html and "2 mio. kr." in html
    assert f"/moeder/{world.meeting.pk}/" in html
    assert f"/samarbejder/{world.cluster.slug}/" in html  # breadcrumb back to the collaboration


@pytest.mark.parametrize("url", ["/samarbejder/findes-ikke/", "/organer/findes-ikke/"])
def test_unknown_slug_is_404(client: Client, world: ClusterWorld, url: str) -> None:
    assert client.get(url).status_code == 404


def test_a_fixed_number_of_queries(client: Client, world: ClusterWorld) -> None:
    assert_fixed_queries(
        client,
        {
            "/samarbejder/": 6,
            f"/samarbejder/{world.cluster.slug}/": 19,
            f"/organer/{world.political.slug}/": 10,
        },
        world=world,
    )


def test_a_collaborations_administrations_and_hospitals_are_shown_by_name_in_as_many_queries(
    client: Client, world: ClusterWorld
) -> None:
    """The page shows its administrations' and hospitals' names (read without their parties and sources):
    however many there are, the queries stay the same (one hospital or more: the catchment is read)."""
    from klynge.bodies.models import CollaborationKind
    from klynge.bodies.services import collaboration_create
    from klynge.catchment.services import hospital_create
    from klynge.organisation.services import administration_create
    from tests.site.querycount import queries_for

    bare = collaboration_create(
        name="Sekretariat Tom", kind=CollaborationKind.SECRETARIAT, hospitals=[world.hospital]
    )
    administrations = [
        administration_create(party=world.municipality, name="Sundhed & Omsorg", abbreviation="SOF"),
        administration_create(party=world.region, name="Koncern Plan", abbreviation="KP"),
    ]
    full = collaboration_create(
        name="Sekretariat Fuld",
        kind=CollaborationKind.SECRETARIAT,
        administrations=administrations,
        hospitals=[world.hospital, hospital_create(name="Andet Hospital", region=world.region)],
        spans=[world.cluster],
    )
    html = client.get(f"/samarbejder/{full.slug}/").content.decode()
    assert "Sundhed &amp; Omsorg (SOF)<br>Koncern Plan (KP)" in html or "Koncern Plan (KP)<br>Sundhed" in html
    assert "Andet Hospital<br>Test Hospital" in html
    assert queries_for(client, f"/samarbejder/{full.slug}/") == queries_for(
        client, f"/samarbejder/{bare.slug}/"
    )


def test_the_collaboration_page_counts_every_initiative_and_shows_the_ten_newest(
    client: Client, world: ClusterWorld
) -> None:
    """The numbers come with the newest top-level initiatives: counted over all of the collaboration's,
    not the ten shown (and apart, for a collaboration without any)."""
    from klynge.work.models import Initiative
    from klynge.work.services import initiative_create

    for n in range(12):
        parent = initiative_create(name=f"Ny indsats {n:02}", collaboration=world.cluster)
        if n % 4 == 0:
            initiative_create(name=f"Delindsats {n:02}", collaboration=world.cluster, parent=parent)
    total = Initiative.objects.filter(collaboration=world.cluster).count()
    top_level = Initiative.objects.filter(collaboration=world.cluster, parent__isnull=True).count()
    assert total > top_level > 10
    html = client.get(f"/samarbejder/{world.cluster.slug}/").content.decode()
    assert (
        f"<p>{total} indsatser i alt, heraf {top_level} på øverste niveau. Her vises de 10 nyeste med deres "
        "delindsatser.</p>"
    ) in html
    assert "Ny indsats 11" in html and "Ny indsats 01" not in html
