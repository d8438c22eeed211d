"""A health council's editors write its local health plan (nærsundhedsplan), on the page and in the API
alike; the rules of a plan hold whoever writes."""

from typing import Any

from klynge.healthplans.commands import COUNCIL_NOT_ALLOWED
from klynge.healthplans.models import LocalHealthPlan
from tests.healthplans.conftest import Councils
from tests.meetings.parity import Caller, Write, assert_same

FIELDS = (
    "council_id",
    "name",
    "status",
    "valid_from",
    "valid_to",
    "adopted_on",
    "document_url",
    "description",
)


def _newest(c: Councils) -> Any:
    return LocalHealthPlan.objects.order_by("-pk").values(*FIELDS).first()


def _create(council: str = "council", **changes: Any) -> Write:
    values = {
        "name": "Nærsundhedsplan 2027–2030",
        "description": "Sundhedsrådets plan for det nære sundhedsvæsen.",
        "status": "draft",
        "valid_from": "2027-01-01",
        "valid_to": "2030-12-31",
        "adopted_on": None,
        "document_url": "",
        **changes,
    }
    return Write(
        page_url=lambda c: "/naersundhedsplaner/ny/",
        page_data=lambda c: {"council": getattr(c, council).pk, **values},
        api_method="post",
        api_path=lambda c: "/api/v1/local-health-plans",
        api_body=lambda c: {"council": getattr(c, council).pk, **values},
        stored=_newest,
    )


def test_the_councils_editor_creates_its_plan(councils: Councils, callers: dict[str, Caller]) -> None:
    assert_same(_create(), councils, callers["editor"], expected="saved")


def test_an_adopted_plan_needs_its_date(councils: Councils, callers: dict[str, Caller]) -> None:
    errors = assert_same(_create(status="adopted"), councils, callers["editor"], expected="refused")
    assert errors == {"adopted_on": ["En vedtaget plan skal have en vedtagelsesdato."]}


def test_an_adopted_plan_with_its_date_is_saved(councils: Councils, callers: dict[str, Caller]) -> None:
    assert_same(
        _create(status="adopted", adopted_on="2027-03-01"), councils, callers["editor"], expected="saved"
    )


def test_a_period_that_ends_before_it_starts_is_refused(
    councils: Councils, callers: dict[str, Caller]
) -> None:
    errors = assert_same(_create(valid_to="2026-01-01"), councils, callers["editor"], expected="refused")
    assert list(errors) == ["valid_to"]


def test_a_plan_for_a_council_of_others_is_refused(councils: Councils, callers: dict[str, Caller]) -> None:
    errors = assert_same(_create(council="other_council"), councils, callers["editor"], expected="refused")
    assert errors == {"council": [COUNCIL_NOT_ALLOWED]}


def test_a_member_may_not_write_plans(councils: Councils, callers: dict[str, Caller]) -> None:
    assert_same(_create(), councils, callers["member"], expected="forbidden")
