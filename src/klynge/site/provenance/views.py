"""Sources, and what rests on each."""

from functools import partial

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from klynge.meetings.access import restrict_to_visible, visible_agenda_items
from klynge.provenance.selectors import Restriction, source_usage
from klynge.provenance.selectors import source_detail as select_source
from klynge.provenance.selectors import source_list as select_sources
from klynge.site.pagination import page_of


def _visible_to(request: HttpRequest) -> Restriction:
    """Narrow the counted records to what the viewer may see (closed agenda items and what follows)."""
    return partial(restrict_to_visible, visible=visible_agenda_items(request.user))


def source_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "provenance/source_list.html",
        {
            "page": (page := page_of(request, select_sources(restrict=_visible_to(request)))),
            "sources": page.object_list,
        },
    )


def source_detail(request: HttpRequest, key: str) -> HttpResponse:
    source = select_source(key=key)
    if source is None:
        raise Http404("Kilden findes ikke.")
    return render(
        request,
        "provenance/source_detail.html",
        {"source": source, "usage": source_usage(source=source, restrict=_visible_to(request))},
    )
