"""Issue 3's acceptance: from the demo records, the memos say what the two source memos say."""

import datetime
import html
from pathlib import Path

import pytest
from django.core.management import call_command

from klynge.memos.models import Memo, MemoStatus
from tests.memos.extract import docx_text, normalise, pdf_text

pytestmark = pytest.mark.usefixtures("demo_loaded")

# Every fact of seed 001, as phrases the memo must contain.
SEED_001_FACTS = [
    "Status på sundhedsklynger og det tværsektorielle samarbejde til møde i Sundheds- og Omsorgsudvalget "
    "den 14. december 2023",
    "11. december 2023",
    "2023-0476658",
    "2023 - 21613",
    "Melissa Holmes",
    "Møde i Sundhedssamarbejdsudvalget (SSU) i Region Hovedstaden den 1. december",
    "Samarbejde og koordination i forbindelse med indlæggelser og udskrivelser",
    "opgørelse af de midlertidige pladser blandt kommunerne i hovedstadsregionen",
    "13. oktober 2023",
    "bedre samarbejde og koordination i forbindelse med udskrivelser",
    "eksempler på samarbejder fra sundhedsklyngerne",
    "Resultater fra lægedækningsundersøgelsen",
    "Lægedækningstruede områder for 2024",
    "62 nye praktiserende læger frem mod 2027",
    "befolkningstilvækst og læger, der går på pension",
    "For Amager er der behov for 17",
    "Amager, Bispebjerg og Nørrebro er lægedækningstruede områder i 2024",
    "Møde i Sundhedsklynge Syd den 16. november",
    "optageområdet for Amager og Hvidovre Hospital",
    "Erfaringer og potentiale for tværsektoriel forskning i sundhedsklyngen",
    "muligheden for etablering af følgeforskning",
    "Midlertidige pladser",
    "Alkoholscreening",
    "Den ældre medicinske patient",
    "Organisatoriske forløbspakker",
    "Botilbudslæger",
    "Den gode overgang",
    "Tværsektoriel indsats om overvægt",
    "Den gode start på livet",
    "Implementering af samarbejdsaftalerne på børne- og ungepsykiatrien hhv. voksenpsykiatrien",
    "Møde i Sundhedsklynge Byen den 28. november",
    "optageområdet for Bispebjerg og Frederiksberg Hospital",
    "Socialt udsatte borgeres somatiske sygdom",
    "Samarbejde mellem socialtandplejen og Flexklinikken",
    "Samarbejde om socialt udsatte borgere med rusmiddelproblematik og behov for abstinensbehandling",
    "Der er afsat 2 mio. kr. i klyngemidler til fokusområdet 'Socialt udsatte borgeres somatiske sygdom'",
    "Træning før eller i stedet for operation",
    "slidgigt og kredsløbsrelaterede smerter i benene",
    "seks prøvehandlinger",
    "henvisning af sårbare borgere fra almen praksis til kommune",
    "træning i lokale foreninger",
    "Der er afsat 1,4 mio. kr. i klyngemidler til fokusområdet 'Træning før eller i stedet for operation'",
    "Ønsker til fokus i 2024",
    "den ældre medicinske patient",
    "Sundhedsaftale 2024-2027",
    "Sundhedsstrukturkommissionens afrapportering",
    "ekstra møde i Politisk sundhedsklynge Byen i 2. halvår 2024",
]
SECTION_ORDER = [
    "Møde i Sundhedssamarbejdsudvalget",
    "Møde i Sundhedsklynge Syd den 16. november",
    "Møde i Sundhedsklynge Byen den 28. november",
]
STATUS_ARGS = [
    "memo", "status", "--committee", "SOU", "--meeting-date", "2023-12-14", "--memo-date", "2023-12-11",
    "--case-number", "edoc=2023-0476658", "--case-number", "f2=2023 - 21613", "--case-handler", "Melissa Holmes",
]  # fmt: skip


def generated_text(tmp_path: Path, fmt: str, args: list[str]) -> str:
    out = tmp_path / f"notat.{fmt}"
    call_command(*args, "--format", fmt, "--output", str(out))
    content = out.read_bytes()
    text = {"docx": docx_text, "pdf": pdf_text, "html": lambda c: html.unescape(c.decode("utf-8"))}.get(
        fmt, lambda c: c.decode("utf-8")
    )(content)
    return normalise(text.replace("*", ""))


