"""The named writes on meetings, agendas and decisions, shared by the pages and the API.

Each write is one path whatever the caller: its Danish form (in `forms.py`) turns input into arguments,
the function here calls the service with them, and the service holds the rules. The pages and the API
differ only in how input arrives and how the answer is shown.
"""

from typing import Any

from klynge.kernel.records import record_version
from klynge.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    DatePrecision,
    Decision,
    DecisionKind,
    Meeting,
    MeetingStatus,
)
from klynge.meetings.services import (
    AllocationRequest,
    agenda_item_create,
    agenda_item_update,
    decision_record,
    decision_update,
    meeting_create,
    meeting_update,
)


def meeting_initial(meeting: Meeting) -> dict[str, Any]:
    """A meeting's current values as its form takes them (the starting point of a change)."""
    return {
        "date": meeting.date,
        "date_precision": meeting.date_precision,
        "start_time": meeting.start_time,
        "status": meeting.status,
        "is_extra": meeting.is_extra,
        "title": meeting.title,
        "location": meeting.location,
        "seen_version": record_version(meeting),
    }


def _meeting_arguments(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "date": data["date"],
        "status": MeetingStatus(data["status"]),
        "date_precision": DatePrecision(data["date_precision"]),
        "start_time": data["start_time"],
        "is_extra": data["is_extra"],
        "title": data["title"],
        "location": data["location"],
    }


def meeting_create_from(data: dict[str, Any]) -> Meeting:
    return meeting_create(body=data["body"], **_meeting_arguments(data))


def meeting_update_from(meeting: Meeting, data: dict[str, Any]) -> Meeting:
    return meeting_update(meeting=meeting, seen_version=data["seen_version"], **_meeting_arguments(data))


def agenda_item_initial(item: AgendaItem) -> dict[str, Any]:
    return {
        "title": item.title,
        "kind": item.kind,
        "summary": item.summary,
        "is_public": item.is_public,
        "is_tentative": item.is_tentative,
        "topics": [topic.pk for topic in item.topics.all()],
        "focus_areas": [focus_area.pk for focus_area in item.focus_areas.all()],
        "initiatives": [initiative.pk for initiative in item.initiatives.all()],
        "seen_version": record_version(item),
    }


def _agenda_item_arguments(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": data["title"],
        "kind": AgendaItemKind(data["kind"]),
        "summary": data["summary"],
        "is_public": data["is_public"],
        "is_tentative": data["is_tentative"],
        "topics": data["topics"],
        "focus_areas": data["focus_areas"],
        "initiatives": data["initiatives"],
    }


def agenda_item_create_from(meeting: Meeting, data: dict[str, Any]) -> AgendaItem:
    return agenda_item_create(meeting=meeting, **_agenda_item_arguments(data))


def agenda_item_update_from(item: AgendaItem, data: dict[str, Any]) -> AgendaItem:
    return agenda_item_update(
        agenda_item=item, seen_version=data["seen_version"], **_agenda_item_arguments(data)
    )


def decision_initial(decision: Decision) -> dict[str, Any]:
    return {
        "kind": decision.kind,
        "text": decision.text,
        "topic": decision.topic_id,
        "recommended_to": decision.recommended_to_id,
        "seen_version": record_version(decision),
    }


def decision_record_from(item: AgendaItem, data: dict[str, Any]) -> Decision:
    allocation = None
    if data["fund"] is not None:
        allocation = AllocationRequest(
            fund=data["fund"],
            amount=data["amount"],
            focus_area=data["focus_area"],
            initiative=data["initiative"],
        )
    return decision_record(
        agenda_item=item,
        kind=DecisionKind(data["kind"]),
        text=data["text"],
        topic=data["topic"],
        recommended_to=data["recommended_to"],
        allocation=allocation,
        approves=data["approves"],
    )


def decision_update_from(decision: Decision, data: dict[str, Any]) -> Decision:
    return decision_update(
        decision=decision,
        seen_version=data["seen_version"],
        kind=DecisionKind(data["kind"]),
        text=data["text"],
        topic=data["topic"],
        recommended_to=data["recommended_to"],
    )
