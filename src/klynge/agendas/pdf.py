"""The agenda package as one PDF: front page, agenda, the meeting's own attachments ("Bilag til mødet"),
each item's texts, its attachments merged in order, bookmarks per item and attachment, and "Side x af y"
on every page, the merged ones too.

The texts are typeset with fpdf2 and the memos' fonts (IBM Plex Sans, so Danish letters need no system
fonts); attachments are merged with pypdf: PDFs as they are, images on a page of their own, Word and Excel
files converted by LibreOffice (`soffice --headless --convert-to pdf`) when it is installed, else a page
that names the attachment and where to get it. What goes in is decided by the caller (klynge.agendas
.package): the public package is built from the public items only, so nothing of a closed item is here.
"""

import io
import logging
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from klynge.memos.rendering.pdf import FAMILY, FONT_DIR

logger = logging.getLogger(__name__)

LINE = 5.5
CLOSED_RED = (0xB5, 0x1D, 0x09)
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif"}
OFFICE_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/msword": ".doc",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
}
MEETING_ATTACHMENTS = "Bilag til mødet"
CONVERT_TIMEOUT = 120  # seconds for LibreOffice to convert all of a package's office files at once


@dataclass(frozen=True)
class PackageAttachment:
    title: str
    filename: str
    content_type: str
    read: Callable[[], bytes]
    where: str = ""  # where to get it when it cannot be merged (its address in Klynge)
    key: str = ""  # identifies the file across editions, so an office file is converted once


@dataclass(frozen=True)
class PackageItem:
    number: int
    title: str
    kind: str
    is_public: bool
    case_description: str = ""
    recommendation: str = ""
    decision_text: str = ""
    is_new: bool = False  # added by a supplementary agenda
    attachments: Sequence[PackageAttachment] = field(default_factory=tuple)


@dataclass(frozen=True)
class PackageFront:
    heading: str  # "Dagsorden" or "Tillægsdagsorden"
    body: str
    date: str  # "14. december 2023"
    time: str  # "kl. 14.00" or ""
    place: str
    edition: str  # "Offentlig udgave" / "Lukket udgave – kun for ..."
    version: str = ""  # "Version 2, offentliggjort 1. december 2023"
    closed: bool = False
    # The meeting's own attachments (on no item), merged after the agenda and before the items.
    attachments: Sequence[PackageAttachment] = field(default_factory=tuple)


class _Doc(FPDF):
    numbered = False  # the package numbers its pages after merging; the minutes number their own

    def footer(self) -> None:
        if self.numbered:
            self.set_y(-15)
            self.set_font(FAMILY, size=8)
            self.cell(0, 10, f"Side {self.page_no()} af {{nb}}", align="C")


def _new_doc(title: str) -> _Doc:
    pdf = _Doc(format="A4")
    pdf.set_margins(25, 20, 25)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_font(FAMILY, "", str(FONT_DIR / "IBMPlexSans-Regular.ttf"))
    pdf.add_font(FAMILY, "B", str(FONT_DIR / "IBMPlexSans-Bold.ttf"))
    pdf.add_font(FAMILY, "I", str(FONT_DIR / "IBMPlexSans-Italic.ttf"))
    pdf.set_title(title)
    pdf.set_lang("da-DK")
    return pdf


def _heading(pdf: FPDF, text: str, size: float) -> None:
    pdf.set_font(FAMILY, "B", size)
    pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")


def _lines(pdf: FPDF, paragraph: str, width: float) -> list[str] | None:
    """The paragraph broken into lines that fit `width`, measuring each distinct word once (fpdf2's own
    line breaking measures every character again for every line, which made long case texts slow). None
    if a word is wider than the line (then fpdf2 breaks it)."""
    widths: dict[str, float] = {}

    def measure(word: str) -> float:
        if word not in widths:
            widths[word] = pdf.get_string_width(word)
        return widths[word]

    space = measure(" ")
    lines: list[str] = []
    for source_line in paragraph.split("\n"):
        current: list[str] = []
        used = 0.0
        for word in source_line.split():
            size = measure(word)
            if size > width:
                return None
            if current and used + space + size > width:
                lines.append(" ".join(current))
                current, used = [word], size
            else:
                used = used + space + size if current else size
                current.append(word)
        lines.append(" ".join(current))
    return lines