@pytest.mark.parametrize("fmt", ["docx", "pdf", "md", "html"])
def test_status_memo_for_sou_holds_every_fact_of_seed_001_in_order(tmp_path: Path, fmt: str) -> None:
    text = generated_text(tmp_path, fmt, STATUS_ARGS)
    missing = [fact for fact in SEED_001_FACTS if normalise(fact) not in text]
    assert missing == []
    positions = [text.index(heading) for heading in SECTION_ORDER]
    assert positions == sorted(positions)
    # The SSU meeting of 13 October is background, not a meeting of the period.
    assert "Møde i Sundhedssamarbejdsudvalget (SSU) i Region Hovedstaden den 13. oktober" not in text


def test_the_demo_holds_seed_001_as_a_final_memo() -> None:
    memo = Memo.objects.get(committee__code="SOU")
    assert memo.status == MemoStatus.FINAL
    assert memo.memo_date == datetime.date(2023, 12, 11)
    assert memo.committee_meeting_date == datetime.date(2023, 12, 14)
    assert {c.number for c in memo.case_numbers.all()} == {"2023-0476658", "2023 - 21613"}
    assert "Møde i Sundhedsklynge Syd den 16. november" in memo.body


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_buu_orientation_holds_children_and_youth_and_nothing_unrelated(tmp_path: Path, fmt: str) -> None:
    text = generated_text(
        tmp_path, fmt, ["memo", "orientation", "--committee", "BUU", "--memo-date", "2022-10-15"]
    )
    for fact in [
        "Til Børne- og Ungdomsudvalget",
        "Sundhedsklynge Byen tilknyttet Bispebjerg og Frederiksberg Hospital",
        "Sundhedsklynge Syd tilknyttet Amager og Hvidovre Hospital",
        "Koordinationsforum",
        "et fagligt og et politisk niveau",
        "Sisse Marie Welling",
        "to pladser",
        "Line Ervolder",
        "Karina Vestergård Madsen",
        "Jakob Næsager",
        "kan deltage i stedet for",
        "Sundhedsklyngerne er ikke nye myndigheder",
        "Børne- og Ungdomsforvaltningen, Socialforvaltningen og Sundheds- og Omsorgsforvaltningen",
        "28. september 2022",
        "Børn og unge i mistrivsel (begge sundhedsklynger)",
        "Fødeområdet",
        "Ammeindsats",
        "Indsats om overvægt, evt. på børneområdet",
        "10. januar 2023",
        "2. maj 2023",
    ]:
        assert fact in text, fact
    for unrelated in ["Alkoholscreening", "Botilbudslæger", "Organisatoriske forløbspakker", "lægedækning"]:
        assert unrelated not in text


def test_a_status_memo_for_a_period_without_meetings_says_so(tmp_path: Path) -> None:
    text = generated_text(
        tmp_path,
        "md",
        [
            "memo",
            "status",
            "--committee",
            "SOU",
            "--meeting-date",
            "2025-06-01",
            "--period-start",
            "2025-01-01",
        ],
    )
    assert "Der har ikke været afholdt møder" in text


def test_the_demo_has_an_item_pending_for_buu_and_renders_its_memos_in_municipal_form() -> None:
    from io import BytesIO

    from docx import Document

    from klynge.memos.documents import memo_file
    from klynge.memos.models import CommitteeReferral
    from klynge.memos.selectors import memo_detail

    referral = CommitteeReferral.objects.get()
    assert referral.committee.code == "BUU" and referral.is_pending
    assert referral.agenda_item.title == "Status på de politisk besluttede indsatser"

    memo = memo_detail(pk=Memo.objects.get(committee__code="SOU").pk)
    assert memo is not None
    content, _, _ = memo_file(memo, "docx")
    doc = Document(BytesIO(content))
    sender = doc.tables[0].rows[0].cells[1].text
    for value in (
        "Sundheds- og Omsorgsforvaltningen",
        "Københavns Kommune",
        "11. december 2023",
        "Melissa Holmes",
    ):
        assert value in sender
    assert "NUMPAGES" in doc.sections[0].footer._element.xml


def test_the_next_buu_memo_brings_the_flagged_item(tmp_path: Path) -> None:
    text = generated_text(
        tmp_path, "md", ["memo", "orientation", "--committee", "BUU", "--memo-date", "2023-12-20"]
    )
    assert "Punkter til udvalgets orientering" in text
    assert "Status på de politisk besluttede indsatser" in text
    assert "Den gode start på livet" in text
