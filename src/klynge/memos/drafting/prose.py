"""Small pieces of Danish memo prose: lists, counts in words, genitive, dates as memos write them."""

import datetime
from collections.abc import Sequence

from num2words import num2words

from klynge.kernel.formatting import danish_date, danish_half_year, danish_month
from klynge.meetings.models import DatePrecision
from klynge.memos.content import Inline, Run


def join_and(items: Sequence[str], word: str = "og") -> str:
    """'A', 'A og B', 'A, B og C' (Danish puts no comma before the last 'og')."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def join_runs(parts: Sequence[Inline], word: str = "og") -> Inline:
    out: list[Run] = []
    for index, part in enumerate(parts):
        if index:
            out.append(Run(f" {word} " if index == len(parts) - 1 else ", "))
        out.extend(part)
    return tuple(out)


def count_words(n: int, neuter: bool = False) -> str:
    """Numbers up to twelve in words, larger ones in digits; one is 'én', or 'ét' for a neuter noun."""
    if n == 1:
        return "ét" if neuter else "én"
    return num2words(n, lang="da") if 0 <= n <= 12 else str(n)


def counted(n: int, singular: str, plural: str, neuter: bool = False) -> str:
    """'én prøvehandling', 'seks prøvehandlinger', 'ét sundhedsråd'."""
    return f"{count_words(n, neuter)} {singular if n == 1 else plural}"


def meeting_period_end(day: datetime.date, precision: str) -> datetime.date:
    """The last day a meeting known only by month or half-year can fall on."""
    if precision == DatePrecision.HALF_YEAR:
        return datetime.date(day.year, 6, 30) if day.month <= 6 else datetime.date(day.year, 12, 31)
    if precision == DatePrecision.MONTH:
        following = datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)
    return day


def genitive(name: str) -> str:
    return name if name.endswith(("s", "x", "z")) else f"{name}s"


def lower_first(text: str) -> str:
    """Lower-case the first letter of a common phrase used mid-sentence, but not an acronym."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def day_in_memo(day: datetime.date, memo_year: int | None) -> str:
    """'16. november' within the memo's own year, '16. november 2022' otherwise."""
    full = danish_date(day)
    return full.rsplit(" ", 1)[0] if memo_year == day.year else full


def meeting_when(day: datetime.date, precision: str) -> str:
    if precision == DatePrecision.HALF_YEAR:
        return f"i {danish_half_year(day)}"
    if precision == DatePrecision.MONTH:
        return f"i {danish_month(day)}"
    return f"den {danish_date(day)}"
