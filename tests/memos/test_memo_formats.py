import pytest

from klynge.memos.content import BulletList, MemoDocument, Paragraph, Run, Section
from klynge.memos.rendering.docx import render_docx
from klynge.memos.rendering.html import render_html
from klynge.memos.rendering.markdown import render_markdown
from klynge.memos.rendering.pdf import render_pdf
from tests.memos.extract import docx_text, normalise, pdf_text

DOCUMENT = MemoDocument(
    title="Status på sundhedsklynger til møde i Sundheds- og Omsorgsudvalget den 14. december 2023",
    recipient="Til Sundheds- og Omsorgsudvalget",
    metadata=[("Dato", "11. december 2023"), ("Edoc-sagsnummer", "2023-0476658"), ("Sagsbehandler", "Å Ø Æ")],
    intro=[
        Paragraph(
            (Run("Drøftelse af "), Run("Træning før eller i stedet for operation", italic=True), Run("."))
        )
    ],
    sections=[
        Section(
            "Møde i Sundhedsklynge Syd den 16. november",
            [BulletList(((Run("Midlertidige pladser"),), (Run("Den ældre medicinske patient"),)))],
        )
    ],
)
FACTS = [
    "Notat",
    "Sundheds- og Omsorgsudvalget den 14. december 2023",
    "11. december 2023",
    "2023-0476658",
    "Å Ø Æ",
    "Træning før eller i stedet for operation",
    "Møde i Sundhedsklynge Syd den 16. november",
    "Den ældre medicinske patient",
]


def test_docx_holds_every_fact_with_danish_letters_and_italics() -> None:
    content = render_docx(DOCUMENT)
    text = docx_text(content)
    for fact in FACTS:
        assert fact in text
    from io import BytesIO

    from docx import Document

    italic = [r.text for p in Document(BytesIO(content)).paragraphs for r in p.runs if r.italic]
    assert "Træning før eller i stedet for operation" in italic


def test_pdf_holds_every_fact_with_danish_letters() -> None:
    text = normalise(pdf_text(render_pdf(DOCUMENT)))
    for fact in FACTS:
        assert fact in text


@pytest.mark.parametrize("render", [render_markdown, render_html])
def test_text_formats_hold_every_fact(render) -> None:  # type: ignore[no-untyped-def]
    text = render(DOCUMENT).decode("utf-8")
    for fact in FACTS:
        assert fact in text


def test_html_escapes_the_text() -> None:
    document = MemoDocument(title="<script>", intro=[Paragraph((Run("<b>fed</b>"),))])
    html = render_html(document).decode()
    assert "<script>" not in html.split("<body>")[1]
    assert "&lt;b&gt;fed&lt;/b&gt;" in html
