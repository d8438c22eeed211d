"""The demo: the example dataset is shown as example data, and the SSU's reported figures with their source."""

import re

import pytest
from django.test import Client

from klynge.gpcoverage.models import GpCoverageDataset
from klynge.gpcoverage.selectors import dataset_by_slug, dataset_forecast

pytestmark = pytest.mark.usefixtures("demo_loaded")


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.django_db
def test_the_ssu_figures_show_with_their_meeting_and_source() -> None:
    html = Client().get("/laegedaekning/").content.decode()
    shown = text(html)
    assert "Afrapporterede tal fra møder" in shown and "ikke beregnet af modellen" in shown
    assert "Behov for nye læger i Københavns Kommune frem mod 2027 Befolkningstilvækst" in shown
    assert re.search(r"62 læger København 2027 Sundhedssamarbejdsudvalget[^,]*, 1\. december 2023", shown), (
        shown
    )
    assert "17 læger Amager 2027" in shown
    for area in ("Amager", "Bispebjerg", "Nørrebro"):
        assert f"Lægedækningstruet område i 2024: {area}" in shown
    assert "Status på sundhedsklynger og det tværsektorielle samarbejde" in shown  # the source, linked
    assert "/kilder/kk-notat-2023-12-11-status-sundhedsklynger/" in html
    assert "»Alene på Amager er der brug for 17 læger frem mod 2027.«" in shown


@pytest.mark.django_db
def test_the_example_dataset_is_never_shown_as_real() -> None:
    dataset = GpCoverageDataset.objects.get()
    assert dataset.is_example
    overview = text(Client().get("/laegedaekning/").content.decode())
    assert f"{dataset.name} Eksempeldata – ikke rigtige tal" in overview
    html = Client().get(f"/laegedaekning/{dataset.slug}/?maal=2027").content.decode()
    shown = text(html)
    assert "Eksempeldata – ikke rigtige tal" in shown
    assert "Frem mod 2027 Eksempeldata" in shown and "(opdigtede tal)" in shown
    assert "Kilde til tallene: Eksempelfil: lægedækning (EKSEMPEL – ikke rigtige tal) Eksempeldata" in shown
    # The reported SSU figures are on the page too, apart from the model's output.
    assert "Afrapporterede tal fra møder" in shown and "62 læger" in shown


@pytest.mark.django_db
def test_copenhagen_is_the_sum_of_its_districts_in_the_example() -> None:
    loaded = dataset_by_slug(slug=GpCoverageDataset.objects.get().slug)
    assert loaded is not None
    areas = {a.name: a for a in dataset_forecast(dataset=loaded, target_year=2027).areas}
    copenhagen = areas["København"]
    assert copenhagen.is_sum and len(copenhagen.parts) == 10
    districts = [areas[name] for name in copenhagen.parts]
    for year in copenhagen.years:
        parts = [d.in_year(year.year) for d in districts]
        assert year.to_recruit == sum(p.to_recruit for p in parts if p is not None)
        assert year.population == sum(p.population for p in parts if p is not None)
    assert "Frederiksberg" in areas and not areas["Frederiksberg"].is_sum
    assert "Region Hovedstaden" not in areas
