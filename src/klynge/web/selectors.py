"""Reads shared by every record page: the change history (who changed what, when, before and after)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models

from klynge.formatting import danish_kroner

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


def record_history(record: models.Model, limit: int = HISTORY_LIMIT) -> tuple[list[HistoryEntry], bool]:
    """The record's latest changes, newest first, in one query; and whether there are older ones."""
    history = getattr(record, "history", None)
    if history is None:
        return [], False
    rows = list(history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
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
                        before=_display(model_field, change.old),  # type: ignore[arg-type]
                        after=_display(model_field, change.new),  # type: ignore[arg-type]
                    )
                )
        entries.append(entry)
    return entries, len(rows) > limit
