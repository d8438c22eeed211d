from klynge.memos.content import (
    CLOSED_LABEL,
    Block,
    ClosedPassage,
    MemoDocument,
    Section,
    blocks_to_markdown,
    heading_to_markdown,
)


def _for_readers(blocks: list[Block]) -> list[str]:
    """The text form, but a closed passage as a quote headed "Lukket punkt", as a reader should see it
    (the editing form's '::: lukket-punkt' fence is for the secretariat's editor)."""
    chunks = []
    for block in blocks:
        if isinstance(block, ClosedPassage):
            inner = "\n\n".join([f"**{CLOSED_LABEL}**", *blocks_to_markdown(block.blocks)])
            chunks.append("\n".join(f"> {line}" if line else ">" for line in inner.split("\n")))
        else:
            chunks.extend(blocks_to_markdown([block]))
    return chunks


def _body(intro: list[Block], sections: list[Section]) -> str:
    chunks = _for_readers(intro)
    for section in sections:
        chunks.append(heading_to_markdown(section.heading))
        chunks.extend(_for_readers(section.blocks))
    return "\n\n".join(chunks) + "\n"


def render_markdown(document: MemoDocument) -> bytes:
    lines = [document.party, ""] if document.party else []
    lines += ["Notat – Lukket notat" if document.closed else "Notat", "", f"# {document.title}", ""]
    lines += [f"{line}  " for line in document.sender]
    if document.sender:
        lines.append("")
    if document.recipient:
        lines += [f"**{document.recipient}**", ""]
    lines += [f"**{label}:** {value}  " for label, value in document.metadata]
    if document.metadata:
        lines.append("")
    lines.append(_body(document.intro, document.sections))
    return "\n".join(lines).encode("utf-8")
