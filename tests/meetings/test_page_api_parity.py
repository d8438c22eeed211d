"""The pages and the API write meetings, agenda items and decisions alike: given the same input, the same
stored result; given the same bad input (a broken rule, a missing right, a record the caller may not
see), the same refusal with the same Danish message."""

from dataclasses import dataclass
from typing import Any

import pytest

from klynge.accounts.models import Role
from klynge.meetings.commands import BODY_NOT_ALLOWED, TITLE_REQUIRED
from klynge.meetings.models import AgendaItem, AgendaItemKind, Decision, DecisionKind, Meeting
from klynge.meetings.services import agenda_item_create, decision_create
from klynge.work.commands import (
    APPROVES_NOT_ALLOWED,
    FOCUS_AREA_NOT_ALLOWED,
    FUND_NOT_ALLOWED,
    INITIATIVE_NOT_ALLOWED,
)
from klynge.work.models import Initiative
from klynge.work.services import initiative_create
from tests.databases import built_once_per_module
from tests.factories import ClusterWorld, build_cluster
from tests.meetings.parity import Caller, Write, assert_same, caller


@dataclass
class Records:
    world: ClusterWorld
    other: ClusterWorld  # another cluster, whose bodies, funds and focus areas the world's items may not use
    closed: AgendaItem  # a closed item of the world's meeting
    bare: AgendaItem  # an open item without decisions (it may be moved and removed)
    proposed: Initiative  # a proposed initiative of the world's cluster (a decision may approve it)

    @property
    def item(self) -> AgendaItem:
        return self.world.agenda_item


def _records(world: ClusterWorld) -> Records:
    closed = agenda_item_create(
        meeting=world.meeting, title="Lukket punkt", kind=AgendaItemKind.DECISION, is_public=False
    )
    bare = agenda_item_create(meeting=world.meeting, title="Eventuelt", kind=AgendaItemKind.ORIENTATION)
    proposed = initiative_create(
        name="Foreslået indsats", collaboration=world.cluster, focus_area=world.focus_area
    )
    return Records(world=world, other=build_cluster("Anden"), closed=closed, bare=bare, proposed=proposed)


@pytest.fixture
def callers(records: Records) -> dict[str, Caller]:
    world, other = records.world, records.other
    return {
        "editor": caller("sek@test.dk", Role.EDITOR, party=world.municipality),
        "outsider": caller("ud@test.dk", Role.EDITOR, party=other.municipality),
        "member": caller("medlem@test.dk", Role.MEMBER, person=world.mayor),
    }


# ---- What each write stored ------------------------------------------------------------------------------

MEETING_FIELDS = (
    "body_id",
    "date",
    "date_precision",
    "start_time",
    "status",
    "is_extra",
    "title",
    "location",
    "submission_deadline",
)


def newest_meeting(r: Records) -> Any:
    return Meeting.objects.order_by("-pk").values(*MEETING_FIELDS).first()


def the_meeting(r: Records) -> Any:
    return Meeting.objects.filter(pk=r.world.meeting.pk).values(*MEETING_FIELDS).first()


def agenda(r: Records) -> list[tuple[Any, ...]]:
    return [
        (
            item.title,
            item.kind,
            item.summary,
            item.case_description,
            item.recommendation,
            item.decision_text,
            item.is_public,
            item.is_tentative,
            item.position,
            sorted(topic.pk for topic in item.topics.all()),
            sorted(focus_area.pk for focus_area in item.focus_areas.all()),
            sorted(initiative.pk for initiative in item.initiatives.all()),
        )
        for item in AgendaItem.objects.filter(meeting=r.world.meeting).order_by("position")
    ]


def decisions(r: Records) -> list[tuple[Any, ...]]:
    return [
        (
            decision.agenda_item_id,
            decision.kind,
            decision.text,
            decision.topic_id,
            decision.recommended_to_id,
            [
                (a.fund_id, a.amount, a.focus_area_id, a.initiative_id)
                for a in decision.allocations.order_by("pk")
            ],
            sorted(initiative.pk for initiative in decision.approved_initiatives.all()),
        )
        for decision in Decision.objects.filter(agenda_item__meeting=r.world.meeting).order_by("pk")
    ]


