"""{% record_url 'app:view' record.pk %}: `{% url %}` for a view with one id (or slug) argument, for
pages that link to hundreds of records (a meeting's 200 items, their decisions and attachments).

Django's `reverse` walks the URL patterns on every call (≈2,000 calls on the editor's 200-item meeting
page); here each view name is reversed once per process, script prefix and URL configuration with a
stand-in argument, and the record's id or slug is put in its place. The result is what `{% url %}` gives:
an id or a slug needs no quoting, and anything else is reversed the ordinary way."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()

STAND_IN = 918_273_645_546_372_819  # a positive integer no record has, matched by <int:…> and <slug:…>
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_patterns: dict[tuple[str, str, object], tuple[str, str] | None] = {}


# Within `fixed_urls()`: the patterns of the script prefix and URL configuration read when it began, by
# view name (each of those is a lookup in asgiref's Local, ≈2,000 per 200-item meeting page).
_fixed: ContextVar[dict[str, tuple[str, str] | None] | None] = ContextVar("klynge_fixed_urls", default=None)


def _pattern(viewname: str) -> tuple[str, str] | None:
    fixed = _fixed.get()
    if fixed is not None and viewname in fixed:
        return fixed[viewname]
    key = (viewname, get_script_prefix(), get_urlconf())
    if key not in _patterns:
        url = reverse(viewname, args=[STAND_IN])
        parts = url.split(str(STAND_IN))
        _patterns[key] = (parts[0], parts[1]) if len(parts) == 2 else None
    if fixed is not None:
        fixed[viewname] = _patterns[key]
    return _patterns[key]


@contextmanager
def fixed_urls() -> Iterator[None]:
    """Within: the script prefix and URL configuration are taken to stay as they are (a page's agenda
    being built, in one thread, changes neither), so each view's pattern is looked up by its name only.
    Within an enclosing `fixed_urls()`, the enclosing one's patterns are used."""
    if _fixed.get() is not None:
        yield
        return
    token = _fixed.set({})
    try:
        yield
    finally:
        _fixed.reset(token)


def record_url_of(viewname: str, arg: object) -> str:
    if isinstance(arg, bool) or not (
        (isinstance(arg, int) and arg >= 0) or (isinstance(arg, str) and SLUG.fullmatch(arg))
    ):
        return reverse(viewname, args=[arg])
    pattern = _pattern(viewname)
    if pattern is None or (isinstance(arg, str) and reverse_differs_for_slugs(viewname)):
        return reverse(viewname, args=[arg])
    return f"{pattern[0]}{arg}{pattern[1]}"


_int_only: dict[str, bool] = {}


def reverse_differs_for_slugs(viewname: str) -> bool:
    """Whether the view's argument is not a slug (an <int:…> view given a slug must fail as in reverse)."""
    if viewname not in _int_only:
        try:
            reverse(viewname, args=["a-slug"])
            _int_only[viewname] = False
        except Exception:  # NoReverseMatch: not a slug argument
            _int_only[viewname] = True
    return _int_only[viewname]


@register.simple_tag
def record_url(viewname: str, arg: object) -> str:
    return record_url_of(viewname, arg)
