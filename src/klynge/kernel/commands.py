"""What every domain's `commands.py` is made of: typed inputs, "not sent", refusals and id lookups.

A command is a frozen dataclass naming one write's input in the domain's own vocabulary (ids, Decimals,
dates, enums: never Danish text to parse). Its function, `<entity>_<action>(*, actor, command)`, finds
the records, checks the actor's access, refuses bad references and calls the service. The page's form
and the API's schema each build the same command, so both get the same result and the same refusal:

- a rule broken: `django.core.exceptions.ValidationError` with messages per field (Danish, shown next to
  the page's field and answered by the API as a 422 with the same texts);
- no right to write: `PermissionDenied` (403); a record the actor may not see or that does not exist:
  `Http404` (404), so a closed record is never confirmed to exist.

A change command's fields default to `UNSET`: the page sends every field, the API (PATCH) only those the
caller sent, and `changes_of` tells which.
"""

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, NoReturn, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404

Actor = AbstractBaseUser | AnonymousUser
M = TypeVar("M", bound=Model)


class Unset:
    """The value of a change command's field the caller did not send (unlike None, which clears)."""

    _instance: "Unset | None" = None

    def __new__(cls) -> "Unset":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Final = Unset()


def changes_of(command: Any, *, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """The fields of a change command that were sent, by name (those still `UNSET` left out)."""
    skipped = set(exclude)
    return {
        field.name: getattr(command, field.name)
        for field in dataclasses.fields(command)
        if field.name not in skipped and not isinstance(getattr(command, field.name), Unset)
    }


def merged(current: Mapping[str, Any], command: Any, *, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """A record's current values (as the service takes them) with the command's sent fields on top."""
    return {**current, **changes_of(command, exclude=exclude)}


def refuse(field: str | None, message: str) -> NoReturn:
    """Refuse the write with a Danish message on one field (None: on the whole input)."""
    if field is None:
        raise ValidationError(message)
    raise ValidationError({field: [message]})


def required(field: str, text: str, message: str) -> str:
    """The text without surrounding white space, or a refusal on `field` when nothing is left."""
    stripped = text.strip()
    if not stripped:
        refuse(field, message)
    return stripped


def refused_together(lookups: Mapping[str, Callable[[], Any]]) -> dict[str, Any]:
    """Each lookup's result by name; if some refuse, one refusal with every field's messages, as the page's
    form shows every field's error at once."""
    found: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    for name, lookup in lookups.items():
        try:
            found[name] = lookup()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    return found


def record_or_404(queryset: QuerySet[M], pk: int) -> M:
    """The record with this id among those the actor may see, or a 404 (never a hint that it exists)."""
    record = queryset.filter(pk=pk).first()
    if record is None:
        raise Http404
    return record


def records_by_ids(
    queryset: QuerySet[M], ids: Iterable[int], *, field: str, message: str = "Findes ikke: {ids}."
) -> list[M]:
    """Every record with these ids among those allowed, in the order given, or a refusal on `field`
    naming the ids that are not (all or nothing, one query)."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    found = queryset.in_bulk(wanted)
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        refuse(field, message.format(ids=", ".join(str(pk) for pk in missing)))
    return [found[pk] for pk in wanted]


def record_by_id(
    queryset: QuerySet[M], pk: int | None, *, field: str, message: str = "Findes ikke: {ids}."
) -> M | None:
    """The record with this id among those allowed (None for None), or a refusal on `field`."""
    if pk is None:
        return None
    return records_by_ids(queryset, [pk], field=field, message=message)[0]
