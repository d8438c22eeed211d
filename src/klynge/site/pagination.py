"""Lists are pages: ?side=N, the same rule on every list page.

A page shows at most `PAGE_SIZE` rows (the initiative list: 25 top-level initiatives with their trees),
so a page costs the same however long the list is. No `side` is page 1; a `side` that is not a page of the
list (not a whole number, below 1, beyond the last page) is a 404 that says so in Danish and links to the
list's first page (`handler404` in `klynge.site.views`). The links between pages are the shared include
`web/includes/pagination.html`.
"""

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

PAGE_SIZE = 50
PAGE_PARAMETER = "side"


class NoSuchPage(Http404):
    """A page number that is not a page of the list: answered with a 404 that says so."""

    def __init__(self, *, list_url: str, pages: int) -> None:
        super().__init__("Siden findes ikke i listen.")
        self.list_url = list_url
        self.pages = pages


def page_of(
    request: HttpRequest, object_list: QuerySet[Any] | Sequence[Any], *, per_page: int | None = None
) -> Page[Any]:
    """The page of `object_list` that the request's ?side= asks for (404 if it is not one); `per_page`
    rows a page, `PAGE_SIZE` if not given."""
    paginator = Paginator(object_list, per_page or PAGE_SIZE)
    number = request.GET.get(PAGE_PARAMETER) or "1"
    try:
        return paginator.page(number)
    except InvalidPage:
        raise NoSuchPage(list_url=_first_page_url(request), pages=paginator.num_pages) from None


def other_parameters(request: HttpRequest) -> str:
    """The list's other query parameters (its filter), encoded for the page links and ending in "&"."""
    kept = [(key, value) for key, values in request.GET.lists() if key != PAGE_PARAMETER for value in values]
    return urlencode(kept) + "&" if kept else ""


def _first_page_url(request: HttpRequest) -> str:
    query = other_parameters(request).rstrip("&")
    return request.path + (f"?{query}" if query else "")
