"""Importing a GP coverage file: the accepted forms, and every refusal with its line, all or nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from klynge.gpcoverage.examples import EXAMPLE_FILE
from klynge.gpcoverage.models import GpCoverageDataset, GpCoverageFigure
from klynge.gpcoverage.services import gp_coverage_dataset_import
from klynge.kernel.csvfiles import ImportRefused
from klynge.provenance.models import SourceKind
from klynge.provenance.services import source_create
from tests.gpcoverage.helpers import HEADER, City, build_city, csv_file, import_lines

pytestmark = pytest.mark.django_db


@pytest.fixture
def city() -> City:
    return build_city()


def refused(content: bytes) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        gp_coverage_dataset_import(name="Forkert", content=content)
    assert not GpCoverageDataset.objects.exists() and not GpCoverageFigure.objects.exists()
    return caught.value


def test_imports_every_row_with_its_settings(city: City) -> None:
    dataset = import_lines("Nordby;2024;16.001;nej;10;3;1;2", "Sydby;2024;8000;;6;;;")
    assert dataset.slug == "test" and not dataset.is_example
    assert (dataset.norm, dataset.max_patients_per_capacity, dataset.criteria_required) == (1600, 1600, 1)
    north = GpCoverageFigure.objects.get(dataset=dataset, area=city.north)
    assert (north.population, north.capacities, north.capacities_60_plus, north.expected_retirements) == (
        16001,
        10,
        3,
        1,
    )
    assert north.closed_practices == 2 and not north.population_is_forecast
    south = GpCoverageFigure.objects.get(dataset=dataset, area=city.south)
    assert (south.capacities_60_plus, south.expected_retirements, south.closed_practices) == (None, 0, None)


def test_commas_a_byte_order_mark_comments_aliases_any_column_order_and_names_in_any_case(city: City) -> None:
    text = (
        "\ufeff# EKSEMPEL – ikke rigtige tal\n"
        "AAR,omraade,Indbyggere,kapaciteter,prognose,lukket_liste,forventede_afgange,kapaciteter_60_plus\n"
        "\n"
        "2024,nordby,1000,1,nej,ja,0,\n"
        "# a comment between the lines\n"
        "2025,testby-nordby,1000,,ja,,0,\n"
    )
    area = city.north
    area.slug = "testby-nordby"
    area.save()
    dataset = gp_coverage_dataset_import(name="Komma", content=text.encode("utf-8"))
    assert sorted(GpCoverageFigure.objects.filter(dataset=dataset).values_list("year", flat=True)) == [
        2024,
        2025,
    ]
    assert GpCoverageFigure.objects.get(dataset=dataset, year=2024).closed_practices == 1


def test_the_dataset_settings_are_checked(city: City) -> None:
    with pytest.raises(ValidationError) as caught:
        import_lines("Nordby;2024;1000;nej;1;;0;", norm=0)
    assert "norm" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        import_lines(
            "Nordby;2024;1000;nej;1;;0;",
            share_60_plus_threshold=None,
            closed_practices_threshold=None,
            criteria_required=2,
        )
    assert "criteria_required" in caught.value.message_dict
    assert not GpCoverageDataset.objects.exists()


def test_unknown_area_and_negative_counts_are_refused_per_line_and_nothing_is_imported(city: City) -> None:
    error = refused(
        csv_file(
            "Nordby;2024;1000;nej;1;;0;",
            "Atlantis;2024;1000;nej;1;;0;",
            "Sydby;2024;-5;nej;-1;;-2;-1",
        )
    )
    assert error.messages == [
        "Linje 3: Området »Atlantis« findes ikke i Klynge. Brug områdets navn, fx »Nørrebro«, eller dets kortnavn.",
        "Linje 4: indbyggere kan ikke være negativ (-5).",
        "Linje 4: kapaciteter kan ikke være negativ (-1).",
        "Linje 4: forventede_afgange kan ikke være negativ (-2).",
        "Linje 4: lukket_liste kan ikke være negativ (-1).",
    ]
    assert error.english[:2] == [
        "Line 3: Unknown area 'Atlantis'. Use the area's name as in Klynge, e.g. 'Nørrebro', or its slug.",
        "Line 4: indbyggere cannot be negative (-5).",
    ]


def test_overlapping_figures_are_refused(city: City) -> None:
    error = refused(
        csv_file(
            "Nordby;2024;1000;nej;1;;0;",
            "Nordby;2024;1100;nej;1;;0;",  # the same area and year twice
            "Testby;2024;5000;nej;3;;0;",  # the city and its district in the same year
            "Testby;2025;5000;ja;;;0;",  # the city alone in another year is fine
        )
    )
    assert error.messages == [
        "Linje 2: Nordby ligger i Testby, som også har tal for 2024 (linje 4). Giv tal for enten Testby eller "
        "dens dele – ellers tælles de dobbelt.",
        "Linje 3: Nordby 2024 står også i linje 2; hvert område må kun have én linje pr. år.",
    ]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            "område;år;indbyggere;kapaciteter",
            "Kolonnerne prognose, kapaciteter_60_plus, forventede_afgange, lukket_liste mangler.",
        ),
        (HEADER + ";læger", "Kolonnerne læger kendes ikke."),
        (HEADER.replace("indbyggere", "befolkning"), "Kolonnerne indbyggere mangler."),
        (HEADER + ";år", "Kolonnerne år står mere end én gang i overskriften."),
    ],
)
def test_wrong_columns_are_refused(city: City, header: str, message: str) -> None:
    error = refused(csv_file("Nordby;2024;1000;nej;1;;0;", header=header))
    assert any(m.startswith(message) for m in error.messages), error.messages


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Nordby;2024;1000;nej;1;;0", "Linje 2: Linjen har 7 felter, men overskriften har 8."),
        ("Nordby;2024;1000,5;nej;1;;0;", "Linje 2: indbyggere skal være et helt tal, ikke »1000,5«."),
        ("Nordby;tyve;1000;nej;1;;0;", "Linje 2: år skal være et helt tal, ikke »tyve«."),
        ("Nordby;1850;1000;nej;1;;0;", "Linje 2: Året 1850 ligger ikke mellem 1990 og 2100."),
        ("Nordby;2024;;nej;1;;0;", "Linje 2: indbyggere mangler."),
        (";2024;1000;nej;1;;0;", "Linje 2: område mangler."),
        ("Nordby;2024;1000;måske;1;;0;", "Linje 2: prognose skal være ja eller nej, ikke »måske«."),
        (
            "Nordby;2024;1000;nej;1;;0;lidt",
            "Linje 2: lukket_liste skal være et antal praksisser eller ja/nej, ikke »lidt«.",
        ),
        ("Nordby;2024;1000;nej;2;3;0;", "Linje 2: kapaciteter_60_plus (3) er flere end kapaciteter (2)."),
        (
            "Nordby;2024;1000;ja;;;0;",
            "Linje 2: Nordbys første år i filen (2024) mangler kapaciteter; prognosen regner afgangene fra dem.",
        ),
    ],
)
def test_bad_values_are_refused_with_their_line(city: City, line: str, message: str) -> None:
    assert refused(csv_file(line)).messages == [message]


def test_more_retirements_than_capacities_are_refused(city: City) -> None:
    error = refused(
        csv_file("Nordby;2024;1000;nej;3;;1;", "Nordby;2025;1000;ja;;;2;", "Nordby;2026;1000;ja;;;1;")
    )
    assert error.messages == [
        "Linje 4: De forventede afgange i Nordby fra 2024 til og med 2026 (4) er flere end kapaciteterne i 2024 (3)."
    ]


def test_an_ambiguous_name_asks_for_the_slug(city: City) -> None:
    from klynge.catchment.models import AreaKind
    from klynge.catchment.services import area_create

    area_create(name="Nordby", kind=AreaKind.LOCALITY, parent=city.other)
    error = refused(csv_file("Nordby;2024;1000;nej;1;;0;"))
    assert error.messages[0].startswith("Linje 2: Flere områder hedder »Nordby« (")
    dataset = import_lines(f"{city.north.slug};2024;1000;nej;1;;0;")
    assert dataset.figures.get().area == city.north


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Filen er tom."),
        (b"# only a comment\n\n", "Filen er tom."),
        (HEADER.encode() + b"\n", "Filen har ingen linjer med tal."),
        ((HEADER + "\nNordby;2024;1000;nej;1;;0;\n").encode("latin-1"), "Filen er ikke gemt som UTF-8."),
    ],
)
def test_empty_and_undecodable_files_are_refused(city: City, content: bytes, message: str) -> None:
    assert refused(content).messages[0].startswith(message)


def test_a_file_with_many_problems_lists_the_first_hundred(city: City) -> None:
    error = refused(csv_file(*[f"Atlantis;{2000 + n};1000;nej;1;;0;" for n in range(101)]))
    assert len(error.messages) == 101 and error.messages[-1] == "… og 1 fejl mere."
    assert len(error.english) == 101 and error.english[-1].startswith("Line 102: Unknown area")


def test_the_database_refuses_negative_counts_and_a_second_row_for_an_area_and_year(city: City) -> None:
    dataset = import_lines("Nordby;2024;1000;nej;1;;0;")
    for fields in (
        {"population": -1},
        {"population": 1, "expected_retirements": -1},
        {"population": 1, "capacities": 2, "capacities_60_plus": 3},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            GpCoverageFigure.objects.create(dataset=dataset, area=city.south, year=2024, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        GpCoverageFigure.objects.create(dataset=dataset, area=city.north, year=2024, population=1)


def test_names_and_slugs(city: City) -> None:
    first = import_lines("Nordby;2024;1000;nej;1;;0;", name="Import")
    second = import_lines("Nordby;2024;1000;nej;1;;0;", name="Import")
    assert first.slug != "import" and second.slug not in ("import", first.slug)


def test_the_example_file_says_it_is_an_example_and_imports_as_one(db: None) -> None:
    text = EXAMPLE_FILE.read_text("utf-8")
    assert text.startswith("# EKSEMPEL – ikke rigtige tal.")
    assert "eksempel" in EXAMPLE_FILE.name
    # Its areas are the demo's: Copenhagen's districts and Frederiksberg.
    from klynge.demo.loader import load_demo

    load_demo()
    dataset = GpCoverageDataset.objects.get(is_example=True)
    assert dataset.source is not None and dataset.source.kind == SourceKind.EXAMPLE
    assert dataset.figures.count() == 11 * 7
    assert str(dataset).endswith("(eksempeldata)")


def test_a_dataset_from_an_example_source_must_be_marked_as_an_example(city: City) -> None:
    source = source_create(key="eks", kind=SourceKind.EXAMPLE, title="Eksempel")
    with pytest.raises(ValidationError) as caught:
        import_lines("Nordby;2024;1000;nej;1;;0;", source=source)
    assert "is_example" in caught.value.message_dict