# ---- The writes, as each channel takes them --------------------------------------------------------------


def meeting_create(body: str = "world", **changes: Any) -> Write:
    page = {"date": "2026-12-10", "date_precision": "day", "start_time": "14:00", "status": "planned"}
    page |= {"title": " Decembermøde ", "location": "Rådhuset", "submission_deadline": "2026-12-01T12:00"}
    page |= changes
    api = {**page, "is_extra": False}

    def body_of(r: Records) -> int:
        return (r.world if body == "world" else r.other).political.pk

    return Write(
        page_url=lambda r: "/moeder/ny/",
        page_data=lambda r: {**page, "body": body_of(r)},
        api_method="post",
        api_path=lambda r: "/api/v1/meetings",
        api_body=lambda r: {**api, "body": body_of(r)},
        stored=newest_meeting,
    )


def meeting_update(**changes: Any) -> Write:
    values = {"date": "2023-11-29", "date_precision": "day", "status": "held", "title": "Novembermøde"}
    values |= {"location": "Rådhuset"} | changes
    return Write(
        page_url=lambda r: f"/moeder/{r.world.meeting.pk}/rediger/",
        page_data=lambda r: {**values, "start_time": ""},
        api_method="patch",
        api_path=lambda r: f"/api/v1/meetings/{r.world.meeting.pk}",
        api_body=lambda r: {**values, "start_time": None, "is_extra": False},
        stored=the_meeting,
    )


def item_values(r: Records, **changes: Any) -> dict[str, Any]:
    return {
        "title": "Midler til forebyggelse",
        "kind": "decision",
        "summary": "Et resumé. ",
        "case_description": "Sagen drejer sig om forebyggelse.\n\nØkonomi: 1.250.000 kr. ",
        "recommendation": "Det indstilles, at klyngen godkender indsatsen.",
        "decision_text": "",
        "topics": [r.world.prevention_topic.pk],
        "focus_areas": [r.world.focus_area.pk],
        "initiatives": [r.world.initiative.pk],
    } | changes


def page_item(values: dict[str, Any]) -> dict[str, Any]:
    """Checkboxes as a browser sends them: ticked ones only."""
    return {name: value for name, value in values.items() if value is not False} | {
        name: "on" for name in ("is_public", "is_tentative") if values.get(name) is True
    }


def agenda_item_create_write(**changes: Any) -> Write:
    def values(r: Records) -> dict[str, Any]:
        return item_values(r, is_public=True, is_tentative=False, **{k: v(r) for k, v in changes.items()})

    return Write(
        page_url=lambda r: f"/moeder/{r.world.meeting.pk}/punkter/ny/",
        page_data=lambda r: page_item(values(r)),
        api_method="post",
        api_path=lambda r: f"/api/v1/meetings/{r.world.meeting.pk}/agenda-items",
        api_body=values,
        stored=agenda,
    )


def agenda_item_update_write(item: str = "bare", **changes: Any) -> Write:
    def values(r: Records) -> dict[str, Any]:
        return item_values(r, is_public=False, is_tentative=True, **{k: v(r) for k, v in changes.items()})

    return Write(
        page_url=lambda r: f"/punkter/{getattr(r, item).pk}/rediger/",
        page_data=lambda r: page_item(values(r)),
        api_method="patch",
        api_path=lambda r: f"/api/v1/agenda-items/{getattr(r, item).pk}",
        api_body=values,
        stored=agenda,
    )


def agenda_item_move_write(item: str = "bare") -> Write:
    return Write(
        page_url=lambda r: f"/punkter/{getattr(r, item).pk}/flyt/",
        page_data=lambda r: {"retning": "op"},
        api_method="post",
        api_path=lambda r: f"/api/v1/agenda-items/{getattr(r, item).pk}/move",
        api_body=lambda r: {"direction": "up"},
        stored=agenda,
    )


