"""meeting_attendance: who is expected on the meeting's day (by party, in seat order), their substitutes
on that day, per agenda item the substitutes whose topics make them more relevant, and the absences — in
a fixed number of queries."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from klynge.attendance.selectors import attendance_agenda_items, meeting_attendance
from klynge.attendance.services import absence_record
from klynge.bodies.services import membership_create, seat_set, substitution_create
from klynge.meetings.access import public_agenda_items
from klynge.meetings.models import AgendaItem, AgendaItemKind, DatePrecision, Meeting
from klynge.meetings.services import agenda_item_create, meeting_create
from klynge.organisation.services import person_create
from tests.attendance.conftest import Cast
from tests.factories import ClusterWorld, build_cluster


def names(attendance: object) -> list[str]:
    return [m.person.name for m in attendance.members]  # type: ignore[attr-defined]


def attendance_of(meeting: Meeting, *, public_only: bool = False):  # type: ignore[no-untyped-def]
    visible = public_agenda_items() if public_only else AgendaItem.objects.values("pk")
    items = attendance_agenda_items(meeting=meeting, visible=visible)
    return meeting_attendance(meeting=meeting, agenda_items=items)


def test_the_expected_members_are_those_sitting_on_the_day(world: ClusterWorld) -> None:
    seat_set(body=world.political, party=world.municipality, count=3)
    for name, start, end in [
        ("Gik af før mødet", datetime.date(2022, 7, 1), datetime.date(2023, 11, 27)),
        ("Sidste dag på mødedagen", datetime.date(2022, 7, 1), datetime.date(2023, 11, 28)),
        ("Første dag på mødedagen", datetime.date(2023, 11, 28), None),
        ("Tiltræder efter mødet", datetime.date(2023, 11, 29), None),
    ]:
        membership_create(
            person=person_create(name=name),
            body=world.political,
            party=world.municipality,
            start=start,
            end=end,
        )
    build_cluster("Anden")  # members of other bodies are not expected

    attendance = attendance_of(world.meeting)

    assert attendance.day == datetime.date(2023, 11, 28)
    # The co-chair first, then by start date.
    assert names(attendance) == ["Borgmester Test", "Sidste dag på mødedagen", "Første dag på mødedagen"]


def test_a_meeting_known_by_month_counts_the_members_on_its_first_day(world: ClusterWorld) -> None:
    meeting = meeting_create(
        body=world.political, date=datetime.date(2024, 6, 1), date_precision=DatePrecision.MONTH
    )
    membership_create(
        person=person_create(name="Tiltræder midt i måneden"),
        body=world.political,
        party=world.municipality,
        start=datetime.date(2024, 6, 15),
    )

    assert names(attendance_of(meeting)) == ["Borgmester Test"]


def test_members_are_grouped_by_party_in_seat_order(world: ClusterWorld, cast: Cast) -> None:
    seatless = membership_create(
        person=person_create(name="Regionsrådsformand Test"),
        body=world.political,
        party=world.region,
        start=datetime.date(2022, 7, 1),
    )

    parties = attendance_of(world.meeting).parties

    assert [(p.party, p.seats, [m.membership for m in p.members]) for p in parties] == [
        (world.general_practice, 2, [cast.doctor]),
        (world.municipality, 2, [world.mayor_membership]),
        (world.region, None, [seatless]),
    ]


def test_only_substitutes_on_the_day_are_listed(world: ClusterWorld, cast: Cast) -> None:
    former = person_create(name="Tidligere stedfortræder")
    substitution_create(
        principal=world.mayor_membership,
        substitute=former,
        start=datetime.date(2022, 7, 1),
        end=datetime.date(2023, 6, 30),
        topics=[world.prevention_topic],
    )

    mayor = attendance_of(world.meeting).members[1]

    assert mayor.membership == world.mayor_membership
    assert [s.substitute for s in mayor.substitutions] == [cast.deputy]
    assert [t.name for t in mayor.substitutions[0].topics.all()] == ["Forebyggelse"]


def test_each_item_names_the_substitutes_more_relevant_to_it(world: ClusterWorld, cast: Cast) -> None:
    hospitals = agenda_item_create(
        meeting=world.meeting,
        title="Sygehusbehandling",
        kind=AgendaItemKind.DISCUSSION,
        topics=[world.hospitals_topic, world.prevention_topic],
    )
    no_topic = agenda_item_create(meeting=world.meeting, title="Eventuelt", kind=AgendaItemKind.ORIENTATION)

    rows = attendance_of(world.meeting).items

    assert [row.item for row in rows] == [world.agenda_item, hospitals, no_topic]
    relevant = {
        row.item.title: [
            (r.substitution.substitute.name, r.member.person.name, [t.name for t in r.shared_topics])
            for r in row.relevant
        ]
        for row in rows
    }
    assert relevant == {
        "Forebyggelse i Test": [("Stedfortræder Test", "Borgmester Test", ["Forebyggelse"])],
        "Sygehusbehandling": [
            ("Lægestedfortræder Test", "Læge Test", ["Sygehusbehandling"]),
            ("Stedfortræder Test", "Borgmester Test", ["Forebyggelse"]),
        ],
        "Eventuelt": [],
    }


def test_absences_show_per_item_with_who_comes_instead(world: ClusterWorld, cast: Cast) -> None:
    second = agenda_item_create(
        meeting=world.meeting,
        title="Sygehusbehandling",
        kind=AgendaItemKind.DISCUSSION,
        topics=[world.hospitals_topic],
    )
    mayor_away = absence_record(
        meeting=world.meeting, membership=world.mayor_membership, substitute=cast.deputy
    )
    doctor_away = absence_record(
        meeting=world.meeting,
        membership=cast.doctor,
        substitute=cast.doctor_substitute,
        agenda_items=[second],
    )

    attendance = attendance_of(world.meeting)

    first_row, second_row = attendance.items
    assert [a.absence for a in first_row.absences] == [mayor_away]
    assert [a.absence for a in second_row.absences] == [mayor_away, doctor_away]
    assert [r.comes_instead for r in first_row.relevant] == [True]
    assert [(r.substitution.substitute, r.comes_instead) for r in second_row.relevant] == [
        (cast.doctor_substitute, True)
    ]
    doctor, mayor = attendance.members
    assert (
        doctor.absence is not None and doctor.absence.items == [second] and not doctor.absence.whole_meeting
    )
    assert mayor.absence is not None and mayor.absence.whole_meeting
    assert attendance.members_without_absence == []


def test_an_absence_limited_to_a_closed_item_does_not_name_it_to_the_public(world: ClusterWorld) -> None:
    closed = agenda_item_create(
        meeting=world.meeting, title="Fortroligt punkt", kind=AgendaItemKind.DECISION, is_public=False
    )
    absence_record(meeting=world.meeting, membership=world.mayor_membership, agenda_items=[closed])

    public = attendance_of(world.meeting, public_only=True)
    everyone = attendance_of(world.meeting)

    assert [row.item for row in public.items] == [world.agenda_item]
    # Not even that there is an absence: shown without items, it would tell of an item the public may not see.
    assert public.absences == [] and public.items[0].absences == []
    assert [member.absence for member in public.members] == [None]
    assert public.members_without_absence == []  # the mayor has one, so is not offered for another
    assert everyone.absences[0].items == [closed]


def grow(world: ClusterWorld, cast: Cast) -> None:
    for i in range(10):
        build_cluster(f"X{i}")
    seat_set(body=world.political, party=world.municipality, count=5)
    for n in range(3):
        member = membership_create(
            person=person_create(name=f"Medlem {n}"),
            body=world.political,
            party=world.municipality,
            start=datetime.date(2022, 7, 1),
        )
        for k in range(2):
            substitution_create(
                principal=member,
                substitute=person_create(name=f"Stedfortræder {n}.{k}"),
                start=datetime.date(2022, 7, 1),
                topics=[world.prevention_topic, world.hospitals_topic],
            )
        item = agenda_item_create(
            meeting=world.meeting,
            title=f"Punkt {n}",
            kind=AgendaItemKind.DISCUSSION,
            topics=[world.hospitals_topic],
        )
        absence_record(meeting=world.meeting, membership=member, agenda_items=[item, world.agenda_item])
    absence_record(meeting=world.meeting, membership=cast.doctor, substitute=cast.doctor_substitute)


def count_queries(world: ClusterWorld) -> int:
    items = attendance_agenda_items(meeting=world.meeting)
    with CaptureQueriesContext(connection) as context:
        meeting_attendance(meeting=world.meeting, agenda_items=items)
    return len(context.captured_queries)


def test_a_fixed_number_of_queries(world: ClusterWorld, cast: Cast) -> None:
    absence_record(meeting=world.meeting, membership=world.mayor_membership, agenda_items=[world.agenda_item])
    before = count_queries(world)

    grow(world, cast)

    assert count_queries(world) == before <= 6
