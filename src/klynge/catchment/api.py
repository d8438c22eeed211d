"""The API of catchment: the hospitals and the areas (region, municipalities, districts) they serve.

Public reference data, as on the pages; kept in the admin, so the API only reads it.
"""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from klynge.api.auth import READ_AUTH
from klynge.api.errors import error_responses
from klynge.api.pagination import Pages
from klynge.api.schemas import Id, Input, SlugRef
from klynge.catchment.models import AreaKind, Hospital
from klynge.catchment.selectors import areas_filtered, hospitals_filtered
from klynge.provenance.api import SourceRef

router = Router(tags=["Catchment"])


class HospitalOut(Schema):
    id: int
    name: str
    short_name: str
    slug: str
    region: SlugRef
    collaborations: list[SlugRef] = Field(description="The clusters and councils around the hospital.")
    source: SourceRef | None
    source_note: str

    @staticmethod
    def resolve_collaborations(obj: Hospital) -> list[Any]:
        return list(obj.collaborations.all())


class AreaOut(Schema):
    id: int
    name: str
    slug: str
    kind: AreaKind
    parent: SlugRef | None = Field(description="The area it lies in, e.g. a district's municipality.")
    party: SlugRef | None = Field(description="The municipality or region the area is.")
    source: SourceRef | None
    source_note: str


class HospitalFilters(Input):
    region: Id | None = Field(None, description="A region's id: its hospitals.")


class AreaFilters(Input):
    kind: AreaKind | None = None
    parent: Id | None = Field(None, description="An area's id: the areas that lie in it.")
    party: Id | None = Field(None, description="A party's id: the area that is that municipality or region.")


@router.get("/hospitals", response={200: list[HospitalOut], **error_responses(401, 422)}, auth=READ_AUTH)
@paginate(Pages)
def list_hospitals(request: HttpRequest, filters: Query[HospitalFilters]) -> Any:
    """Hospitals with their region and the collaborations around them."""
    return hospitals_filtered(region_id=filters.region)


@router.get(
    "/hospitals/{hospital_id}", response={200: HospitalOut, **error_responses(401, 404, 422)}, auth=READ_AUTH
)
def get_hospital(request: HttpRequest, hospital_id: Id) -> Any:
    hospital = hospitals_filtered().filter(pk=hospital_id).first()
    if hospital is None:
        raise Http404
    return hospital


@router.get("/areas", response={200: list[AreaOut], **error_responses(401, 422)}, auth=READ_AUTH)
@paginate(Pages)
def list_areas(request: HttpRequest, filters: Query[AreaFilters]) -> Any:
    """Areas by kind and name: the region, municipalities and their districts."""
    return areas_filtered(kind=filters.kind, parent_id=filters.parent, party_id=filters.party)


@router.get("/areas/{area_id}", response={200: AreaOut, **error_responses(401, 404, 422)}, auth=READ_AUTH)
def get_area(request: HttpRequest, area_id: Id) -> Any:
    area = areas_filtered().filter(pk=area_id).first()
    if area is None:
        raise Http404
    return area
