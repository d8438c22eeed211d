"""The periods a count of temporary places covers: a whole month, quarter or year.

A period is written as a token in files and addresses (`2023-10`, `2023-K4`, `2023`) and stored as its
first and last day.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from enum import StrEnum

from klynge.kernel.formatting import danish_month


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})\s*-?\s*[KQ]\s*([1-4])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")

PERIOD_FORMATS_EN = "a month (2023-10), a quarter (2023-K4) or a year (2023)"
PERIOD_FORMATS_DA = "en måned (2023-10), et kvartal (2023-K4) eller et år (2023)"


@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date
    end: datetime.date

    @property
    def kind(self) -> PeriodKind:
        kind = period_kind(self.start, self.end)
        if kind is None:
            raise ValueError(f"{self.start}–{self.end} is not a whole month, quarter or year")
        return kind

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def token(self) -> str:
        """2023-10, 2023-K4 or 2023: how the period is written in files and addresses."""
        kind = self.kind
        if kind == PeriodKind.MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        if kind == PeriodKind.QUARTER:
            return f"{self.start.year}-K{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @property
    def label(self) -> str:
        """oktober 2023, 4. kvartal 2023 or 2023."""
        kind = self.kind
        if kind == PeriodKind.MONTH:
            return danish_month(self.start)
        if kind == PeriodKind.QUARTER:
            return f"{(self.start.month - 1) // 3 + 1}. kvartal {self.start.year}"
        return str(self.start.year)

    def overlaps(self, other: "Period") -> bool:
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        return self.token


def _month(year: int, month: int) -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period(datetime.date(year, month, 1), datetime.date(year, month, last))


def parse_period(text: str) -> Period:
    """Read a period token; raises ValueError for anything that is not a month, quarter or year."""
    cleaned = text.strip()
    if match := _MONTH.match(cleaned):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise ValueError(f"no month {month}")
        return _month(year, month)
    if match := _QUARTER.match(cleaned):
        year, quarter = int(match[1]), int(match[2])
        first = _month(year, 3 * quarter - 2)
        return Period(first.start, _month(year, 3 * quarter).end)
    if match := _YEAR.match(cleaned):
        year = int(match[1])
        return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    raise ValueError(f"'{text}' is not a period")


def period_kind(start: datetime.date | None, end: datetime.date | None) -> PeriodKind | None:
    """The kind of the period from start to end, or None if it is no whole month, quarter or year."""
    if start is None or end is None or start.day != 1 or end < start:
        return None
    if end == _month(start.year, start.month).end:
        return PeriodKind.MONTH
    if start.month in (1, 4, 7, 10) and end == _month(start.year, start.month + 2).end:
        return PeriodKind.QUARTER
    if start.month == 1 and end == datetime.date(start.year, 12, 31):
        return PeriodKind.YEAR
    return None
