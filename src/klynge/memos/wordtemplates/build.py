"""Build Klynge's default Word template for memos (`notat.docx`, committed beside this file) with
python-docx, so the template is made by code anyone can read and change, not by hand in Word:

    python -m klynge.memos.wordtemplates.build [OUT.docx]

The template is a docxtpl template (Jinja tags in the Word text). A party's own template (uploaded on
`/notater/skabeloner/`) is made the same way — start from this file in Word and keep the tags:

    {{ logo }}              the party's logo (an image; empty without one), in the page header
    {{ party }}             the party, e.g. "Københavns Kommune"
    {{ administration }}    the committee's administration, e.g. "Sundheds- og Omsorgsforvaltningen"
    {{ kind }}              "Notat"; {{ closed_mark }} "Lukket notat" for a closed memo, else empty
    {{ recipient }}         "Til Børne- og Ungdomsudvalget" (orientation memos), else empty
    {{ memo_date }}         "14. december 2023"
    {% for line in case_lines %} {{ line.label }} {{ line.value }} {% endfor %}
                            the case numbers (Edoc-sagsnummer, F2 sagsnummer, …) and Sagsbehandler
    {{ title }}             the memo's title
    {{p body }}             the memo's text (a paragraph of its own)

and the page numbers as Word fields (PAGE, NUMPAGES) in the footer, which Word fills in when it opens.
"""

import sys
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "notat.docx"
FONT = "Arial"
CLOSED_RED = RGBColor(0xB5, 0x1D, 0x09)

# A4 with the margins of a Danish municipal memo: room at the top for the letterhead, a text column
# of 16 cm less the sender block beside the title block.
PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)
MARGINS = {"top": Cm(3.0), "bottom": Cm(2.5), "left": Cm(2.5), "right": Cm(2.5)}
HEADER_DISTANCE, FOOTER_DISTANCE = Cm(1.25), Cm(1.25)
SENDER_COLUMN = Cm(5.0)


def _field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES) as Word writes it: begin, instruction, separate, result, end."""

    def char(kind: str) -> None:
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


def _styles(doc: DocxDocument) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    for name, size in (("Title", 20), ("Heading 1", 15), ("Heading 2", 12.5)):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
    doc.core_properties.language = "da-DK"
    doc.core_properties.title = "Notat"
    doc.core_properties.author = "Klynge"


def _page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance, section.footer_distance = HEADER_DISTANCE, FOOTER_DISTANCE

    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.add_run("{{ logo }}")
    name = section.header.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = name.add_run("{{ party }}")
    run.bold = True
    run.font.size = Pt(9)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Side ")
    _field(footer, "PAGE", "1")
    footer.add_run(" af ")
    _field(footer, "NUMPAGES", "1")
    for run in footer.runs:
        run.font.size = Pt(8)


def _small(paragraph: Paragraph, text: str, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(8.5)
    run.bold = bold or None


def _heading_block(doc: DocxDocument) -> None:
    """ "Notat" and the recipient on the left; the sender block on the right, as the seeds show it:
    administration, party, date, then each case number and the case handler, label above value."""
    content_width = PAGE_WIDTH - MARGINS["left"] - MARGINS["right"]
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = content_width - SENDER_COLUMN, SENDER_COLUMN

    kind = left.paragraphs[0]
    kind_run = kind.add_run("{{ kind }}")
    kind_run.bold = True
    kind_run.font.size = Pt(20)
    closed = kind.add_run("{{ closed_mark }}")
    closed.bold = True
    closed.font.size = Pt(12)
    closed.font.color.rgb = CLOSED_RED
    recipient = left.add_paragraph()
    recipient.paragraph_format.space_before = Pt(12)
    recipient.add_run("{{ recipient }}").bold = True

    _small(right.paragraphs[0], "{{ administration }}", bold=True)
    _small(right.add_paragraph(), "{{ party }}")
    date = right.add_paragraph()
    date.paragraph_format.space_before = Pt(8)
    _small(date, "{{ memo_date }}")
    right.add_paragraph("{%p for line in case_lines %}")
    label = right.add_paragraph()
    label.paragraph_format.space_before = Pt(6)
    _small(label, "{{ line.label }}", bold=True)
    _small(right.add_paragraph(), "{{ line.value }}")
    right.add_paragraph("{%p endfor %}")


def build(out: Path = DEFAULT_TEMPLATE) -> Path:
    doc = Document()
    _styles(doc)
    _page(doc)
    # Document() starts with no paragraph; the heading block comes first.
    _heading_block(doc)
    doc.add_paragraph()
    doc.add_heading("{{ title }}", level=1)
    doc.add_paragraph("{{p body }}")
    doc.save(str(out))
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TEMPLATE))