def _text(pdf: FPDF, text: str) -> None:
    pdf.set_font(FAMILY, size=10.5)
    for paragraph in text.replace("\r\n", "\n").split("\n\n"):
        if not paragraph.strip():
            continue
        lines = _lines(pdf, paragraph.strip(), pdf.epw - 1)
        if lines is None:
            pdf.multi_cell(0, LINE, paragraph.strip(), align="L", new_x="LMARGIN", new_y="NEXT")
        else:
            for line in lines:
                pdf.cell(0, LINE, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)


def _front(pdf: FPDF, front: PackageFront, items: Sequence[PackageItem]) -> None:
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 26)
    pdf.cell(0, 14, front.heading, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    _heading(pdf, front.body, 15)
    pdf.ln(4)
    pdf.set_font(FAMILY, size=11)
    for label, value in (("Dato", front.date), ("Tidspunkt", front.time), ("Sted", front.place)):
        if value:
            pdf.set_font(FAMILY, "B", 11)
            pdf.cell(30, 6.5, label)
            pdf.set_font(FAMILY, size=11)
            pdf.multi_cell(0, 6.5, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    if front.closed:
        pdf.set_text_color(*CLOSED_RED)
    pdf.set_font(FAMILY, "B", 10.5)
    pdf.multi_cell(0, LINE, front.edition, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    if front.version:
        pdf.set_font(FAMILY, size=9.5)
        pdf.multi_cell(0, LINE, front.version, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    _heading(pdf, "Dagsorden", 14)
    pdf.ln(2)
    if not items:
        _text(pdf, "Der er ingen punkter på dagsordenen.")
    for item in items:
        pdf.set_font(FAMILY, "B", 10.5)
        pdf.cell(10, LINE, f"{item.number}.")
        pdf.set_font(FAMILY, size=10.5)
        notes = [item.kind]
        if not item.is_public:
            notes.append("lukket punkt")
        if item.is_new:
            notes.append("tillægsdagsorden")
        pdf.multi_cell(0, LINE, f"{item.title} ({', '.join(notes)})", new_x="LMARGIN", new_y="NEXT")
        if item.attachments:
            pdf.set_x(pdf.l_margin + 10)
            pdf.set_font(FAMILY, "I", 9.5)
            names = "; ".join(a.title for a in item.attachments)
            pdf.multi_cell(0, 5, f"Bilag: {names}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    if front.attachments:
        pdf.ln(4)
        _heading(pdf, MEETING_ATTACHMENTS, 12)
        pdf.ln(1)
        pdf.set_font(FAMILY, size=10.5)
        for n, attachment in enumerate(front.attachments, start=1):
            pdf.multi_cell(0, LINE, f"{n}. {attachment.title}", new_x="LMARGIN", new_y="NEXT")


def _item(pdf: FPDF, item: PackageItem) -> None:
    pdf.add_page()
    _heading(pdf, f"{item.number}. {item.title}", 14)
    pdf.set_font(FAMILY, "I", 9.5)
    notes = [item.kind]
    if item.is_new:
        notes.append("tilføjet med tillægsdagsorden")
    pdf.cell(0, LINE, ", ".join(notes), new_x="LMARGIN", new_y="NEXT")
    if not item.is_public:
        pdf.set_text_color(*CLOSED_RED)
        pdf.set_font(FAMILY, "B", 10.5)
        pdf.cell(0, LINE, "Lukket punkt", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    pdf.ln(3)
    sections = (
        ("Sagsfremstilling", item.case_description),
        ("Indstilling", item.recommendation),
        ("Beslutning", item.decision_text),
    )
    for heading, text in sections:
        if text.strip():
            _heading(pdf, heading, 11.5)
            pdf.ln(1)
            _text(pdf, text)
            pdf.ln(1)
    if item.attachments:
        _heading(pdf, "Bilag", 11.5)
        pdf.ln(1)
        pdf.set_font(FAMILY, size=10.5)
        for n, attachment in enumerate(item.attachments, start=1):
            pdf.multi_cell(0, LINE, f"{n}. {attachment.title}", new_x="LMARGIN", new_y="NEXT")


def _notice(pdf: FPDF, attachment: PackageAttachment, why: str) -> None:
    pdf.add_page()
    _heading(pdf, f"Bilag: {attachment.title}", 13)
    pdf.ln(2)
    lines = [why, f"Filnavn: {attachment.filename}"]
    if attachment.where:
        lines.append(f"Bilaget kan hentes i Klynge: {attachment.where}")
    _text(pdf, "\n\n".join(lines))


def _image(pdf: FPDF, attachment: PackageAttachment, data: bytes) -> None:
    pdf.add_page()
    _heading(pdf, f"Bilag: {attachment.title}", 12)
    pdf.ln(2)
    top = pdf.get_y()
    width, height = pdf.epw, pdf.h - top - pdf.b_margin
    pdf.image(io.BytesIO(data), x=pdf.l_margin, y=top, w=width, h=height, keep_aspect_ratio=True)


def _convert_office(files: dict[int, tuple[str, bytes]]) -> dict[int, bytes]:
    """Office files converted to PDF by LibreOffice in one run (key → PDF); those it could not convert
    are left out. Nothing without `soffice` on the path."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not files or soffice is None:
        return {}
    converted: dict[int, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="klynge-agenda-") as folder:
        base = Path(folder)
        paths = []
        for key, (suffix, data) in files.items():
            path = base / f"bilag-{key}{suffix}"
            path.write_bytes(data)
            paths.append(str(path))
        try:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{base / 'profile'}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(base / "out"),
                    *paths,
                ],
                check=False,
                capture_output=True,
                timeout=CONVERT_TIMEOUT,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            logger.warning("LibreOffice could not convert the attachments: %s", error)
            return {}
        for key in files:
            out = base / "out" / f"bilag-{key}.pdf"
            if out.exists():
                converted[key] = out.read_bytes()
    return converted


def _pdf_reader(data: bytes) -> PdfReader | None:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return None
        _ = len(reader.pages)
        return reader
    except (PdfReadError, ValueError, OSError, KeyError, TypeError):
        return None


@dataclass
class _Segment:
    """A run of pages in the output: of the typeset document (first..last, 1-based) or of a merged PDF."""

    first: int = 0
    last: int = 0
    reader: PdfReader | None = None
    bookmark: str = ""
    level: int = 0  # 0: an item (or the front), 1: an attachment
    heading_only: bool = False  # a bookmark over the next segments, at the first page of the next one


def _page_numbers(writer: PdfWriter) -> None:
    """Stamp "Side x af y" at the foot of every page, in the page's own size."""
    total = len(writer.pages)
    stamp = FPDF(unit="pt")
    stamp.add_font(FAMILY, "", str(FONT_DIR / "IBMPlexSans-Regular.ttf"))
    stamp.set_auto_page_break(False)
    for number, page in enumerate(writer.pages, start=1):
        box = page.mediabox
        width, height = float(box.width), float(box.height)
        stamp.add_page(format=(width, height))
        stamp.set_font(FAMILY, size=8)
        stamp.set_xy(0, height - 28)
        stamp.cell(width, 12, f"Side {number} af {total}", align="C")
    overlay = PdfReader(io.BytesIO(bytes(stamp.output())))
    for page, stamp_page in zip(writer.pages, overlay.pages, strict=True):
        box = page.mediabox
        if box.left or box.bottom:
            stamp_page.add_transformation((1, 0, 0, 1, float(box.left), float(box.bottom)))
        page.merge_page(stamp_page)


def _key(attachment: PackageAttachment) -> str:
    return attachment.key or f"id-{id(attachment)}"


def render_package(
    front: PackageFront, items: Sequence[PackageItem], *, conversions: dict[str, bytes] | None = None
) -> bytes:
    """The whole package as PDF bytes. `conversions` keeps the office files converted to PDF (by key)
    between the editions of one publication, so LibreOffice runs once."""
    pdf = _new_doc(f"{front.heading} – {front.body}, {front.date}")
    converted = {} if conversions is None else conversions
    every = [*front.attachments, *(a for item in items for a in item.attachments)]
    keys = {_key(a): a for a in every if a.content_type in OFFICE_TYPES}
    missing = {n: (k, keys[k]) for n, k in enumerate(keys) if k not in converted}
    done = _convert_office({n: (OFFICE_TYPES[a.content_type], a.read()) for n, (_, a) in missing.items()})
    for n, (k, _) in missing.items():
        if n in done:
            converted[k] = done[n]

    segments: list[_Segment] = []

    def typeset(write: Callable[[], None], bookmark: str, level: int) -> None:
        first = pdf.page_no() + 1
        write()
        segments.append(_Segment(first=first, last=pdf.page_no(), bookmark=bookmark, level=level))

    def merge(attachment: PackageAttachment, mark: str) -> None:
        """The attachment's pages: a PDF as it is (an office file converted), an image on a page, else a
        page that names it and where to get it."""
        data = converted.get(_key(attachment)) if attachment.content_type in OFFICE_TYPES else None
        if attachment.content_type == "application/pdf":
            data = attachment.read()
        if data is not None:
            reader = _pdf_reader(data)
            if reader is not None and len(reader.pages):
                segments.append(_Segment(reader=reader, bookmark=mark, level=1))
                return
            why = "Bilaget er ikke en PDF-fil, der kan læses, og er derfor ikke sat ind i dagsordenen."
            typeset(lambda: _notice(pdf, attachment, why), mark, 1)
        elif attachment.content_type in IMAGE_TYPES:
            try:
                image = attachment.read()
                typeset(lambda: _image(pdf, attachment, image), mark, 1)
            except Exception:  # a broken image is named, not merged
                logger.warning("Attachment image %s could not be embedded", attachment.filename)
                why = "Billedet kunne ikke indsættes i dagsordenen."
                typeset(lambda: _notice(pdf, attachment, why), mark, 1)
        else:
            why = (
                "Bilaget kunne ikke omdannes til PDF og er derfor ikke sat ind i dagsordenen."
                if attachment.content_type in OFFICE_TYPES
                else "Bilaget er ikke i et format, der kan sættes ind i dagsordenen."
            )
            typeset(lambda: _notice(pdf, attachment, why), mark, 1)

    typeset(lambda: _front(pdf, front, items), front.heading, 0)
    if front.attachments:
        segments.append(_Segment(bookmark=MEETING_ATTACHMENTS, level=0, heading_only=True))
        for n, attachment in enumerate(front.attachments, start=1):
            merge(attachment, f"{n}. {attachment.title}")
    for item in items:
        typeset(lambda item=item: _item(pdf, item), f"{item.number}. {item.title}", 0)  # type: ignore[misc]
        for n, attachment in enumerate(item.attachments, start=1):
            merge(attachment, f"Bilag {item.number}.{n}: {attachment.title}")

    body = PdfReader(io.BytesIO(bytes(pdf.output())))
    writer = PdfWriter()
    parent = None
    pending_heading = ""
    for segment in segments:
        if segment.heading_only:
            pending_heading = segment.bookmark
            continue
        start = len(writer.pages)
        if segment.reader is not None:
            for page in segment.reader.pages:
                writer.add_page(page)
        else:
            for index in range(segment.first - 1, segment.last):
                writer.add_page(body.pages[index])
        if len(writer.pages) == start:
            continue
        if pending_heading:
            parent = writer.add_outline_item(title=pending_heading, page_number=start)
            pending_heading = ""
        if segment.level == 0:
            parent = writer.add_outline_item(title=segment.bookmark, page_number=start)
        else:
            writer.add_outline_item(title=segment.bookmark, page_number=start, parent=parent)
    _page_numbers(writer)
    writer.add_metadata({"/Title": f"{front.heading} – {front.body}, {front.date}"})
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
