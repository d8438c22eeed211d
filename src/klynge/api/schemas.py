"""What every resource of the API shares: ids, references to other records, and form-checked input."""

import datetime
import re
from typing import Annotated, Any

from django import forms
from django.core.exceptions import ValidationError
from ninja import Field, Schema
from pydantic import BaseModel, BeforeValidator, ConfigDict, Strict

# Ids are positive and fit every database's integer (and JavaScript's exact integers).
MAX_ID = 2**53 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# In a JSON body an id or version must be a JSON number (not true or "12"); query strings are always text.
BodyId = Annotated[int, Strict(), Field(ge=1, le=MAX_ID)]
Version = Annotated[
    int, Strict(), Field(ge=0, le=2**62, description="The version you read; omit to overwrite.")
]
Slug = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=120)]


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME = re.compile(r"^\d{2}:\d{2}(:\d{2})?$")


def _iso(pattern: re.Pattern[str], what: str) -> Any:
    """Only the ISO text form: pydantic would otherwise read a number as seconds since 1970."""

    def check(value: Any) -> Any:
        if isinstance(value, str) and not pattern.match(value):
            raise ValueError(f"write the {what} in ISO 8601 form")
        if not isinstance(value, (str, datetime.date, datetime.time)):
            raise ValueError(f"write the {what} in ISO 8601 form")
        return value

    return BeforeValidator(check)


Date = Annotated[datetime.date, _iso(_ISO_DATE, "date (YYYY-MM-DD)")]
Time = Annotated[datetime.time, _iso(_ISO_TIME, "time (HH:MM)")]


class Input(BaseModel):
    """What callers send: a JSON object with only the documented fields (a plain pydantic model: ninja's
    Schema would also read a list or any object's attributes, which is right for output only)."""

    model_config = ConfigDict(extra="forbid")


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