def agenda_item_remove_write(item: str = "bare") -> Write:
    return Write(
        page_url=lambda r: f"/punkter/{getattr(r, item).pk}/fjern/",
        page_data=lambda r: {},
        api_method="delete",
        api_path=lambda r: f"/api/v1/agenda-items/{getattr(r, item).pk}",
        stored=agenda,
    )


def decision_record_write(
    item: str = "item", amount: str = "250.000,50", api_amount: str = "250000.50", **changes: Any
) -> Write:
    def choices(r: Records) -> dict[str, Any]:
        return {
            "kind": "coordination",
            "text": " Klyngen bevilger midler. ",
            "topic": r.world.prevention_topic.pk,
            "fund": r.world.fund.pk,
            "initiative": r.world.initiative.pk,
            "approves": [r.proposed.pk],
        } | {k: v(r) for k, v in changes.items()}

    def page(r: Records) -> dict[str, Any]:
        return {**choices(r), "amount": amount, "recommended_to": "", "focus_area": ""}

    def api(r: Records) -> dict[str, Any]:
        values = choices(r)
        allocation = {
            "fund": values.pop("fund"),
            "amount": api_amount,
            "initiative": values.pop("initiative"),
        }
        return {**values, "allocation": allocation}

    return Write(
        page_url=lambda r: f"/punkter/{getattr(r, item).pk}/beslutninger/ny/",
        page_data=page,
        api_method="post",
        api_path=lambda r: f"/api/v1/agenda-items/{getattr(r, item).pk}/decisions",
        api_body=api,
        stored=lambda r: (decisions(r), Initiative.objects.get(pk=r.proposed.pk).status),
    )


def decision_update_write(**changes: Any) -> Write:
    def values(r: Records) -> dict[str, Any]:
        return {
            "kind": "recommendation",
            "text": "Klyngen anbefaler regionen at gå videre.",
            "topic": r.world.hospitals_topic.pk,
            "recommended_to": r.world.region.pk,
        } | {k: v(r) for k, v in changes.items()}

    return Write(
        page_url=lambda r: f"/beslutninger/{r.world.decision.pk}/rediger/",
        page_data=values,
        api_method="patch",
        api_path=lambda r: f"/api/v1/decisions/{r.world.decision.pk}",
        api_body=values,
        stored=decisions,
    )


SAVED = [
    ("meeting_create", meeting_create()),
    ("meeting_update", meeting_update()),
    ("agenda_item_create", agenda_item_create_write()),
    ("agenda_item_update", agenda_item_update_write()),
    ("agenda_item_move", agenda_item_move_write()),
    ("agenda_item_remove", agenda_item_remove_write()),
    ("decision_record", decision_record_write()),
    ("decision_update", decision_update_write()),
]


@pytest.mark.parametrize("write", [write for _, write in SAVED], ids=[name for name, _ in SAVED])
def test_the_same_input_stores_the_same(write: Write, records: Records, callers: dict[str, Caller]) -> None:
    assert_same(write, records, callers["editor"], expected="saved")


