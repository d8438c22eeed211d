"""The fixture formats `klynge dumpdata` writes: every row keeps its id, except the rows `migrate` creates.

`klynge migrate` creates the content types, the permissions and the role groups in every new database,
with ids that depend on the order the apps were installed and migrated in. A backup therefore names those
rows (and every reference to them) by their natural keys — app label and model, codename, group name — so
that a restore finds them whatever their ids in the new database. Every other row, accounts included,
keeps its id: the history's references to records and accounts that no longer exist are plain ids, kept
as they were, where a natural key would have nothing to name (and Django's dumpdata would fail on it).

In JSON, times keep their microseconds (Django's JSON encoder cuts them to milliseconds), so a restored
history sorts as it did.

Registered in settings.SERIALIZATION_MODULES for json, jsonl and xml; reading a fixture is Django's own.
Without --natural-foreign/--natural-primary (e.g. the test database's serialisation) they are Django's.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.serializers import base, python
from django.db import models

# The models whose rows `migrate` creates in every database (post_migrate), matched by natural key.
CREATED_BY_MIGRATE = frozenset({"contenttypes.contenttype", "auth.permission", "auth.group"})


class NaturalKeysForMigrateRows(base.Serializer):
    """Natural keys only for the models in CREATED_BY_MIGRATE, as primary and as foreign keys."""

    @contextmanager
    def _natural_keys_only_for(self, model: type[models.Model], attribute: str) -> Iterator[None]:
        requested = getattr(self, attribute)
        setattr(self, attribute, requested and model._meta.label_lower in CREATED_BY_MIGRATE)
        try:
            yield
        finally:
            setattr(self, attribute, requested)

    # The primary key is left out (or not) where an object starts (xml) or ends (python, json, jsonl).
    def start_object(self, obj: Any) -> None:
        with self._natural_keys_only_for(type(obj), "use_natural_primary_keys"):
            super().start_object(obj)

    def end_object(self, obj: Any) -> None:
        with self._natural_keys_only_for(type(obj), "use_natural_primary_keys"):
            super().end_object(obj)

    def handle_fk_field(self, obj: Any, field: Any) -> None:
        with self._natural_keys_only_for(field.remote_field.model, "use_natural_foreign_keys"):
            super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj: Any, field: Any) -> None:
        with self._natural_keys_only_for(field.remote_field.model, "use_natural_foreign_keys"):
            super().handle_m2m_field(obj, field)


class ExactTimes(python.Serializer):
    """Datetimes and times with their microseconds, in full ISO 8601 (JSON and JSON Lines)."""

    def _value_from_field(self, obj: models.Model, field: Any) -> Any:
        value = super()._value_from_field(obj, field)  # type: ignore[misc]  # not in django-stubs
        if isinstance(value, datetime.datetime | datetime.time) and value.microsecond:
            return value.isoformat()
        return value
