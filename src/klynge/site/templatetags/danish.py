"""Danish formatting in templates: thin wrappers around klynge.kernel.formatting."""

import datetime
from decimal import Decimal
from typing import Any

from django import template

from klynge.kernel import formatting

register = template.Library()


@register.filter
def danish_date(day: datetime.date | None) -> str:
    """{{ day|danish_date }} → 14. december 2023"""
    return formatting.danish_date(day)


@register.filter
def meeting_date(meeting: Any) -> str:
    """{{ meeting|meeting_date }} → 14. december 2023, december 2023 or 2. halvår 2024."""
    if meeting is None:
        return ""
    return formatting.danish_meeting_date(meeting.date, meeting.date_precision)


@register.filter
def danish_amount(value: Decimal | int | float | None) -> str:
    """{{ fund.amount|danish_amount }} → 1,4 mio. kr. · 1.234.567 kr. · 200.000,50 kr. (exact, never rounded)"""
    return formatting.danish_amount(value)


@register.filter
def danish_number(value: Decimal | int | float | None) -> str:
    """{{ count|danish_number }} → 1.600 or 17 (not for money: use danish_amount)"""
    return formatting.danish_number(value)


@register.filter
def with_unit(value: Decimal | int | float | None, unit: str = "") -> str:
    """{{ figure.value|with_unit:figure.unit }} → 62 læger; in kroner by the amount rule: 1,25 mio. kr."""
    return formatting.danish_figure(value, unit or "")


@register.filter
def percent(value: int | float | None) -> str:
    """{{ 45|percent }} → 45 %; empty when unknown."""
    if value is None:
        return ""
    return f"{formatting.danish_number(value)} %"


@register.filter
def period(obj: Any, fields: str = "valid_from,valid_to") -> str:
    """{{ body|period }} or {{ membership|period:"start,end" }} → »1. juli 2022 – 31. december 2026«."""
    start_field, end_field = (f.strip() for f in fields.split(","))
    start = getattr(obj, start_field, None)
    end = getattr(obj, end_field, None)
    if start is None and end is None:
        return ""
    if end is None:
        return f"fra {formatting.danish_date(start)}"
    if start is None:
        return f"til {formatting.danish_date(end)}"
    return f"{formatting.danish_date(start)} – {formatting.danish_date(end)}"


@register.filter
def meeting_label(meeting: Any) -> str:
    """{{ meeting|meeting_label }} → Politisk sundhedsklynge Byen, 28. november 2023"""
    return formatting.meeting_label(meeting)


@register.filter
def file_size(value: int | None) -> str:
    """{{ attachment.size|file_size }} → 1,2 MB"""
    return formatting.danish_file_size(value)


@register.filter
def danish_datetime(value: datetime.datetime | None) -> str:
    """{{ meeting.submission_deadline|danish_datetime }} → 1. december 2026 kl. 12.00"""
    return formatting.danish_datetime(value)
