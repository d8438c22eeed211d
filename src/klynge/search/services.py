"""Writes to the search index: refresh the rows of some records, rebuild all, or defer during bulk loads.

The index follows the records through klynge.search.signals, which calls `search_index_refresh` after
every save and delete of a record that a search document is built from. `search_index_rebuild`
(`klynge search_index`) builds everything anew in bulk: a few queries per kind of record.
"""

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery

from klynge.meetings.models import AgendaItem
from klynge.search.backends import get_backend
from klynge.search.documents import SOURCES, Document
from klynge.search.models import Kind, SearchEntry
from klynge.search.text import clean

_state = threading.local()
BATCH_SIZE = 1000


def _entry(document: Document) -> SearchEntry:
    max_title = SearchEntry._meta.get_field("title").max_length or 500
    return SearchEntry(
        kind=document.kind,
        object_id=document.object_id,
        title=clean(document.title)[:max_title],
        text=clean(document.text),
        date=document.date,
        date_precision=document.date_precision,
        url=document.url,
        agenda_item_id=document.agenda_item_id,
        memo_id=document.memo_id,
        closed_meeting_id=document.closed_meeting_id,
    )


def _copy_item_fields(entries: QuerySet[SearchEntry]) -> None:
    """Copy each row's agenda item's `is_public` and `meeting` into the row (what the access rule reads;
    see klynge.search.models), in one statement."""
    item = AgendaItem.objects.filter(pk=OuterRef("agenda_item_id"))
    entries.filter(agenda_item__isnull=False).update(
        item_is_public=Subquery(item.values("is_public")[:1]),
        item_meeting=Subquery(item.values("meeting_id")[:1]),
    )


def search_index_refresh(*, kind: Kind, ids: Iterable[int]) -> None:
    """Index these records of one kind anew; the rows of records that no longer exist are removed."""
    wanted = set(ids)
    if not wanted:
        return
    source = SOURCES[kind]
    with transaction.atomic():
        SearchEntry.objects.filter(kind=kind, object_id__in=wanted).delete()
        documents = [source.build(record) for record in source.queryset().filter(pk__in=wanted)]
        entries = SearchEntry.objects.bulk_create([_entry(d) for d in documents])
        _copy_item_fields(SearchEntry.objects.filter(kind=kind, object_id__in=wanted))
        get_backend().write(entries)


def search_index_rebuild() -> int:
    """Empty the index and build it from all records, in bulk. Returns the number of rows."""
    backend = get_backend()
    with transaction.atomic():
        backend.clear()
        SearchEntry.objects.all().delete()
        count = 0
        for source in SOURCES.values():
            batch: list[SearchEntry] = []
            for record in source.queryset().iterator(chunk_size=BATCH_SIZE):
                batch.append(_entry(source.build(record)))
                if len(batch) == BATCH_SIZE:
                    SearchEntry.objects.bulk_create(batch)
                    count, batch = count + len(batch), []
            SearchEntry.objects.bulk_create(batch)
            count += len(batch)
        _copy_item_fields(SearchEntry.objects.all())
        backend.write_all()
    return count


def indexing_deferred() -> bool:
    """Is indexing on each change suspended (inside `search_index_deferred`)?"""
    return bool(getattr(_state, "deferred", False))


def indexing_on_change() -> bool:
    """Does the index follow each change now (klynge.search.signals)?

    Yes, unless suspended by `search_index_deferred`, or switched off by the `SEARCH_INDEXING` setting:
    the test settings switch it off, as a third of the time spent building test data went to indexing
    it; the tests that read the index switch it on again (tests/conftest.py). Production, development
    and the demo leave the setting unset, which means on."""
    return bool(getattr(settings, "SEARCH_INDEXING", True)) and not indexing_deferred()


@contextmanager
def search_index_deferred() -> Iterator[None]:
    """Suspend indexing on each change, and rebuild the index once at the end if all went well.

    For bulk loads (the demo): one bulk rebuild instead of a refresh per saved record."""
    outer = indexing_deferred()
    _state.deferred = True
    try:
        yield
    finally:
        _state.deferred = outer
    if not outer:
        search_index_rebuild()
