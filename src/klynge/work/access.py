"""Who may change the clusters' work — built on the collaboration rule in bodies/access.py.

Initiatives and funds belong to one collaboration (a fund through its body): ask
`access_collaboration_edit` about that. A focus area may belong to several collaborations: it may be
changed by whoever may change any of them, and so may its trial actions. Follow-up research follows
what it is attached to.
"""

from typing import Any

from django.core.exceptions import PermissionDenied

from klynge.bodies.access import (
    access_any_edit,
    access_collaboration_edit,
    editable_collaborations,
    ensure_collaboration_edit,
)
from klynge.work.models import FocusArea, FollowUpResearch, Fund, Initiative

FOCUS_AREA_REFUSAL = "Du kan kun ændre fokusområder i samarbejder, din part deltager i."


def access_focus_area_edit(user: Any, focus_area: FocusArea) -> bool:
    """May the user change the focus area (one query; none for those who may change nothing)?"""
    return editable_collaborations(user).filter(focus_areas=focus_area).exists()


def ensure_focus_area_edit(user: Any, focus_area: FocusArea) -> None:
    """Refuse (403, in Danish) anyone who may not change the focus area."""
    if not access_focus_area_edit(user, focus_area):
        raise PermissionDenied(FOCUS_AREA_REFUSAL)


def access_research_edit(user: Any, research: FollowUpResearch) -> bool:
    """Follow-up research may be changed by whoever may change what it is attached to: its focus area or
    its initiative (so it is editable wherever it is listed with an edit link)."""
    if research.focus_area is not None and access_focus_area_edit(user, research.focus_area):
        return True
    return research.initiative is not None and access_collaboration_edit(
        user, research.initiative.collaboration
    )


def access_fund_edit(user: Any, fund: Fund) -> bool:
    return access_collaboration_edit(user, fund.body.collaboration)


NO_EDIT_RIGHTS = "Du kan kun oprette og ændre data i samarbejder, din part deltager i."
INITIATIVE_REFUSAL = "Du kan kun ændre indsatser i samarbejder, din part deltager i."


def ensure_any_edit(user: Any) -> None:
    """Refuse (403) anyone who may change no collaboration's records: they may create nothing."""
    if not access_any_edit(user):
        raise PermissionDenied(NO_EDIT_RIGHTS)


def ensure_initiative_edit(user: Any, initiative: Initiative) -> None:
    if not access_collaboration_edit(user, initiative.collaboration):
        raise PermissionDenied(INITIATIVE_REFUSAL)


def ensure_research_edit(user: Any, research: FollowUpResearch) -> None:
    if not access_research_edit(user, research):
        raise PermissionDenied(NO_EDIT_RIGHTS)


def ensure_fund_edit(user: Any, fund: Fund) -> None:
    ensure_collaboration_edit(user, fund.body.collaboration)
