"""What every resource of the API shares: ids, references to other records, and form-checked input."""

from typing import Annotated, Any

from django import forms
from django.core.exceptions import ValidationError
from ninja import Field, Schema

# Ids are positive and fit every database's integer (and JavaScript's exact integers).
MAX_ID = 2**53 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Slug = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=120)]


class Ref(Schema):
    """Another record, by its stable id, with its name for display."""

    id: int
    name: str


class SlugRef(Ref):
    slug: str


class TopicRef(Schema):
    id: int
    name: str
    slug: str


def validated(form: forms.Form) -> dict[str, Any]:
    """The form's cleaned data, or the same refusal the page would show (as a 422 with field messages)."""
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form.cleaned_data


def form_data(current: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Input for a form: the record's current values with the caller's changes on top (a PATCH)."""
    return {**current, **changes}
