from django.template.loader import render_to_string

from klynge.memos.content import MemoDocument


def render_html_fragment(document: MemoDocument) -> str:
    """The memo as an HTML fragment, for pages in the app."""
    return render_to_string("memos/document.html", {"document": document})


def render_html(document: MemoDocument) -> bytes:
    """The memo as a standalone HTML file."""
    return render_to_string(
        "memos/standalone.html", {"document": document, "fragment": render_html_fragment(document)}
    ).encode("utf-8")
