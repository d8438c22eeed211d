"""A table to export: Danish column headers, a kind per column, and rows of typed values.

The selectors build tables; each file format (csvfile.py, xlsxfile.py) writes any table, so the two
formats always hold the same rows and columns.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

Value = str | int | Decimal | datetime.date | None


class Kind(Enum):
    TEXT = "text"
    INTEGER = "integer"
    PERCENT = "percent"  # a whole number of percent, 0–100
    DATE = "date"
    AMOUNT = "amount"  # Danish kroner


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = Kind.TEXT
    width: int = 20  # characters, for the spreadsheet's column


@dataclass
class Table:
    title: str  # the sheet's name, and the start of the file's name
    columns: list[Column]
    rows: list[tuple[Value, ...]] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]
