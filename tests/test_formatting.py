"""Amounts are stated exactly: the compact form ("1,25 mio. kr.") only when it is the value, øre always as two
decimals, and parse_danish_amount reads every formatted amount back to the very value it was given."""

import re
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from klynge.kernel.formatting import (
    danish_amount,
    danish_figure,
    danish_kroner,
    danish_number,
    parse_danish_amount,
)
from klynge.site.forms import DanishAmountField

TRILLION = 10**12
COMPACT = re.compile(r"^-?[1-9]\d{0,2}(,\d?[1-9])? (mio|mia|bio)\. kr\.$")
FULL = re.compile(r"^-?(0|[1-9]\d{0,2}(\.\d{3})*)(,\d{2})? kr\.$")

whole_kroner = st.integers(min_value=0, max_value=TRILLION).map(Decimal)
# Kroner and øre as stored (two decimals), from 0 to 10^12 kr.
with_ore = st.integers(min_value=0, max_value=TRILLION * 100).map(lambda ore: Decimal(ore) / 100)
signed = st.integers(min_value=-TRILLION * 100, max_value=TRILLION * 100).map(lambda ore: Decimal(ore) / 100)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal(1_250_000), "1,25 mio. kr."),
        (Decimal(1_350_000), "1,35 mio. kr."),
        (Decimal(1_400_000), "1,4 mio. kr."),
        (Decimal(2_000_000), "2 mio. kr."),
        (Decimal("2000000.00"), "2 mio. kr."),  # as the database gives it
        (Decimal(1_234_567), "1.234.567 kr."),
        (Decimal(1_005_000), "1.005.000 kr."),  # 1,005 mio. would need three decimals
        (Decimal(999_995_000), "999.995.000 kr."),  # not "1 mia."
        (Decimal(1_500_000_000), "1,5 mia. kr."),
        (Decimal(1_234_000_000), "1.234.000.000 kr."),  # not "1,23 mia."
        (Decimal(999_999_999_999), "999.999.999.999 kr."),  # not "1 bio."
        (Decimal(TRILLION), "1 bio. kr."),
        (Decimal("200000.5"), "200.000,50 kr."),
        (Decimal("200000.50"), "200.000,50 kr."),
        (Decimal("1250000.05"), "1.250.000,05 kr."),  # øre: never the compact form
        (Decimal("0.5"), "0,50 kr."),
        (Decimal(350_000), "350.000 kr."),
        (Decimal(999_999), "999.999 kr."),
        (0, "0 kr."),
        (Decimal("0.00"), "0 kr."),
        (Decimal("-0.00"), "0 kr."),
        (Decimal(-1_400_000), "-1,4 mio. kr."),
        (Decimal(-350_000), "-350.000 kr."),
        (Decimal("-200000.5"), "-200.000,50 kr."),
        (1_400_000, "1,4 mio. kr."),
        (0.1, "0,10 kr."),
    ],
)
def test_amounts_are_stated_exactly(value: Decimal | int | float, text: str) -> None:
    assert danish_amount(value) == text
    assert parse_danish_amount(text) == Decimal(str(value))


def test_an_unknown_amount_is_empty() -> None:
    assert danish_amount(None) == "" and danish_kroner(None) == "" and danish_figure(None, "kr.") == ""


def test_a_fraction_of_an_ore_is_shown_not_rounded_away() -> None:
    assert danish_amount(Decimal("0.125")) == "0,125 kr."
    assert danish_kroner(Decimal("1234.5678")) == "1.234,5678"


@given(whole_kroner)
@settings(max_examples=500, deadline=None)
@example(Decimal(1_250_000))
@example(Decimal(1_349_999))
def test_whole_kroner_read_back_as_the_same_value(value: Decimal) -> None:
    text = danish_amount(value)
    assert parse_danish_amount(text) == value
    assert COMPACT.match(text) or FULL.match(text), text


@given(with_ore)
@settings(max_examples=500, deadline=None)
@example(Decimal("200000.5"))
@example(Decimal("999999999999.99"))
def test_kroner_and_ore_read_back_as_the_same_value(value: Decimal) -> None:
    text = danish_amount(value)
    assert parse_danish_amount(text) == value
    if value != value.to_integral_value():
        # Øre: always the full form with exactly two decimals, whatever the size.
        assert FULL.match(text) and re.search(r",\d{2} kr\.$", text), text


@given(signed)
@settings(max_examples=300, deadline=None)
def test_negative_amounts_read_back_too(value: Decimal) -> None:
    assert parse_danish_amount(danish_amount(value)) == value
    assert parse_danish_amount(danish_kroner(value)) == value  # what a form shows, read back


@given(st.one_of(whole_kroner, with_ore))
@settings(max_examples=500, deadline=None)
def test_the_compact_form_appears_only_when_it_is_exact(value: Decimal) -> None:
    text = danish_amount(value)
    if COMPACT.match(text):
        assert value >= 1_000_000 and value == value.to_integral_value()
        number, unit = text.removesuffix(" kr.").rsplit(" ", 1)
        factor = {"mio.": 10**6, "mia.": 10**9, "bio.": 10**12}[unit]
        assert Decimal(number.replace(",", ".")) * factor == value
    else:
        # The full form states every digit: grouping dots and the decimal comma aside, it is the value.
        digits = text.removesuffix(" kr.").replace(".", "").replace(",", ".")
        assert Decimal(digits) == value


