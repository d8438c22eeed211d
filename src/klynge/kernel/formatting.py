"""Danish formatting of dates and amounts, as Danish municipal memos write them (via Babel)."""

import datetime
import functools
from decimal import ROUND_DOWN, Decimal, localcontext
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import (
    NumberFormatError,
    format_compact_decimal,
    format_decimal,
    parse_decimal,
    parse_pattern,
)
from django.utils import timezone

LOCALE = "da_DK"
NBSP = "\xa0"
# Amounts: the compact form from a million, with at most two decimals in its unit; øre as two decimals.
COMPACT_FROM = 1_000_000
COMPACT_DECIMALS = 2
ORE = Decimal("0.01")
MINUS_SIGNS = ("\u2212", "\u2013")  # − and –, as typeset text writes a minus
KRONER_UNITS = {"kr", "kr.", "kroner", "dkk"}
# Number patterns and the locale parsed once (Babel parses a pattern given as text on every call: a third
# of a file size's formatting, and a 200-item meeting page formats hundreds).
NUMBER_LOCALE = Locale.parse(LOCALE)
WHOLE = parse_pattern("#,##0")
WITH_ORE = parse_pattern("#,##0.00")
UP_TO_TWO_DECIMALS = parse_pattern("#,##0.##")
LONGEST_AMOUNT = 40  # characters of digits and separators parse_danish_amount reads (10^12 has 17)


# Babel formats a date in some 80 µs; a page shows the same few dozen days again and again (meetings,
# periods of members and seats), so the text of each day is kept (a few thousand days: well under 1 MB).
@functools.lru_cache(maxsize=4096)
def danish_date(day: datetime.date | None) -> str:
    """14. december 2023"""
    if day is None:
        return ""
    return format_date(day, "d. MMMM y", locale=LOCALE)


@functools.lru_cache(maxsize=1024)
def danish_month(day: datetime.date) -> str:
    """december 2023"""
    return format_date(day, "MMMM y", locale=LOCALE)


def danish_half_year(day: datetime.date) -> str:
    """2. halvår 2024"""
    return f"{1 if day.month <= 6 else 2}. halvår {day.year}"


def _units() -> dict[str, int]:
    """The compact units of Danish amounts, from the locale's own data (Babel/CLDR): mio., mia., bio."""
    patterns = Locale.parse(LOCALE).compact_decimal_formats["short"]["other"]
    units: dict[str, int] = {}
    for magnitude, pattern in patterns.items():
        text = pattern.pattern.replace("'", "").replace(NBSP, " ")  # "0 mio." for "0\xa0mio'.'"
        multiplier = int(magnitude) // 10 ** (text.count("0") - 1)
        if multiplier >= COMPACT_FROM:
            unit = text.replace("0", "").strip().lower()
            units[unit] = units[unit.rstrip(".")] = multiplier  # "1,4 mio" as well as "1,4 mio."
    return dict(sorted(units.items(), key=lambda item: -len(item[0])))  # "mio." before "mio"


UNITS = _units()


def _decimal(value: Decimal | int | float) -> Decimal:
    """The value as a Decimal; a float by its shortest decimal form (0.1 is 0.1, not 0.1000000000000000055…)."""
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def danish_kroner(value: Decimal | int | float | None) -> str:
    """An amount in full, without the unit (for a form's field, or where "kr." is written elsewhere):
    1.234.567 · 200.000,50 · -350.000 · 0. The full form of `danish_amount`, with the same øre rule."""
    if value is None:
        return ""
    amount = _decimal(value)
    if amount == 0:
        amount = Decimal(0)  # never "-0"
    if amount == amount.to_integral_value():
        return format_decimal(amount, format=WHOLE, locale=NUMBER_LOCALE)
    # At least two decimals; a fraction of an øre (no stored amount has one) is shown, not rounded away.
    return format_decimal(amount, format=WITH_ORE, locale=NUMBER_LOCALE, decimal_quantization=False)


