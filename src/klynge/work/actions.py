"""The named writes on the clusters' work, shared by the pages and the API.

Each write is one path whatever the caller: its Danish form (in `forms.py`) turns input into arguments,
the `*_initial` function here gives a record's current values as that form takes them (what an editing
page starts from, and what a PATCH changes), the `*_from` function calls the service with the form's
cleaned data, and the service holds the rules. The pages and the API differ only in how input arrives
and how the answer is shown.
"""

from typing import Any

from klynge.bodies.access import editable_collaborations
from klynge.kernel.records import record_version
from klynge.work.models import (
    FocusArea,
    FocusAreaStatus,
    FollowUpResearch,
    FollowUpResearchStatus,
    Fund,
    Initiative,
    InitiativeStatus,
    TrialAction,
)
from klynge.work.services import (
    focus_area_create,
    focus_area_update,
    follow_up_research_create,
    follow_up_research_update,
    fund_create,
    fund_update,
    initiative_create,
    initiative_follow_up,
    initiative_update,
    trial_action_create,
    trial_action_update,
)

# ---- Focus areas --------------------------------------------------------------------------------------


def focus_area_initial(focus_area: FocusArea, *, user: Any) -> dict[str, Any]:
    """A focus area's current values as its form takes them. Of its collaborations only those the user may
    change: the others are not the user's to choose, and the form keeps them (kept_collaborations)."""
    editable = set(editable_collaborations(user).values_list("pk", flat=True))
    return {
        "name": focus_area.name,
        "description": focus_area.description,
        "collaborations": [c.pk for c in focus_area.collaborations.all() if c.pk in editable],
        "topics": [t.pk for t in focus_area.topics.all()],
        "status": focus_area.status,
        "period_start": focus_area.period_start,
        "period_end": focus_area.period_end,
        "health_agreement": focus_area.health_agreement_id,
        "decided_at": focus_area.decided_at_id,
        "seen_version": record_version(focus_area),
    }


def _focus_area_arguments(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": data["name"],
        "description": data["description"],
        "collaborations": data["collaborations"],
        "topics": data["topics"],
        "status": FocusAreaStatus(data["status"]),
        "decided_at": data["decided_at"],
        "health_agreement": data["health_agreement"],
        "period_start": data["period_start"],
        "period_end": data["period_end"],
    }


def focus_area_create_from(data: dict[str, Any]) -> FocusArea:
    return focus_area_create(**_focus_area_arguments(data))


def focus_area_update_from(focus_area: FocusArea, data: dict[str, Any]) -> FocusArea:
    """`data["collaborations"]` is what the form cleaned: the editor's choice plus those they may not change."""
    return focus_area_update(
        focus_area=focus_area, seen_version=data["seen_version"], **_focus_area_arguments(data)
    )


# ---- Initiatives --------------------------------------------------------------------------------------


def initiative_initial(initiative: Initiative) -> dict[str, Any]:
    """An initiative's descriptive fields as its form takes them (where it stands: the follow-up)."""
    return {
        "name": initiative.name,
        "description": initiative.description,
        "focus_area": initiative.focus_area_id,
        "parent": initiative.parent_id,
        "responsible_parties": [p.pk for p in initiative.responsible_parties.all()],
        "start": initiative.start,
        "end": initiative.end,
        "seen_version": record_version(initiative),
    }


def _initiative_arguments(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": data["name"],
        "description": data["description"],
        "focus_area": data["focus_area"],
        "parent": data["parent"],
        "responsible_parties": data["responsible_parties"],
        "start": data["start"],
        "end": data["end"],
    }


def initiative_create_from(data: dict[str, Any]) -> Initiative:
    """A new initiative, as proposed: it is approved by a decision of a political body."""
    return initiative_create(collaboration=data["collaboration"], **_initiative_arguments(data))


def initiative_update_from(initiative: Initiative, data: dict[str, Any]) -> Initiative:
    return initiative_update(
        initiative=initiative, seen_version=data["seen_version"], **_initiative_arguments(data)
    )


def initiative_follow_up_initial(initiative: Initiative) -> dict[str, Any]:
    """Where an initiative stands, as the follow-up form takes it."""
    return {
        "status": initiative.status,
        "progress": initiative.progress,
        "seen_version": record_version(initiative),
    }


def initiative_follow_up_from(initiative: Initiative, data: dict[str, Any]) -> Initiative:
    return initiative_follow_up(
        initiative=initiative,
        status=InitiativeStatus(data["status"]),
        progress=data["progress"],
        seen_version=data["seen_version"],
    )


# ---- Trial actions and follow-up research -------------------------------------------------------------


def trial_action_initial(trial_action: TrialAction) -> dict[str, Any]:
    return {
        "name": trial_action.name,
        "description": trial_action.description,
        "initiative": trial_action.initiative_id,
        "seen_version": record_version(trial_action),
    }


def trial_action_create_from(focus_area: FocusArea, data: dict[str, Any]) -> TrialAction:
    """A trial action under the focus area, with the next free number."""
    return trial_action_create(
        focus_area=focus_area,
        name=data["name"],
        description=data["description"],
        initiative=data["initiative"],
    )


def trial_action_update_from(trial_action: TrialAction, data: dict[str, Any]) -> TrialAction:
    return trial_action_update(
        trial_action=trial_action,
        seen_version=data["seen_version"],
        name=data["name"],
        description=data["description"],
        initiative=data["initiative"],
    )


def research_initial(research: FollowUpResearch) -> dict[str, Any]:
    return {
        "title": research.title,
        "status": research.status,
        "description": research.description,
        "seen_version": record_version(research),
    }


def research_create_from(
    data: dict[str, Any], *, focus_area: FocusArea | None, initiative: Initiative | None
) -> FollowUpResearch:
    """Follow-up research attached to a focus area or an initiative."""
    return follow_up_research_create(
        title=data["title"],
        status=FollowUpResearchStatus(data["status"]),
        description=data["description"],
        focus_area=focus_area,
        initiative=initiative,
    )


def research_update_from(research: FollowUpResearch, data: dict[str, Any]) -> FollowUpResearch:
    return follow_up_research_update(
        research=research,
        seen_version=data["seen_version"],
        title=data["title"],
        status=FollowUpResearchStatus(data["status"]),
        description=data["description"],
    )


# ---- Funds --------------------------------------------------------------------------------------------


def fund_initial(fund: Fund) -> dict[str, Any]:
    return {
        "name": fund.name,
        "amount": fund.amount,
        "description": fund.description,
        "seen_version": record_version(fund),
    }


def fund_create_from(data: dict[str, Any]) -> Fund:
    return fund_create(
        body=data["body"],
        year=data["year"],
        name=data["name"],
        amount=data["amount"],
        description=data["description"],
    )


def fund_update_from(fund: Fund, data: dict[str, Any]) -> Fund:
    """A fund's name, amount and description (never below what is allocated from it, all allocations
    counted)."""
    return fund_update(
        fund=fund,
        seen_version=data["seen_version"],
        name=data["name"],
        amount=data["amount"],
        description=data["description"],
    )
