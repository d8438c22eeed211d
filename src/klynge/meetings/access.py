"""Who may see which agenda items — the one place this rule lives.

Everyone sees public items. Of the closed items, an administrator sees all; a secretariat editor sees
those of the bodies their party takes part in; a member sees those of the bodies they sit in.
Decisions, counts and everything else shown about an item follow the item.
"""

from typing import Any

from django.db.models import Q, QuerySet

from klynge.meetings.models import AgendaItem

# The ids of the agenda items a viewer may see, used as a subquery by every selector that shows items.
VisibleItems = QuerySet[AgendaItem, Any]


def _closed_items_visible(user: Any) -> Q | None:
    """The closed items the user may see, or None for none; Q() for all."""
    if user is None or not user.is_authenticated:
        return None
    if user.is_superuser:
        return Q()
    account = getattr(user, "account", None)
    if account is None:
        return None
    if account.role == "admin":
        return Q()
    if account.role == "editor" and account.party_id is not None:
        return Q(meeting__body__collaboration__parties=account.party_id)
    if account.role == "member" and account.person_id is not None:
        return Q(meeting__body__memberships__person=account.person_id)
    return None


def visible_agenda_items(user: Any = None) -> VisibleItems:
    """The ids of the agenda items the user may see, as a subquery (no query of its own)."""
    closed = _closed_items_visible(user)
    if closed is None:
        return AgendaItem.objects.filter(is_public=True).values("pk")
    if closed == Q():
        return AgendaItem.objects.values("pk")
    return AgendaItem.objects.filter(Q(is_public=True) | closed).values("pk")


def public_agenda_items() -> VisibleItems:
    return visible_agenda_items(None)


# Records that are as closed as the agenda item they belong to, and the path to that item's id.
ITEM_PATH = {
    "meetings.agendaitem": "pk",
    "meetings.decision": "agenda_item",
    "meetings.reportedfigure": "agenda_item",
}


def restrict_to_visible(queryset: QuerySet[Any], visible: VisibleItems | None) -> QuerySet[Any]:
    """Filter any queryset whose records follow an agenda item's visibility; others pass unchanged."""
    path = ITEM_PATH.get(queryset.model._meta.label_lower)
    if path is None:
        return queryset
    return queryset.filter(**{f"{path}__in": public_agenda_items() if visible is None else visible})
