"""Word (.docx) in Danish municipal memo form: "Notat", a metadata block, title, headings, bullets."""

from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from klynge.memos.content import (
    CLOSED_LABEL,
    Block,
    BulletList,
    ClosedPassage,
    Inline,
    MemoDocument,
    Paragraph,
)

FONT = "Arial"
CLOSED_RED = RGBColor(0xB5, 0x1D, 0x09)


def _add_runs(paragraph: DocxParagraph, runs: Inline) -> None:
    for run in runs:
        added = paragraph.add_run(run.text)
        added.italic = run.italic or None
        added.bold = run.bold or None


def _add_blocks(
    doc: DocxDocument, blocks: "list[Block] | tuple[Block, ...]", indent: Pt | None = None
) -> None:
    for block in blocks:
        if isinstance(block, Paragraph):
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.left_indent = indent
            _add_runs(paragraph, block.runs)
        elif isinstance(block, BulletList):
            for item in block.items:
                paragraph = doc.add_paragraph(style="List Bullet")
                if indent is not None:
                    paragraph.paragraph_format.left_indent = Pt(indent.pt + 18)
                _add_runs(paragraph, item)
        elif isinstance(block, ClosedPassage):
            label = doc.add_paragraph().add_run(CLOSED_LABEL)
            label.bold = True
            label.font.color.rgb = CLOSED_RED
            _add_blocks(doc, block.blocks, indent=Pt(18))


def render_docx(document: MemoDocument) -> bytes:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    for style_name in ("Title", "Heading 1", "Heading 2"):
        style = doc.styles[style_name]
        style.font.name = FONT
        style.font.color.rgb = RGBColor(0, 0, 0)
    doc.core_properties.title = document.title
    doc.core_properties.language = "da-DK"

    notat = doc.add_paragraph()
    notat_run = notat.add_run("Notat")
    notat_run.bold = True
    notat_run.font.size = Pt(20)
    if document.closed:
        closed_run = notat.add_run(" – Lukket notat")
        closed_run.bold = True
        closed_run.font.size = Pt(14)
        closed_run.font.color.rgb = CLOSED_RED

    if document.metadata:
        table = doc.add_table(rows=0, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.RIGHT
        for label, value in document.metadata:
            cells = table.add_row().cells
            cells[0].text = label
            cells[1].text = value
            for cell in cells:
                for run in cell.paragraphs[0].runs:
                    run.font.size = Pt(9)
        doc.add_paragraph()

    if document.recipient:
        doc.add_paragraph().add_run(document.recipient).bold = True
    doc.add_heading(document.title, level=1)
    _add_blocks(doc, document.intro)
    for section in document.sections:
        doc.add_heading(section.heading, level=2)
        _add_blocks(doc, section.blocks)

    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
