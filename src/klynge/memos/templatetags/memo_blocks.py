from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from klynge.memos.content import Inline

register = template.Library()


@register.simple_tag
def runs(inline: Inline) -> SafeString:
    """Render a run of text with its italic and bold as HTML; the text itself is escaped."""
    parts = []
    for run in inline:
        html: str = escape(run.text)
        if run.italic:
            html = f"<em>{html}</em>"
        if run.bold:
            html = f"<strong>{html}</strong>"
        parts.append(html)
    return mark_safe("".join(parts))
