"""The catchment lookup on the demo (Region Hovedstaden): every Copenhagen district answers per DOMAIN.md,
districts fall back to their municipality, specialties to the general catchment, and the cluster in force
is found through the hospital."""

import datetime

import pytest

from klynge.bodies.selectors import catchment_lookup, catchment_overview
from klynge.catchment.models import AreaKind, Hospital
from klynge.catchment.selectors import UnknownArea, UnknownSpecialty, area_by_key, specialty_by_key
from klynge.catchment.services import area_create, catchment_rule_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]

DAY_2024 = datetime.date(2024, 6, 1)
BYEN = ("Bispebjerg", "Brønshøj-Husum", "Indre By", "Nørrebro", "Vanløse", "Østerbro")
SYD = ("Amager Øst", "Amager Vest", "Valby", "Vesterbro/Kongens Enghave")
BFH = "Bispebjerg og Frederiksberg Hospital"
AHH = "Amager og Hvidovre Hospital"


@pytest.mark.parametrize(
    ("district", "hospital", "cluster"),
    [(d, BFH, "Sundhedsklynge Byen") for d in BYEN] + [(d, AHH, "Sundhedsklynge Syd") for d in SYD],
)
def test_every_copenhagen_district_answers_per_domain(district: str, hospital: str, cluster: str) -> None:
    answer = catchment_lookup(area=area_by_key(key=district), day=DAY_2024)

    assert answer.hospital is not None and answer.hospital.name == hospital
    assert [m.collaboration.name for m in answer.collaborations] == [cluster]
    assert answer.rule is not None and answer.rule.valid_from == datetime.date(2022, 7, 1)
    assert answer.rule.source is not None


def test_an_area_is_found_by_slug_or_name_in_any_case() -> None:
    assert area_by_key(key="valby").name == "Valby"
    assert area_by_key(key="vESTERBRO/kongens enghave").name == "Vesterbro/Kongens Enghave"
    with pytest.raises(UnknownArea):
        area_by_key(key="Atlantis")
    with pytest.raises(UnknownSpecialty):
        specialty_by_key(key="Hjertekirurgi")


def test_births_without_a_rule_of_their_own_follow_the_general_catchment() -> None:
    births = specialty_by_key(key="foedsler")

    answer = catchment_lookup(area=area_by_key(key="Nørrebro"), day=DAY_2024, specialty=births)

    assert answer.hospital is not None and answer.hospital.name == BFH
    assert answer.rule is not None and answer.rule.specialty is None
    assert "det generelle optageområde" in answer.why and "Fødsler har ingen egen regel" in answer.why


def test_a_births_rule_answers_for_births_only() -> None:
    births = specialty_by_key(key="Fødsler")
    valby = area_by_key(key="Valby")
    bfh = Hospital.objects.get(name=BFH)
    catchment_rule_create(area=valby, hospital=bfh, specialty=births, valid_from=datetime.date(2024, 1, 1))

    assert catchment_lookup(area=valby, day=DAY_2024, specialty=births).hospital == bfh
    assert catchment_lookup(area=valby, day=DAY_2024).hospital.name == AHH  # type: ignore[union-attr]
    # Before the births rule: the general catchment.
    before = catchment_lookup(area=valby, day=datetime.date(2023, 12, 31), specialty=births)
    assert before.hospital is not None and before.hospital.name == AHH


def test_a_district_without_a_rule_of_its_own_follows_its_municipality() -> None:
    frederiksberg = area_by_key(key="Frederiksberg")
    district = area_create(name="Frederiksberg Øst (test)", kind=AreaKind.DISTRICT, parent=frederiksberg)

    answer = catchment_lookup(area=district, day=DAY_2024)

    assert answer.hospital is not None and answer.hospital.name == BFH
    assert answer.rule is not None and answer.rule.area == frederiksberg
    assert "har ingen egen regel" in answer.why
    assert [m.collaboration.name for m in answer.collaborations] == ["Sundhedsklynge Byen"]


def test_copenhagen_as_a_whole_has_no_single_hospital() -> None:
    answer = catchment_lookup(area=area_by_key(key="København"), day=DAY_2024)

    assert answer.rule is None and answer.collaborations == []


def test_before_the_structure_no_rule_and_after_the_clusters_end_no_cluster() -> None:
    valby = area_by_key(key="Valby")

    assert catchment_lookup(area=valby, day=datetime.date(2022, 6, 30)).rule is None
    after = catchment_lookup(area=valby, day=datetime.date(2027, 1, 1))
    # The rule runs on; the clusters end 31 December 2026 (a health council in force then would show).
    assert after.hospital is not None and after.hospital.name == AHH
    assert all(m.collaboration.name != "Sundhedsklynge Syd" for m in after.collaborations)


def test_the_overview_lists_every_municipality_and_copenhagen_district() -> None:
    rows = {row.area.name: row for row in catchment_overview(day=DAY_2024)}

    for district in BYEN:
        assert rows[district].hospital.name == BFH  # type: ignore[union-attr]
    for district in SYD:
        assert rows[district].hospital.name == AHH  # type: ignore[union-attr]
    assert rows["Frederiksberg"].hospital.name == BFH  # type: ignore[union-attr]
    assert rows["Bornholm"].hospital.name == "Bornholms Hospital"  # type: ignore[union-attr]
    assert rows["København"].rule is None


def test_a_health_council_without_hospitals_is_found_through_the_municipality() -> None:
    from klynge.bodies.models import CollaborationKind
    from klynge.bodies.services import collaboration_create
    from klynge.organisation.models import Party

    copenhagen = Party.objects.get(name="Københavns Kommune")
    collaboration_create(
        name="Sundhedsråd (test)",
        kind=CollaborationKind.HEALTH_COUNCIL,
        parties=[copenhagen],
        valid_from=datetime.date(2027, 1, 1),
    )

    answer = catchment_lookup(area=area_by_key(key="Valby"), day=datetime.date(2027, 3, 1))

    matches = {m.collaboration.name: m.why for m in answer.collaborations}
    assert "København er part" in matches["Sundhedsråd (test)"]
    assert "Sundhedsklynge Syd" not in matches  # the clusters ended 31 December 2026
    assert catchment_lookup(area=area_by_key(key="Valby"), day=DAY_2024).collaborations[
        0
    ].collaboration.name == ("Sundhedsklynge Syd")


@pytest.mark.parametrize(
    ("area", "council"),
    [
        ("Valby", "Sundhedsråd Hovedstaden"),
        ("Nørrebro", "Sundhedsråd Hovedstaden"),
        ("Frederiksberg", "Sundhedsråd Hovedstaden"),
        ("Albertslund", "Sundhedsråd Amager og Vestegnen"),
        ("Tårnby", "Sundhedsråd Amager og Vestegnen"),
    ],
)
def test_from_2027_the_health_council_of_the_areas_municipality(area: str, council: str) -> None:
    answer = catchment_lookup(area=area_by_key(key=area), day=datetime.date(2027, 3, 1))

    assert [m.collaboration.name for m in answer.collaborations] == [council]
    assert answer.collaborations[0].collaboration.kind == "health_council"
