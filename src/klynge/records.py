"""The one way services save a record: validate it fully (clean() and constraints), then save."""

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models, transaction

M = TypeVar("M", bound=models.Model)


def create_validated(model: type[M], *, m2m: Mapping[str, Iterable[Any]] | None = None, **fields: Any) -> M:
    """Build, validate and save a record, then set its many-to-many relations, atomically.

    Raises django.core.exceptions.ValidationError with Danish messages; nothing is saved then.
    """
    with transaction.atomic():
        instance = model(**fields)
        instance.full_clean()
        instance.save()
        for name, values in (m2m or {}).items():
            getattr(instance, name).set(list(values))
    return instance


def update_validated(instance: M, **fields: Any) -> M:
    with transaction.atomic():
        for name, value in fields.items():
            setattr(instance, name, value)
        instance.full_clean()
        instance.save()
    return instance
