"""Reads for catchment areas (optageområder)."""

import datetime

from django.db.models import Prefetch, QuerySet

from klynge.bodies.models import Collaboration
from klynge.catchment.models import Area, CatchmentRule, Hospital
from klynge.validity import active_on


def catchment_rules_current_for_collaboration(
    *, collaboration: Collaboration, day: datetime.date
) -> QuerySet[CatchmentRule]:
    """The catchment rules in force on `day` that point to one of the collaboration's hospitals.

    Rules for the same area and specialty never overlap, so these are the areas' current rules.
    """
    return (
        CatchmentRule.objects.filter(active_on(day), hospital__collaborations=collaboration)
        .select_related("area", "area__parent", "hospital", "specialty", "source")
        .order_by("hospital__name", "specialty__name", "area__kind", "area__name")
    )


def hospitals_filtered(*, region_id: int | None = None) -> QuerySet[Hospital]:
    """Hospitals with their region and the collaborations around them."""
    hospitals = Hospital.objects.select_related("region", "source").prefetch_related(
        Prefetch("collaborations", queryset=Collaboration.objects.order_by("name"))
    )
    if region_id is not None:
        hospitals = hospitals.filter(region=region_id)
    return hospitals.order_by("name", "pk")


def areas_filtered(
    *, kind: str | None = None, parent_id: int | None = None, party_id: int | None = None
) -> QuerySet[Area]:
    """Areas (region, municipalities, districts) with the area they lie in and the party they are."""
    areas = Area.objects.select_related("parent", "party", "source")
    if kind:
        areas = areas.filter(kind=kind)
    if parent_id is not None:
        areas = areas.filter(parent=parent_id)
    if party_id is not None:
        areas = areas.filter(party=party_id)
    return areas.order_by("kind", "name", "pk")
