"""The forecast against hand-computed cases: imported through the service, read back through the selectors."""

from decimal import Decimal

import pytest

from klynge.gpcoverage.forecast import Criteria, YearFigures, capacities_needed, forecast_area
from klynge.gpcoverage.selectors import dataset_by_slug, target_year_for
from tests.gpcoverage.helpers import City, build_city, forecast_of, import_lines

pytestmark = pytest.mark.django_db


@pytest.fixture
def city() -> City:
    return build_city()


def test_needed_is_rounded_up_and_recruitment_is_the_gap(city: City) -> None:
    # 16.001 / 1.600 = 10,000625 → 11 capacities needed; 10 available → 1 to recruit.
    dataset = import_lines("Andeby;2024;16001;nej;10;;0;")
    year = forecast_of(dataset)["Andeby"].years[0]
    assert (year.needed, year.available, year.to_recruit) == (11, 10, 1)


def test_exactly_the_norm_is_not_over_it(city: City) -> None:
    # 16.000 / 10 = 1.600 patients per capacity: at the norm, not over it.
    dataset = import_lines("Andeby;2024;16000;nej;10;;0;")
    year = forecast_of(dataset)["Andeby"].years[0]
    assert (year.needed, year.to_recruit, year.patients_per_capacity) == (10, 0, Decimal("1600.0"))
    assert not year.threatened and year.reasons == ()


def test_one_patient_over_the_norm_is_threatened_with_the_reason(city: City) -> None:
    dataset = import_lines("Andeby;2024;16001;nej;10;;0;")
    year = forecast_of(dataset)["Andeby"].years[0]
    assert year.threatened
    assert year.reasons == ("1.600,1 patienter pr. kapacitet – over grænsen på 1.600",)


def test_a_surplus_is_no_negative_recruitment(city: City) -> None:
    # 8.000 / 1.600 = 5 needed, 6 available: nothing to recruit (not −1).
    dataset = import_lines("Andeby;2024;8000;nej;6;;0;")
    year = forecast_of(dataset)["Andeby"].years[0]
    assert (year.needed, year.available, year.to_recruit) == (5, 6, 0)


def test_zero_capacities(city: City) -> None:
    dataset = import_lines("Andeby;2024;500;nej;0;;0;", "Nordby;2024;0;nej;0;;0;")
    forecast = forecast_of(dataset)
    with_people = forecast["Andeby"].years[0]
    # 500 / 1.600 = 0,3125 → 1 needed; none available; no ratio to show, but over any limit.
    assert (with_people.needed, with_people.available, with_people.to_recruit) == (1, 0, 1)
    assert with_people.patients_per_capacity is None
    assert with_people.reasons == ("ingen kapaciteter til rådighed til 500 indbyggere",)
    empty = forecast["Nordby"].years[0]
    assert (empty.needed, empty.to_recruit, empty.threatened) == (0, 0, False)


def test_retirements_accumulate_from_the_base_year(city: City) -> None:
    dataset = import_lines(
        "Andeby;2024;30000;nej;20;;1;",
        "Andeby;2025;31000;ja;;;2;",
        "Andeby;2026;32500;ja;;;3;",
    )
    years = forecast_of(dataset)["Andeby"].years
    # available: 20−1 = 19, 20−1−2 = 17, 20−1−2−3 = 14
    assert [y.available for y in years] == [19, 17, 14]
    # needed: ⌈18,75⌉ = 19, ⌈19,375⌉ = 20, ⌈20,3125⌉ = 21
    assert [y.needed for y in years] == [19, 20, 21]
    assert [y.to_recruit for y in years] == [0, 3, 7]
    assert [(y.base_year, y.base_capacities, y.retirements_since_base) for y in years] == [
        (2024, 20, 1),
        (2024, 20, 3),
        (2024, 20, 6),
    ]
    assert [y.population_is_forecast for y in years] == [False, True, True]


def test_a_later_count_of_capacities_is_the_new_base(city: City) -> None:
    dataset = import_lines("Andeby;2024;30000;nej;20;;2;", "Andeby;2025;30000;nej;25;;1;")
    years = forecast_of(dataset)["Andeby"].years
    assert [(y.base_year, y.available) for y in years] == [(2024, 18), (2025, 24)]


def test_missing_years_have_no_forecast_and_no_retirements(city: City) -> None:
    dataset = import_lines("Andeby;2024;16000;nej;20;;1;", "Andeby;2026;17600;ja;;;2;")
    area = forecast_of(dataset)["Andeby"]
    assert [y.year for y in area.years] == [2024, 2026]
    assert area.missing_years == (2025,)
    # 2026: 20 − 1 (2024) − 0 (2025 missing) − 2 (2026) = 17 available; 17.600 / 1.600 = 11 needed.
    assert (area.years[1].available, area.years[1].needed, area.years[1].to_recruit) == (17, 11, 0)


def test_years_after_an_areas_last_row_up_to_the_target_are_missing(city: City) -> None:
    dataset = import_lines(
        "Andeby;2024;16000;nej;10;;0;", "Nordby;2024;1000;nej;1;;0;", "Nordby;2026;1000;ja;;;0;"
    )
    area = forecast_of(dataset, 2026)["Andeby"]
    assert area.missing_years == (2025, 2026)
    assert area.in_year(2026) is None


