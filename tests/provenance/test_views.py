import pytest
from django.test import Client

from tests.factories import ClusterWorld
from tests.site.querycount import assert_fixed_queries


def test_source_list(client: Client, world: ClusterWorld) -> None:
    html = client.get("/kilder/").content.decode()
    assert "Testdata" in html and "/kilder/test/" in html
    assert "Eksempeldata (ikke rigtige tal)" in html


def test_source_page_lists_what_rests_on_it(client: Client, world: ClusterWorld) -> None:
    response = client.get("/kilder/test/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Testdata</h1>" in html
    assert "Eksempeldata" in html
    assert "Samarbejder" in html and "Møder" in html and "Parter" in html
    assert f"/samarbejder/{world.cluster.slug}/" in html
    assert f"/moeder/{world.meeting.pk}/" in html


def test_every_record_page_shows_its_source(client: Client, world: ClusterWorld) -> None:
    pages = [
        f"/samarbejder/{world.cluster.slug}/",
        f"/organer/{world.political.slug}/",
        f"/moeder/{world.meeting.pk}/",
        f"/fokusomraader/{world.focus_area.slug}/",
        f"/indsatser/{world.initiative.slug}/",
        f"/personer/{world.mayor.slug}/",
        f"/parter/{world.municipality.slug}/",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert 'Kilde: <a href="/kilder/test/">Testdata</a>' in html, url


@pytest.mark.django_db
def test_unknown_source_is_404(client: Client) -> None:
    assert client.get("/kilder/findes-ikke/").status_code == 404


def test_a_fixed_number_of_queries(client: Client, world: ClusterWorld) -> None:
    assert_fixed_queries(client, {"/kilder/": 2, "/kilder/test/": 10}, world=world)