def _compact(amount: Decimal) -> str | None:
    """1,25 mio. · 2 mio. · 1,5 mia., when that states the amount exactly; otherwise None."""
    if abs(amount) < COMPACT_FROM or amount % (COMPACT_FROM // 10**COMPACT_DECIMALS):
        return None  # øre, or more digits than two decimals of a million can state (1.234.567)
    text = format_compact_decimal(amount, locale=LOCALE, fraction_digits=COMPACT_DECIMALS)
    # Babel puts a no-break space before "mio."; a plain one keeps the text searchable and copyable.
    text = text.replace(NBSP, " ")
    # Babel rounds to the two decimals (1.234.567 would be "1,23 mio."): only an exact text will do.
    return text if parse_danish_amount(text) == amount else None


def danish_amount(value: Decimal | int | float | None) -> str:
    """An amount in kroner as a Danish memo writes it, never rounded: the text states the value exactly.

    The one rule for every amount shown (pages, memos, messages, the admin, the exports' text):
    - from 1 mio. kr., the compact form when it states the amount exactly with at most two decimals in
      the unit Babel picks (mio., mia., bio.): "1,25 mio. kr.", "1,4 mio. kr.", "2 mio. kr.",
      "1,5 mia. kr.";
    - otherwise the full form with Danish digit grouping (`danish_kroner`): "1.234.567 kr.",
      "350.000 kr.", "0 kr.";
    - øre always as two decimals, in the full form: "200.000,50 kr.", "1.250.000,05 kr.", "0,50 kr.";
    - a negative amount with a minus sign: "-1,4 mio. kr.", "-350.000 kr.".

    `parse_danish_amount` reads each of these back to the same value.
    """
    if value is None:
        return ""
    return _amount_text(str(_decimal(value)))


# Babel formats an amount in some 50 µs; the pages show the same funds' and allocations' amounts again and
# again, so each amount's text is kept, by the Decimal's exact text ("0.5" and "0.500" are equal Decimals
# that `danish_kroner` writes differently): a few thousand amounts, well under 1 MB.
@functools.lru_cache(maxsize=4096)
def _amount_text(exact: str) -> str:
    amount = Decimal(exact)
    return f"{_compact(amount) or danish_kroner(amount)} kr."


def danish_number(value: Decimal | int | float | None) -> str:
    """A count or a figure: 1.600 · 17 · 0,3 (at most two decimals). Not for money: use `danish_amount`,
    or `danish_kroner` where "kr." is written elsewhere."""
    if value is None:
        return ""
    if type(value) is int:  # most (counts, the same few again and again): Babel's text, kept per number
        return _whole_number_text(value)
    return format_decimal(value, format=UP_TO_TWO_DECIMALS, locale=NUMBER_LOCALE)


@functools.lru_cache(maxsize=4096)
def _whole_number_text(value: int) -> str:
    return format_decimal(value, format=UP_TO_TWO_DECIMALS, locale=NUMBER_LOCALE)


def danish_figure(value: Decimal | int | float | None, unit: str = "") -> str:
    """A reported figure with its unit: "62 læger"; one in kroner by the amount rule ("1,25 mio. kr.",
    "200.000,50 kr."); "" when the value is unknown."""
    if value is None:
        return ""
    if unit.strip().lower() in KRONER_UNITS:
        return danish_amount(value)
    return f"{danish_number(value)} {unit.strip()}".rstrip()


def parse_danish_amount(text: str) -> Decimal:
    """Read an amount as Danes write it, in kroner with two decimals: "1.400.000", "1400000,50",
    "1,4 mio.", "350.000 kr.", "-1,25 mio. kr.", and whatever `danish_amount` and `danish_kroner` print,
    back to the very value they were given.

    Raises ValueError for anything else, including a fraction of an øre ("12,345"): it is never rounded."""
    cleaned = text.strip().lower().replace(NBSP, " ").removesuffix("kr.").removesuffix("kr").strip()
    for sign in MINUS_SIGNS:
        cleaned = cleaned.replace(sign, "-")
    factor = 1
    for unit, multiplier in UNITS.items():
        if cleaned.endswith(unit):
            cleaned, factor = cleaned.removesuffix(unit).strip(), multiplier
            break
    cleaned = cleaned.replace(" ", "")
    if not cleaned:
        raise ValueError("empty amount")
    if len(cleaned) > LONGEST_AMOUNT or not set(cleaned) <= set("0123456789.,-+"):
        raise ValueError(f"not an amount: {text!r}")  # no "NaN", "Infinity" or "1e30"
    try:
        number = parse_decimal(cleaned, locale=LOCALE, strict=True)
    except NumberFormatError as error:
        raise ValueError(str(error)) from error
    with localcontext(prec=2 * LONGEST_AMOUNT):  # exact: no digit of the number is rounded away
        amount = number * factor
        if amount != amount.quantize(ORE, rounding=ROUND_DOWN):
            raise ValueError(f"not a whole number of øre: {text!r}")
        return amount.quantize(ORE)


def danish_meeting_date(day: datetime.date | None, precision: str) -> str:
    """A meeting's date as precisely as it is known: day, month or half year."""
    if day is None:
        return ""
    if precision == "month":
        return danish_month(day)
    if precision == "half_year":
        return danish_half_year(day)
    return danish_date(day)


def meeting_label(meeting: Any) -> str:
    """A meeting named by its body and date: "Politisk sundhedsklynge Byen, 28. november 2023"."""
    if meeting is None:
        return ""
    return f"{meeting.body.name}, {danish_meeting_date(meeting.date, meeting.date_precision)}"


def danish_file_size(size: int | None) -> str:
    """A file's size as people read it: 812 bytes · 48 kB · 1,2 MB (1 kB = 1.024 bytes)."""
    if size is None:
        return ""
    if size < 1024:
        return f"{danish_number(size)} bytes"
    if size < 1024 * 1024:
        return f"{danish_number(round(size / 1024))} kB"
    return f"{danish_number(round(size / (1024 * 1024), 1))} MB"


def danish_datetime(moment: datetime.datetime | None) -> str:
    """A moment in Danish local time: "1. december 2026 kl. 12.00"."""
    if moment is None:
        return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{danish_date(moment.date())} kl. {moment:%H.%M}"
