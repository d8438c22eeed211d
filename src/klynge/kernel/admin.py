"""The admin's part in writing: the records the secretariat keeps in the app are read-only here.

Meetings, agendas, decisions, allocations, funds, focus areas, initiatives, memberships and memos have
rules that span rows (row locks on funds, seats and agenda positions; the initiative lifecycle; the
authority rule; no lost updates), and the services enforce them. Writing those records only through the
app's forms keeps one path for every write; the admin still shows them, with their history, and stays
the place for reference data (parties, people, topics, sources, catchment), saved with the models' rules.
"""

from typing import Any

from django.http import HttpRequest


class EditedInAppAdmin:
    """Mix into a ModelAdmin or inline whose records are written through the app's services only."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
