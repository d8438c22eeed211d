"""Reads shared by every record page: the change history (who changed what, when, before and after).

The history never shows a value the viewer may not see now: a link to a closed agenda item or its
decision is named only to those who may read that item, and a memo's drafts are shown value by value
only to those who write it (others see that it changed, by whom and when).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models

from klynge.kernel.formatting import danish_kroner
from klynge.meetings.access import visible_agenda_items
from klynge.meetings.models import AgendaItem, Decision
from klynge.memos.access import memo_history_visible
from klynge.memos.models import Memo

HISTORY_LIMIT = 20
KIND = {"+": "Oprettet", "~": "Ændret", "-": "Slettet"}


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    kind: str
    changes: list[FieldChange] = field(default_factory=list)


def _display(model_field: "models.Field[Any, Any]", value: Any) -> str:
    if value is None or value == "":
        return "–"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, Decimal) and getattr(model_field, "decimal_places", None) == 2:
        return danish_kroner(value)  # kroner and øre (the label says "kr."): 1.250.000 or 200.000,50
    return str(value)


HIDDEN = "(skjult)"
CLOSED_ITEM = "lukket punkt"


def _values_shown(record: models.Model, viewer: Any) -> bool:
    if isinstance(record, Memo):
        return memo_history_visible(viewer, record)
    return True


def _closed_links(record: models.Model, rows: list[Any], viewer: Any) -> dict[str, dict[int, str]]:
    """For each field linking to an agenda item or a decision: what each linked id is shown as —
    its title if the viewer may read the item, "lukket punkt" otherwise. Two queries at most."""
    links = {
        f.name: f.related_model
        for f in record._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model in (AgendaItem, Decision)
    }
    shown: dict[str, dict[int, str]] = {}
    for model in (AgendaItem, Decision):
        names = [name for name, related in links.items() if related is model]
        ids = {getattr(row, f"{name}_id") for row in rows for name in names} - {None}
        if not ids:
            continue
        if model is AgendaItem:
            titles = dict(
                AgendaItem.objects.filter(pk__in=ids)
                .filter(pk__in=visible_agenda_items(viewer))
                .values_list("pk", "title")
            )
        else:
            titles = dict(
                Decision.objects.filter(pk__in=ids, agenda_item__in=visible_agenda_items(viewer)).values_list(
                    "pk", "agenda_item__title"
                )
            )
        for name in names:
            shown[name] = {pk: titles.get(pk, CLOSED_ITEM) for pk in ids}
    return shown


def record_history(
    record: models.Model, viewer: Any = None, limit: int = HISTORY_LIMIT
) -> tuple[list[HistoryEntry], bool]:
    """The record's latest changes, newest first, as the viewer may see them (a fixed number of
    queries); and whether there are older ones."""
    history = getattr(record, "history", None)
    if history is None:
        return [], False
    rows = list(history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    values_shown = _values_shown(record, viewer)
    links = _closed_links(record, rows, viewer)

    def display(model_field: "models.Field[Any, Any]", value: Any) -> str:
        if not values_shown:
            return HIDDEN
        if model_field.name in links and value is not None:
            return links[model_field.name].get(value, CLOSED_ITEM)
        return _display(model_field, value)

    entries = []
    for index, row in enumerate(rows[:limit]):
        user = row.history_user
        entry = HistoryEntry(
            when=row.history_date,
            who=(user.email or user.get_username()) if user else "system (fx indlæsning)",
            kind=KIND.get(row.history_type, row.history_type),
        )
        previous = rows[index + 1] if index + 1 < len(rows) else None
        if previous is not None and row.history_type == "~":
            for change in row.diff_against(previous).changes:
                model_field = record._meta.get_field(change.field)
                entry.changes.append(
                    FieldChange(
                        label=str(getattr(model_field, "verbose_name", change.field)).capitalize(),
                        before=display(model_field, change.old),  # type: ignore[arg-type]
                        after=display(model_field, change.new),  # type: ignore[arg-type]
                    )
                )
        entries.append(entry)
    return entries, len(rows) > limit
