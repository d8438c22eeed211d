"""Word (.docx) in Danish municipal memo form, from a docxtpl template: the party's own, or Klynge's
default (`klynge/memos/wordtemplates/notat.docx`, built by `wordtemplates/build.py`, which lists the
template's fields). A4, the party's logo and name in the page header, "Side x af y" in the footer, the
sender block (administration, party, date, case numbers, case handler) beside "Notat", then the text."""

from io import BytesIO
from typing import Any

from docx.shared import Mm, Pt, RGBColor
from docxtpl import DocxTemplate, InlineImage

from klynge.memos.content import (
    CLOSED_LABEL,
    Block,
    BulletList,
    ClosedPassage,
    Inline,
    MemoDocument,
    Paragraph,
    Section,
)
from klynge.memos.wordtemplates.build import DEFAULT_TEMPLATE

CLOSED_RED = RGBColor(0xB5, 0x1D, 0x09)
LOGO_HEIGHT = Mm(14)
DATE_LABEL = "Dato"


def _add_runs(paragraph: Any, runs: Inline) -> None:
    for run in runs:
        added = paragraph.add_run(run.text)
        added.italic = run.italic or None
        added.bold = run.bold or None


def _add_blocks(body: Any, blocks: "list[Block] | tuple[Block, ...]", indent: Pt | None = None) -> None:
    for block in blocks:
        if isinstance(block, Paragraph):
            paragraph = body.add_paragraph()
            paragraph.paragraph_format.left_indent = indent
            _add_runs(paragraph, block.runs)
        elif isinstance(block, BulletList):
            for item in block.items:
                paragraph = body.add_paragraph(style="List Bullet")
                if indent is not None:
                    paragraph.paragraph_format.left_indent = Pt(indent.pt + 18)
                _add_runs(paragraph, item)
        elif isinstance(block, ClosedPassage):
            label = body.add_paragraph().add_run(CLOSED_LABEL)
            label.bold = True
            label.font.color.rgb = CLOSED_RED
            _add_blocks(body, block.blocks, indent=Pt(18))


def _body(template: DocxTemplate, intro: list[Block], sections: list[Section]) -> Any:
    body = template.new_subdoc()
    _add_blocks(body, intro)
    for section in sections:
        body.add_heading(section.heading, level=2)
        _add_blocks(body, section.blocks)
    return body


def template_context(template: DocxTemplate, document: MemoDocument) -> dict[str, Any]:
    """The fields a memo template may use (see wordtemplates/build.py)."""
    memo_date = next((value for label, value in document.metadata if label == DATE_LABEL), "")
    logo: Any = ""
    if document.logo:
        logo = InlineImage(template, BytesIO(document.logo), height=LOGO_HEIGHT)
    return {
        "logo": logo,
        "party": document.party,
        "administration": document.administration,
        "sender": document.sender,
        "kind": "Notat",
        "closed_mark": " – Lukket notat" if document.closed else "",
        "closed": document.closed,
        "recipient": document.recipient,
        "memo_date": memo_date,
        "case_lines": [
            {"label": label, "value": value} for label, value in document.metadata if label != DATE_LABEL
        ],
        "metadata": [{"label": label, "value": value} for label, value in document.metadata],
        "title": document.title,
        "body": _body(template, document.intro, document.sections),
    }


def render_docx(document: MemoDocument) -> bytes:
    source = BytesIO(document.word_template) if document.word_template else DEFAULT_TEMPLATE
    template = DocxTemplate(source)
    # autoescape: the memo's text is data, never template code or XML.
    template.render(template_context(template, document), autoescape=True)
    template.docx.core_properties.title = document.title
    template.docx.core_properties.language = "da-DK"
    buffer = BytesIO()
    template.save(buffer)
    return buffer.getvalue()
