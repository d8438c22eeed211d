"""Shared pieces for the attendance tests: the world's substitute and a second member with their own."""

import datetime
from dataclasses import dataclass

import pytest

from klynge.attendance.models import Absence
from klynge.bodies.models import Membership
from klynge.bodies.services import membership_create, seat_set, substitution_create
from klynge.organisation.models import Person
from klynge.organisation.services import person_create
from tests.factories import ClusterWorld


@dataclass
class Cast:
    deputy: Person  # the world's substitute for the mayor, on prevention (from build_cluster)
    doctor: Membership  # a general practitioner sitting in the political body
    doctor_substitute: Person  # may come instead of the doctor on hospital treatment


@pytest.fixture
def cast(world: ClusterWorld) -> Cast:
    deputy = world.mayor_membership.substitutions.get().substitute
    seat_set(body=world.political, party=world.general_practice, count=2)
    doctor = membership_create(
        person=person_create(name="Læge Test", party=world.general_practice),
        body=world.political,
        party=world.general_practice,
        start=datetime.date(2022, 7, 1),
    )
    doctor_substitute = person_create(name="Lægestedfortræder Test", party=world.general_practice)
    substitution_create(
        principal=doctor,
        substitute=doctor_substitute,
        start=datetime.date(2022, 7, 1),
        topics=[world.hospitals_topic],
        condition="hvis det er mere relevant i forhold til dagsordenen",
    )
    return Cast(deputy=deputy, doctor=doctor, doctor_substitute=doctor_substitute)


def saved_rows() -> tuple[int, int]:
    return Absence.objects.count(), Absence.agenda_items.through.objects.count()
