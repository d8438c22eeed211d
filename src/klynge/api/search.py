"""GET /api/v1/search: the search page's one selector, as JSON."""

import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from klynge.api.auth import READ_AUTH
from klynge.api.errors import LIST_ERRORS
from klynge.api.schemas import Input
from klynge.search.models import Kind
from klynge.search.selectors import COUNT_BOUND, MAX_LIMIT, MAX_QUERY_LENGTH, SearchQueryTooLong, search

router = Router(tags=["Search"])


class SearchParameters(Input):
    q: Annotated[
        str, Field(max_length=MAX_QUERY_LENGTH, description='Words in any inflection; "a phrase", -word, or.')
    ]
    kind: list[Kind] = Field(
        default_factory=list, max_length=len(Kind), description="Only these kinds (repeatable)."
    )
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=10_000)


class SearchHit(Schema):
    kind: Kind
    id: int = Field(description="The record's id in its own resource (e.g. /api/v1/meetings/{id}).")
    title: str
    title_html: str = Field(description="The title, HTML-escaped, with the matching words in <mark>.")
    snippet_html: str = Field(description="A passage, HTML-escaped, with the matching words in <mark>.")
    date: datetime.date | None
    date_precision: str
    url: str
    rank: float


class SearchOut(Schema):
    query: str
    count: int = Field(
        description=(
            f"The matches of the chosen kinds the caller may see: exact up to {COUNT_BOUND:,} (or to the end "
            "of the requested page, if that lies further), where counting stops; `count_more` says whether "
            "there are more."
        )
    )
    count_more: bool = Field(
        description=f"True when there are more matches than `count` (counting stopped at {COUNT_BOUND:,})."
    )
    counts: dict[str, int] = Field(
        description=(
            f"Matches per kind, whatever kinds were chosen, among the best {COUNT_BOUND:,} matches the caller "
            "may see: exact when `counts_more` is false, otherwise lower bounds."
        )
    )
    counts_more: bool = Field(
        description=f"True when there are more than {COUNT_BOUND:,} matches in all, so `counts` are lower bounds."
    )
    limit: int
    offset: int
    items: list[SearchHit]


@router.get("/search", response={200: SearchOut, **LIST_ERRORS}, auth=READ_AUTH)
def search_records(request: HttpRequest, parameters: Query[SearchParameters]) -> Any:
    """Danish full-text search across meetings, agenda items, decisions, focus areas, initiatives, trial
    actions, memos and people — ranked, with highlighted snippets, and only what the caller may see."""
    try:
        page = search(
            user=request.user,
            query=parameters.q,
            kinds=parameters.kind,
            limit=parameters.limit,
            offset=parameters.offset,
        )
    except SearchQueryTooLong as error:
        raise HttpError(422, str(error)) from error
    return {
        "query": page.query,
        "count": page.total,
        "count_more": page.more,
        "counts": {str(kind): count for kind, count in page.counts.items()},
        "counts_more": page.counts_more,
        "limit": page.limit,
        "offset": page.offset,
        "items": [
            {
                "kind": r.kind,
                "id": r.object_id,
                "title": r.title,
                "title_html": str(r.title_html),
                "snippet_html": str(r.snippet_html),
                "date": r.date,
                "date_precision": r.date_precision,
                "url": r.url,
                "rank": r.rank,
            }
            for r in page.results
        ],
    }
