"""Reads for catchment areas (optageområder)."""

import datetime

from django.db.models import QuerySet

from klynge.bodies.models import Collaboration
from klynge.catchment.models import CatchmentRule
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
