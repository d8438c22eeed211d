"""The API of sources: what every record rests on (a memo, a public source, reference or example data).

Every record the API shows carries `source` (a `SourceRef`) and `source_note`, the sentence it rests on.
Counts of what rests on a source include only what the caller may see, as on the sources page.
"""

import datetime
from functools import partial
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from klynge.api.auth import READ_AUTH
from klynge.api.errors import error_responses
from klynge.api.pagination import Pages
from klynge.api.schemas import Id, Input
from klynge.meetings.access import restrict_to_visible, visible_agenda_items
from klynge.provenance.models import Source, SourceKind
from klynge.provenance.selectors import source_get, source_usage, sources_filtered

router = Router(tags=["Sources"])


class SourceRef(Schema):
    """The source a record rests on."""

    id: int
    key: str
    kind: SourceKind
    title: str
    url: str

    @staticmethod
    def resolve_url(obj: Source) -> str:
        return obj.get_absolute_url()


class SourceOut(Schema):
    id: int
    key: str = Field(description="The source's stable key, as in its page's address.")
    kind: SourceKind
    title: str
    publisher: str
    date: datetime.date | None
    address: str = Field(description="The source's own web address, if it has one.")
    description: str
    record_count: int = Field(
        description="How many records rest on the source (of those the caller may see)."
    )
    url: str = Field(description="The source's page in the app.")

    @staticmethod
    def resolve_address(obj: Source) -> str:
        return obj.url

    @staticmethod
    def resolve_url(obj: Source) -> str:
        return obj.get_absolute_url()


class UsageOut(Schema):
    kind: str = Field(description="The kind of record, in Danish as the page names it, e.g. 'møder'.")
    count: int


class SourceDetailOut(SourceOut):
    record_count: int = 0
    usage: list[UsageOut] = Field(description="How many records of each kind rest on the source.")


class SourceFilters(Input):
    kind: SourceKind | None = None


@router.get("/sources", response={200: list[SourceOut], **error_responses(401, 422)}, auth=READ_AUTH)
@paginate(Pages)
def list_sources(request: HttpRequest, filters: Query[SourceFilters]) -> Any:
    """Sources by kind and title, each with how many records rest on it."""
    return sources_filtered(
        restrict=partial(restrict_to_visible, visible=visible_agenda_items(request.user)), kind=filters.kind
    )


@router.get(
    "/sources/{source_id}", response={200: SourceDetailOut, **error_responses(401, 404, 422)}, auth=READ_AUTH
)
def get_source(request: HttpRequest, source_id: Id) -> Any:
    """A source with what rests on it, per kind of record."""
    source = source_get(pk=source_id)
    if source is None:
        raise Http404
    usage = source_usage(
        source=source, restrict=partial(restrict_to_visible, visible=visible_agenda_items(request.user))
    )
    source.usage = [{"kind": u.label, "count": u.count} for u in usage]  # type: ignore[attr-defined]
    source.record_count = sum(u.count for u in usage)  # type: ignore[attr-defined]
    return source