def test_share_of_gps_aged_60_plus(city: City) -> None:
    dataset = import_lines("Andeby;2024;1600;nej;10;3;0;", "Nordby;2024;1600;nej;10;4;0;")
    forecast = forecast_of(dataset)
    at_limit = forecast["Andeby"].years[0]
    assert at_limit.share_60_plus_percent == Decimal("30.0") and not at_limit.threatened
    over = forecast["Nordby"].years[0]
    assert over.threatened
    assert over.reasons == ("40 % af kapaciteterne hos læger på 60 år eller derover – over grænsen på 30 %",)


def test_closed_lists(city: City) -> None:
    dataset = import_lines(
        "Andeby;2024;1600;nej;10;;0;1", "Nordby;2024;1600;nej;10;;0;0", "Sydby;2024;1600;nej;10;;0;ja"
    )
    forecast = forecast_of(dataset)
    assert forecast["Andeby"].years[0].reasons == ("1 praksis med lukket liste",)
    assert not forecast["Nordby"].years[0].threatened
    assert forecast["Sydby"].years[0].closed_practices == 1


def test_configured_criteria(city: City) -> None:
    # Two criteria required, closed lists from 2 practices, the age criterion off, a limit of 1.500 patients.
    dataset = import_lines(
        "Andeby;2024;15500;nej;10;9;0;1",  # 1.550 > 1.500 (met); 1 closed < 2 (not met); 90 % (off)
        "Nordby;2024;15500;nej;10;0;0;2",  # 1.550 > 1.500 and 2 closed: both met
        norm=1550,
        max_patients_per_capacity=1500,
        share_60_plus_threshold=None,
        closed_practices_threshold=2,
        criteria_required=2,
    )
    forecast = forecast_of(dataset)
    one = forecast["Andeby"].years[0]
    assert one.reasons == ("1.550 patienter pr. kapacitet – over grænsen på 1.500",) and not one.threatened
    assert one.needed == 10  # 15.500 / 1.550 = 10 exactly
    two = forecast["Nordby"].years[0]
    assert two.threatened and len(two.reasons) == 2


def test_the_limit_is_the_norm_unless_given(city: City) -> None:
    dataset = import_lines("Andeby;2024;12001;nej;10;;0;", norm=1200)
    assert dataset.max_patients_per_capacity == 1200
    year = forecast_of(dataset)["Andeby"].years[0]
    assert (year.needed, year.threatened) == (11, True)


def test_a_city_is_the_sum_of_its_districts_without_offsetting(city: City) -> None:
    dataset = import_lines(
        "Nordby;2024;16001;nej;10;2;0;0",  # needed 11, available 10 → 1 to recruit
        "Sydby;2024;8000;nej;6;1;0;0",  # needed 5, available 6 → 0 (a surplus of 1)
    )
    forecast = forecast_of(dataset)
    testby = forecast["Testby"]
    assert testby.is_sum and testby.parts == ("Nordby", "Sydby")
    year = testby.years[0]
    assert (year.population, year.available, year.needed, year.to_recruit) == (24001, 16, 16, 1)
    assert (year.capacities, year.capacities_60_plus, year.closed_practices) == (16, 3, 0)
    # 24.001 / 16 = 1.500,06 patients per capacity: not over 1.600, so the sum is not threatened.
    assert not year.threatened
    assert "Region Testland" not in forecast  # a region is not summed from a few of its parts
    assert [(a.name, a.depth) for a in forecast.values()] == [("Testby", 0), ("Nordby", 1), ("Sydby", 1)]


def test_a_year_is_summed_only_when_every_part_has_it(city: City) -> None:
    dataset = import_lines(
        "Nordby;2024;1000;nej;1;;0;",
        "Nordby;2025;1000;ja;;;0;",
        "Sydby;2024;1000;nej;1;;0;",
    )
    testby = forecast_of(dataset)["Testby"]
    assert [y.year for y in testby.years] == [2024]
    assert testby.incomplete == ((2025, ("Sydby",)),)


def test_target_year(city: City) -> None:
    dataset = import_lines(
        "Andeby;2024;1000;nej;1;;0;", "Andeby;2025;1000;ja;;;0;", "Andeby;2026;1000;ja;;;0;"
    )
    loaded = dataset_by_slug(slug=dataset.slug)
    assert loaded is not None
    assert target_year_for(loaded, None) == (2026, "")
    assert target_year_for(loaded, "2025") == (2025, "")
    assert target_year_for(loaded, "2040")[0] == 2026
    assert target_year_for(loaded, "1999")[0] == 2024
    assert target_year_for(loaded, "næste år")[0] == 2026
    assert [y.year for y in forecast_of(dataset, 2025)["Andeby"].years] == [2024, 2025]


def test_pure_arithmetic_without_the_database() -> None:
    assert [capacities_needed(p, 1600) for p in (0, 1, 1600, 1601, 3200)] == [0, 1, 1, 2, 2]
    criteria = Criteria(
        norm=1600,
        max_patients_per_capacity=1600,
        share_60_plus_threshold=None,
        closed_practices_threshold=None,
    )
    years, missing = forecast_area(
        [YearFigures(year=2024, population=3300, capacities=3, expected_retirements=1)],
        criteria,
        target_year=2025,
    )
    assert (years[0].needed, years[0].available, years[0].to_recruit, missing) == (3, 2, 1, (2025,))
