"""What an uploaded file is, found from its bytes, and the text inside it.

The five kinds allowed (settings.KLYNGE_ATTACHMENT_TYPES) are told apart by their signatures: PDF,
PNG and JPEG by their first bytes; Word and Excel files (Office Open XML) are ZIP archives whose parts
say which they are. Whatever the upload's name or claimed type, a file that is none of them — HTML,
SVG, scripts, executables, old .doc — is refused. The text is read with pypdf, python-docx and openpyxl,
bounded in size, so a file packed to explode (a ZIP bomb) or a broken one is never the server's problem.
"""

import hashlib
import io
import logging
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

logger = logging.getLogger(__name__)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"
JPEG = "image/jpeg"

# The kinds by their setting name, with the Danish name used in refusals and the file name extension.
KINDS: dict[str, tuple[str, str, str]] = {
    "pdf": (PDF, "PDF", ".pdf"),
    "docx": (DOCX, "Word (.docx)", ".docx"),
    "xlsx": (XLSX, "Excel (.xlsx)", ".xlsx"),
    "png": (PNG, "PNG-billede", ".png"),
    "jpeg": (JPEG, "JPEG-billede", ".jpg"),
}
EXTENSIONS = {content_type: extension for content_type, _, extension in KINDS.values()}
# Shown in the browser when asked to (inline): never anything that could hold script.
INLINE_TYPES = frozenset({PDF, PNG, JPEG})

MAX_TEXT_CHARS = 500_000  # of extracted text per file
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # of an Office file's parts together


def allowed_types() -> dict[str, str]:
    """The allowed content types, each with its Danish name."""
    names: Iterable[str] = getattr(settings, "KLYNGE_ATTACHMENT_TYPES", KINDS.keys())
    return {KINDS[name][0]: KINDS[name][1] for name in names if name in KINDS}


def max_bytes() -> int:
    return int(getattr(settings, "KLYNGE_ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024))


def detect_content_type(head: bytes, data: bytes) -> str | None:
    """The content type the bytes are, of the kinds known here, or None."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office_type(data)
    return None


def _office_type(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names:
                return None
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                return None
            types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    if "word/document.xml" in names and b"wordprocessingml.document.main" in types:
        return DOCX
    if "xl/workbook.xml" in names and b"spreadsheetml.sheet.main" in types:
        return XLSX
    return None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Inspected:
    content_type: str
    size: int
    sha256: str
    text: str


def extract_text(content_type: str, data: bytes) -> str:
    """The file's text for search, or "" when it has none or cannot be read (the file is kept)."""
    try:
        if content_type == PDF:
            text = _pdf_text(data)
        elif content_type == DOCX:
            text = _docx_text(data)
        elif content_type == XLSX:
            text = _xlsx_text(data)
        else:
            return ""
    except Exception:  # a broken file is stored as it is, only not searchable
        logger.warning("No text could be read from an attachment (%s)", content_type, exc_info=True)
        return ""
    text = text.replace("\x00", "")
    return text[:MAX_TEXT_CHARS]


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    parts: list[str] = []
    length = 0
    for page in reader.pages:
        part = page.extract_text() or ""
        parts.append(part)
        length += len(part)
        if length > MAX_TEXT_CHARS:
            break
    return "\n".join(parts)


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(p for p in parts if p.strip())


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts: list[str] = []
    length = 0
    try:
        for sheet in workbook.worksheets:
            parts.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                line = " ".join(str(v) for v in row if v is not None)
                if line:
                    parts.append(line)
                    length += len(line)
                if length > MAX_TEXT_CHARS:
                    return "\n".join(parts)
    finally:
        workbook.close()
    return "\n".join(parts)
