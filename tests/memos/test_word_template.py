"""The Word memo in municipal form: A4, the sender block, "Side x af y" as page fields, the party's logo
and template when it has set them (uploaded by its editor or an administrator), the default otherwise."""

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document
from docx.shared import Cm
from PIL import Image

from klynge.memos.models import Memo, MemoKind, MemoTemplate
from klynge.memos.services import memo_draft
from klynge.memos.wordtemplates.build import build
from klynge.organisation.models import Committee
from klynge.organisation.services import administration_create, committee_create
from tests.clients import administrator, editor_of, member_as
from tests.factories import ClusterWorld, build_cluster
from tests.memos.extract import normalise, pdf_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def committee(world: ClusterWorld) -> Committee:
    administration = administration_create(
        party=world.municipality, name="Sundheds- og Omsorgsforvaltningen", abbreviation="SUF"
    )
    return committee_create(
        party=world.municipality,
        name="Sundheds- og Omsorgsudvalget",
        code="SOU",
        administration=administration,
    )


@pytest.fixture
def memo(committee: Committee) -> Memo:
    return memo_draft(
        committee=committee,
        kind=MemoKind.STATUS,
        meeting_date=datetime.date(2023, 12, 14),
        memo_date=datetime.date(2023, 12, 11),
        case_handler="Melissa Holmes",
        case_numbers={"edoc": "2023-0476658", "f2": "2023 - 21613"},
    )


def png(colour: tuple[int, int, int] = (0, 80, 160)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (240, 80), colour).save(buffer, "PNG")
    return buffer.getvalue()


def custom_template(tmp_path: object, marker: str) -> bytes:
    """The default template with a line of the party's own in the page header."""
    path = build(tmp_path / "egen.docx")  # type: ignore[operator]
    doc = Document(str(path))
    doc.sections[0].header.add_paragraph(marker)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def download(client: Client, memo: Memo, fmt: str = "docx") -> bytes:
    response = client.get(f"/notater/{memo.pk}/hent/{fmt}/")
    assert response.status_code == 200
    return response.content


def upload(client: Client, party_slug: str, **files: object) -> object:
    return client.post(f"/notater/skabeloner/{party_slug}/", files)


