"""PDF with fpdf2 (pure Python) and the bundled IBM Plex Sans, so Danish letters need no system fonts."""

from io import BytesIO
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align

from klynge.memos.content import (
    CLOSED_LABEL,
    Block,
    BulletList,
    ClosedPassage,
    Inline,
    MemoDocument,
    Paragraph,
)

LOGO_MM = 14
SENDER_COLUMN_MM = 50
FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FAMILY = "IBMPlexSans"
LINE = 5.5


class _MemoPDF(FPDF):
    """A4 with the Word template's margins and page header and footer (wordtemplates/build.py): the
    party's logo and name at the top right, "Side x af y" at the bottom right."""

    logo: bytes | None = None
    party: str = ""

    def header(self) -> None:
        top = 12.5
        if self.logo:
            self.image(BytesIO(self.logo), x=Align.R, y=top, h=LOGO_MM)
            top += LOGO_MM + 1
        if self.party:
            self.set_xy(self.l_margin, top)
            self.set_font(FAMILY, "B", 8)
            self.cell(0, 4, self.party, align="R")
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FAMILY, size=8)
        self.cell(0, 10, f"Side {self.page_no()} af {{nb}}", align="R")


def _write_runs(pdf: FPDF, runs: Inline, size: float = 10.5) -> None:
    for run in runs:
        style = ("B" if run.bold else "") + ("I" if run.italic else "")
        pdf.set_font(FAMILY, style=style, size=size)
        pdf.write(LINE, run.text)
    pdf.ln(LINE)


CLOSED_RED = (0xB5, 0x1D, 0x09)


def _write_closed(pdf: FPDF, passage: ClosedPassage) -> None:
    """A closed passage: labelled, indented, with a red rule down its left side."""
    pdf.set_text_color(*CLOSED_RED)
    pdf.set_font(FAMILY, "B", 10.5)
    pdf.cell(0, LINE, CLOSED_LABEL, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    top_page, top = pdf.page_no(), pdf.get_y()
    left = pdf.l_margin
    pdf.set_left_margin(left + 5)
    pdf.set_x(left + 5)
    _write_blocks(pdf, passage.blocks)
    pdf.set_left_margin(left)
    pdf.set_x(left)
    if pdf.page_no() == top_page:
        pdf.set_draw_color(*CLOSED_RED)
        pdf.set_line_width(0.8)
        pdf.line(left + 1, top, left + 1, pdf.get_y() - 2)


def _write_blocks(pdf: FPDF, blocks: "list[Block] | tuple[Block, ...]") -> None:
    for block in blocks:
        if isinstance(block, ClosedPassage):
            _write_closed(pdf, block)
            continue
        if isinstance(block, Paragraph):
            _write_runs(pdf, block.runs)
            pdf.ln(2.5)
        elif isinstance(block, BulletList):
            for item in block.items:
                pdf.set_font(FAMILY, size=10.5)
                pdf.cell(6, LINE, "•")
                left = pdf.l_margin
                pdf.set_left_margin(left + 6)
                _write_runs(pdf, item)
                pdf.set_left_margin(left)
                pdf.ln(1)
            pdf.ln(1.5)


def render_pdf(document: MemoDocument) -> bytes:
    pdf = _MemoPDF(format="A4")
    pdf.logo, pdf.party = document.logo, document.party
    # The page header is 12.5 mm down (Word's 1.25 cm), the logo and the party's name under each other.
    header_bottom = 12.5 + (LOGO_MM + 1 if document.logo else 0) + 4
    pdf.set_margins(25, max(30, header_bottom + 4), 25)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_font(FAMILY, "", str(FONT_DIR / "IBMPlexSans-Regular.ttf"))
    pdf.add_font(FAMILY, "B", str(FONT_DIR / "IBMPlexSans-Bold.ttf"))
    pdf.add_font(FAMILY, "I", str(FONT_DIR / "IBMPlexSans-Italic.ttf"))
    pdf.add_font(FAMILY, "BI", str(FONT_DIR / "IBMPlexSans-BoldItalic.ttf"))
    pdf.set_title(document.title)
    pdf.set_lang("da-DK")
    pdf.alias_nb_pages()
    pdf.add_page()

    pdf.set_font(FAMILY, "B", 22)
    pdf.cell(0, 12, "Notat", new_x="LMARGIN", new_y="NEXT")
    if document.closed:
        pdf.set_text_color(*CLOSED_RED)
        pdf.set_font(FAMILY, "B", 12)
        pdf.cell(0, 7, "Lukket notat", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    # The sender block, as in the Word file: administration, party, then each field, label above value.
    if document.sender or document.metadata:
        column = pdf.w - pdf.r_margin - SENDER_COLUMN_MM
        for index, line in enumerate(document.sender):
            pdf.set_x(column)
            pdf.set_font(FAMILY, "B" if index == 0 else "", 8.5)
            pdf.multi_cell(SENDER_COLUMN_MM, 4.5, line, align="L", new_x="LMARGIN", new_y="NEXT")
        for label, value in document.metadata:
            pdf.ln(1.5)
            pdf.set_x(column)
            pdf.set_font(FAMILY, "B", 8.5)
            pdf.cell(SENDER_COLUMN_MM, 4.5, label, new_x="LMARGIN", new_y="NEXT")
            pdf.set_x(column)
            pdf.set_font(FAMILY, size=8.5)
            pdf.multi_cell(SENDER_COLUMN_MM, 4.5, value, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    if document.recipient:
        pdf.set_font(FAMILY, "B", 11)
        pdf.cell(0, 7, document.recipient, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "B", 15)
    pdf.multi_cell(0, 7.5, document.title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _write_blocks(pdf, document.intro)
    for section in document.sections:
        pdf.ln(2)
        pdf.set_font(FAMILY, "B", 12)
        pdf.multi_cell(0, 6.5, section.heading, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        _write_blocks(pdf, section.blocks)
    return bytes(pdf.output())