@given(st.integers(min_value=100, max_value=99_999))
@settings(max_examples=300, deadline=None)
def test_whole_ten_thousands_from_a_million_are_compact_in_millions(ten_thousands: int) -> None:
    """1.250.000 is "1,25 mio. kr.": the compact form is used whenever two decimals in millions suffice."""
    millions = Decimal(ten_thousands) / 100
    assert danish_amount(Decimal(ten_thousands * 10_000)) == f"{danish_number(millions)} mio. kr."


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.400.000", "1400000"),
        ("1400000,50", "1400000.50"),
        ("1,4 mio.", "1400000"),
        ("1,4 mio", "1400000"),
        ("1,4\xa0mio. kr.", "1400000"),
        ("1,2345678 mio.", "1234567.80"),
        ("350.000 kr.", "350000"),
        ("350.000 kr", "350000"),
        ("1,5 mia. kr.", "1500000000"),
        ("−350.000 kr.", "-350000"),  # a typeset minus
        ("0", "0"),
    ],
)
def test_parse_danish_amount(text: str, value: str) -> None:
    assert parse_danish_amount(text) == Decimal(value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "kr.",
        "mange penge",
        "12,345",
        "0,001 kr.",
        "1,234567891 mio.",
        "1.4 mio.",
        "NaN",
        "Infinity",
        "1e30",
        "1E5",
        "-",
        "9" * 41,
    ],
)
def test_parse_danish_amount_refuses_what_is_not_an_exact_amount(text: str) -> None:
    with pytest.raises(ValueError):
        parse_danish_amount(text)


@given(st.text(max_size=30))
@settings(max_examples=300, deadline=None)
def test_parse_danish_amount_gives_a_value_or_a_value_error_for_any_text(text: str) -> None:
    try:
        amount = parse_danish_amount(text)
    except ValueError:
        return
    assert amount.is_finite() and amount.as_tuple().exponent == -2  # whole øre, never rounded


def test_a_form_shows_an_amount_as_it_reads_it() -> None:
    field = DanishAmountField(allow_zero=True)
    for value in (Decimal("200000.50"), Decimal("1250000.00"), Decimal(0)):
        shown = field.prepare_value(value)
        assert field.clean(shown) == value
    assert field.prepare_value(Decimal("200000.50")) == "200.000,50"
    assert field.prepare_value(Decimal("1250000.00")) == "1.250.000"


@pytest.mark.parametrize("text", ["NaN", "Infinity", "1e30", "12,345"])
def test_a_form_refuses_what_is_not_an_exact_amount_in_danish(text: str) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        DanishAmountField().clean(text)
    assert refused.value.messages == ["Skriv beløbet i kroner, fx 350.000 eller 1,4 mio."]


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (Decimal("62.00"), "læger", "62 læger"),
        (Decimal("0.5"), "kr.", "0,50 kr."),
        (Decimal("1250000.00"), "kr.", "1,25 mio. kr."),
        (Decimal("1250000.00"), "kroner", "1,25 mio. kr."),
        (Decimal("1.25"), "mio. kr.", "1,25 mio. kr."),
        (Decimal("17"), "", "17"),
    ],
)
def test_a_reported_figure_in_kroner_follows_the_amount_rule(value: Decimal, unit: str, text: str) -> None:
    assert danish_figure(value, unit) == text


@settings(max_examples=500)
@given(st.integers(min_value=-(10**18), max_value=10**18))
@example(0)
@example(-1)
@example(999)
@example(-1000)
def test_a_whole_number_is_written_as_babel_writes_it(value: int) -> None:
    """`danish_number` keeps each whole number's text: the very text Babel gives (grouping and minus),
    the first time and again."""
    from babel.numbers import format_decimal

    from klynge.kernel.formatting import NUMBER_LOCALE, UP_TO_TWO_DECIMALS

    expected = format_decimal(value, format=UP_TO_TWO_DECIMALS, locale=NUMBER_LOCALE)
    assert danish_number(value) == expected
    assert danish_number(value) == expected


def test_an_amount_kept_from_before_is_the_text_of_that_very_amount() -> None:
    """`danish_amount` keeps each amount's text, by the Decimal's exact text (equal Decimals written
    differently are kept apart); an int, a float and a Decimal of one value give the amount rule's text."""
    from klynge.kernel.formatting import _compact

    def uncached(value: Decimal) -> str:
        return f"{_compact(value) or danish_kroner(value)} kr."

    for value in (
        "0.5",
        "0.500",
        "0.50",
        "0.505",
        "1400000",
        "1400000.00",
        "1234567.5",
        "-350000",
        "0",
        "-0",
    ):
        amount = Decimal(value)
        assert danish_amount(amount) == danish_amount(amount) == uncached(amount), value
    assert (
        danish_amount(1400000)
        == danish_amount(1400000.0)
        == danish_amount(Decimal(1400000))
        == "1,4 mio. kr."
    )
    assert danish_amount(True) == danish_amount(Decimal(1)) == "1 kr."
