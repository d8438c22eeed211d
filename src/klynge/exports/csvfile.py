"""A table as CSV for Danish Excel.

- UTF-8 with a byte order mark: without it, Excel reads a CSV file as Windows-1252 and mangles æ, ø, å.
- `;` between fields: Danish Excel splits a double-clicked CSV file on the list separator of the Danish
  locale, which is `;` (the comma is the decimal separator); with `,` every row lands in one column.
- Amounts with a decimal comma and no thousands separator ("1400000", "2500,50", "-350000"), which Danish
  Excel reads as numbers (a decimal point would turn them into text or dates). They are exact, never
  rounded: whole kroner without decimals, øre as two decimals, as the pages write them (klynge.kernel.formatting).
- Dates in ISO 8601 (2023-11-28): Excel reads them as dates in any locale, they sort as text, and programs
  read them without guessing; 28.11.2023 is read as a date only under a Danish locale.
- Text that Excel would take for a formula (starting with =, +, -, @, tab or carriage return) gets a leading
  apostrophe, so a record's name can never run as a formula in someone's spreadsheet.
"""

import csv
import datetime
import io
from decimal import Decimal

from klynge.exports.tables import Table, Value
from klynge.kernel.formatting import ORE

CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _amount(value: Decimal) -> str:
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1)) + 0  # "1400000", never "1.4E+6" or "-0"
    elif value == value.quantize(ORE):
        value = value.quantize(ORE)  # "2500,50", not "2500,5"
    return format(value, "f").replace(".", ",")


def cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return _amount(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")
