"""Importing a count from CSV: all or nothing, with a clear message per bad row."""

from decimal import Decimal

import pytest

from klynge.kernel.csvfiles import ImportRefused
from klynge.provenance.models import Source
from klynge.temporaryplaces import services
from klynge.temporaryplaces.importing import PlaceCountFile, read_place_count
from klynge.temporaryplaces.models import PlaceCapacity, PlaceCount, PlaceTrade
from klynge.temporaryplaces.services import place_count_import
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


def rows_everywhere() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (PlaceCount, PlaceCapacity, PlaceTrade, Source))


def refused(region: Region, content: bytes, name: str = "Opgørelse") -> ImportRefused:
    before = rows_everywhere()
    with pytest.raises(ImportRefused) as caught:
        place_count_import(name=name, region=region.region, content=content, file_name="fil.csv")
    assert rows_everywhere() == before
    return caught.value


def test_a_whole_file_is_imported(region: Region) -> None:
    count = import_hand_example(region)
    assert count.region == region.region and count.file_name == "hånd.csv" and not count.is_example
    assert count.source is not None and count.source.kind == "user"
    assert count.capacities.count() == 3 and count.trades.count() == 4
    a = count.capacities.get(municipality=region.a)
    assert (a.places, a.place_days_used, str(a.period_start), str(a.period_end)) == (
        10,
        828,
        "2023-10-01",
        "2023-12-31",
    )
    priced = count.trades.get(buyer=region.b, seller=region.a)
    assert (priced.place_days, priced.price_per_day) == (100, Decimal(2000))
    assert count.trades.get(buyer=region.c, seller=region.b).price_per_day is None


def test_comma_delimiter_bom_comments_english_headers_and_other_names(region: Region) -> None:
    header = "Kind,Period,Municipality,Places,Place_days_used,Buyer,Seller,Place_days,Price_per_day"
    rows = (
        cap("2023-10", "Aby", 3, 90),  # the municipality's area name
        cap("2023-10", "bby kommune", 2, 62),
        trade("2023-10", "AK", "bby-kommune", 10, '"1850,50"'),  # short name and slug; quoted decimal comma
    )
    content = csv_bytes(*rows, header=header.replace(",", ";"), bom=True, delimiter=",")
    content = b"\xef\xbb\xbf# EKSEMPEL - ikke rigtige tal, kun et eksempel\r\n" + content.removeprefix(
        b"\xef\xbb\xbf"
    )
    count = place_count_import(name="Komma", region=region.region, content=content, is_example=True)
    assert count.is_example and count.source is not None and count.source.kind == "example"
    assert count.trades.get().price_per_day == Decimal("1850.50")
    assert set(count.capacities.values_list("municipality__name", flat=True)) == {
        "Aby Kommune",
        "Bby Kommune",
    }


def test_unknown_and_foreign_municipalities_are_refused_per_row(region: Region) -> None:
    error = refused(
        region,
        csv_bytes(
            cap("2023-10", "Aby Kommune", 3, 90),
            cap("2023-10", "Abyy Kommune", 3, 90),
            cap("2023-10", "Fjernby Kommune", 3, 90),
            trade("2023-10", "Aby Kommune", "Ukendt", 5),
        ),
    )
    assert [p.line for p in error.problems] == [3, 4, 5]
    assert error.problems[0].danish == (
        "Linje 3: »kommune«: ukendt kommune »Abyy Kommune« i Region Prøve (mente du Aby Kommune?)"
    )
    assert error.problems[0].english == (
        "Line 3: 'kommune': unknown municipality 'Abyy Kommune' in Region Prøve (did you mean Aby Kommune?)"
    )
    assert "»Fjernby Kommune« i Region Prøve" in error.problems[1].danish  # another region's municipality
    assert error.problems[2].danish.startswith("Linje 5: »sælger«: ukendt kommune »Ukendt«")


