"""Lists are pages: ?limit= (1–100, default 50) and ?offset=, with the total count."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

MAX_LIMIT = 100
# Far beyond any real list, and inside what every database accepts as an OFFSET.
MAX_OFFSET = 1_000_000


class Pages(PaginationBase):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT, description="How many records (at most 100).")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many records to skip.")

    class Output(Schema):
        count: int = Field(description="How many records match, in all.")
        limit: int
        offset: int
        items: list[Any]

    items_attribute = "items"

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Input, request: HttpRequest, **params: Any
    ) -> Any:
        offset, limit = pagination.offset, pagination.limit
        return {
            "count": queryset.count(),
            "limit": limit,
            "offset": offset,
            "items": list(queryset[offset : offset + limit]),
        }
