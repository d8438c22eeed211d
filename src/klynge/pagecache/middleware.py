"""The page cache's middleware: serve and store whole responses.

Two caches, one rule each:
- **Shared** (the anonymous reader's): a request with no login of any kind, whose response is the same for
  every such reader (`is_anonymous_read`, `_storable`).
- **One session's own** (the logged-in viewer's): a request that carries a session, whose key holds that
  session's key, everything stored in it (the user's id and password hash, the language, flash messages
  kept there) and the CSRF secret its forms are signed with (`session_viewer`). Nobody else's request can
  have that key, so one viewer is never served another viewer's page, and everything a page reads about
  its viewer beyond the session is in the database, whose every write changes the data version in the key.

Placed after the authentication and message middleware and before django-axes, so the response it
stores is the view's, and the outer middleware (security headers, X-Frame-Options, CSRF, sessions) treats
a cached response as it treats a fresh one.
"""

import hashlib
import json
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control

from klynge.pagecache import version

STATUS_HEADER = "X-Klynge-Page-Cache"
# What the key covers (or what no anonymous request carries): a response that varies on anything else is
# not stored.
VARY_COVERED = frozenset({"cookie", "authorization", "accept-language", "accept-encoding"})
_COMMA = re.compile(r"\s*,\s*")
NOT_SHARED = frozenset({"private", "no-store", "no-cache"})
# A viewer's own response may be private (it is kept for that viewer alone), but never one the view
# forbids keeping at all.
NOT_KEPT = frozenset({"no-store", "no-cache"})


def enabled() -> bool:
    return bool(getattr(settings, "PAGECACHE_ENABLED", False))


def viewers_enabled() -> bool:
    return enabled() and bool(getattr(settings, "PAGECACHE_VIEWERS_ENABLED", False))


def _cache(*, viewer: bool = False) -> BaseCache:
    return caches[settings.PAGECACHE_VIEWER_ALIAS if viewer else settings.PAGECACHE_ALIAS]


def _is_plain_read(request: HttpRequest) -> bool:
    """A GET or HEAD with no flash messages in a cookie, no Authorization header and no `token` parameter
    (an API token or a calendar feed's token is a login the key does not cover)."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.COOKIES.get(getattr(settings, "MESSAGE_COOKIE_NAME", "messages")):
        return False  # (an emptied one is a cookie a browser deleted)
    return "HTTP_AUTHORIZATION" not in request.META and "token" not in request.GET


def is_anonymous_read(request: HttpRequest) -> bool:
    """A GET or HEAD with no login of any kind and nothing that makes its answer the caller's own. Exact:
    any cookie of a session or of flash messages, any Authorization header or `token` parameter, bypasses."""
    return _is_plain_read(request) and settings.SESSION_COOKIE_NAME not in request.COOKIES


@dataclass(frozen=True)
class Viewer:
    """Who a request is, as far as a page can tell: the key part that makes a cached page one viewer's own."""

    key: str
    session_key: str | None
    csrf_secret: str | None


def session_viewer(request: HttpRequest) -> Viewer | None:
    """The viewer of a plain read with a session cookie; None if its answer may not be cached at all.

    The session is loaded (one query, which the authentication would make anyway). Its key and its whole
    content (user id, password hash, language, flash messages kept in it) and the CSRF secret go into the
    key: a session ended at logout, a new login and a rotated CSRF secret each make a new key."""
    if not viewers_enabled() or not _is_plain_read(request):
        return None
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return None  # a new CSRF secret is being set: the page's forms are signed with it
    session = getattr(request, "session", None)
    if session is None:
        return None
    content = json.dumps(dict(session.items()), sort_keys=True, default=str)  # loads the session
    if session.session_key is None:
        return None  # no such session (ended, or never was): nobody's own, and not worth keeping
    csrf_secret = request.META.get("CSRF_COOKIE")
    key = hashlib.sha256("\n".join([session.session_key, content, csrf_secret or ""]).encode()).hexdigest()
    return Viewer(key=key, session_key=session.session_key, csrf_secret=csrf_secret)


def cache_key(request: HttpRequest, data_version: str, viewer: Viewer | None = None) -> str | None:
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
        viewer.key if viewer is not None else "",
    ]
    prefix = "viewerpage:" if viewer is not None else "pagecache:"
    return prefix + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _cache_control(response: HttpResponse) -> set[str]:
    return {part.split("=")[0].strip().lower() for part in _COMMA.split(response.get("Cache-Control", ""))}


def _storable(request: HttpRequest, response: HttpResponse, viewer: Viewer | None) -> bool:
    """May this response be kept: for every anonymous reader (no viewer), or for this viewer alone?"""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if viewer is None:
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
            return False  # it holds a CSRF token, which is not everyone's
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        if _cache_control(response) & NOT_SHARED:
            return False
    else:
        if _cache_control(response) & NOT_KEPT:
            return False
        session = getattr(request, "session", None)
        if session is None or session.session_key != viewer.session_key:
            return False  # logged in or out during the request
        if request.META.get("CSRF_COOKIE") != viewer.csrf_secret:
            # Its forms are signed with a secret the browser did not send: a new one, or a rotated one.
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
    for alias in (
        getattr(settings, "PAGECACHE_ALIAS", None),
        getattr(settings, "PAGECACHE_VIEWER_ALIAS", None),
    ):
        if alias in settings.CACHES:
            caches[alias].clear()


def carries_login(request: HttpRequest) -> bool:
    """Could the answer be this caller's own: a session, an Authorization header or a `token` parameter."""
    user = getattr(request, "user", None)
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or "HTTP_AUTHORIZATION" in request.META
        or "token" in request.GET
        or (user is not None and user.is_authenticated)
    )


class PersonalResponsesMiddleware:
    """Every answer to a caller who may be logged in is `Cache-Control: private`, unless its view said more:
    a proxy or CDN in front (one that ignores `Vary: Cookie`, as some do) never keeps a page with the closed
    items one viewer may see and hands it to the next. Browsers still keep the page for back and forward."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if carries_login(request) and not _cache_control(response) & NOT_SHARED:
            patch_cache_control(response, private=True)
        return response


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            return self.get_response(request)
        viewer: Viewer | None = None
        if not is_anonymous_read(request):
            viewer = session_viewer(request)
            if viewer is None:
                return self.get_response(request)
        try:
            data_version = version.current_key()
        except DatabaseError:
            # No version, no cache: the view answers as it would without it (the health check's 503).
            return self.get_response(request)
        key = cache_key(request, data_version, viewer)
        writes_before = version.local_writes.value
        if key is None:
            return self.get_response(request)
        cache = _cache(viewer=viewer is not None)
        # A HEAD is answered by the view (which sends no body); only a GET is served from the cache.
        stored = cache.get(key) if request.method == "GET" else None
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
            and _storable(request, response, viewer)
        ):
            headers = [(name, value) for name, value in response.items() if name != STATUS_HEADER]
            # Compressed (fast, level 1): pages shrink 5–15 times, so the bounded entries hold more.
            compressed = zlib.compress(response.content, 1)
            cache.set(key, (response.status_code, headers, compressed), settings.PAGECACHE_SECONDS)
            response[STATUS_HEADER] = "miss"
        return response
