"""A small region of municipalities for the temporary-places tests, and CSV rows to import."""

from dataclasses import dataclass

from klynge.catchment.models import AreaKind
from klynge.catchment.services import area_create
from klynge.organisation.models import Party, PartyKind
from klynge.organisation.services import party_create
from klynge.temporaryplaces.models import PlaceCount
from klynge.temporaryplaces.services import place_count_import
from tests.factories import ClusterWorld

HEADER = "type;periode;kommune;pladser;belægningsdøgn;køber;sælger;købte døgn;pris pr. døgn"


@dataclass
class Region:
    region: Party
    a: Party  # Aby Kommune (area »Aby«, short name »AK«)
    b: Party  # Bby Kommune
    c: Party  # Cby Kommune
    elsewhere: Party  # a municipality of another region


def build_region() -> Region:
    region = party_create(name="Region Prøve", kind=PartyKind.REGION)
    other_region = party_create(name="Region Anden", kind=PartyKind.REGION)
    a = party_create(name="Aby Kommune", short_name="AK", kind=PartyKind.MUNICIPALITY, region=region)
    b = party_create(name="Bby Kommune", kind=PartyKind.MUNICIPALITY, region=region)
    c = party_create(name="Cby Kommune", kind=PartyKind.MUNICIPALITY, region=region)
    elsewhere = party_create(name="Fjernby Kommune", kind=PartyKind.MUNICIPALITY, region=other_region)
    area_create(name="Aby", kind=AreaKind.MUNICIPALITY, party=a)
    return Region(region, a, b, c, elsewhere)


def cap(period: str, name: str, places: object, used: object) -> str:
    return f"kapacitet;{period};{name};{places};{used};;;;"


def trade(period: str, buyer: str, seller: str, days: object, price: str = "") -> str:
    return f"handel;{period};;;;{buyer};{seller};{days};{price}"


def csv_bytes(*rows: str, header: str = HEADER, bom: bool = False, delimiter: str = ";") -> bytes:
    lines = [header, *rows]
    if delimiter != ";":
        lines = [line.replace(";", delimiter) for line in lines]
    return (("\ufeff" if bom else "") + "\r\n".join(lines) + "\r\n").encode()


# The hand-computed example of test_settlement, as a file: 2023-K4 has 92 days.
HAND_ROWS = (
    cap("2023-K4", "Aby Kommune", 10, 828),
    cap("2023-K4", "Bby Kommune", 5, 414),
    cap("2023-K4", "Cby Kommune", 2, 92),
    trade("2023-K4", "Bby Kommune", "Aby Kommune", 100, "2.000"),
    trade("2023-K4", "Cby Kommune", "Aby Kommune", 50, "1.500"),
    trade("2023-K4", "Aby Kommune", "Bby Kommune", 30, "1.000"),
    trade("2023-K4", "Cby Kommune", "Bby Kommune", 20),
)


def import_hand_example(region: Region, name: str = "Håndregnet") -> PlaceCount:
    return place_count_import(
        name=name, region=region.region, content=csv_bytes(*HAND_ROWS), file_name="hånd.csv"
    )


def temporary_places_matrix_records(world: ClusterWorld) -> PlaceCount:
    """The count the permission matrix reads at /midlertidige-pladser/matrix/ (one municipality, 2023-K4)."""
    return place_count_import(
        name="Matrix", region=world.region, content=csv_bytes(cap("2023-K4", world.municipality.name, 2, 100))
    )
