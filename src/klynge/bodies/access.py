"""Who may change a collaboration's records — the one place this rule lives.

An administrator may change everything; a secretariat editor only the records of collaborations their
party takes part in (Byen's records are not Region Sjælland's to change); everyone else nothing.
"""

from typing import Any

from klynge.accounts.access import editor_party_id, is_administrator
from klynge.bodies.models import Collaboration


def access_collaboration_edit(user: Any, collaboration: Collaboration) -> bool:
    if is_administrator(user):
        return True
    party_id = editor_party_id(user)
    return party_id is not None and collaboration.parties.filter(pk=party_id).exists()
