"""Danish formatting of dates and amounts, as Danish municipal memos write them (via Babel)."""

import datetime
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import NumberFormatError, format_compact_decimal, format_decimal, parse_decimal

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


def parse_danish_amount(text: str) -> Decimal:
    """Read an amount as Danes write it: "1.400.000", "1400000,50", "1,4 mio.", "350.000 kr."

    Raises ValueError for anything else."""
    cleaned = text.strip().lower().replace(NBSP, " ").removesuffix("kr.").removesuffix("kr").strip()
    factor = Decimal(1)
    for suffix, multiplier in (("mio.", 1_000_000), ("mio", 1_000_000), ("mia.", 10**9), ("mia", 10**9)):
        if cleaned.endswith(suffix):
            cleaned, factor = cleaned.removesuffix(suffix).strip(), Decimal(multiplier)
            break
    cleaned = cleaned.replace(" ", "")
    if not cleaned:
        raise ValueError("empty amount")
    try:
        number = parse_decimal(cleaned, locale=LOCALE, strict=True)
    except NumberFormatError as error:
        raise ValueError(str(error)) from error
    return (number * factor).quantize(Decimal("0.01"))
