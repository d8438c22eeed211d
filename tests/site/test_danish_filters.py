import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.template import Context, Template

from klynge.kernel.formatting import danish_meeting_date
from klynge.site.templatetags.danish import (
    danish_amount,
    danish_date,
    meeting_date,
    percent,
    period,
)


def render(source: str, **context: object) -> str:
    return Template("{% load danish %}" + source).render(Context(context))


def test_danish_date() -> None:
    assert danish_date(datetime.date(2023, 12, 14)) == "14. december 2023"
    assert danish_date(None) == ""


def test_meeting_date_follows_the_precision() -> None:
    day = datetime.date(2024, 7, 1)
    assert danish_meeting_date(day, "day") == "1. juli 2024"
    assert danish_meeting_date(day, "month") == "juli 2024"
    assert danish_meeting_date(day, "half_year") == "2. halvår 2024"
    assert (
        meeting_date(SimpleNamespace(date=datetime.date(2023, 12, 1), date_precision="month"))
        == "december 2023"
    )
    assert meeting_date(None) == ""


def test_danish_amount() -> None:
    assert danish_amount(Decimal(2_000_000)) == "2 mio. kr."
    assert danish_amount(Decimal(1_400_000)) == "1,4 mio. kr."
    assert danish_amount(Decimal(1_250_000)) == "1,25 mio. kr."
    assert danish_amount(Decimal(1_234_567)) == "1.234.567 kr."
    assert danish_amount(Decimal("200000.50")) == "200.000,50 kr."
    assert danish_amount(Decimal(350_000)) == "350.000 kr."
    assert danish_amount(None) == ""


def test_percent_and_period() -> None:
    assert percent(51) == "51 %"
    assert percent(None) == ""
    closed = SimpleNamespace(valid_from=datetime.date(2022, 7, 1), valid_to=datetime.date(2026, 12, 31))
    assert period(closed) == "1. juli 2022 – 31. december 2026"
    assert (
        period(SimpleNamespace(start=datetime.date(2022, 7, 1), end=None), "start,end") == "fra 1. juli 2022"
    )
    assert period(SimpleNamespace(valid_from=None, valid_to=None)) == ""


def test_filters_in_templates() -> None:
    html = render(
        "{{ day|danish_date }} · {{ amount|danish_amount }}",
        day=datetime.date(2023, 11, 28),
        amount=Decimal(1_400_000),
    )
    assert html == "28. november 2023 · 1,4 mio. kr."


def test_exact_amounts_and_figures_in_templates() -> None:
    html = render(
        "{{ fund|danish_amount }} · {{ part|danish_amount }} · {{ count|with_unit:'læger' }} · "
        "{{ money|with_unit:'kr.' }} · {{ none|with_unit:'kr.' }}",
        fund=Decimal(1_350_000),
        part=Decimal("200000.50"),
        count=Decimal("62.00"),
        money=Decimal("1250000.50"),
        none=None,
    )
    assert html == "1,35 mio. kr. · 200.000,50 kr. · 62 læger · 1.250.000,50 kr. · "


def test_a_figures_unit_is_escaped() -> None:
    assert render("{{ v|with_unit:unit }}", v=Decimal(3), unit="<b>") == "3 &lt;b&gt;"
