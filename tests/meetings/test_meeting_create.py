"""meeting_create: a meeting falls on a date its body exists; a held meeting is in the past and has an
exact date."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from klynge.bodies.models import Body, BodyLevel, CollaborationKind
from klynge.bodies.services import body_create, collaboration_create
from klynge.meetings.models import DatePrecision, Meeting, MeetingStatus
from klynge.meetings.services import meeting_create
from tests.factories import ClusterWorld

# The world's cluster runs 1 July 2022 to 31 December 2026; its political body has no dates of its own.


@pytest.fixture
def timeless_body(world: ClusterWorld) -> Body:
    """A body whose collaboration has no period, so only the clock decides what is in the future."""
    forum = collaboration_create(
        name="Koordinationsforum Test",
        kind=CollaborationKind.COORDINATION_FORUM,
        parties=[world.region, world.municipality],
    )
    return body_create(collaboration=forum, level=BodyLevel.POLITICAL, name="Koordinationsforum Test")


@pytest.mark.parametrize("day", [datetime.date(2022, 6, 30), datetime.date(2027, 1, 1)])
def test_a_date_outside_the_collaborations_period_is_refused(world: ClusterWorld, day: datetime.date) -> None:
    before = Meeting.objects.count()

    with pytest.raises(ValidationError) as exc:
        meeting_create(body=world.political, date=day)

    assert exc.value.message_dict == {"date": ["Politisk sundhedsklynge Test findes ikke på denne dato."]}
    assert Meeting.objects.count() == before


def test_a_date_outside_the_bodys_own_period_is_refused(world: ClusterWorld) -> None:
    body = body_create(
        collaboration=world.cluster,
        level=BodyLevel.ADMINISTRATIVE,
        name="Administrativ sundhedsklynge Test",
        valid_from=datetime.date(2023, 1, 1),
    )
    before = Meeting.objects.count()

    with pytest.raises(ValidationError) as exc:
        meeting_create(body=body, date=datetime.date(2022, 12, 31), status=MeetingStatus.HELD)

    assert exc.value.message_dict == {
        "date": ["Administrativ sundhedsklynge Test findes ikke på denne dato."]
    }
    assert Meeting.objects.count() == before


@pytest.mark.parametrize("day", [datetime.date(2022, 7, 1), datetime.date(2026, 12, 31)])
def test_the_first_and_last_day_of_the_collaboration_are_accepted(
    world: ClusterWorld, day: datetime.date
) -> None:
    meeting = meeting_create(body=world.political, date=day)

    assert meeting.date == day


def test_a_future_meeting_marked_held_is_refused(timeless_body: Body) -> None:
    before = Meeting.objects.count()

    with pytest.raises(ValidationError) as exc:
        meeting_create(
            body=timeless_body,
            date=timezone.localdate() + datetime.timedelta(days=1),
            status=MeetingStatus.HELD,
        )

    assert exc.value.message_dict == {"status": ["Et møde i fremtiden kan ikke være afholdt."]}
    assert Meeting.objects.count() == before


def test_a_future_meeting_may_be_planned_and_todays_held(timeless_body: Body) -> None:
    today = timezone.localdate()

    meeting_create(body=timeless_body, date=today + datetime.timedelta(days=1))
    meeting_create(body=timeless_body, date=today, status=MeetingStatus.HELD)

    assert Meeting.objects.filter(body=timeless_body).count() == 2


@pytest.mark.parametrize(
    ("precision", "day"),
    [(DatePrecision.MONTH, datetime.date(2023, 5, 1)), (DatePrecision.HALF_YEAR, datetime.date(2024, 7, 1))],
)
def test_a_held_meeting_without_an_exact_date_is_refused(
    world: ClusterWorld, precision: DatePrecision, day: datetime.date
) -> None:
    before = Meeting.objects.count()

    with pytest.raises(ValidationError) as exc:
        meeting_create(body=world.political, date=day, date_precision=precision, status=MeetingStatus.HELD)

    assert exc.value.message_dict == {"status": ["Et afholdt møde skal have en præcis dato."]}
    assert Meeting.objects.count() == before


def test_a_planned_meeting_may_be_known_only_by_half_year(world: ClusterWorld) -> None:
    # "An extra political meeting in the second half of 2024."
    meeting = meeting_create(
        body=world.political,
        date=datetime.date(2024, 7, 1),
        date_precision=DatePrecision.HALF_YEAR,
        is_extra=True,
    )

    assert meeting.status == MeetingStatus.PLANNED


@pytest.mark.parametrize(
    ("precision", "day"),
    [(DatePrecision.MONTH, datetime.date(2027, 3, 1)), (DatePrecision.HALF_YEAR, datetime.date(2027, 7, 1))],
)
def test_a_month_or_half_year_when_the_body_does_not_exist_is_refused(
    world: ClusterWorld, precision: DatePrecision, day: datetime.date
) -> None:
    before = Meeting.objects.count()

    with pytest.raises(ValidationError) as exc:
        meeting_create(body=world.political, date=day, date_precision=precision)

    assert "date" in exc.value.message_dict
    assert Meeting.objects.count() == before
