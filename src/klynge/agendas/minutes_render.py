"""The minutes (beslutningsprotokol) as PDF (fpdf2, as the agenda package) and Word (python-docx, as the
memos' Word files). The entries given are those the edition may show: the public edition is given the
public items' entries only, numbered among them."""

import io
from collections.abc import Sequence

from docx import Document
from docx.shared import Pt

from klynge.agendas.models import ApprovalKind, Minutes, MinutesEntry
from klynge.agendas.package import meeting_time
from klynge.agendas.pdf import CLOSED_RED, LINE, _heading, _new_doc, _text
from klynge.kernel.formatting import danish_date
from klynge.memos.rendering.pdf import FAMILY


def approval_line(minutes: Minutes) -> str:
    if minutes.approval_kind == ApprovalKind.MEETING and minutes.approved_at_meeting is not None:
        return f"Godkendt på mødet {danish_date(minutes.approved_at_meeting.date)}."
    if minutes.approval_kind == ApprovalKind.WRITTEN and minutes.approved_on is not None:
        return f"Godkendt ved skriftlig procedure {danish_date(minutes.approved_on)}."
    return "Udkast – ikke godkendt."


def _lines(minutes: Minutes, closed: bool) -> tuple[str, list[str]]:
    meeting = minutes.meeting
    title = f"Beslutningsprotokol – {meeting.body.name}"
    facts = [f"Dato: {danish_date(meeting.date)}"]
    if meeting.start_time:
        facts.append(f"Tidspunkt: {meeting_time(meeting)}")
    if meeting.location:
        facts.append(f"Sted: {meeting.location}")
    facts.append(approval_line(minutes))
    facts.append("Lukket udgave – indeholder lukkede punkter" if closed else "Offentlig udgave")
    return title, facts


def render_minutes_pdf(minutes: Minutes, entries: Sequence[MinutesEntry], *, closed: bool) -> bytes:
    title, facts = _lines(minutes, closed)
    pdf = _new_doc(title)
    pdf.numbered = True
    pdf.alias_nb_pages()
    pdf.add_page()
    _heading(pdf, title, 18)
    pdf.ln(2)
    pdf.set_font(FAMILY, size=10.5)
    for fact in facts:
        pdf.multi_cell(0, LINE, fact, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    if minutes.attendance:
        _heading(pdf, "Deltagere og afbud", 12)
        _text(pdf, minutes.attendance)
    for number, entry in enumerate(entries, start=1):
        pdf.ln(2)
        _heading(pdf, f"{number}. {entry.agenda_item.title}", 12)
        if not entry.agenda_item.is_public:
            pdf.set_text_color(*CLOSED_RED)
            pdf.set_font(FAMILY, "B", 10.5)
            pdf.cell(0, LINE, "Lukket punkt", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
        _text(pdf, entry.text or "Intet referat.")
    if minutes.closing_note:
        _heading(pdf, "Eventuelt", 12)
        _text(pdf, minutes.closing_note)
    return bytes(pdf.output())


def render_minutes_docx(minutes: Minutes, entries: Sequence[MinutesEntry], *, closed: bool) -> bytes:
    title, facts = _lines(minutes, closed)
    document = Document()
    document.core_properties.title = title
    document.core_properties.language = "da-DK"
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(title, level=1)
    for fact in facts:
        document.add_paragraph(fact)
    if minutes.attendance:
        document.add_heading("Deltagere og afbud", level=2)
        for part in minutes.attendance.split("\n\n"):
            document.add_paragraph(part.strip())
    for number, entry in enumerate(entries, start=1):
        document.add_heading(f"{number}. {entry.agenda_item.title}", level=2)
        if not entry.agenda_item.is_public:
            document.add_paragraph().add_run("Lukket punkt").bold = True
        for part in (entry.text or "Intet referat.").split("\n\n"):
            document.add_paragraph(part.strip())
    if minutes.closing_note:
        document.add_heading("Eventuelt", level=2)
        document.add_paragraph(minutes.closing_note)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
