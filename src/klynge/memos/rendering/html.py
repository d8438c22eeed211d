import base64

from django.template.loader import render_to_string

from klynge.memos.content import MemoDocument


def _logo_src(document: MemoDocument) -> str:
    """The party's logo as a data URI, so the file stands alone (PNG or JPEG, as uploads are checked)."""
    if not document.logo:
        return ""
    kind = "png" if document.logo.startswith(b"\x89PNG") else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(document.logo).decode('ascii')}"


def render_html_fragment(document: MemoDocument) -> str:
    """The memo as an HTML fragment, for pages in the app."""
    return render_to_string("memos/document.html", {"document": document, "logo_src": _logo_src(document)})


def render_html(document: MemoDocument) -> bytes:
    """The memo as a standalone HTML file."""
    return render_to_string(
        "memos/standalone.html", {"document": document, "fragment": render_html_fragment(document)}
    ).encode("utf-8")
