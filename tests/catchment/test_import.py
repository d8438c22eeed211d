"""Importing the region's yearly catchment revision: a new rule from a date ends the current open rule the
day before, all or nothing; every refusal is reported per line (Danish for the page, English for the CLI)."""

import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from klynge.bodies.selectors import catchment_lookup
from klynge.catchment.examples import EXAMPLE_FILE
from klynge.catchment.models import CatchmentRule
from klynge.catchment.selectors import area_by_key
from klynge.catchment.services import catchment_rules_import
from klynge.kernel.csvfiles import ImportRefused

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]

HEADER = "område;speciale;hospital;gyldig_fra;gyldig_til\n"
BFH = "Bispebjerg og Frederiksberg Hospital"
AHH = "Amager og Hvidovre Hospital"


def hospital_on(area: str, day: datetime.date, specialty: str = "") -> str | None:
    from klynge.catchment.selectors import specialty_by_key

    answer = catchment_lookup(
        area=area_by_key(key=area), day=day, specialty=specialty_by_key(key=specialty) if specialty else None
    )
    return answer.hospital.name if answer.hospital else None


def refused(text: str | bytes) -> ImportRefused:
    before = list(CatchmentRule.objects.order_by("pk").values_list("pk", "valid_to"))
    content = text.encode() if isinstance(text, str) else text
    with pytest.raises(ImportRefused) as exc:
        catchment_rules_import(content=content, source_note="Test")
    assert list(CatchmentRule.objects.order_by("pk").values_list("pk", "valid_to")) == before
    return exc.value


def test_the_example_file_moves_valby_from_2026_and_is_labelled_an_example() -> None:
    text = EXAMPLE_FILE.read_text(encoding="utf-8")
    assert text.startswith("# EKSEMPEL – ikke rigtige data.")

    result = catchment_rules_import(content=EXAMPLE_FILE.read_bytes(), source_note="EKSEMPEL")

    assert len(result.created) == 1 and len(result.ended) == 1
    assert result.ended[0].valid_to == datetime.date(2025, 12, 31)
    assert hospital_on("Valby", datetime.date(2025, 12, 31)) == AHH
    assert hospital_on("Valby", datetime.date(2026, 1, 1)) == BFH
    answer = catchment_lookup(area=area_by_key(key="Valby"), day=datetime.date(2026, 6, 1))
    assert [m.collaboration.name for m in answer.collaborations] == ["Sundhedsklynge Byen"]
    # The other districts are untouched.
    assert hospital_on("Amager Øst", datetime.date(2026, 6, 1)) == AHH


def test_a_closed_specialty_rule_and_dates_in_danish_form() -> None:
    catchment_rules_import(
        content=(HEADER + "nørrebro;Fødsler;AHH;01.01.2025;31.12.2025\n").encode(), source_note="Test"
    )

    assert hospital_on("Nørrebro", datetime.date(2025, 6, 1), "foedsler") == AHH
    assert hospital_on("Nørrebro", datetime.date(2026, 1, 1), "foedsler") == BFH  # the general rule again
    assert hospital_on("Nørrebro", datetime.date(2025, 6, 1)) == BFH


def test_columns_in_any_order_with_comma_and_a_byte_order_mark() -> None:
    text = "\ufeffgyldig_til,hospital,omraade,gyldig_fra,speciale\n,BFH,amager-vest,2026-01-01,\n"
    catchment_rules_import(content=text.encode(), source_note="Test")

    assert hospital_on("Amager Vest", datetime.date(2026, 1, 1)) == BFH


@pytest.mark.parametrize(
    ("text", "danish"),
    [
        ("", "Filen er tom."),
        ("# kun en kommentar\n", "Filen er tom."),
        (HEADER, "Filen har ingen linjer med regler."),
        ("område;hospital;gyldig_fra\nValby;BFH;2026-01-01\n", "Kolonnerne speciale, gyldig_til mangler."),
        (HEADER.strip() + ";antal\nValby;;BFH;2026-01-01;;3\n", "Kolonnerne antal kendes ikke."),
        (HEADER + "Atlantis;;BFH;2026-01-01;\n", "Linje 2: Området »Atlantis« findes ikke i Klynge."),
        (HEADER + "Valby;;Rigshospitalet;2026-01-01;\n", "Linje 2: Hospitalet »Rigshospitalet« findes ikke"),
        (HEADER + "Valby;Hjerte;BFH;2026-01-01;\n", "Linje 2: Specialet »Hjerte« findes ikke"),
        (HEADER + "Valby;;BFH;1. januar;\n", "Linje 2: gyldig_fra skal være en dato"),
        (HEADER + "Valby;;BFH;;\n", "Linje 2: gyldig_fra mangler."),
        (HEADER + "Valby;;BFH;2026-02-30;\n", "Linje 2: gyldig_fra skal være en dato"),
        (
            HEADER + "Valby;;BFH;2026-01-01;2025-12-31\n",
            "Linje 2: gyldig_til (2025-12-31) ligger før gyldig_fra",
        ),
        (HEADER + "Valby;;BFH;2026-01-01\n", "Linje 2: Linjen har 4 felter, men overskriften har 5."),
        (
            HEADER + "Valby;;BFH;2026-01-01;2026-06-30\nValby;;AHH;2026-06-01;\n",
            "Linje 3: Valby (generelt) har også en regel i linje 2, og perioderne overlapper.",
        ),
        # The open rule started 1 July 2022: a new rule may not start on or before that day.
        (HEADER + "Valby;;BFH;2022-07-01;\n", "Linje 2: Valby (generelt) har allerede en regel for Amager"),
        (HEADER + "Valby;;BFH;2020-01-01;2022-12-31\n", "Linje 2: Valby (generelt) har allerede en regel"),
    ],
)
def test_refusals_per_line_and_nothing_is_saved(text: str, danish: str) -> None:
    error = refused(text)

    assert any(message.startswith(danish) for message in error.message_dict["file"]), error.message_dict


