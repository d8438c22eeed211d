"""A memo record as a renderable document, and its files in every format."""

import logging
from collections.abc import Callable

from django.db.models.fields.files import FieldFile

from klynge.kernel.formatting import danish_date
from klynge.kernel.inputs import xml_safe
from klynge.memos.content import MemoDocument, markdown_to_body
from klynge.memos.models import Memo, MemoKind, MemoTemplate
from klynge.memos.rendering.docx import render_docx
from klynge.memos.rendering.html import render_html
from klynge.memos.rendering.markdown import render_markdown
from klynge.memos.rendering.pdf import render_pdf
from klynge.organisation.models import Party

logger = logging.getLogger(__name__)

FORMATS: dict[str, tuple[Callable[[MemoDocument], bytes], str]] = {
    "docx": (render_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (render_pdf, "application/pdf"),
    "html": (render_html, "text/html; charset=utf-8"),
    "md": (render_markdown, "text/markdown; charset=utf-8"),
}


def _stored(file: FieldFile) -> bytes | None:
    """An uploaded file's content, or None when there is none (or it is gone from the storage: the memo
    then uses the default rather than failing)."""
    if not file:
        return None
    try:
        with file.open("rb") as handle:
            return bytes(handle.read())
    except OSError:
        logger.warning("Memo template file %s is missing from the storage", file.name)
        return None


def letterhead(party: Party) -> tuple[bytes | None, bytes | None]:
    """The party's (logo, Word template), each None for the default. Needs party.memo_template loaded
    (select_related) to make no query."""
    try:
        template = party.memo_template
    except MemoTemplate.DoesNotExist:
        return None, None
    return _stored(template.logo), _stored(template.template)


def memo_document(memo: Memo) -> MemoDocument:
    """Needs memo.committee (with its party, the party's memo_template and the administration),
    memo.case_numbers (with kind) and memo.closed_items loaded to stay within its queries."""
    # Text stored before input refused control characters must not break the Word file (lxml refuses them).
    intro, sections = markdown_to_body(xml_safe(memo.body))
    metadata: list[tuple[str, str]] = []
    if memo.memo_date:
        metadata.append(("Dato", danish_date(memo.memo_date)))
    metadata.extend((c.kind.label, xml_safe(c.number)) for c in memo.case_numbers.all())
    if memo.case_handler:
        metadata.append(("Sagsbehandler", xml_safe(memo.case_handler)))
    recipient = f"Til {xml_safe(memo.committee.name)}" if memo.kind == MemoKind.ORIENTATION else ""
    committee = memo.committee
    logo, word_template = letterhead(committee.party)
    return MemoDocument(
        party=xml_safe(committee.party.name),
        administration=xml_safe(committee.administration.name) if committee.administration else "",
        logo=logo,
        word_template=word_template,
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
