"""The GP coverage pages make the same number of queries however many datasets, areas, years and reported
figures there are."""

import pytest
from django.test import Client

from klynge.catchment.models import AreaKind
from klynge.catchment.services import area_create
from klynge.meetings.models import AgendaItemKind, FigureMetric
from klynge.meetings.services import agenda_item_create, reported_figure_create
from tests.clients import editor_of
from tests.factories import ClusterWorld
from tests.gpcoverage.helpers import build_city, import_lines
from tests.site.querycount import CACHE_VERSION_READ, queries_for

pytestmark = pytest.mark.django_db

BOUNDS = {
    "overview": 7 + CACHE_VERSION_READ,
    "detail": 9 + CACHE_VERSION_READ,
    "import": 4 + CACHE_VERSION_READ,
}  # measured: session, user, account, then the page's own (the dataset list pages: +1 count)


def more_reported_figures(world: ClusterWorld, count: int) -> None:
    item = agenda_item_create(meeting=world.meeting, title="Lægedækning", kind=AgendaItemKind.DISCUSSION)
    for n in range(count):
        reported_figure_create(
            agenda_item=item, metric=FigureMetric.GP_THREATENED_AREA, area=world.area, year=2024 + n
        )


def test_query_counts_do_not_grow(world: ClusterWorld) -> None:
    city = build_city()
    small = import_lines("Nordby;2024;1000;nej;1;;0;", name="Lille")
    more_reported_figures(world, 1)
    client = editor_of(world.municipality)
    small_counts = {
        "overview": queries_for(client, "/laegedaekning/"),
        "detail": queries_for(client, f"/laegedaekning/{small.slug}/"),
        "import": queries_for(client, "/laegedaekning/import/"),
    }

    districts = [area_create(name=f"Bydel {n}", kind=AreaKind.DISTRICT, parent=city.other) for n in range(6)]
    lines = [
        f"{area.name};{year};{10_000 + year};{'nej' if year == 2024 else 'ja'};{8 if year == 2024 else ''};2;1;1"
        for area in [*districts, city.north, city.south]
        for year in range(2024, 2031)
    ]
    large = import_lines(*lines, name="Stor")
    import_lines("Nordby;2024;1000;nej;1;;0;", name="Endnu en")
    more_reported_figures(world, 5)
    large_counts = {
        "overview": queries_for(client, "/laegedaekning/"),
        "detail": queries_for(client, f"/laegedaekning/{large.slug}/?maal=2030"),
        "import": queries_for(client, "/laegedaekning/import/"),
    }
    assert large_counts == small_counts
    assert all(small_counts[page] <= bound for page, bound in BOUNDS.items()), small_counts
    assert Client().get(f"/laegedaekning/{large.slug}/").status_code == 200
