"""Saving one record with its rules checked: validate it fully (clean() and constraints), then save.

Services write single records through these; bulk writes and row locks stay in the services that need them.
"""

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify

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


def update_checked(
    instance: M,
    *,
    seen_version: int | None,
    m2m: Mapping[str, Iterable[Any]] | None = None,
    **fields: Any,
) -> M:
    """The one way services change a record an editor has seen: lock its row, refuse the save if someone
    saved it after the editor opened it (seen_version), then validate fully and save, all atomically."""
    with transaction.atomic():
        locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        ensure_unchanged_since(locked, seen_version)
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        for name, values in (m2m or {}).items():
            getattr(locked, name).set(list(values))
    return locked


_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def danish_to_ascii(text: str) -> str:
    """Slugs keep Danish words readable: 'Børne- og Ungdomsudvalget' → 'boerne-og-ungdomsudvalget'."""
    return text.translate(_DANISH_LETTERS)


def unique_slug(model: type[models.Model], text: str, field: str = "slug") -> str:
    """A slug for `text` that fits the field and is not yet taken (fx 'jakob-jensen-2')."""
    slug_field = model._meta.get_field(field)
    max_length = getattr(slug_field, "max_length", None) or 50
    base = slugify(danish_to_ascii(text))[:max_length].strip("-") or model._meta.model_name or "post"
    slug, number = base, 2
    while model._default_manager.filter(**{field: slug}).exists():
        suffix = f"-{number}"
        slug = f"{base[: max_length - len(suffix)].rstrip('-')}{suffix}"
        number += 1
    return slug


def record_version(instance: models.Model) -> int:
    """The record's version as an editor saw it: the id of its latest history row (0 if none)."""
    history = instance.history  # type: ignore[attr-defined]
    return history.order_by("-history_id").values_list("history_id", flat=True).first() or 0


class StaleRecord(ValidationError):
    """A save based on an outdated copy of the record (the UI shows it like any refusal; the API says 409)."""


def ensure_unchanged_since(instance: models.Model, seen_version: int | None) -> None:
    """Refuse a save based on an outdated copy, saying who changed what meanwhile (no lost updates).

    Call it inside the transaction that has locked the row, so no change can slip in between.
    """
    if seen_version is None:
        return
    history = instance.history  # type: ignore[attr-defined]
    latest = history.select_related("history_user").order_by("-history_id").first()
    if latest is None or latest.history_id == seen_version:
        return
    seen = history.filter(history_id=seen_version).first()
    changed: list[str] = []
    if seen is not None:
        for change in latest.diff_against(seen).changes:
            field = instance._meta.get_field(change.field)
            changed.append(str(getattr(field, "verbose_name", change.field)))
    user = latest.history_user
    who = (user.email or user.get_username()) if user else "En anden"
    what = f" ({', '.join(changed)})" if changed else ""
    raise StaleRecord(
        f"{who} har gemt ændringer{what}, mens du redigerede. Dine ændringer er ikke gemt, men står stadig "
        "i formularen: se de nye oplysninger på siden, og gem igen, hvis dine ændringer stadig skal med."
    )
