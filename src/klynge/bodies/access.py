"""Who may change a collaboration's records, and the structure of parties — the one place these rules live.

An administrator may change everything; a secretariat editor only the records of collaborations their
party takes part in (Byen's records are not Region Sjælland's to change); everyone else nothing.

The structure (a collaboration's bodies, seats, members and substitutes) is edited by the collaboration's
secretariat: the editors of the party it is anchored with (its host party) and of the parties taking part.
A party's own people and committees are edited by that party's editors. (The organisation app sits below
accounts, so these rules on people and committees live here, as the reads of what people take part in
live in `bodies.selectors`.)
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from klynge.accounts.access import editor_party_id, is_administrator
from klynge.bodies.models import Collaboration
from klynge.organisation.models import Committee, Party, Person

NOT_YOUR_COLLABORATION = "Du kan kun ændre data i samarbejder, din part deltager i."
NOT_YOUR_STRUCTURE = "Du kan kun ændre organer, pladser og medlemmer i samarbejder, din part deltager i eller er sekretariat for."
NOT_YOUR_PARTY = "Du kan kun ændre personer og udvalg i din egen part."


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
        raise PermissionDenied(NOT_YOUR_COLLABORATION)


# ---- The structure: bodies, seats, members, substitutes -------------------------------------------------


def access_structure_edit(user: Any, collaboration: Collaboration) -> bool:
    """May the user change the collaboration's bodies, seats, members and substitutes?"""
    if is_administrator(user):
        return True
    party_id = editor_party_id(user)
    if party_id is None:
        return False
    return collaboration.host_party_id == party_id or collaboration.parties.filter(pk=party_id).exists()


def ensure_structure_edit(user: Any, collaboration: Collaboration) -> None:
    """Refuse (403, in Danish) anyone who may not change the collaboration's structure."""
    if not access_structure_edit(user, collaboration):
        raise PermissionDenied(NOT_YOUR_STRUCTURE)


# ---- A party's people and committees ------------------------------------------------------------------


def editable_parties(user: Any) -> QuerySet[Party]:
    """The parties whose people and committees the user may change (all for an administrator)."""
    if is_administrator(user):
        return Party.objects.all()
    party_id = editor_party_id(user)
    if party_id is None:
        return Party.objects.none()
    return Party.objects.filter(pk=party_id)


def access_party_records_edit(user: Any, party_id: int | None) -> bool:
    """May the user change the people and committees of this party (None: of no party, admins only)?"""
    if is_administrator(user):
        return True
    return party_id is not None and party_id == editor_party_id(user)


def access_people_create(user: Any) -> bool:
    """May the user add people or committees at all (for some party)?"""
    return is_administrator(user) or editor_party_id(user) is not None


def access_person_edit(user: Any, person: Person) -> bool:
    return access_party_records_edit(user, person.party_id)


def access_committee_edit(user: Any, committee: Committee) -> bool:
    return access_party_records_edit(user, committee.party_id)


def ensure_party_records_create(user: Any) -> None:
    if not access_people_create(user):
        raise PermissionDenied(NOT_YOUR_PARTY)


def ensure_person_edit(user: Any, person: Person) -> None:
    if not access_person_edit(user, person):
        raise PermissionDenied(NOT_YOUR_PARTY)


def ensure_committee_edit(user: Any, committee: Committee) -> None:
    if not access_committee_edit(user, committee):
        raise PermissionDenied(NOT_YOUR_PARTY)
