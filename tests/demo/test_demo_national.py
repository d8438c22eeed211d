"""`klynge demo --national`: the Copenhagen demo from the seeds plus the whole country from the reference
data, with no record twice and each with a source (issue 16's first "Done when")."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from klynge.bodies.models import Collaboration, CollaborationKind
from klynge.demo.sources import MEMO_2022_KEY
from klynge.kernel.validity import active_on
from klynge.organisation.models import Party, PartyKind, RegionMembership
from klynge.reform.selectors import health_councils

pytestmark = pytest.mark.django_db


def test_demo_national_loads_the_country_next_to_the_demo() -> None:
    out = StringIO()
    call_command("demo", "--no-serve", "--national", stdout=out)
    assert "Nationale referencedata version 2026-12-03 indlæst" in out.getvalue()

    municipalities = Party.objects.filter(kind=PartyKind.MUNICIPALITY)
    assert municipalities.count() == 98 and not municipalities.filter(official_code="").exists()
    regions = Party.objects.filter(kind=PartyKind.REGION)
    assert regions.filter(active_on(datetime.date(2026, 12, 31))).count() == 5
    assert regions.filter(active_on(datetime.date(2027, 1, 1))).count() == 4
    assert Collaboration.objects.filter(kind=CollaborationKind.HEALTH_COUNCIL).count() == 17
    assert Collaboration.objects.filter(kind=CollaborationKind.CLUSTER).count() == 21
    for model in (Party, Collaboration):
        assert not model.objects.filter(source__isnull=True).exists()
    for day in (datetime.date(2026, 6, 1), datetime.date(2027, 6, 1)):
        per_municipality = Counter(
            RegionMembership.objects.filter(active_on(day)).values_list("municipality", flat=True)
        )
        assert len(per_municipality) == 98 and set(per_municipality.values()) == {1}

    # The demo's Copenhagen is the reference data's 0101, still resting on the seed memo.
    copenhagen = Party.objects.get(official_code="0101")
    assert copenhagen.name == "Københavns Kommune"
    assert copenhagen.source is not None and copenhagen.source.key == MEMO_2022_KEY
    byen = Collaboration.objects.get(name="Sundhedsklynge Byen")
    assert byen.parties.filter(kind=PartyKind.GENERAL_PRACTICE).exists()  # the demo's PLO stays

    # The demo's Sundhedsråd Nordsjælland, at work in 2026, keeps its start and is one of the councils the
    # transition tool offers; the import found it by name and added no second political body.
    nordsjaelland = Collaboration.objects.get(name="Sundhedsråd Nordsjælland")
    assert nordsjaelland.valid_from == datetime.date(2026, 1, 1)
    assert nordsjaelland.bodies.count() == 1
    assert nordsjaelland in health_councils()
    assert health_councils().count() == 17

    again = StringIO()
    call_command("demo", "--no-serve", "--national", stdout=again)
    assert "allerede indlæst" in again.getvalue()
    assert Party.objects.filter(kind=PartyKind.MUNICIPALITY).count() == 98
