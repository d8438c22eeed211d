"""{% provenance_line record "Kilde til …" %}: the provenance line of `web/includes/provenance.html`, built
in Python for pages that show it hundreds of times (a meeting's 200 items and their decisions).

The same HTML as the include (without `inline`), every value escaped; a test holds the two together
(tests/site/test_provenance_line.py)."""

from django import template
from django.db.models import Model
from django.utils.safestring import SafeString, mark_safe

from klynge.site.fragments import html_format
from klynge.site.templatetags.klynge_urls import record_url_of

register = template.Library()

EXAMPLE_BADGE = mark_safe(' <span class="badge badge-warning">Eksempeldata</span>')


@register.simple_tag
def provenance_line(record: Model, label: str = "") -> SafeString:
    label = label or "Kilde"
    source = getattr(record, "source", None)
    if source:
        line = html_format(
            '{}: <a href="{}">{}</a>{}',
            label,
            record_url_of("provenance:source_detail", source.key),
            source.title,
            EXAMPLE_BADGE if source.kind == "example" else "",
        )
    else:
        line = html_format("{}: ikke angivet", label)
    note = getattr(record, "source_note", "")
    return html_format(
        '\n<p class="provenance small-text">\n  {}{}\n</p>\n',
        line,
        html_format('<span class="provenance-note"> – {}</span>', note) if note else "",
    )
