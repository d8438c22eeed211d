"""Who may import GP coverage figures — the one place this rule lives.

Those who may add records to some collaboration (secretariat editors, administrators): an import adds a
new dataset and changes nobody else's records, a dataset belongs to no single collaboration (Copenhagen
lies in two clusters), and it is the secretariats that bring the region's GP coverage figures to their
clusters; every dataset says who imported it and where its figures come from.
"""

from typing import Any

from django.core.exceptions import PermissionDenied

from klynge.accounts.access import is_administrator
from klynge.bodies.access import access_any_edit

NO_IMPORT_RIGHTS = "Kun sekretariaternes redaktører og administratorer kan indlæse lægedækningstal."


def access_gp_coverage_import(user: Any) -> bool:
    # An administrator (and the system actor of the command line) may, before any collaboration exists.
    return is_administrator(user) or access_any_edit(user)


def ensure_gp_coverage_import(user: Any) -> None:
    """Refuse (403, in Danish) anyone who may not import."""
    if not access_gp_coverage_import(user):
        raise PermissionDenied(NO_IMPORT_RIGHTS)
