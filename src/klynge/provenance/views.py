"""Sources, and what rests on each."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from klynge.meetings.access import visible_agenda_items
from klynge.provenance.selectors import source_detail as select_source
from klynge.provenance.selectors import source_list as select_sources
from klynge.provenance.selectors import source_usage


def source_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "provenance/source_list.html",
        {"sources": select_sources(visible=visible_agenda_items(request.user))},
    )


def source_detail(request: HttpRequest, key: str) -> HttpResponse:
    source = select_source(key=key)
    if source is None:
        raise Http404("Kilden findes ikke.")
    return render(
        request,
        "provenance/source_detail.html",
        {"source": source, "usage": source_usage(source=source, visible=visible_agenda_items(request.user))},
    )
