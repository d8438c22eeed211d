"""The API of catchment: the hospitals and the areas (region, municipalities, districts) they serve.

Public reference data, as on the pages; kept in the admin, so the API only reads it.
"""

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.http import urlencode
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from klynge.api.auth import READ_AUTH
from klynge.api.errors import DETAIL_ERRORS, LIST_ERRORS, error_responses
from klynge.api.pagination import Pages
from klynge.api.provenance import SourceRef
from klynge.api.schemas import Date, Id, Input, Slug, SlugRef
from klynge.bodies.models import CollaborationKind
from klynge.bodies.selectors import CatchmentLookup, catchment_lookup, hospitals_filtered
from klynge.catchment.models import AreaKind, CatchmentRule, Hospital
from klynge.catchment.selectors import (
    UnknownArea,
    UnknownSpecialty,
    area_by_key,
    areas_filtered,
    catchment_rules_filtered,
    specialty_by_key,
)

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


# ---- Lookup: which hospital and cluster or council an area belongs to on a date ---------------------------


def _lookup_url(area_slug: str, day: datetime.date | None = None, specialty_slug: str = "") -> str:
    query = {"omraade": area_slug}
    if day is not None:
        query["dato"] = day.isoformat()
    if specialty_slug:
        query["speciale"] = specialty_slug
    return f"{reverse('catchment:lookup')}?{urlencode(query)}"


class CatchmentRuleOut(Schema):
    id: int
    area: SlugRef
    hospital: SlugRef
    specialty: SlugRef | None = Field(description="Empty for the general catchment.")
    valid_from: datetime.date
    valid_to: datetime.date | None = Field(description="Empty: until further notice.")
    source: SourceRef | None
    source_note: str
    url: str = Field(description="The area's catchment page (its rules over time).")

    @staticmethod
    def resolve_url(obj: CatchmentRule) -> str:
        return _lookup_url(obj.area.slug)


class CatchmentAreaOut(SlugRef):
    kind: AreaKind


class CollaborationMatchOut(Schema):
    id: int
    name: str
    slug: str
    kind: CollaborationKind
    why: str = Field(description="Why the answer belongs to it (Danish, as on the page).")


class CatchmentOut(Schema):
    area: CatchmentAreaOut
    specialty: SlugRef | None = Field(description="The specialty asked for; empty for the general catchment.")
    date: datetime.date
    hospital: SlugRef
    rule: CatchmentRuleOut = Field(description="The rule that answered: its area, specialty and validity.")
    area_fallback: bool = Field(
        description="True when the area has no rule of its own and the rule of the area it lies in answered "
        "(e.g. a district without a rule: its municipality's)."
    )
    general_fallback: bool = Field(
        description="True when a specialty was asked for but has no rule here, so the general catchment answered."
    )
    why: str = Field(description="Which rule matched and why (Danish, as on the page).")
    collaborations: list[CollaborationMatchOut] = Field(
        description="The clusters or health councils in force on the date that the hospital or area belongs to."
    )
    url: str


class CatchmentQuery(Input):
    area: Slug = Field(description="An area's slug (municipality or district), e.g. 'valby'.")
    date: Date | None = Field(None, description="The date (YYYY-MM-DD); today if left out.")
    specialty: Slug | None = Field(
        None, description="A specialty's slug, e.g. 'foedsler'; general catchment if left out."
    )


class CatchmentRuleFilters(Input):
    area: Slug | None = Field(None, description="An area's slug: its rules.")
    hospital: Slug | None = Field(None, description="A hospital's slug: the rules pointing to it.")
    specialty: Slug | None = Field(None, description="A specialty's slug: its rules.")
    general: bool | None = Field(None, description="true: only the general catchment's rules (no specialty).")
    valid_on: Date | None = Field(None, description="Only rules in force on this date (YYYY-MM-DD).")


def _catchment_out(answer: CatchmentLookup) -> dict[str, Any]:
    rule = answer.rule
    assert rule is not None
    return {
        "area": answer.area,
        "specialty": answer.specialty,
        "date": answer.day,
        "hospital": rule.hospital,
        "rule": rule,
        "area_fallback": rule.area_id != answer.area.pk,
        "general_fallback": answer.specialty is not None and rule.specialty_id is None,
        "why": answer.why,
        "collaborations": [
            {
                "id": m.collaboration.pk,
                "name": m.collaboration.name,
                "slug": m.collaboration.slug,
                "kind": m.collaboration.kind,
                "why": m.why,
            }
            for m in answer.collaborations
        ],
        "url": _lookup_url(answer.area.slug, answer.day, answer.specialty.slug if answer.specialty else ""),
    }


@router.get("/catchment", response={200: CatchmentOut, **DETAIL_ERRORS}, auth=READ_AUTH)
def lookup_catchment(request: HttpRequest, query: Query[CatchmentQuery]) -> Any:
    """The hospital an area (a municipality or a district) belongs to on a date, generally or for a
    specialty, with the rule that says so and the clusters or councils in force. A district without a rule
    of its own belongs where its municipality does; a specialty without a rule follows the general
    catchment. 404 when the area or specialty is unknown, or no rule covers the area on the date."""
    try:
        area = area_by_key(key=query.area)
    except UnknownArea:
        raise HttpError(
            404, f"Unknown area '{query.area}'; use an area's slug (GET /api/v1/areas)."
        ) from None
    specialty = None
    if query.specialty:
        try:
            specialty = specialty_by_key(key=query.specialty)
        except UnknownSpecialty:
            raise HttpError(404, f"Unknown specialty '{query.specialty}'.") from None
    day = query.date or datetime.date.today()
    answer = catchment_lookup(area=area, day=day, specialty=specialty)
    if answer.rule is None:
        raise HttpError(
            404,
            f"No catchment rule covers {area.name} on {day.isoformat()}"
            + (" (its districts have their own rules)." if area.kind == AreaKind.MUNICIPALITY else "."),
        )
    return _catchment_out(answer)


@router.get("/catchment/rules", response={200: list[CatchmentRuleOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_catchment_rules(request: HttpRequest, filters: Query[CatchmentRuleFilters]) -> Any:
    """Catchment rules over time, by area, specialty and start; filter by area, hospital, specialty
    (or only the general catchment) and the date they are in force on."""
    return catchment_rules_filtered(
        area_slug=filters.area,
        hospital_slug=filters.hospital,
        specialty_slug=filters.specialty,
        general_only=bool(filters.general),
        valid_on=filters.valid_on,
    )
