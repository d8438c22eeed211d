"""`klynge reference import`: the national reference data, every row with its source, each municipality in
exactly one region before and after the merger on 1 January 2027, and a re-import that changes nothing.

The data are imported once for the module (inside a transaction rolled back at the end)."""

import datetime
from collections import Counter
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from pytest_django import DjangoDbBlocker

from klynge.bodies.models import Body, BodyLevel, Collaboration, CollaborationKind, Participation
from klynge.catchment.models import Hospital
from klynge.kernel.validity import active_on
from klynge.organisation.models import Party, PartyKind, RegionMembership
from klynge.provenance.models import Source
from klynge.reference.services import ImportResult, reference_import
from tests.databases import records_for_module

BEFORE = datetime.date(2026, 6, 1)
AFTER = datetime.date(2027, 6, 1)


@pytest.fixture(scope="module")
def imported(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[ImportResult]:
    with records_for_module(django_db_blocker):
        yield reference_import()


pytestmark = pytest.mark.usefixtures("imported", "db")


def test_the_country_is_there_each_record_with_its_source() -> None:
    municipalities = Party.objects.filter(kind=PartyKind.MUNICIPALITY)
    assert municipalities.count() == 98
    codes = list(municipalities.values_list("official_code", flat=True))
    assert len(set(codes)) == 98 and all(len(code) == 4 and code.isdigit() for code in codes)
    assert municipalities.get(official_code="0101").name == "Københavns Kommune"
    assert municipalities.get(official_code="0400").name == "Bornholms Regionskommune"
    assert not municipalities.filter(official_code="0411").exists()  # Christiansø is no municipality

    regions = Party.objects.filter(kind=PartyKind.REGION)
    until = regions.filter(active_on(datetime.date(2026, 12, 31)))
    since = regions.filter(active_on(datetime.date(2027, 1, 1)))
    assert sorted(until.values_list("name", flat=True)) == [
        "Region Hovedstaden",
        "Region Midtjylland",
        "Region Nordjylland",
        "Region Sjælland",
        "Region Syddanmark",
    ]
    assert sorted(since.values_list("name", flat=True)) == [
        "Region Midtjylland",
        "Region Nordjylland",
        "Region Syddanmark",
        "Region Østdanmark",
    ]
    assert regions.get(name="Region Nordjylland").official_code == "1081"

    clusters = Collaboration.objects.filter(kind=CollaborationKind.CLUSTER)
    councils = Collaboration.objects.filter(kind=CollaborationKind.HEALTH_COUNCIL)
    assert clusters.count() == 21
    assert councils.count() == 17
    assert Hospital.objects.count() == 10
    for model in (Party, Collaboration, Hospital, RegionMembership):
        assert not model.objects.filter(source__isnull=True).exists(), model
    assert not Source.objects.filter(url="").exclude(key="klynge-referencedata").exists()
    assert "2026-12-03" in Source.objects.get(key="klynge-referencedata").title
    # Every council has its political body (L 214): the transition tool can carry approved records to it.
    assert Body.objects.filter(collaboration__in=councils, level=BodyLevel.POLITICAL).count() == 17


@pytest.mark.parametrize("day", [BEFORE, AFTER])
def test_every_municipality_belongs_to_exactly_one_region_on_each_date(day: datetime.date) -> None:
    memberships = RegionMembership.objects.filter(active_on(day)).select_related("region")
    per_municipality = Counter(m.municipality_id for m in memberships)
    municipality_ids = set(Party.objects.filter(kind=PartyKind.MUNICIPALITY).values_list("pk", flat=True))
    assert set(per_municipality) == municipality_ids
    assert set(per_municipality.values()) == {1}
    regions = Counter(m.region.name for m in memberships)
    if day == BEFORE:
        assert regions == {
            "Region Hovedstaden": 29,
            "Region Syddanmark": 22,
            "Region Midtjylland": 19,
            "Region Sjælland": 17,
            "Region Nordjylland": 11,
        }
    else:
        assert regions == {
            "Region Østdanmark": 46,
            "Region Syddanmark": 22,
            "Region Midtjylland": 19,
            "Region Nordjylland": 11,
        }
    for membership in memberships:  # the region exists on the day
        assert membership.region.valid_to is None or membership.region.valid_to >= day
        assert membership.region.valid_from is None or membership.region.valid_from <= day


def test_memberships_are_those_of_the_sources_and_unknown_ones_say_so() -> None:
    def municipalities(name: str) -> set[str]:
        return set(
            Participation.objects.filter(
                collaboration__name=name, party__kind=PartyKind.MUNICIPALITY
            ).values_list("party__official_code", flat=True)
        )

    assert municipalities("Klynge NORD (Nordjylland)") == {"0860", "0810", "0813", "0825"}
    assert municipalities("Sundhedsklynge Sønderjylland") == {"0510", "0580", "0540", "0550"}
    assert municipalities("Sundhedsklynge Byen") == {"0101", "0147"}
    assert "0101" in municipalities("Sundhedsklynge Syd")  # Copenhagen is in two clusters
    # Not in any source: nothing invented, and the record says why.
    for name in ("Sundhedsklynge Midt", "Sundhedsråd Nordsjælland"):
        assert municipalities(name) == set()
        assert "ikke registreret" in Collaboration.objects.get(name=name).source_note
    fyn = Collaboration.objects.get(name="Sundhedsråd Fyn")
    assert len(municipalities(fyn.name)) == 10
    assert "september 2024" in fyn.source_note
    assert fyn.region is not None and fyn.region.name == "Region Syddanmark"


def _state() -> dict[str, int]:
    return {
        "parties": Party.history.count(),
        "collaborations": Collaboration.history.count(),
        "memberships": RegionMembership.history.count(),
        "hospitals": Hospital.history.count(),
        "participations": Participation.objects.count(),
        "bodies": Body.objects.count(),
        "sources": Source.objects.count(),
    }


def test_importing_again_changes_nothing() -> None:
    before = _state()
    result = reference_import()
    assert not result.changed
    assert _state() == before


def test_the_command_imports_and_reports() -> None:
    out = StringIO()
    call_command("reference", "import", stdout=out)
    output = out.getvalue()
    assert "version 2026-12-03" in output
    assert "kommuner: 0 created, 0 updated, 98 unchanged" in output
    assert "Nothing changed." in output


def test_a_municipality_page_shows_its_code_and_its_region_before_and_after_the_merger() -> None:
    roskilde = Party.objects.get(official_code="0265")
    html = Client().get(roskilde.get_absolute_url()).content.decode()
    assert "Kommunekode" in html and "0265" in html
    assert "Region Sjælland</a> (1. januar 2007 – 31. december 2026)" in html
    assert "Region Østdanmark</a> (fra 1. januar 2027)" in html
    oest = Party.objects.get(name="Region Østdanmark")
    html = Client().get(oest.get_absolute_url()).content.decode()
    assert html.count("· fra 1. januar 2027") == 46
