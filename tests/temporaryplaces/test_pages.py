"""The pages: the list, a count per period (table, settlement, chart, 2027 projection) and the import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from klynge.organisation.models import PartyKind
from klynge.organisation.services import party_create, person_create
from klynge.provenance.models import Source, SourceKind
from klynge.temporaryplaces.models import PlaceCapacity, PlaceCount, PlaceTrade
from klynge.temporaryplaces.reform import REFORM_SOURCE_KEY, ensure_reform_source
from klynge.temporaryplaces.services import place_count_import
from tests.clients import administrator, editor_of, member_as
from tests.site.querycount import CACHE_VERSION_READ, queries_for
from tests.temporaryplaces.helpers import (
    HAND_ROWS,
    Region,
    build_region,
    cap,
    csv_bytes,
    import_hand_example,
    trade,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(db: None) -> Region:
    return build_region()


def test_the_list_shows_every_count(client: Client, region: Region) -> None:
    count = import_hand_example(region)
    place_count_import(name="Eksempel", region=region.region, content=csv_bytes(*HAND_ROWS), is_example=True)
    html = client.get("/midlertidige-pladser/").content.decode()
    assert f'href="/midlertidige-pladser/{count.slug}/"' in html
    assert "Eksempeldata" in html and "Region Prøve" in html
    assert "1. oktober 2023 – 31. december 2023" in html
    assert "Importér opgørelse" not in html  # only for those who may import
    assert "Importér opgørelse" in administrator().get("/midlertidige-pladser/").content.decode()


def test_a_count_per_period(client: Client, region: Region) -> None:
    content = csv_bytes(*HAND_ROWS, cap("2023-K3", "Aby Kommune", 4, 100))
    count = place_count_import(name="To kvartaler", region=region.region, content=content)
    url = f"/midlertidige-pladser/{count.slug}/"
    html = client.get(url).content.decode()
    # The latest period by default, with the others to choose.
    assert "Pladser og belægning, 4. kvartal 2023" in html
    assert 'href="?periode=2023-K3"' in html
    assert "Eksempeldata – ikke rigtige tal" not in html
    # The hand-computed figures: A 920 place-days, 828 occupied (90 %), net +120; the region 85,3 %.
    assert '<td class="align-text-right">920</td>' in html and "90 %" in html and "85,3 %" in html
    # Settlement: B pays A 170.000 kr. pairwise; the fewest transfers; one purchase without price.
    assert "Bby Kommune betaler 170.000 kr. til Aby Kommune" in html
    assert "Cby Kommune betaler 75.000 kr. til Aby Kommune" in html
    assert "1 køb har ingen pris" in html
    assert "regionens netto går i nul" in html
    # The chart, as inline SVG without scripts, with its table beside it.
    charts = [part.split("</svg>", 1)[0] for part in html.split("<svg")[1:] if "pygal-chart" in part[:300]]
    assert len(charts) == 2 and not any("<script" in chart for chart in charts)
    assert "Pladsdøgn og belægning, 4. kvartal 2023" in charts[0] and ">AK<" in charts[0]  # Aby's short name
    assert "Købt og solgt mellem kommunerne" in charts[1] and ">Bby<" in charts[1]
    assert "Diagrammernes tal (døgn)" in html
    # 2027: 70 % of the places move to the region, with its source.
    assert "Overgår til regionen (70 %)" in html and '<td class="align-text-right">7</td>' in html
    assert '<td class="align-text-right">11,9</td>' in html  # 70 % of 17
    assert 'href="/kilder/regionoest-opgaveflyt-midlertidige-pladser/"' in html

    html = client.get(url + "?periode=2023-K3").content.decode()
    assert "Pladser og belægning, 3. kvartal 2023" in html
    assert "Ingen kommuner købte pladsdøgn af hinanden i perioden." in html
    assert client.get(url + "?periode=2023-K2").status_code == 404
    assert client.get(url + "?periode=noget").status_code == 404
    assert client.get("/midlertidige-pladser/findes-ikke/").status_code == 404


def test_an_example_count_says_so(client: Client, region: Region) -> None:
    count = place_count_import(
        name="Eks", region=region.region, content=csv_bytes(*HAND_ROWS), is_example=True
    )
    html = client.get(f"/midlertidige-pladser/{count.slug}/").content.decode()
    assert "Eksempeldata – ikke rigtige tal" in html


def upload(client: Client, region: Region, content: bytes, name: str = "Upload") -> object:
    return client.post(
        "/midlertidige-pladser/import/",
        {
            "name": name,
            "region": region.region.pk,
            "file": SimpleUploadedFile("pladser.csv", content, content_type="text/csv"),
            "description": "Fra sekretariatet",
        },
    )


def test_an_editor_in_the_region_imports_a_file(region: Region) -> None:
    editor = editor_of(region.b)
    page = editor.get("/midlertidige-pladser/import/").content.decode()
    assert 'enctype="multipart/form-data"' in page and "<code>belægningsdøgn</code>" in page
    assert "Region Prøve" in page and "Region Anden" not in page  # only their own region to choose
    response = upload(editor, region, csv_bytes(*HAND_ROWS))
    count = PlaceCount.objects.get(name="Upload")
    assert response.status_code == 302 and response["Location"] == f"/midlertidige-pladser/{count.slug}/"  # type: ignore[attr-defined]
    assert count.description == "Fra sekretariatet" and count.capacities.count() == 3


def test_a_bad_file_is_refused_line_by_line_in_danish(region: Region) -> None:
    response = upload(
        administrator(),
        region,
        csv_bytes(cap("2023-10", "Aby Kommune", -1, 5), trade("2023-10", "Aby Kommune", "Aby Kommune", 5)),
    )
    html = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "Filen er ikke importeret – intet er gemt" in html
    assert "Linje 2: »pladser« kan ikke være negativ (-1)" in html
    assert "Linje 3: Aby Kommune kan ikke købe pladser af sig selv" in html
    assert 'value="Upload"' in html  # what was written is kept
    assert (
        not PlaceCount.objects.exists()
        and not PlaceCapacity.objects.exists()
        and not PlaceTrade.objects.exists()
    )


def test_who_may_import(client: Client, region: Region) -> None:
    assert client.get("/midlertidige-pladser/import/")["Location"].startswith("/log-ind/")
    general_practice = party_create(name="PLO Prøve", kind=PartyKind.GENERAL_PRACTICE)
    assert editor_of(general_practice).get("/midlertidige-pladser/import/").status_code == 403
    member = member_as(person_create(name="Medlem Prøve", party=region.a))
    assert member.get("/midlertidige-pladser/import/").status_code == 403
    # An editor for another region's municipality may not import into this region.
    response = upload(editor_of(region.elsewhere), region, csv_bytes(*HAND_ROWS))
    assert response.status_code == 422 and not PlaceCount.objects.exists()  # type: ignore[attr-defined]
    html = response.content.decode()  # type: ignore[attr-defined]
    assert "Du kan kun importere opgørelser for din egen region." in html
    # The region's own editors may.
    assert editor_of(region.region).get("/midlertidige-pladser/import/").status_code == 200


def test_the_example_file_is_offered_as_a_template(client: Client) -> None:
    response = client.get("/midlertidige-pladser/import/midlertidige-pladser-eksempel.csv")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="midlertidige-pladser-eksempel.csv"'
    assert response.content.decode().startswith("# EKSEMPEL – ikke rigtige tal")


def bigger_count(region: Region) -> PlaceCount:
    """More municipalities, periods and purchases than the hand example."""
    rows = []
    names = [f"Stor{i} Kommune" for i in range(12)]
    for name in names:
        party_create(name=name, kind=PartyKind.MUNICIPALITY, region=region.region)
    for quarter in (1, 2, 3, 4):
        rows += [cap(f"2023-K{quarter}", name, 10, 800) for name in names]
        rows += [trade(f"2023-K{quarter}", names[i], names[i + 1], 5, "1.000") for i in range(11)]
        rows += [trade(f"2023-K{quarter}", names[i + 1], names[i], 3) for i in range(11)]
    return place_count_import(name="Stor", region=region.region, content=csv_bytes(*rows))


@pytest.mark.parametrize("who", ["public", "admin"])
def test_pages_make_a_fixed_number_of_queries(region: Region, who: str) -> None:
    client = Client() if who == "public" else administrator()
    small = import_hand_example(region)
    list_before = queries_for(client, "/midlertidige-pladser/")
    small_page = queries_for(client, f"/midlertidige-pladser/{small.slug}/")
    big = bigger_count(region)
    assert queries_for(client, "/midlertidige-pladser/") == list_before
    assert queries_for(client, f"/midlertidige-pladser/{big.slug}/") == small_page
    assert queries_for(client, f"/midlertidige-pladser/{big.slug}/?periode=2023-K1") == small_page
    # Measured: public 2 (the list's page and its count) and 5 (count, periods, capacities, purchases, the
    # reform's source); logged in, the session, account, the header's own links and the count's history
    # come on top.
    # (The response cache's read of its data version comes on top.)
    own = CACHE_VERSION_READ
    bounds = {"public": (2 + own, 5 + own), "admin": (6 + own, 9 + own)}[who]
    assert list_before <= bounds[0] and small_page <= bounds[1], (list_before, small_page)


def test_the_reform_source_is_in_every_database_and_the_page_does_without_it(
    client: Client, region: Region
) -> None:
    source = Source.objects.get(key=REFORM_SOURCE_KEY)  # made after migrate (and after every flush)
    assert (
        source.kind == SourceKind.PUBLIC and "70 % af kommunernes midlertidige pladser" in source.description
    )
    count = import_hand_example(region)
    source.delete()
    html = client.get(f"/midlertidige-pladser/{count.slug}/").content.decode()
    assert "Kilde: Aftale om sundhedsreform 2024 – sundhedsreformen" in html
    assert "Fra 1. januar 2027 flyttes 70 %" in html
    ensure_reform_source()
    assert Source.objects.filter(key=REFORM_SOURCE_KEY).count() == 1
