"""catchment_rule_create: an area belongs to one hospital at a time per specialty (or in general);
periods of rules for the same area and specialty may touch but not overlap."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from klynge.catchment.models import Area, AreaKind, CatchmentRule, Hospital, Specialty
from klynge.catchment.services import area_create, catchment_rule_create, hospital_create, specialty_create
from tests.factories import ClusterWorld

OVERLAP_MESSAGE = "Perioden overlapper en anden regel for samme område og speciale."
PERIOD_MESSAGE = "Slutdatoen ligger før startdatoen."


@pytest.fixture
def district(world: ClusterWorld) -> Area:
    return area_create(name="Testbro", kind=AreaKind.DISTRICT, parent=world.area)


@pytest.fixture
def other_hospital(world: ClusterWorld) -> Hospital:
    return hospital_create(name="Andet Hospital", region=world.region)


@pytest.fixture
def births(db: None) -> Specialty:
    return specialty_create(name="Fødsler")


def rule(
    area: Area,
    hospital: Hospital,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    specialty: Specialty | None = None,
) -> CatchmentRule:
    return catchment_rule_create(
        area=area, hospital=hospital, valid_from=valid_from, valid_to=valid_to, specialty=specialty
    )


def assert_overlap_refused(
    area: Area,
    hospital: Hospital,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    specialty: Specialty | None = None,
) -> None:
    before = CatchmentRule.objects.count()

    with pytest.raises(ValidationError) as exc:
        rule(area, hospital, valid_from, valid_to, specialty)

    assert exc.value.message_dict == {"valid_from": [OVERLAP_MESSAGE]}
    assert CatchmentRule.objects.count() == before


def test_a_later_rule_while_an_open_ended_rule_runs_is_refused(
    world: ClusterWorld, other_hospital: Hospital
) -> None:
    # The world's area belongs to its hospital from 1 July 2022 with no end.
    assert_overlap_refused(world.area, other_hospital, datetime.date(2024, 1, 1))


def test_an_open_ended_rule_starting_before_a_closed_one_is_refused(
    world: ClusterWorld, district: Area, other_hospital: Hospital
) -> None:
    rule(district, world.hospital, datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))

    assert_overlap_refused(district, other_hospital, datetime.date(2020, 1, 1))


def test_a_rule_enclosing_another_is_refused(
    world: ClusterWorld, district: Area, other_hospital: Hospital
) -> None:
    rule(district, world.hospital, datetime.date(2023, 3, 1), datetime.date(2023, 3, 31))

    assert_overlap_refused(district, other_hospital, datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))


def test_rules_sharing_one_day_are_refused(
    world: ClusterWorld, district: Area, other_hospital: Hospital
) -> None:
    rule(district, world.hospital, datetime.date(2020, 1, 1), datetime.date(2022, 6, 30))

    assert_overlap_refused(district, other_hospital, datetime.date(2022, 6, 30))


def test_adjacent_rules_are_accepted(world: ClusterWorld, district: Area, other_hospital: Hospital) -> None:
    rule(district, other_hospital, datetime.date(2020, 1, 1), datetime.date(2022, 6, 30))
    rule(district, world.hospital, datetime.date(2022, 7, 1))

    assert CatchmentRule.objects.filter(area=district).count() == 2


def test_a_specialty_rule_may_run_alongside_the_general_rule(
    world: ClusterWorld, other_hospital: Hospital, births: Specialty
) -> None:
    # E.g. births (fødeområdet) go to another hospital than the area's general catchment.
    rule(world.area, other_hospital, datetime.date(2022, 7, 1), specialty=births)

    assert CatchmentRule.objects.filter(area=world.area).count() == 2


def test_different_specialties_may_overlap(
    world: ClusterWorld, other_hospital: Hospital, births: Specialty
) -> None:
    rule(world.area, other_hospital, datetime.date(2022, 7, 1), specialty=births)
    rule(world.area, world.hospital, datetime.date(2022, 7, 1), specialty=specialty_create(name="Psykiatri"))

    assert CatchmentRule.objects.filter(area=world.area).count() == 3


def test_overlapping_rules_for_the_same_specialty_are_refused(
    world: ClusterWorld, other_hospital: Hospital, births: Specialty
) -> None:
    rule(world.area, other_hospital, datetime.date(2022, 7, 1), datetime.date(2024, 12, 31), specialty=births)

    assert_overlap_refused(world.area, world.hospital, datetime.date(2024, 12, 1), specialty=births)


def test_end_before_start_is_refused_and_nothing_is_saved(world: ClusterWorld, district: Area) -> None:
    before = CatchmentRule.objects.count()

    with pytest.raises(ValidationError) as exc:
        rule(district, world.hospital, datetime.date(2023, 1, 1), datetime.date(2022, 12, 31))

    assert exc.value.messages == [PERIOD_MESSAGE]
    assert CatchmentRule.objects.count() == before


def test_end_before_start_is_reported_on_valid_to(world: ClusterWorld, district: Area) -> None:
    with pytest.raises(ValidationError) as exc:
        rule(district, world.hospital, datetime.date(2023, 1, 1), datetime.date(2022, 12, 31))

    assert exc.value.message_dict["valid_to"] == [PERIOD_MESSAGE]
