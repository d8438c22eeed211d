"""Danish formatting of dates and amounts, as Danish municipal memos write them (via Babel)."""

import datetime
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal

LOCALE = "da_DK"
NBSP = "\xa0"


def danish_date(day: datetime.date | None) -> str:
    """14. december 2023"""
    if day is None:
        return ""
    return format_date(day, "d. MMMM y", locale=LOCALE)


def danish_month(day: datetime.date) -> str:
    """december 2023"""
    return format_date(day, "MMMM y", locale=LOCALE)


def danish_half_year(day: datetime.date) -> str:
    """2. halvår 2024"""
    return f"{1 if day.month <= 6 else 2}. halvår {day.year}"


def danish_amount(value: Decimal | int | float | None) -> str:
    """1,4 mio. kr. from a million up; 350.000 kr. below."""
    if value is None:
        return ""
    if abs(Decimal(value)) >= 1_000_000:
        compact = format_compact_decimal(value, locale=LOCALE, fraction_digits=1)
    else:
        compact = format_decimal(value, format="#,##0.##", locale=LOCALE)
    # Babel puts a no-break space before "mio."; a plain one keeps the text searchable and copyable.
    return f"{compact.replace(NBSP, ' ')} kr."


def danish_number(value: Decimal | int | float | None) -> str:
    if value is None:
        return ""
    return format_decimal(value, format="#,##0.##", locale=LOCALE)
