"""The portal with the demo: anonymous visitors see the demo's real facts."""

import pytest
from django.test import Client

pytestmark = pytest.mark.usefixtures("demo_loaded")

BYEN = "/foelg/sundhedsklynge-byen/"


def page(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.mark.django_db
def test_overview_shows_every_cluster_and_the_ssu_with_their_figures() -> None:
    html = page("/foelg/")
    for name in ("Sundhedsklynge Byen", "Sundhedsklynge Syd", "Sundhedsklynge Bornholm", "(SSU)"):
        assert name in html
    assert "KK-klyngesekretariatet" not in html  # staff, not a collaboration that decides
    assert "Følg klyngerne" in html and "Om tallene" in html
    # Byen: two approved initiatives, 3,4 mio. kr. allocated from a fund whose total is not known.
    assert f'href="{BYEN}?status=approved#indsatser">2 godkendt</a>' in html
    assert "3,4 mio. kr." in html and "ikke oplyst" in html
    # Syd: four initiatives decided before the records began.
    assert 'href="/foelg/sundhedsklynge-syd/?status=approved#indsatser">4 godkendt</a>' in html


@pytest.mark.django_db
def test_byen_shows_its_initiatives_decisions_and_what_the_money_went_to() -> None:
    html = page(BYEN)
    assert "Samarbejde mellem socialtandplejen og Flexklinikken" in html
    assert "Samarbejde om socialt udsatte borgere med rusmiddelproblematik" in html
    assert '<span class="badge badge-info">Godkendt</span>' in html
    assert "Socialt udsatte borgeres somatiske sygdom" in html
    assert "6 prøvehandlinger" in html
    # The decisions with their meeting date, and the two allocations: 2 mio. kr. and 1,4 mio. kr.
    assert "28. november 2023" in html
    assert "Der er afsat 2 mio. kr. i klyngemidler til fokusområdet." in html
    assert ">2 mio. kr.</td>" in html and ">1,4 mio. kr.</td>" in html
    assert "Fokusområde: <a" in html and "Træning før eller i stedet for operation" in html
    # The fund's total is not in the sources: the total and the rest are unknown, not invented.
    assert "Klyngemidler Sundhedsklynge Byen 2023" in html
    assert "Ramme ikke oplyst, bevilget 3,4 mio. kr., rest ikke oplyst" in html
    # Sources per record, and where the numbers come from.
    assert "Status på sundhedsklynger" in html and "Om tallene" in html


@pytest.mark.django_db
def test_filter_by_topic() -> None:
    tandpleje = ">Samarbejde mellem socialtandplejen og Flexklinikken</a>"  # its row in the tree
    html = page(f"{BYEN}?emne=socialt-udsatte")
    assert tandpleje in html
    assert "om emnet »Socialt udsatte«" in html
    html = page(f"{BYEN}?emne=boern-og-unge")
    assert tandpleje not in html
    assert "Ingen indsatser passer til filteret." in html


@pytest.mark.django_db
def test_filter_by_status_in_syd() -> None:
    html = page("/foelg/sundhedsklynge-syd/?status=approved")
    for name in ("Den gode overgang", "Tværsektoriel indsats om overvægt", "Den gode start på livet"):
        assert name in html
    html = page("/foelg/sundhedsklynge-syd/?status=running")
    assert ">Den gode overgang</a>" not in html
    assert "Ingen indsatser passer til filteret." in html
