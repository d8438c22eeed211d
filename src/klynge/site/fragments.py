"""HTML fragments built in Python for pages that repeat them hundreds of times (the meeting page's 200
items, their decisions and attachments: issue 14), with what Django's own helpers give, faster.

Django's `format_html`, `conditional_escape`, `escape` and the `linebreaks`/`linebreaksbr` filters are
each wrapped by `keep_lazy`, which inspects every argument on every call: ≈11 µs for a link where the
formatting itself takes 3 µs, and the editor's 200-item meeting page made ≈3,200 such calls. These give
the same strings (tests/site/test_fragments.py holds each to Django's on values with `<script>`, `&`,
quotes, safe strings, lazy strings and numbers):

- `html_format(format_string, *args)`: `format_html(format_string, *args)`, every argument escaped unless
  it is safe (has `__html__`), as `conditional_escape` does;
- `html_text(value)`: `conditional_escape(value)`;
- `display(record, field)`: `record.get_FIELD_display()` (a choice's label), its choices read once per
  process rather than per call;
- `html_linebreaks(text)` and `html_linebreaksbr(text)`: `{{ text|linebreaks }}` and
  `{{ text|linebreaksbr }}` with autoescaping on;
- `truncate_chars(text, length)`: `Truncator(text).chars(length)` (the `truncatechars` filter) without its
  look at each character where the text is in NFC and no character is a combining one (≈20 µs a label).
"""

import functools
import html
import re
import unicodedata

from django.db.models import Model
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.safestring import SafeData, SafeString
from django.utils.text import Truncator, add_truncation_text, calculate_truncate_chars_length

_NEWLINES = re.compile(r"\r\n|\r")  # django.utils.text.normalize_newlines
_PARAGRAPHS = re.compile("\n{2,}")  # django.utils.html.linebreaks


def html_text(value: object) -> str:
    """`conditional_escape(value)`: a safe value's own HTML, anything else escaped."""
    if type(value) is str:  # most: neither lazy nor safe (a subclass, as SafeString, is looked at below)
        return html.escape(value)
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def html_format(format_string: str, *args: object) -> SafeString:
    """`format_html(format_string, *args)` (positional arguments only)."""
    return SafeString(format_string.format(*map(html_text, args)))


def html_linebreaksbr(text: str) -> SafeString:
    """`{{ text|linebreaksbr }}`: newlines as `<br>`, the text escaped unless it is safe."""
    value = _NEWLINES.sub("\n", str(text))
    if not isinstance(text, SafeData):
        value = html.escape(value)
    return SafeString(value.replace("\n", "<br>"))


def html_linebreaks(text: str) -> SafeString:
    """`{{ text|linebreaks }}`: paragraphs (`<p>`) at blank lines, other newlines as `<br>`, the text
    escaped unless it is safe."""
    paragraphs = _PARAGRAPHS.split(_NEWLINES.sub("\n", str(text)))
    if not isinstance(text, SafeData):
        paragraphs = [html.escape(p) for p in paragraphs]
    return SafeString("\n\n".join("<p>" + p.replace("\n", "<br>") + "</p>" for p in paragraphs))


@functools.cache
def _choices(model: type[Model], field: str) -> dict[object, object]:
    return dict(model._meta.get_field(field).flatchoices)  # type: ignore[union-attr]


def display(record: Model, field: str) -> object:
    """`record.get_<field>_display()`: the label of the field's value among its choices (or the value)."""
    value = getattr(record, field)
    return force_str(_choices(type(record), field).get(value, value), strings_only=True)


def truncate_chars(text: str, length: int) -> str:
    """`Truncator(text).chars(length)`: the text in NFC, and cut to `length` characters with the
    truncation text ("…") at its end if it is longer, combining characters not counted. Where the text is
    in NFC and none of its first `length` + 1 characters is a combining one, each counts one, so the cut
    falls where Truncator's walk over the characters would put it; other texts go to Truncator."""
    if length > 0 and unicodedata.is_normalized("NFC", text):
        if len(text) <= length:
            return text
        if not any(map(unicodedata.combining, text[: length + 1])):
            return str(add_truncation_text(text[: calculate_truncate_chars_length(length, None)]))
    return str(Truncator(text).chars(length))
