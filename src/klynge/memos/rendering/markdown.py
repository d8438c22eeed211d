from klynge.memos.content import MemoDocument, body_to_markdown


def render_markdown(document: MemoDocument) -> bytes:
    lines = ["Notat – Lukket notat" if document.closed else "Notat", "", f"# {document.title}", ""]
    if document.recipient:
        lines += [f"**{document.recipient}**", ""]
    lines += [f"**{label}:** {value}  " for label, value in document.metadata]
    if document.metadata:
        lines.append("")
    lines.append(body_to_markdown(document.intro, document.sections))
    return "\n".join(lines).encode("utf-8")
