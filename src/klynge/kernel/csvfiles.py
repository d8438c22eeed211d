"""Reading the CSV files secretariats upload (catchment revisions, GP coverage figures, temporary
places): their text, their delimiter, and the problems reported per line in Danish and English."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from django.core.exceptions import ValidationError

# What can be wrong with any uploaded file, whatever it holds: code → (Danish, English). An importer adds
# its own codes (`{**FILE_MESSAGES, ...}`); the line number is put in front by CodedProblem.
FILE_MESSAGES: dict[str, tuple[str, str]] = {
    "not_utf8": (
        "Filen er ikke gemt som UTF-8. Gem den som »CSV UTF-8« og prøv igen.",
        "The file is not UTF-8 text; save it as CSV UTF-8 and try again.",
    ),
    "empty": ("Filen er tom.", "The file is empty."),
    "missing_columns": (
        "Kolonnerne {columns} mangler. Filen skal have kolonnerne {expected}.",
        "Missing columns: {columns}. The file must have the columns {expected}.",
    ),
    "unknown_columns": (
        "Kolonnerne {columns} kendes ikke. Filen skal have kolonnerne {expected}.",
        "Unknown columns: {columns}. The file must have the columns {expected}.",
    ),
    "duplicate_columns": (
        "Kolonnerne {columns} står mere end én gang i overskriften.",
        "Columns given more than once in the header: {columns}.",
    ),
    "cell_count": (
        "Linjen har {found} felter, men overskriften har {expected}.",
        "The line has {found} fields; the header has {expected}.",
    ),
    "required": ("{column} mangler.", "{column} is missing."),
}


def decode_utf8(content: bytes) -> str | None:
    """The file's text (UTF-8, with or without the byte order mark Excel writes), or None if it is not UTF-8."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def detect_delimiter(text: str) -> str:
    """`;` (what Danish Excel writes) or `,`, by the first line that is neither empty nor a # comment."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return ";" if stripped.count(";") >= stripped.count(",") else ","
    return ";"


@dataclass(frozen=True)
class CodedProblem:
    """One reason a file is refused, at a line of the file (None for the file as a whole).

    A subclass names its `messages`: code → (Danish, English) templates filled with `params`."""

    messages: ClassVar[dict[str, tuple[str, str]]] = {}

    code: str
    line: int | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def _format(self, language: int, prefix: str) -> str:
        text = self.messages[self.code][language].format(**self.params)
        return f"{prefix} {self.line}: {text}" if self.line is not None else text

    @property
    def danish(self) -> str:
        return self._format(0, "Linje")

    @property
    def english(self) -> str:
        return self._format(1, "Line")


class FileProblem(Protocol):
    """What an importer reports per problem: its line in the file (None: the file as a whole) and the
    same text in Danish (UI) and English (CLI, API logs)."""

    @property
    def line(self) -> int | None: ...

    @property
    def danish(self) -> str: ...

    @property
    def english(self) -> str: ...


class ImportRefused(ValidationError):
    """A file refused as a whole; nothing was saved. The one refusal of every CSV import.

    Its Danish messages, one per problem, go under `field` (None: the input as a whole); a file with more
    than `shown` problems lists the first ones and counts the rest, so a page never drowns in them. The
    CLI prints `english`, every problem."""

    def __init__(
        self, problems: Sequence[FileProblem], *, field: str | None = "file", shown: int | None = None
    ) -> None:
        self.problems = list(problems)
        danish = [p.danish for p in self.problems[:shown]]
        if shown is not None and len(self.problems) > shown:
            danish.append(f"… og {len(self.problems) - shown} fejl mere.")
        super().__init__({field: danish} if field is not None else danish)

    @property
    def english(self) -> list[str]:
        return [p.english for p in self.problems]