REFUSED: list[tuple[str, Write, str, str | None]] = [
    # (what, the write, the field refused, its message if the test names it)
    (
        "future meeting held",
        meeting_create(status="held"),
        "status",
        "Et møde i fremtiden kan ikke være afholdt.",
    ),
    ("another cluster's body", meeting_create(body="other"), "body", BODY_NOT_ALLOWED),
    ("a held meeting without a day", meeting_update(date_precision="month"), "status", None),
    (
        "a deadline after the meeting",
        meeting_update(submission_deadline="2023-12-30T12:00"),
        "submission_deadline",
        "Fristen for punkter skal ligge før mødet.",
    ),
    ("blank title", agenda_item_create_write(title=lambda r: "   "), "title", TITLE_REQUIRED),
    (
        "another cluster's focus area",
        agenda_item_create_write(focus_areas=lambda r: [r.other.focus_area.pk]),
        "focus_areas",
        FOCUS_AREA_NOT_ALLOWED,
    ),
    ("an item with decisions", agenda_item_remove_write(item="item"), "__all__", None),
    ("over the fund", decision_record_write(amount="999.999.999", api_amount="999999999"), "", None),
    (
        "joint on an authority topic",
        decision_record_write(kind=lambda r: "joint", topic=lambda r: r.world.hospitals_topic.pk),
        "",
        None,
    ),
    (
        "another cluster's fund",
        decision_record_write(fund=lambda r: r.other.fund.pk),
        "fund",
        FUND_NOT_ALLOWED,
    ),
    (
        "an initiative approved before",
        decision_record_write(approves=lambda r: [r.world.initiative.pk]),
        "approves",
        APPROVES_NOT_ALLOWED,
    ),
    (
        "a recommendation without a recipient",
        decision_update_write(recommended_to=lambda r: None),
        "recommended_to",
        "En anbefaling skal have en modtager.",
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
    before = (agenda(records), decisions(records), Meeting.objects.count())
    errors = assert_same(write, records, callers["editor"], expected="refused")
    if field:
        assert field in errors, errors
    if message is not None:
        assert errors[field] == [message]
    assert (agenda(records), decisions(records), Meeting.objects.count()) == before


NOT_ALLOWED: list[tuple[str, Write, str, str]] = [
    # (what, the write, who, the answer): a 403 for those who may see but not change, a 404 for what is hidden
    ("member adds a meeting", meeting_create(), "member", "forbidden"),
    ("outsider changes the meeting", meeting_update(), "outsider", "forbidden"),
    ("member adds an item", agenda_item_create_write(), "member", "forbidden"),
    ("member changes a closed item", agenda_item_update_write(item="closed"), "member", "forbidden"),
    ("outsider changes a closed item", agenda_item_update_write(item="closed"), "outsider", "not found"),
    ("outsider moves an open item", agenda_item_move_write(), "outsider", "forbidden"),
    ("outsider moves a closed item", agenda_item_move_write(item="closed"), "outsider", "not found"),
    ("member removes an item", agenda_item_remove_write(), "member", "forbidden"),
    ("outsider removes a closed item", agenda_item_remove_write(item="closed"), "outsider", "not found"),
    ("outsider records a decision", decision_record_write(), "outsider", "forbidden"),
    ("outsider decides on a closed item", decision_record_write(item="closed"), "outsider", "not found"),
    ("member changes a decision", decision_update_write(), "member", "forbidden"),
]


@pytest.mark.parametrize(
    ("write", "who", "answer"),
    [(write, who, answer) for _, write, who, answer in NOT_ALLOWED],
    ids=[what for what, *_ in NOT_ALLOWED],
)
def test_the_same_caller_without_the_right_is_refused_alike(
    write: Write, who: str, answer: str, records: Records, callers: dict[str, Caller]
) -> None:
    before = (agenda(records), decisions(records), Meeting.objects.count())
    assert_same(write, records, callers[who], expected=answer)
    assert (agenda(records), decisions(records), Meeting.objects.count()) == before


def test_a_decision_on_a_hidden_item_is_not_found_alike(records: Records, callers: dict[str, Caller]) -> None:
    hidden = decision_create(
        agenda_item=records.closed, kind=DecisionKind.COORDINATION, text="Lukket beslutning"
    )
    write = Write(
        page_url=lambda r: f"/beslutninger/{hidden.pk}/rediger/",
        page_data=lambda r: {"kind": "coordination", "text": "x"},
        api_method="patch",
        api_path=lambda r: f"/api/v1/decisions/{hidden.pk}",
        api_body=lambda r: {"kind": "coordination", "text": "x"},
        stored=decisions,
    )
    assert_same(write, records, callers["outsider"], expected="not found")


def test_every_refused_field_is_named_at_once(records: Records, callers: dict[str, Caller]) -> None:
    write = agenda_item_create_write(
        title=lambda r: " ",
        focus_areas=lambda r: [r.other.focus_area.pk],
        initiatives=lambda r: [r.other.initiative.pk],
    )
    errors = assert_same(write, records, callers["editor"], expected="refused")
    assert errors == {
        "title": [TITLE_REQUIRED],
        "focus_areas": [FOCUS_AREA_NOT_ALLOWED],
        "initiatives": [INITIATIVE_NOT_ALLOWED],
    }


module_records, records = built_once_per_module("records", _records)
