"""Database constraints Django has no class for."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


class CompositeForeignKey(models.BaseConstraint):
    """A foreign key over several columns: `fields` of a row must equal `to_fields` of one row of the model
    the first field refers to, unless one of them is null (MATCH SIMPLE). The referenced fields need a
    unique constraint of their own. Like Django's foreign keys it is checked at commit (deferred), on
    PostgreSQL and SQLite alike, so rows may be written in any order within a transaction; and it takes no
    action (no cascade): changing the referenced fields of a row that others refer to is refused unless
    those rows change with it in the same transaction.

    Declared in a model's Meta.constraints, so migrations add and remove it, and SQLite, which rebuilds a
    table to change it, keeps it in every rebuilt table. `validate` (run by full_clean) checks it in Python
    and reports it on the first field."""

    def __init__(
        self,
        *,
        fields: tuple[str, ...] | list[str],
        to_fields: tuple[str, ...] | list[str],
        name: str,
        violation_error_code: str | None = None,
        violation_error_message: str | None = None,
    ) -> None:
        if len(fields) < 2 or len(fields) != len(to_fields):
            raise ValueError("A composite foreign key pairs two or more fields with as many fields.")
        self.fields = tuple(fields)
        self.to_fields = tuple(to_fields)
        super().__init__(
            name=name,
            violation_error_code=violation_error_code,
            violation_error_message=violation_error_message,
        )

    def _field(self, model: type[models.Model], name: str) -> models.Field[Any, Any]:
        field = model._meta.get_field(name)
        assert isinstance(field, models.Field)
        return field

    def _column(self, model: type[models.Model], name: str) -> str:
        column = self._field(model, name).column
        assert column is not None
        return column

    def _definition(
        self, model: type[models.Model] | None, schema_editor: BaseDatabaseSchemaEditor | None
    ) -> str:
        assert model is not None and schema_editor is not None
        to_model = self._field(model, self.fields[0]).related_model
        assert isinstance(to_model, type)
        quote = schema_editor.quote_name
        columns = ", ".join(quote(self._column(model, f)) for f in self.fields)
        to_columns = ", ".join(quote(self._column(to_model, f)) for f in self.to_fields)
        # As Django declares its own foreign keys on both (its SQLite backend spells it out itself).
        deferrable = (
            " DEFERRABLE INITIALLY DEFERRED"
            if schema_editor.connection.vendor in ("postgresql", "sqlite")
            else ""
        )
        return (
            f"CONSTRAINT {quote(self.name)} FOREIGN KEY ({columns}) "
            f"REFERENCES {quote(to_model._meta.db_table)} ({to_columns}){deferrable}"
        )

    def constraint_sql(
        self, model: type[models.Model] | None, schema_editor: BaseDatabaseSchemaEditor | None
    ) -> str:
        return self._definition(model, schema_editor)

    def create_sql(
        self, model: type[models.Model] | None, schema_editor: BaseDatabaseSchemaEditor | None
    ) -> str:
        return self._alter_table(model, schema_editor, f"ADD {self._definition(model, schema_editor)}")

    def remove_sql(
        self, model: type[models.Model] | None, schema_editor: BaseDatabaseSchemaEditor | None
    ) -> str:
        assert schema_editor is not None
        return self._alter_table(
            model, schema_editor, f"DROP CONSTRAINT {schema_editor.quote_name(self.name)}"
        )

    def _alter_table(
        self, model: type[models.Model] | None, schema_editor: BaseDatabaseSchemaEditor | None, change: str
    ) -> str:
        assert model is not None and schema_editor is not None
        return f"ALTER TABLE {schema_editor.quote_name(model._meta.db_table)} {change}"

    def validate(
        self,
        model: type[models.Model],
        instance: models.Model,
        exclude: set[str] | None = None,
        using: str = DEFAULT_DB_ALIAS,
    ) -> None:
        if exclude and any(f in exclude for f in self.fields):
            return
        first, *rest = (self._field(model, f) for f in self.fields)
        if any(getattr(instance, f.attname) is None for f in (first, *rest)):
            return
        referenced = getattr(instance, first.name)  # the related object, cached once clean() has read it
        to_rest = [self._field(type(referenced), f) for f in self.to_fields[1:]]
        if any(
            getattr(instance, f.attname) != getattr(referenced, t.attname)
            for f, t in zip(rest, to_rest, strict=True)
        ):
            message = ValidationError(self.get_violation_error_message(), code=self.violation_error_code)
            raise ValidationError({first.name: message})

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CompositeForeignKey):
            return self.deconstruct() == other.deconstruct()
        return super().__eq__(other)

    def __hash__(self) -> int:
        return hash((self.name, self.fields, self.to_fields))

    def __repr__(self) -> str:
        return f"<{type(self).__qualname__}: fields={self.fields!r} to_fields={self.to_fields!r} name={self.name!r}>"

    def deconstruct(self) -> tuple[str, Sequence[Any], dict[str, Any]]:
        path, args, kwargs = super().deconstruct()
        kwargs["fields"] = self.fields
        kwargs["to_fields"] = self.to_fields
        return path, args, kwargs