def test_the_word_memo_is_a4_with_page_numbers_and_the_sender_block(world: ClusterWorld, memo: Memo) -> None:
    doc = Document(BytesIO(download(editor_of(world.municipality), memo)))
    section = doc.sections[0]
    assert abs(section.page_width - Cm(21.0)) < Cm(0.01) and abs(section.page_height - Cm(29.7)) < Cm(0.01)
    assert abs(section.left_margin - Cm(2.5)) < Cm(0.01) and abs(section.top_margin - Cm(3.0)) < Cm(0.01)

    footer = section.footer._element
    instructions = [t.text.strip() for t in footer.iter(f"{W}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert (
        section.footer.paragraphs[0].text.startswith("Side ") and " af " in section.footer.paragraphs[0].text
    )

    sender = doc.tables[0].rows[0].cells[1].text.split("\n")
    assert sender == [
        "Sundheds- og Omsorgsforvaltningen",
        world.municipality.name,
        "11. december 2023",
        "Edoc-sagsnummer",
        "2023-0476658",
        "F2 sagsnummer",
        "2023 - 21613",
        "Sagsbehandler",
        "Melissa Holmes",
    ]
    assert doc.tables[0].rows[0].cells[0].text.startswith("Notat")
    assert world.municipality.name in [p.text for p in section.header.paragraphs]
    assert not section.header._element.findall(".//{*}pic")  # no logo set
    assert memo.title in [p.text for p in doc.paragraphs]
    assert "{{" not in "\n".join(p.text for p in doc.paragraphs)


def test_pdf_and_html_carry_the_same_sender_block(world: ClusterWorld, memo: Memo) -> None:
    editor = editor_of(world.municipality)
    pdf = normalise(pdf_text(download(editor, memo, "pdf")))
    html = download(editor, memo, "html").decode()
    for value in (
        "Sundheds- og Omsorgsforvaltningen",
        world.municipality.name,
        "11. december 2023",
        "2023-0476658",
        "Melissa Holmes",
    ):
        assert value in pdf and value in html
    assert "Side 1 af" in pdf


def test_the_partys_template_and_logo_are_used_when_set(
    world: ClusterWorld, memo: Memo, tmp_path: object
) -> None:
    editor = editor_of(world.municipality)
    marker = "Test Kommunes egen skabelon"
    response = upload(
        editor,
        world.municipality.slug,
        template=SimpleUploadedFile("skabelon.docx", custom_template(tmp_path, marker)),
        logo=SimpleUploadedFile("logo.png", png(), content_type="image/png"),
    )
    assert response.status_code == 302, getattr(response, "content", b"")[:2000]
    record = MemoTemplate.objects.get(party=world.municipality)
    assert record.template and record.logo and record.history.count() == 1

    doc = Document(BytesIO(download(editor, memo)))
    header = doc.sections[0].header
    assert marker in [p.text for p in header.paragraphs]
    assert len(header._element.findall(".//{*}pic")) == 1  # the logo
    assert "data:image/png;base64," in download(editor, memo, "html").decode()
    # Another party's memos keep the default.
    other = build_cluster("Anden")
    other_memo = memo_draft(
        committee=Committee.objects.get(party=other.municipality),
        kind=MemoKind.ORIENTATION,
        memo_date=datetime.date(2023, 12, 11),
    )
    other_doc = Document(BytesIO(download(editor_of(other.municipality), other_memo)))
    assert marker not in [p.text for p in other_doc.sections[0].header.paragraphs]

    # Back to the default template; the logo stays.
    assert upload(editor, world.municipality.slug, clear_template="on").status_code == 302
    doc = Document(BytesIO(download(editor, memo)))
    assert marker not in [p.text for p in doc.sections[0].header.paragraphs]
    assert len(doc.sections[0].header._element.findall(".//{*}pic")) == 1


@pytest.mark.parametrize(
    ("files", "field", "message"),
    [
        ({"template": ("skabelon.docx", b"not a zip")}, "template", "Skabelonen kan ikke bruges"),
        ({"template": ("skabelon.txt", b"x")}, "template", "Word-fil (.docx)"),
        ({"logo": ("logo.png", b"not an image")}, "logo", "kan ikke læses som et billede"),
    ],
)
def test_a_broken_upload_is_refused_next_to_its_field(
    world: ClusterWorld, files: dict, field: str, message: str
) -> None:
    response = upload(
        editor_of(world.municipality),
        world.municipality.slug,
        **{name: SimpleUploadedFile(filename, content) for name, (filename, content) in files.items()},
    )
    assert response.status_code == 422
    assert message in " ".join(response.context["form"].errors[field])
    assert not MemoTemplate.objects.exists()


def test_a_template_with_broken_tags_is_refused(world: ClusterWorld, tmp_path: object) -> None:
    broken = custom_template(tmp_path, "{{ ikke lukket")
    response = upload(
        editor_of(world.municipality), world.municipality.slug, template=SimpleUploadedFile("s.docx", broken)
    )
    assert response.status_code == 422
    assert not MemoTemplate.objects.exists()


def test_who_may_set_a_partys_template(world: ClusterWorld) -> None:
    other = build_cluster("Anden")
    logo = {"logo": SimpleUploadedFile("logo.png", png(), content_type="image/png")}
    assert upload(editor_of(other.municipality), world.municipality.slug, **logo).status_code == 403
    assert upload(member_as(world.mayor), world.municipality.slug, **logo).status_code == 403
    assert Client().get(f"/notater/skabeloner/{world.municipality.slug}/").status_code == 302
    assert not MemoTemplate.objects.exists()
    logo = {"logo": SimpleUploadedFile("logo.png", png(), content_type="image/png")}
    assert upload(administrator(), world.municipality.slug, **logo).status_code == 302
    assert MemoTemplate.objects.get().logo
    # The memo screen offers an editor their own party's template only; the default is for anyone to fetch.
    page = editor_of(world.municipality).get("/notater/").content.decode()
    assert f"/notater/skabeloner/{world.municipality.slug}/" in page
    assert f"/notater/skabeloner/{other.municipality.slug}/" not in page
    default = Client().get("/notater/skabeloner/standard.docx")
    assert default.status_code == 200 and Document(BytesIO(default.content)).sections[0].footer
