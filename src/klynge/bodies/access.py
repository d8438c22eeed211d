"""Who may change a collaboration's records — the one place this rule lives.

An administrator may change everything; a secretariat editor only the records of collaborations their
party takes part in (Byen's records are not Region Sjælland's to change); everyone else nothing.
"""

from typing import Any

from klynge.bodies.models import Collaboration


def access_collaboration_edit(user: Any, collaboration: Collaboration) -> bool:
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    account = getattr(user, "account", None)
    if account is None:
        return False
    if account.role == "admin":
        return True
    return (
        account.role == "editor"
        and account.party_id is not None
        and collaboration.parties.filter(pk=account.party_id).exists()
    )
