"""The page cache's middleware: serve and store whole responses for anonymous readers only.

Placed after the authentication and message middleware and before django-axes, so the response it
stores is the view's, and the outer middleware (security headers, X-Frame-Options, CSRF, sessions) treats
a cached response as it treats a fresh one.
"""

import hashlib
import re
import zlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from klynge.pagecache import version

STATUS_HEADER = "X-Klynge-Page-Cache"
# What the key covers (or what no anonymous request carries): a response that varies on anything else is
# not stored.
VARY_COVERED = frozenset({"cookie", "authorization", "accept-language", "accept-encoding"})
_COMMA = re.compile(r"\s*,\s*")
NOT_SHARED = frozenset({"private", "no-store", "no-cache"})


def enabled() -> bool:
    return bool(getattr(settings, "PAGECACHE_ENABLED", False))


def _cache() -> BaseCache:
    return caches[settings.PAGECACHE_ALIAS]


def is_anonymous_read(request: HttpRequest) -> bool:
    """A GET or HEAD with no login of any kind and nothing that makes its answer the caller's own. Exact:
    any cookie of a session or of flash messages, any Authorization header or `token` parameter, bypasses."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    if getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in request.COOKIES:
        return False
    return "HTTP_AUTHORIZATION" not in request.META and "token" not in request.GET


def cache_key(request: HttpRequest, data_version: str) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    htmx = sorted((name, value) for name, value in request.META.items() if name.startswith("HTTP_HX_"))
    parts = [
        data_version,
        request.scheme or "",
        host,
        request.get_full_path(),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        repr(htmx),
    ]
    return "pagecache:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _shared_by_all(request: HttpRequest, response: HttpResponse) -> bool:
    """Is this response the same for every anonymous reader, and nobody's in particular?"""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False  # it holds a CSRF token
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = {
        part.split("=")[0].strip().lower() for part in _COMMA.split(response.get("Cache-Control", ""))
    }
    if cache_control & NOT_SHARED:
        return False
    vary = {part.strip().lower() for part in _COMMA.split(response.get("Vary", "")) if part.strip()}
    if vary - VARY_COVERED:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and (
        getattr(messages, "used", False) or getattr(messages, "_queued_messages", None)
    ):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    return len(response.content) <= settings.PAGECACHE_MAX_BYTES


def clear(**kwargs: object) -> None:
    """Forget every stored response (on `setting_changed` in the tests: pages depend on settings)."""
    if getattr(settings, "PAGECACHE_ALIAS", None) in settings.CACHES:
        _cache().clear()


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not enabled() or not is_anonymous_read(request):
            return self.get_response(request)
        try:
            data_version = version.current_key()
        except DatabaseError:
            # No version, no cache: the view answers as it would without it (the health check's 503).
            return self.get_response(request)
        key = cache_key(request, data_version)
        writes_before = version.local_writes.value
        if key is None:
            return self.get_response(request)
        stored = _cache().get(key)
        if stored is not None:
            status, headers, compressed = stored
            response = HttpResponse(zlib.decompress(compressed), status=status)
            for name, value in headers:
                response[name] = value
            response[STATUS_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if (
            request.method == "GET"
            # A write during the request (by the view, or by another thread of this process) may be in
            # the response or not: do not keep it.
            and version.local_writes.value == writes_before
            and _shared_by_all(request, response)
        ):
            headers = [(name, value) for name, value in response.items() if name != STATUS_HEADER]
            # Compressed (fast, level 1): pages shrink 5–15 times, so the bounded entries hold more.
            compressed = zlib.compress(response.content, 1)
            _cache().set(key, (response.status_code, headers, compressed), settings.PAGECACHE_SECONDS)
            response[STATUS_HEADER] = "miss"
        return response