def test_negative_and_malformed_counts_are_refused(region: Region) -> None:
    error = refused(
        region,
        csv_bytes(
            cap("2023-10", "Aby Kommune", -3, 90),
            cap("2023-10", "Bby Kommune", "2,5", ""),
            cap("2023-10", "Cby Kommune", 1, 40),  # 40 occupied days on one place in 31 days
            trade("2023-10", "Aby Kommune", "Bby Kommune", -5, "-100"),
        ),
    )
    messages = [p.danish for p in error.problems]
    assert messages == [
        "Linje 2: »pladser« kan ikke være negativ (-3)",
        "Linje 3: »pladser« skal være et helt tal, ikke »2,5«",
        "Linje 3: »belægningsdøgn« er tom",
        "Linje 4: 40 belægningsdøgn er flere end 31 pladsdøgn (1 pladser × 31 dage)",
        "Linje 5: »købte døgn« kan ikke være negativ (-5)",
        "Linje 5: »pris pr. døgn« kan ikke være negativ (-100)",
    ]
    assert error.problems[0].english == "Line 2: 'pladser' cannot be negative (-3)"


def test_overlapping_and_repeated_periods_are_refused(region: Region) -> None:
    error = refused(
        region,
        csv_bytes(
            cap("2023", "Aby Kommune", 3, 900),
            cap("2023-K4", "Aby Kommune", 3, 200),
            cap("2023-10", "Bby Kommune", 3, 90),
            cap("2023-10", "Bby Kommune", 3, 90),
            cap("2023-11", "Bby Kommune", 3, 90),  # next to 2023-10: fine
        ),
    )
    assert [p.danish for p in error.problems] == [
        "Linje 3: perioden 4. kvartal 2023 overlapper 2023 for Aby Kommune (linje 2)",
        "Linje 5: Bby Kommune har allerede en kapacitetslinje for oktober 2023 (linje 4)",
    ]
    assert error.problems[0].english == "Line 3: the period 2023-K4 overlaps 2023 for Aby Kommune (line 2)"


def test_wrong_columns_are_refused(region: Region) -> None:
    error = refused(
        region, csv_bytes(cap("2023", "Aby Kommune", 1, 1), header="type;periode;kommune;pladser;antal")
    )
    assert [p.danish for p in error.problems] == [
        "Linje 1: ukendte kolonner: antal (kolonnerne er: type; periode; kommune; pladser; belægningsdøgn; "
        "køber; sælger; købte døgn; pris pr. døgn)",
        "Linje 1: kolonner mangler: belægningsdøgn, køber, sælger, købte døgn (kolonnerne er: type; periode; "
        "kommune; pladser; belægningsdøgn; køber; sælger; købte døgn; pris pr. døgn)",
    ]
    header = "type;periode;kommune;pladser;belægningsdøgn;køber;sælger;købte døgn;Pladser"
    assert (
        "kolonnen »pladser« står der to gange" in refused(region, csv_bytes(header=header)).problems[0].danish
    )


def test_bad_trades_are_refused(region: Region) -> None:
    error = refused(
        region,
        csv_bytes(
            cap("2023-10", "Aby Kommune", 3, 60),
            cap("2023-10", "Bby Kommune", 3, 90),
            trade("2023-10", "Aby Kommune", "Aby Kommune", 5),
            trade("2023-10", "Cby Kommune", "Aby Kommune", 5),  # Cby has no capacity row in October
            trade("2023-10", "Bby Kommune", "Aby Kommune", 40),
            trade("2023-10", "Bby Kommune", "Aby Kommune", 1),
            trade("2023-10", "Aby Kommune", "Bby Kommune", 5, "gratis"),
            "handel;2023-10;Aby Kommune;;;Bby Kommune;Aby Kommune;5;",
            trade("2023-11", "Bby Kommune", "Cby Kommune", 5),
            trade("2023-10", "Cby Kommune", "Bby Kommune", 10),
        ),
    )
    messages = [p.danish for p in error.problems]
    assert "Linje 4: Aby Kommune kan ikke købe pladser af sig selv" in messages
    assert "Linje 5: køberen Cby Kommune har ingen kapacitetslinje for oktober 2023" in messages
    assert "Linje 7: Bby Kommunes køb af Aby Kommune i oktober 2023 står allerede på linje 6" in messages
    assert any(m.startswith("Linje 8: »pris pr. døgn« skal være et beløb i kroner") for m in messages)
    assert "Linje 9: en linje af typen handel skal have kommune tom" in messages
    assert "Linje 10: køberen Bby Kommune har ingen kapacitetslinje for november 2023" in messages
    assert "Linje 10: sælgeren Cby Kommune har ingen kapacitetslinje for november 2023" in messages
    # Aby has 60 occupied place-days and sold 40 to Bby: fine; Bby sold no more than it had either.
    assert not any(m.startswith("Linje 2:") for m in messages)


