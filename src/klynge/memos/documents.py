"""A memo record as a renderable document, and its files in every format."""

from collections.abc import Callable

from klynge.kernel.formatting import danish_date
from klynge.kernel.inputs import xml_safe
from klynge.memos.content import MemoDocument, markdown_to_body
from klynge.memos.models import Memo, MemoKind
from klynge.memos.rendering.docx import render_docx
from klynge.memos.rendering.html import render_html
from klynge.memos.rendering.markdown import render_markdown
from klynge.memos.rendering.pdf import render_pdf

FORMATS: dict[str, tuple[Callable[[MemoDocument], bytes], str]] = {
    "docx": (render_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (render_pdf, "application/pdf"),
    "html": (render_html, "text/html; charset=utf-8"),
    "md": (render_markdown, "text/markdown; charset=utf-8"),
}


def memo_document(memo: Memo) -> MemoDocument:
    """Needs memo.committee, memo.case_numbers (with kind) and memo.closed_items loaded to stay within
    its queries."""
    # Text stored before input refused control characters must not break the Word file (lxml refuses them).
    intro, sections = markdown_to_body(xml_safe(memo.body))
    metadata: list[tuple[str, str]] = []
    if memo.memo_date:
        metadata.append(("Dato", danish_date(memo.memo_date)))
    metadata.extend((c.kind.label, xml_safe(c.number)) for c in memo.case_numbers.all())
    if memo.case_handler:
        metadata.append(("Sagsbehandler", xml_safe(memo.case_handler)))
    recipient = f"Til {xml_safe(memo.committee.name)}" if memo.kind == MemoKind.ORIENTATION else ""
    return MemoDocument(
        title=xml_safe(memo.title),
        recipient=recipient,
        metadata=metadata,
        intro=intro,
        sections=sections,
        closed=bool(memo.closed_items.all()),
    )


def memo_file(memo: Memo, file_format: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) for a memo in one of FORMATS."""
    render, content_type = FORMATS[file_format]
    stem = (
        f"notat-{memo.committee.code.lower()}-{memo.memo_date:%Y-%m-%d}"
        if memo.memo_date
        else f"notat-{memo.pk}"
    )
    return render(memo_document(memo)), content_type, f"{stem}-v{memo.version}.{file_format}"
