"""`klynge.site.fragments` gives what Django's own helpers give: `format_html`, `conditional_escape`,
the `linebreaks` and `linebreaksbr` filters with autoescaping, and `get_FIELD_display`."""

import pytest
from django.template.defaultfilters import linebreaks_filter, linebreaksbr
from django.utils.functional import lazy
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from klynge.meetings.models import AgendaItem, AgendaItemKind, Decision, DecisionKind
from klynge.site.fragments import (
    display,
    html_format,
    html_linebreaks,
    html_linebreaksbr,
    html_text,
    truncate_chars,
)

lazy_text = lazy(lambda text: text, str)

VALUES: list[object] = [
    "",
    "plain",
    '<script>alert("x")</script>',
    'Tom & Jerry\'s "quoted" <b>',
    mark_safe("<i>already safe</i> &amp;"),
    lazy_text("lazy <b> & 'text'"),
    lazy_text(mark_safe("<i>lazy safe</i>")),
    0,
    12_345,
    None,
    3.5,
]
TEXTS: list[str] = [
    "",
    "one line",
    "two\nlines",
    "paragraph one\n\nparagraph two\nwith a line",
    "windows\r\nnewlines\r\n\r\nand\rmac",
    "three\n\n\nblank <script>alert('x')</script> & \"q\"",
    "\n\nleading and trailing\n\n",
    mark_safe("safe <b>text</b>\n\nkept"),
]


@pytest.mark.parametrize("value", VALUES)
def test_html_text_is_conditional_escape(value: object) -> None:
    assert html_text(value) == conditional_escape(value)


@pytest.mark.parametrize("value", VALUES)
def test_html_format_is_format_html(value: object) -> None:
    for format_string in ('<a href="{}">{}</a>', "{}", "<p>{} · {}</p>"):
        args = [value] * format_string.count("{}")
        built = html_format(format_string, *args)
        assert built == format_html(format_string, *args)
        assert isinstance(built, SafeString)


@pytest.mark.parametrize("text", TEXTS)
def test_html_linebreaks_are_the_filters(text: str) -> None:
    assert html_linebreaks(text) == linebreaks_filter(text, autoescape=True)
    assert html_linebreaksbr(text) == linebreaksbr(text, autoescape=True)
    assert isinstance(html_linebreaks(text), SafeString) and isinstance(html_linebreaksbr(text), SafeString)


def test_display_is_get_field_display() -> None:
    for kind in [*AgendaItemKind.values, "unknown"]:
        item = AgendaItem(kind=kind)
        assert display(item, "kind") == item.get_kind_display()
    for decision_kind in [*DecisionKind.values, ""]:
        decision = Decision(kind=decision_kind)
        assert display(decision, "kind") == decision.get_kind_display()


CUT_TEXTS: list[str] = [
    "",
    "kort",
    "x" * 59,
    "x" * 60,
    "x" * 61,
    "Klyngen godkendte pårørendeinddragelse inden for midlertidige pladser.",
    "Æblegrød og øl på Ærø " * 5,
    '<script>alert("x")</script> & "citat" ' * 3,
    "e\u0301" * 40,  # combining accents: Truncator does not count them
    "cafe\u0301 " + "y" * 70,  # not in NFC: Truncator composes it first
    "y" * 58 + "\u0301\u0301" + "z" * 10,  # a combining character within the first 61
    "z" * 61 + "\u0301" * 5,  # combining characters only after the cut
    "\u2026" * 70,
]


@pytest.mark.parametrize("text", CUT_TEXTS)
@pytest.mark.parametrize("length", [0, 1, 2, 10, 59, 60, 61])
def test_truncate_chars_is_truncators(text: str, length: int) -> None:
    assert truncate_chars(text, length) == Truncator(text).chars(length)
