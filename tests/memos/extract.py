"""Text out of each memo format, as a reader (or a case system) would see it."""

from io import BytesIO

from docx import Document
from pypdf import PdfReader


def docx_text(content: bytes) -> str:
    doc = Document(BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(content)).pages)


def normalise(text: str) -> str:
    """Fold whitespace (PDF line wrapping) so facts can be found as phrases."""
    return " ".join(text.split())
