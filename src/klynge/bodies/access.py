"""Who may change a collaboration's records — the one place this rule lives.

An administrator may change everything; a secretariat editor only the records of collaborations their
party takes part in (Byen's records are not Region Sjælland's to change); everyone else nothing.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from klynge.accounts.access import editor_party_id, is_administrator
from klynge.bodies.models import Collaboration


def access_collaboration_edit(user: Any, collaboration: Collaboration) -> bool:
    if is_administrator(user):
        return True
    party_id = editor_party_id(user)
    return party_id is not None and collaboration.parties.filter(pk=party_id).exists()


def editable_collaborations(user: Any) -> QuerySet[Collaboration]:
    """The collaborations whose records the user may change (for the choices in editing forms)."""
    if is_administrator(user):
        return Collaboration.objects.all()
    party_id = editor_party_id(user)
    if party_id is None:
        return Collaboration.objects.none()
    return Collaboration.objects.filter(parties=party_id).distinct()


def access_any_edit(user: Any) -> bool:
    """May the user change the records of some collaboration (to offer "Opret …" and "Nyt møde")?"""
    return editable_collaborations(user).exists()


def ensure_collaboration_edit(user: Any, collaboration: Collaboration) -> None:
    """Refuse (403, in Danish) anyone who may not change the collaboration's records."""
    if not access_collaboration_edit(user, collaboration):
        raise PermissionDenied("Du kan kun ændre data i samarbejder, din part deltager i.")
