"""Validity periods: the one definition of 'start before end' and 'active on a date' for every model."""

import datetime

from django.db import models


def period_constraint(name: str, start: str = "valid_from", end: str = "valid_to") -> models.CheckConstraint:
    """A database constraint that an open or closed period does not end before it starts."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=name,
        violation_error_message="Slutdatoen ligger før startdatoen.",
    )


def active_on(day: datetime.date, start: str = "valid_from", end: str = "valid_to") -> models.Q:
    """Filter for records whose period includes `day` (open ends count as unbounded)."""
    return (models.Q(**{f"{start}__isnull": True}) | models.Q(**{f"{start}__lte": day})) & (
        models.Q(**{f"{end}__isnull": True}) | models.Q(**{f"{end}__gte": day})
    )


def contains(
    outer_start: datetime.date | None,
    outer_end: datetime.date | None,
    day: datetime.date | None,
) -> bool:
    if day is None:
        return True
    return (outer_start is None or outer_start <= day) and (outer_end is None or day <= outer_end)
