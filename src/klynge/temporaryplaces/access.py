"""Who may import counts of temporary places — the one place this rule lives.

A count of temporary places is the region's and its municipalities' shared figures (SSU discussed
the count among the capital region's municipalities), not one collaboration's record. So an
administrator may import counts for any region; a secretariat editor for the region their party is,
or the region their municipality belongs to; nobody else. The collaboration rule
(`bodies.access.access_any_edit`) would be too wide here (an editor of general practice, or of a
municipality in another region, would load figures for a region they are no part of), and
administrators only too narrow (the municipal secretariats are the ones who prepare such counts).
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from klynge.accounts.access import editor_party_id, is_administrator
from klynge.organisation.models import Party, PartyKind

IMPORT_REFUSAL = (
    "Kun administratorer og sekretariatsmedarbejdere for en region eller en af dens kommuner kan importere "
    "opgørelser af midlertidige pladser."
)


def importable_regions(user: Any) -> QuerySet[Party]:
    """The regions the user may import counts for (for the choices of the import form)."""
    regions = Party.objects.filter(kind=PartyKind.REGION)
    if is_administrator(user):
        return regions
    party_id = editor_party_id(user)
    if party_id is None:
        return regions.none()
    return regions.filter(Q(pk=party_id) | Q(members_of_region=party_id)).distinct()


def access_place_count_import(user: Any) -> bool:
    return importable_regions(user).exists()


def ensure_place_count_import(user: Any) -> None:
    """Refuse (403, in Danish) anyone who may not import counts for any region."""
    if not access_place_count_import(user):
        raise PermissionDenied(IMPORT_REFUSAL)
