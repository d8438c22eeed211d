"""Downloads: initiatives and allocations as CSV (for Danish Excel) and XLSX, and a JSON dump of every
public record.

The tables hold what the caller may see, as the pages do (an allocation follows its decision's agenda
item); the JSON dump is the public's, whoever asks.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from ninja import Field, Query, Router

from klynge.api.auth import READ_AUTH
from klynge.api.errors import error_responses
from klynge.api.schemas import Id, Input
from klynge.exports import csvfile, xlsxfile
from klynge.exports.public import public_json_chunks
from klynge.exports.selectors import allocation_table, initiative_table
from klynge.exports.tables import Table
from klynge.meetings.access import visible_agenda_items
from klynge.work.models import InitiativeStatus

router = Router(tags=["Exports"])

ERRORS = error_responses(401, 422)


class InitiativeFilters(Input):
    collaboration: Id | None = Field(None, description="A collaboration's id.")
    focus_area: Id | None = Field(None, description="A focus area's id.")
    status: InitiativeStatus | None = None


class AllocationFilters(Input):
    collaboration: Id | None = Field(None, description="The fund's collaboration, by id.")
    body: Id | None = Field(None, description="The fund's body, by id.")
    fund: Id | None = Field(None, description="A fund's id.")
    year: int | None = Field(None, ge=1900, le=2200, description="The fund's year.")


def _file(media_type: str, description: str) -> dict[str, Any]:
    """The 200 of a download in the OpenAPI description: a file of that media type, not JSON."""
    schema = {"type": "string", "format": "binary"}
    return {"responses": {200: {"description": description, "content": {media_type: {"schema": schema}}}}}


def _download(
    request: HttpRequest, content: bytes, *, content_type: str, name: str, extension: str
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    filename = f"klynge-{name}-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    if request.user.is_authenticated:
        # It may hold closed items the caller may see: never let a cache hand it to someone else. The
        # anonymous caller's holds what the public sees, the same for everyone.
        response["Cache-Control"] = "private, no-store"
    response["Vary"] = "Authorization, Cookie"
    return response


def _csv(request: HttpRequest, table: Table, name: str) -> HttpResponse:
    content = csvfile.write_csv(table)
    return _download(request, content, content_type=csvfile.CONTENT_TYPE, name=name, extension="csv")


def _xlsx(request: HttpRequest, table: Table, name: str) -> HttpResponse:
    content = xlsxfile.write_xlsx(table, day=timezone.localdate())
    return _download(request, content, content_type=xlsxfile.CONTENT_TYPE, name=name, extension="xlsx")


def _initiatives(request: HttpRequest, filters: InitiativeFilters) -> Table:
    return initiative_table(
        visible=visible_agenda_items(request.user),
        collaboration_id=filters.collaboration,
        focus_area_id=filters.focus_area,
        status=filters.status,
    )


def _allocations(request: HttpRequest, filters: AllocationFilters) -> Table:
    return allocation_table(
        visible=visible_agenda_items(request.user),
        collaboration_id=filters.collaboration,
        body_id=filters.body,
        fund_id=filters.fund,
        year=filters.year,
    )


INITIATIVES = (
    "Initiatives: collaboration, focus area, name, part of, status, progress (rolled up), approval, period."
)
ALLOCATIONS = "Allocations the caller may see: fund, year, body, decision, meeting date, amount, target."
CSV_NOTE = " CSV for Danish Excel: UTF-8 with BOM, `;`-separated, ISO dates, amounts with a decimal comma."


def _table_route(
    path: str, name: str, media_type: str, description: str
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return router.get(
        path,
        response={200: None, **ERRORS},
        auth=READ_AUTH,
        url_name=name,
        openapi_extra=_file(media_type, description),
    )


@_table_route("/exports/initiatives.csv", "initiatives_csv", "text/csv", INITIATIVES + CSV_NOTE)
def initiatives_csv(request: HttpRequest, filters: Query[InitiativeFilters]) -> Any:
    """The initiatives as CSV for Danish Excel."""
    return _csv(request, _initiatives(request, filters), "indsatser")


@_table_route("/exports/initiatives.xlsx", "initiatives_xlsx", xlsxfile.CONTENT_TYPE, INITIATIVES)
def initiatives_xlsx(request: HttpRequest, filters: Query[InitiativeFilters]) -> Any:
    """The initiatives as an Excel workbook, with real dates and numbers."""
    return _xlsx(request, _initiatives(request, filters), "indsatser")


@_table_route("/exports/allocations.csv", "allocations_csv", "text/csv", ALLOCATIONS + CSV_NOTE)
def allocations_csv(request: HttpRequest, filters: Query[AllocationFilters]) -> Any:
    """The allocations from the funds the caller may see, as CSV for Danish Excel."""
    return _csv(request, _allocations(request, filters), "bevillinger")


@_table_route("/exports/allocations.xlsx", "allocations_xlsx", xlsxfile.CONTENT_TYPE, ALLOCATIONS)
def allocations_xlsx(request: HttpRequest, filters: Query[AllocationFilters]) -> Any:
    """The allocations from the funds the caller may see, as an Excel workbook."""
    return _xlsx(request, _allocations(request, filters), "bevillinger")


PUBLIC_SCHEMA = {
    "type": "object",
    "required": ["about"],
    "properties": {"about": {"type": "string"}},
    "additionalProperties": {"type": "array", "items": {"type": "object", "required": ["id"]}},
}


@router.get(
    "/exports/public.json",
    response={200: None, **ERRORS},
    auth=READ_AUTH,
    url_name="public_json",
    openapi_extra={
        "responses": {
            200: {
                "description": "Every public record of every kind, by kind, with stable ids.",
                "content": {"application/json": {"schema": PUBLIC_SCHEMA}},
            }
        }
    },
)
def public_json(request: HttpRequest) -> Any:
    """Every public record: never a closed item or a draft memo, whoever asks."""
    # Written as it is read: the whole dump is never in memory.
    response = StreamingHttpResponse(
        (chunk.encode() for chunk in public_json_chunks()), content_type="application/json"
    )
    response["Content-Disposition"] = (
        content_disposition_header(False, "klynge-offentlige-data.json") or "inline"
    )
    return response
