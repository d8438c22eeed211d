"""The rules hold in the database too, not only in the import's checks and the models' clean()."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from klynge.kernel.records import create_validated
from klynge.temporaryplaces.models import PlaceCapacity, PlaceTrade
from tests.temporaryplaces.helpers import build_region, import_hand_example

pytestmark = pytest.mark.django_db
NEW_YEAR = datetime.date(2024, 1, 1)


def test_constraints_refuse_what_slips_past_clean() -> None:
    region = build_region()
    count = import_hand_example(region)
    period = {
        "period_start": count.capacities.first().period_start,
        "period_end": count.capacities.first().period_end,
    }  # type: ignore[union-attr]
    for fields in (
        {"buyer": region.a, "seller": region.a, "place_days": 1},  # self-trade
        {"buyer": region.a, "seller": region.b, "place_days": 1},  # the same purchase twice in the period
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            PlaceTrade.objects.create(count=count, **period, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlaceCapacity.objects.create(
            count=count, municipality=region.a, places=1, place_days_used=1, **period
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        PlaceCapacity.objects.create(
            count=count,
            municipality=region.a,
            places=1,
            place_days_used=1,
            period_start=period["period_end"],
            period_end=period["period_start"],
        )


def test_clean_names_the_field() -> None:
    region = build_region()
    count = import_hand_example(region)
    quarter = count.capacities.first()
    assert quarter is not None
    fields = {"count": count, "places": 1, "place_days_used": 1}
    with pytest.raises(ValidationError) as error:
        create_validated(
            PlaceCapacity,
            municipality=region.c,
            period_start=NEW_YEAR,
            period_end=NEW_YEAR,
            **fields,
        )
    assert error.value.message_dict == {
        "period_end": ["Perioden skal være en hel måned, et helt kvartal eller et helt år."]
    }
    with pytest.raises(ValidationError) as error:
        create_validated(
            PlaceCapacity,
            municipality=region.elsewhere,
            period_start=quarter.period_start,
            period_end=quarter.period_end,
            **fields,
        )
    assert error.value.message_dict == {
        "municipality": ["Fjernby Kommune er ikke en kommune i opgørelsens region."]
    }
    # A month inside the quarter overlaps it.
    with pytest.raises(ValidationError) as error:
        create_validated(
            PlaceCapacity,
            municipality=region.a,
            period_start=quarter.period_start,
            period_end=quarter.period_start.replace(day=31),
            **fields,
        )
    assert error.value.message_dict == {
        "period_start": ["Perioden overlapper en anden periode for samme kommune i opgørelsen."]
    }
