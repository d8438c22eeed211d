"""The attendance page and the API write absences alike: given the same input, the same stored result;
given the same bad input (a broken rule, a missing right, a record that is not there), the same refusal
with the same Danish message."""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from klynge.accounts.models import Role
from klynge.attendance.commands import (
    AGENDA_ITEMS_NOT_ALLOWED,
    MEMBERSHIP_NOT_ALLOWED,
    SUBSTITUTE_NOT_ALLOWED,
)
from klynge.attendance.models import Absence
from klynge.attendance.services import absence_record
from klynge.meetings.models import AgendaItem, AgendaItemKind, Meeting, MeetingStatus
from klynge.meetings.services import agenda_item_create, meeting_create
from tests.attendance.conftest import Cast
from tests.factories import ClusterWorld, build_cluster
from tests.meetings.parity import Caller, Write, assert_same, caller


@dataclass
class Records:
    world: ClusterWorld
    cast: Cast
    other: ClusterWorld  # another cluster: its editor may not keep the world's attendance
    absence: Absence  # the mayor's absence from the whole meeting
    hospitals_item: AgendaItem  # an open item on hospital treatment at the world's meeting
    elsewhere: AgendaItem  # an item at another meeting of the same body
    cancelled: Meeting  # a cancelled meeting of the same body

    @property
    def meeting(self) -> Meeting:
        return self.world.meeting


@pytest.fixture
def records(world: ClusterWorld, cast: Cast) -> Records:
    later = meeting_create(body=world.political, date=datetime.date(2024, 3, 5))
    return Records(
        world=world,
        cast=cast,
        other=build_cluster("Anden"),
        absence=absence_record(meeting=world.meeting, membership=world.mayor_membership),
        hospitals_item=agenda_item_create(
            meeting=world.meeting,
            title="Sygehusbehandling",
            kind=AgendaItemKind.DISCUSSION,
            topics=[world.hospitals_topic],
        ),
        elsewhere=agenda_item_create(meeting=later, title="Andet møde", kind=AgendaItemKind.DISCUSSION),
        cancelled=meeting_create(
            body=world.political, date=datetime.date(2023, 12, 12), status=MeetingStatus.CANCELLED
        ),
    )


@pytest.fixture
def callers(records: Records) -> dict[str, Caller]:
    return {
        "editor": caller("sek@test.dk", Role.EDITOR, party=records.world.municipality),
        "outsider": caller("ud@test.dk", Role.EDITOR, party=records.other.municipality),
        "member": caller("medlem@test.dk", Role.MEMBER, person=records.world.mayor),
    }


def absences(r: Records) -> list[tuple[Any, ...]]:
    return [
        (
            absence.meeting_id,
            absence.membership_id,
            absence.substitute_id,
            sorted(item.pk for item in absence.agenda_items.all()),
            absence.note,
        )
        for absence in Absence.objects.order_by("meeting_id", "membership_id")
    ]


Choose = Any  # a function of the records giving the value sent


def absence_record_write(meeting: str = "meeting", **choices: Choose) -> Write:
    def values(r: Records) -> dict[str, Any]:
        chosen = {
            "membership": lambda r: r.cast.doctor.pk,
            "substitute": lambda r: r.cast.doctor_substitute.pk,
            "agenda_items": lambda r: [r.hospitals_item.pk],
            "note": lambda r: " Kommer kun til punkt 1 ",
        } | choices
        return {name: choose(r) for name, choose in chosen.items()}

    return Write(
        page_url=lambda r: f"/moeder/{getattr(r, meeting).pk}/deltagere/afbud/",
        page_data=values,
        api_method="post",
        api_path=lambda r: f"/api/v1/meetings/{getattr(r, meeting).pk}/absences",
        api_body=values,
        stored=absences,
    )


def absence_update_write(absence: Choose = lambda r: r.absence.pk, **choices: Choose) -> Write:
    def values(r: Records) -> dict[str, Any]:
        chosen = {
            "substitute": lambda r: r.cast.deputy.pk,
            "agenda_items": lambda r: [r.world.agenda_item.pk],
            "note": lambda r: "Stedfortræderen kommer til forebyggelsespunktet.",
        } | choices
        return {name: choose(r) for name, choose in chosen.items()}

    return Write(
        page_url=lambda r: f"/moeder/{r.meeting.pk}/deltagere/afbud/{absence(r)}/",
        page_data=values,
        api_method="patch",
        api_path=lambda r: f"/api/v1/absences/{absence(r)}",
        api_body=values,
        stored=absences,
    )


def absence_withdraw_write(absence: Choose = lambda r: r.absence.pk) -> Write:
    return Write(
        page_url=lambda r: f"/moeder/{r.meeting.pk}/deltagere/afbud/{absence(r)}/traek-tilbage/",
        page_data=lambda r: {},
        api_method="delete",
        api_path=lambda r: f"/api/v1/absences/{absence(r)}",
        stored=absences,
    )