def test_selling_more_than_occupied_is_refused(region: Region) -> None:
    error = refused(
        region,
        csv_bytes(
            cap("2023-10", "Aby Kommune", 3, 60),
            cap("2023-10", "Bby Kommune", 3, 0),
            cap("2023-10", "Cby Kommune", 3, 0),
            trade("2023-10", "Bby Kommune", "Aby Kommune", 40),
            trade("2023-10", "Cby Kommune", "Aby Kommune", 30),
        ),
    )
    assert [p.danish for p in error.problems] == [
        "Linje 2: Aby Kommune har solgt 70 døgn i oktober 2023 (linje 5, 6), flere end kommunens 60 belægningsdøgn"
    ]


def test_other_bad_files(region: Region) -> None:
    assert refused(region, b"").problems[0].danish == "Filen er tom."
    assert refused(region, csv_bytes()).problems[0].danish == "Filen har ingen linjer under overskrifterne."
    latin1 = csv_bytes(cap("2023", "Tårnby", 1, 1)).decode().encode("latin-1")
    assert refused(region, latin1).problems[0].danish.startswith("Filen er ikke UTF-8-tekst")
    error = refused(
        region, csv_bytes("lager;2023;Aby;1;1;;;;", cap("2023", "Aby", 1, 1) + ";ekstra", "kapacitet")
    )
    assert [p.danish for p in error.problems] == [
        "Linje 2: »type« skal være »kapacitet« eller »handel«, ikke »lager«",
        "Linje 3: flere felter end kolonner (10); står en værdi med skilletegnet uden anførselstegn?",
        "Linje 4: »periode« er tom",
        "Linje 4: »kommune« er tom",
        "Linje 4: »pladser« er tom",
        "Linje 4: »belægningsdøgn« er tom",
    ]
    assert refused(region, csv_bytes(cap("23-10", "Aby", 1, 1))).problems[0].danish == (
        "Linje 2: »periode« skal være en måned (2023-10), et kvartal (2023-K4) eller et år (2023), ikke »23-10«"
    )


def test_the_name_must_be_new_and_the_region_a_region(region: Region) -> None:
    import_hand_example(region, name="Første")
    error = refused(region, csv_bytes(*HAND_ROWS, "lager;;;;;;;;"), name="første")
    assert [p.danish for p in error.problems] == [
        "Der findes allerede en opgørelse med navnet »første«; vælg et andet navn.",
        "Linje 9: »type« skal være »kapacitet« eller »handel«, ikke »lager«",
    ]
    with pytest.raises(ImportRefused, match="ikke en region"):
        place_count_import(name="X", region=region.a, content=csv_bytes(*HAND_ROWS))
    assert PlaceCount.objects.count() == 1 and PlaceTrade.objects.count() == 4


def test_a_count_called_import_does_not_hide_the_import_page(region: Region) -> None:
    assert import_hand_example(region, name="Import").slug != "import"


def test_a_rule_only_the_models_know_still_refuses_the_whole_file(
    region: Region, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should the file check ever miss a rule of the models, nothing is half-imported either."""

    def read_without_the_trades_check(content: bytes, *, region: object) -> PlaceCountFile:
        rows = read_place_count(csv_bytes(*HAND_ROWS), region=region)  # type: ignore[arg-type]
        rows.capacities.pop()  # Cby's capacity gone: its purchases break the model's rule
        return rows

    monkeypatch.setattr(services, "read_place_count", read_without_the_trades_check)
    error = refused(region, csv_bytes(*HAND_ROWS))
    assert [p.line for p in error.problems] == [6, 8]
    assert (
        error.problems[0].danish
        == "Linje 6: Cby Kommune har ingen kapacitet opgjort for perioden i opgørelsen."
    )
