import datetime

import pytest

from klynge.temporaryplaces.periods import Period, PeriodKind, parse_period, period_kind

D = datetime.date


@pytest.mark.parametrize(
    ("text", "start", "end", "kind", "token", "label"),
    [
        ("2023-10", D(2023, 10, 1), D(2023, 10, 31), PeriodKind.MONTH, "2023-10", "oktober 2023"),
        ("2024-2", D(2024, 2, 1), D(2024, 2, 29), PeriodKind.MONTH, "2024-02", "februar 2024"),
        ("2023-K4", D(2023, 10, 1), D(2023, 12, 31), PeriodKind.QUARTER, "2023-K4", "4. kvartal 2023"),
        ("2023Q1", D(2023, 1, 1), D(2023, 3, 31), PeriodKind.QUARTER, "2023-K1", "1. kvartal 2023"),
        ("2023-k2", D(2023, 4, 1), D(2023, 6, 30), PeriodKind.QUARTER, "2023-K2", "2. kvartal 2023"),
        (" 2023 ", D(2023, 1, 1), D(2023, 12, 31), PeriodKind.YEAR, "2023", "2023"),
    ],
)
def test_a_period_is_read_written_and_labelled(
    text: str, start: datetime.date, end: datetime.date, kind: PeriodKind, token: str, label: str
) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.kind, period.token, period.label) == (
        start,
        end,
        kind,
        token,
        label,
    )
    assert parse_period(period.token) == period


@pytest.mark.parametrize("text", ["", "2023-13", "2023-0", "2023-K5", "23-10", "oktober 2023", "2023-10-01"])
def test_anything_but_a_month_quarter_or_year_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_period(text)


def test_days_and_overlaps() -> None:
    assert parse_period("2023-K4").days == 92
    assert parse_period("2024").days == 366
    assert parse_period("2023").overlaps(parse_period("2023-10"))
    assert not parse_period("2023-K3").overlaps(parse_period("2023-10"))


def test_only_whole_months_quarters_and_years_have_a_kind() -> None:
    assert period_kind(D(2023, 2, 1), D(2023, 3, 31)) is None  # two months
    assert period_kind(D(2023, 2, 1), D(2023, 4, 30)) is None  # three months, not a quarter
    assert period_kind(D(2023, 1, 2), D(2023, 1, 31)) is None
    with pytest.raises(ValueError):
        _ = Period(D(2023, 1, 2), D(2023, 1, 31)).token
