"""Validity periods: the one definition of 'start before end' and 'active on a date' for every model."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models

PERIOD_MESSAGE = "Slutdatoen ligger før startdatoen."


def period_constraint(name: str, start: str = "valid_from", end: str = "valid_to") -> models.CheckConstraint:
    """A database constraint that an open or closed period does not end before it starts."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=name,
        violation_error_message=PERIOD_MESSAGE,
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


def validate_period(instance: models.Model, start: str = "valid_from", end: str = "valid_to") -> None:
    """clean()'s half of period_constraint: the same rule, reported on the end field."""
    begin, finish = getattr(instance, start), getattr(instance, end)
    if begin is not None and finish is not None and finish < begin:
        raise ValidationError({end: PERIOD_MESSAGE})