def test_every_problem_is_reported_and_a_good_line_is_not_saved_either() -> None:
    text = HEADER + "Valby;;BFH;2026-01-01;\nAtlantis;;BFH;2026-01-01;\nNørrebro;;Ukendt;2026-01-01;\n"

    error = refused(text)

    assert [m.split(":")[0] for m in error.message_dict["file"]] == ["Linje 3", "Linje 4"]
    assert error.english == [
        "Line 3: Unknown area 'Atlantis'. Use the area's name as in Klynge, e.g. 'Valby', or its slug.",
        "Line 4: Unknown hospital 'Ukendt'. Use the hospital's name, short name or slug.",
    ]
    assert hospital_on("Valby", datetime.date(2026, 6, 1)) == AHH


def test_overlap_with_a_closed_rule_from_an_earlier_import() -> None:
    catchment_rules_import(content=(HEADER + "Valby;Fødsler;BFH;2025-01-01;2025-12-31\n").encode())

    error = refused(HEADER + "Valby;Fødsler;AHH;2025-06-01;\n")

    assert (
        "har allerede en regel for Bispebjerg og Frederiksberg Hospital fra 2025-01-01 til 2025-12-31"
        in (error.message_dict["file"][0])
    )


def test_not_utf8_is_refused() -> None:
    error = refused((HEADER + "Østerbro;;BFH;2026-01-01;\n").encode("cp1252"))

    assert error.english == ["The file is not UTF-8 text; save it as CSV UTF-8 and try again."]


def test_the_cli_imports_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("catchment", "import", str(EXAMPLE_FILE))

    out = capsys.readouterr().out
    assert "Ended Valby → Amager og Hvidovre Hospital on 2025-12-31." in out
    assert "Imported 1 catchment rules; ended 1 rules." in out
    call_command("catchment", "lookup", "valby", "--date", "2026-01-01")
    assert (
        "Valby\t2026-01-01\tBispebjerg og Frederiksberg Hospital\tSundhedsklynge Byen"
        in capsys.readouterr().out
    )


def test_the_cli_refuses_a_bad_file_in_english(tmp_path: Path) -> None:
    path = tmp_path / "revision.csv"
    path.write_text(HEADER + "Atlantis;;BFH;2026-01-01;\n", encoding="utf-8")

    with pytest.raises(CommandError) as exc:
        call_command("catchment", "import", str(path))

    assert str(exc.value) == (
        "revision.csv was not imported; nothing was saved.\n"
        "Line 2: Unknown area 'Atlantis'. Use the area's name as in Klynge, e.g. 'Valby', or its slug."
    )


def test_the_cli_lookup_refuses_unknown_areas_and_dates() -> None:
    with pytest.raises(CommandError, match="Unknown area 'Atlantis'"):
        call_command("catchment", "lookup", "Atlantis")
    with pytest.raises(CommandError, match="is not a date"):
        call_command("catchment", "lookup", "valby", "--date", "i går")
    with pytest.raises(CommandError, match="No catchment rule covers København"):
        call_command("catchment", "lookup", "koebenhavn", "--date", "2024-01-01")


def test_an_earlier_closed_rule_and_a_new_open_rule_for_the_same_area_in_one_file() -> None:
    text = HEADER + "Valby;;BFH;2020-01-01;2021-12-31\nValby;;BFH;2026-01-01;\n"

    result = catchment_rules_import(content=text.encode(), source_note="Test")

    assert [r.valid_to for r in result.ended] == [datetime.date(2025, 12, 31)]
    assert hospital_on("Valby", datetime.date(2021, 6, 1)) == BFH
    assert hospital_on("Valby", datetime.date(2023, 6, 1)) == AHH
    assert hospital_on("Valby", datetime.date(2026, 6, 1)) == BFH


def test_a_revision_may_chain_two_years_in_one_file() -> None:
    text = HEADER + "Valby;;BFH;2026-01-01;2026-12-31\nValby;;AHH;2027-01-01;\n"

    catchment_rules_import(content=text.encode(), source_note="Test")

    assert hospital_on("Valby", datetime.date(2025, 12, 31)) == AHH
    assert hospital_on("Valby", datetime.date(2026, 6, 1)) == BFH
    assert hospital_on("Valby", datetime.date(2027, 6, 1)) == AHH