SAVED = [
    ("absence_record", absence_record_write()),
    (
        "absence_record for the whole meeting",
        absence_record_write(substitute=lambda r: None, agenda_items=lambda r: []),
    ),
    ("absence_update", absence_update_write()),
    ("absence_update without a substitute", absence_update_write(substitute=lambda r: None)),
    ("absence_withdraw", absence_withdraw_write()),
]


@pytest.mark.parametrize("write", [write for _, write in SAVED], ids=[name for name, _ in SAVED])
def test_the_same_input_stores_the_same(write: Write, records: Records, callers: dict[str, Caller]) -> None:
    assert_same(write, records, callers["editor"], expected="saved")


REFUSED: list[tuple[str, Write, str, str | None]] = [
    # (what, the write, the field refused, its message if the test names it)
    (
        "a substitute who is not the member's",
        absence_record_write(substitute=lambda r: r.cast.deputy.pk),
        "substitute",
        None,
    ),
    (
        "an item of another meeting",
        absence_record_write(agenda_items=lambda r: [r.elsewhere.pk]),
        "agenda_items",
        AGENDA_ITEMS_NOT_ALLOWED,
    ),
    (
        "a member who has sent word already",
        absence_record_write(membership=lambda r: r.world.mayor_membership.pk, substitute=lambda r: None),
        "membership",
        MEMBERSHIP_NOT_ALLOWED,
    ),
    (
        "a member of another body",
        absence_record_write(membership=lambda r: r.other.mayor_membership.pk, substitute=lambda r: None),
        "membership",
        MEMBERSHIP_NOT_ALLOWED,
    ),
    (
        "a cancelled meeting",
        absence_record_write(meeting="cancelled", substitute=lambda r: None, agenda_items=lambda r: []),
        "meeting",
        "Mødet er aflyst, så der meldes ikke afbud til det.",
    ),
    (
        "another member's substitute",
        absence_update_write(substitute=lambda r: r.cast.doctor_substitute.pk),
        "substitute",
        SUBSTITUTE_NOT_ALLOWED,
    ),
    (
        "a change to an item of another meeting",
        absence_update_write(agenda_items=lambda r: [r.elsewhere.pk]),
        "agenda_items",
        AGENDA_ITEMS_NOT_ALLOWED,
    ),
]


@pytest.mark.parametrize(
    ("write", "field", "message"),
    [(write, field, message) for _, write, field, message in REFUSED],
    ids=[what for what, *_ in REFUSED],
)
def test_the_same_bad_input_is_refused_alike(
    write: Write, field: str, message: str | None, records: Records, callers: dict[str, Caller]
) -> None:
    before = absences(records)
    errors = assert_same(write, records, callers["editor"], expected="refused")
    assert field in errors, errors
    if message is not None:
        assert errors[field] == [message]
    assert absences(records) == before


NOT_ALLOWED: list[tuple[str, Write, str, str]] = [
    # (what, the write, who, the answer)
    ("member records", absence_record_write(), "member", "forbidden"),
    ("outsider records", absence_record_write(), "outsider", "forbidden"),
    ("member changes", absence_update_write(), "member", "forbidden"),
    ("outsider changes", absence_update_write(), "outsider", "forbidden"),
    ("member withdraws", absence_withdraw_write(), "member", "forbidden"),
    ("outsider withdraws", absence_withdraw_write(), "outsider", "forbidden"),
    ("an unknown absence changed", absence_update_write(absence=lambda r: 999_999), "editor", "not found"),
    (
        "an unknown absence withdrawn",
        absence_withdraw_write(absence=lambda r: 999_999),
        "editor",
        "not found",
    ),
]


@pytest.mark.parametrize(
    ("write", "who", "answer"),
    [(write, who, answer) for _, write, who, answer in NOT_ALLOWED],
    ids=[what for what, *_ in NOT_ALLOWED],
)
def test_the_same_caller_without_the_right_is_refused_alike(
    write: Write, who: str, answer: str, records: Records, callers: dict[str, Caller]
) -> None:
    before = absences(records)
    assert_same(write, records, callers[who], expected=answer)
    assert absences(records) == before


def test_every_refused_field_is_named_at_once(records: Records, callers: dict[str, Caller]) -> None:
    write = absence_record_write(
        membership=lambda r: r.other.mayor_membership.pk, agenda_items=lambda r: [r.elsewhere.pk]
    )
    errors = assert_same(write, records, callers["editor"], expected="refused")
    assert errors == {"membership": [MEMBERSHIP_NOT_ALLOWED], "agenda_items": [AGENDA_ITEMS_NOT_ALLOWED]}
