"""What every resource of the API shares: ids, references to other records, and checked input."""

import datetime
import re
from collections.abc import Mapping
from typing import Annotated, Any

from django.utils import timezone
from ninja import Field, Schema
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainSerializer,
    Strict,
    WithJsonSchema,
    field_validator,
)

from klynge.kernel.inputs import control_character_problem, date_range_problem

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


def _date_in_range(day: datetime.date) -> datetime.date:
    if problem := date_range_problem(day):
        raise ValueError(f"the date {problem}")
    return day


Date = Annotated[datetime.date, _iso(_ISO_DATE, "date (YYYY-MM-DD)"), AfterValidator(_date_in_range)]
Time = Annotated[datetime.time, _iso(_ISO_TIME, "time (HH:MM)")]
# A time of day as the meeting's own clock shows it (Danish local time), "HH:MM": OpenAPI's `time` format
# would promise an offset that a time of day does not have.
LocalTimeOut = Annotated[
    datetime.time,
    PlainSerializer(lambda value: value.strftime("%H:%M"), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
            "description": "Danish local time (Europe/Copenhagen), HH:MM",
        }
    ),
]
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


def _aware_in_range(moment: datetime.datetime) -> datetime.datetime:
    """A moment in range; without an offset it is Danish local time."""
    if problem := date_range_problem(moment.date()):
        raise ValueError(f"the date {problem}")
    if moment.tzinfo is None:
        moment = timezone.make_aware(moment)
    return moment


def _iso_datetime(value: Any) -> Any:
    if not isinstance(value, (str, datetime.datetime)) or (
        isinstance(value, str) and not _ISO_DATETIME.match(value)
    ):
        raise ValueError("write the moment in ISO 8601 form (YYYY-MM-DDTHH:MM, optionally with an offset)")
    return value


# A moment (ISO 8601; without an offset, Danish local time).
DateTime = Annotated[datetime.datetime, BeforeValidator(_iso_datetime), AfterValidator(_aware_in_range)]


def _strip(text: str) -> str:
    return text.strip()


# Text stripped of surrounding whitespace, as the pages' forms strip it: `Annotated[str, …, STRIPPED]`.
STRIPPED = AfterValidator(_strip)


def _without_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def omittable() -> Any:
    """A change's (PATCH's) field that may be left out but not cleared: not nullable in the schema, and
    left out of `model_fields_set` when not sent (`x: int = omittable()`)."""
    return Field(None, json_schema_extra=_without_default)


class Input(BaseModel):
    """What callers send: a JSON object with only the documented fields (a plain pydantic model: ninja's
    Schema would also read a list or any object's attributes, which is right for output only)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        """Text anywhere in the input (a field, a list's items, a mapping's keys and values) holds no
        control characters (klynge.kernel.inputs), so nothing stored can break a Word or Excel file."""
        _check_text(value)
        return value


def _check_text(value: Any) -> None:
    if isinstance(value, str):
        if problem := control_character_problem(value):
            raise ValueError(f"the text {problem}")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check_text(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _check_text(item)


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


def sent_fields(payload: BaseModel, *, renames: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The fields the caller sent, as a change command takes them (null included: it clears; a field not
    sent stays out, so the command keeps its `UNSET`): `version` as `seen_version`, lists of ids as tuples,
    and each API name in `renames` under the command's name (`{"topics": "topic_ids"}`). The values are the
    validated ones (`getattr`: enums, dates, Decimals and nested inputs as they are; `model_dump` would turn
    nested inputs into dicts)."""
    names = {"version": "seen_version", **(renames or {})}
    sent: dict[str, Any] = {}
    for name in payload.model_fields_set:
        value = getattr(payload, name)
        sent[names.get(name, name)] = tuple(value) if isinstance(value, list) else value
    return sent
