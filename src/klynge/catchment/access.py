"""Who may change catchment: the region's reference data for every collaboration at once.

Importing a revision is for administrators only: Copenhagen's districts lie in two clusters, a revision
ends rules that all clusters' answers depend on, and no secretariat editor owns it — unlike a cluster's
own records.
"""

from typing import Any

from django.core.exceptions import PermissionDenied

from klynge.accounts.access import is_administrator

NO_IMPORT_RIGHTS = (
    "Kun administratorer kan indlæse optageområder: de er regionens fælles referencedata for alle klynger."
)


def access_catchment_import(user: Any) -> bool:
    return is_administrator(user)


def ensure_catchment_import(user: Any) -> None:
    """Refuse (403, in Danish) anyone but an administrator."""
    if not access_catchment_import(user):
        raise PermissionDenied(NO_IMPORT_RIGHTS)
