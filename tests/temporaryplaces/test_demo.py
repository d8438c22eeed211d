"""The demo's count of temporary places: the example file, labelled as example data, linked to SSU."""

import datetime

import pytest
from django.test import Client

from klynge.provenance.models import SourceKind
from klynge.temporaryplaces.models import PlaceCount
from tests.site.querycount import CACHE_VERSION_READ, queries_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]


def test_the_demo_loads_the_example_file_as_example_data() -> None:
    count = PlaceCount.objects.get()
    assert count.is_example and count.region.name == "Region Hovedstaden"
    assert count.source is not None and count.source.kind == SourceKind.EXAMPLE
    assert "ikke rigtige tal" in count.source.title
    # Where the real count was discussed: SSU, 13 October 2023.
    assert count.meeting is not None and count.meeting.date == datetime.date(2023, 10, 13)
    assert count.meeting.body.collaboration.short_name == "SSU"
    # The region's municipalities in the demo, four quarters of 2023.
    assert count.capacities.values("municipality").distinct().count() == 12
    assert count.capacities.values("period_start").distinct().count() == 4
    assert count.trades.filter(price_per_day__isnull=True).exists()
    assert count.trades.filter(price_per_day__isnull=False).exists()


def test_the_demo_count_page(client: Client) -> None:
    count = PlaceCount.objects.get()
    html = client.get(f"/midlertidige-pladser/{count.slug}/").content.decode()
    assert "Eksempeldata – ikke rigtige tal" in html
    assert f'href="/moeder/{count.meeting.pk}/"' in html  # type: ignore[union-attr]
    assert "Sundhedssamarbejdsudvalget (SSU), 13. oktober 2023" in html
    assert "Pladser og belægning, 4. kvartal 2023" in html
    assert "Københavns Kommune" in html and "Bornholms Regionskommune" in html
    assert "Overgår til regionen (70 %)" in html and "Flytning af opgaver fra kommunerne til regionen" in html
    html = client.get("/midlertidige-pladser/").content.decode()
    assert "Midlertidige pladser 2023 – eksempel" in html and "Eksempeldata" in html
    # Five of the page's own, and the anonymous response cache's read of its data version.
    assert (
        queries_for(client, f"/midlertidige-pladser/{count.slug}/?periode=2023-K1") <= 5 + CACHE_VERSION_READ
    )
