"""What the app takes from anyone who types: the one definition for the pages' forms and the API.

- Text holds no control characters: U+0000–U+001F other than tab, line feed and carriage return, nor the
  code points XML 1.0 cannot hold (lone surrogates, U+FFFE, U+FFFF). They are invisible, usually come
  along with pasted text, cannot be written to Word or Excel files (lxml and openpyxl refuse them) and
  some cannot even be stored. Input with them is refused at the edge (`refuse_control_characters`,
  `control_character_problem`); what is already stored is cleaned on the way out (`xml_safe`).
- Dates lie in the years 1900–2200 (`DATE_MIN`, `DATE_MAX`): a date outside them is a typing mistake
  here, and date arithmetic (a period's next day, eight weeks back, a time zone) stays within Python's
  date range.
"""

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.deconstruct import deconstructible

# C0 controls except tab (U+0009), line feed (U+000A) and carriage return (U+000D); surrogates and the
# two non-characters XML 1.0 excludes.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

DATE_MIN = datetime.date(1900, 1, 1)
DATE_MAX = datetime.date(2200, 12, 31)

CONTROL_CHARACTER_MESSAGE = (
    "Teksten indeholder et usynligt styretegn (tegn nr. {position}), som ikke kan gemmes. "
    "Det kommer ofte med, når tekst kopieres ind. Fjern det, og prøv igen."
)
DATE_RANGE_MESSAGE = "Skriv en dato mellem år {first} og {last}."


def first_control_character(text: str) -> tuple[int, str] | None:
    """(1-based position, the character) of the first control character in the text, or None."""
    found = CONTROL_CHARACTERS.search(text)
    return None if found is None else (found.start() + 1, found.group())


def control_character_problem(text: str) -> str | None:
    """Why the text is refused, in English (for the API and the command line), or None if it is fine."""
    found = first_control_character(text)
    if found is None:
        return None
    position, character = found
    return (
        f"must not contain control characters (U+0000–U+001F other than tab, line feed and carriage "
        f"return); found U+{ord(character):04X} at position {position}"
    )


@deconstructible
class NoControlCharacters:
    """Django validator: refuse text with a control character, in Danish (for the forms)."""

    code = "control_character"

    def __call__(self, value: object) -> None:
        if not isinstance(value, str):
            return
        found = first_control_character(value)
        if found is not None:
            raise ValidationError(
                CONTROL_CHARACTER_MESSAGE.format(position=found[0]),
                code=self.code,
                params={"position": found[0]},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoControlCharacters)

    def __hash__(self) -> int:
        return hash(self.code)


refuse_control_characters = NoControlCharacters()


def without_null_validator(validators: list[Any]) -> list[Any]:
    """A field's validators with Django's own NUL check taken out (ours refuses NUL too, with a clearer
    message), so a NUL gives one message, not two."""
    return [v for v in validators if not isinstance(v, ProhibitNullCharactersValidator)]


@deconstructible
class DateInRange:
    """Django validator: a date within DATE_MIN–DATE_MAX, in Danish (for the forms)."""

    code = "date_out_of_range"

    def __call__(self, value: object) -> None:
        if isinstance(value, datetime.date) and not date_in_range(value):
            raise ValidationError(
                DATE_RANGE_MESSAGE.format(first=DATE_MIN.year, last=DATE_MAX.year), code=self.code
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DateInRange)

    def __hash__(self) -> int:
        return hash(self.code)


refuse_dates_out_of_range = DateInRange()


def date_in_range(day: datetime.date) -> bool:
    if isinstance(day, datetime.datetime):
        day = day.date()
    return DATE_MIN <= day <= DATE_MAX


def date_range_problem(day: datetime.date) -> str | None:
    """Why the date is refused, in English, or None if it is fine."""
    if date_in_range(day):
        return None
    return f"must lie between {DATE_MIN.isoformat()} and {DATE_MAX.isoformat()}"


def xml_safe(text: str) -> str:
    """The text without control characters, for writing files (Word, Excel) from what is stored."""
    return CONTROL_CHARACTERS.sub("", text)
