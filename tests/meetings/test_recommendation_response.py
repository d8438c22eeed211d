"""A health council recommends (indstiller) to its regional council, which decides (L 214, 2024-25): the
decision kind "Indstilling til regionsrådet" and the regional council's later decision, recorded and linked
back, on the page and in the API alike. The same response records a party's decision on a cluster's
anbefaling."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from klynge.accounts.models import Role
from klynge.meetings.models import (
    Decision,
    DecisionKind,
    RecommendationResponse,
)
from klynge.meetings.services import decision_create
from klynge.organisation.models import PartyKind
from klynge.organisation.services import party_create
from tests.factories import ClusterWorld
from tests.meetings.council_world import Council, build_council
from tests.meetings.parity import Caller, Write, assert_same, caller


@pytest.fixture
def council(world: ClusterWorld) -> Council:
    return build_council(world)


@pytest.fixture
def callers(council: Council) -> dict[str, Caller]:
    world = council.world
    return {
        "editor": caller("sek@test.dk", Role.EDITOR, party=world.municipality),
        "member": caller("medlem@test.dk", Role.MEMBER, person=world.mayor),
    }


# ---- The rules of the kind ------------------------------------------------------------------------------


def test_only_a_health_council_recommends_to_the_regional_council(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as refused:
        decision_create(
            agenda_item=world.agenda_item,
            kind=DecisionKind.COUNCIL_RECOMMENDATION,
            text="Klyngen indstiller.",
            recommended_to=world.region,
        )
    assert "Kun et sundhedsråd indstiller til regionsrådet" in str(refused.value.message_dict["kind"])


def test_a_council_recommends_only_to_its_own_regional_council(council: Council) -> None:
    other_region = party_create(name="Region Anden", kind=PartyKind.REGION)
    with pytest.raises(ValidationError) as refused:
        decision_create(
            agenda_item=council.recommendation.agenda_item,
            kind=DecisionKind.COUNCIL_RECOMMENDATION,
            text="Til den forkerte region.",
            recommended_to=other_region,
        )
    assert refused.value.message_dict["recommended_to"] == [
        "Sundhedsrådet indstiller til regionsrådet i Region Test."
    ]


# ---- Recording the regional council's decision: page and API alike -------------------------------------


def _stored(c: Council) -> Any:
    return (
        RecommendationResponse.objects.filter(decision=c.recommendation)
        .values("outcome", "decided_on", "text", "reference")
        .first()
    )


def _respond(
    decided_on: str = "2026-03-17", outcome: str = "followed", decision: str = "recommendation"
) -> Write:
    def target(c: Council) -> Decision:
        return c.recommendation if decision == "recommendation" else c.joint

    return Write(
        page_url=lambda c: f"/beslutninger/{target(c).pk}/modtagerens-beslutning/",
        page_data=lambda c: {
            "outcome": outcome,
            "decided_on": decided_on,
            "text": "Regionsrådet godkendte indstillingen.",
            "reference": "https://www.regionoest.dk/politik/moeder/2026-03-17",
        },
        api_method="put",
        api_path=lambda c: f"/api/v1/decisions/{target(c).pk}/response",
        api_body=lambda c: {
            "outcome": outcome,
            "decided_on": decided_on,
            "text": "Regionsrådet godkendte indstillingen.",
            "reference": "https://www.regionoest.dk/politik/moeder/2026-03-17",
        },
        stored=_stored,
    )


def test_the_secretariat_records_the_regional_councils_decision(
    council: Council, callers: dict[str, Caller]
) -> None:
    assert_same(_respond(), council, callers["editor"], expected="saved")


def test_a_response_before_the_recommending_meeting_is_refused_alike(
    council: Council, callers: dict[str, Caller]
) -> None:
    errors = assert_same(_respond(decided_on="2026-03-01"), council, callers["editor"], expected="refused")
    assert errors == {"decided_on": ["Beslutningen kan ikke ligge før mødet, der anbefalede."]}


def test_a_member_may_not_record_it(council: Council, callers: dict[str, Caller]) -> None:
    assert_same(_respond(), council, callers["member"], expected="forbidden")


def test_a_decision_that_recommends_nothing_has_no_response(
    council: Council, callers: dict[str, Caller]
) -> None:
    # The page offers no form for it (404); the API names the rule.
    page = callers["editor"].page.get(f"/beslutninger/{council.joint.pk}/modtagerens-beslutning/")
    assert page.status_code == 404
    answer = callers["editor"].api.put(
        f"/api/v1/decisions/{council.joint.pk}/response",
        {"outcome": "followed", "decided_on": "2026-03-17"},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert answer.json()["errors"] == {
        "decision": ["Kun en anbefaling eller indstilling får modtagerens beslutning."]
    }


def test_the_response_is_linked_back_on_the_meeting_page_and_in_the_api(
    council: Council, callers: dict[str, Caller]
) -> None:
    recommendation = council.recommendation
    page = callers["member"].page.get(recommendation.agenda_item.get_absolute_url())
    assert "Regionsrådets beslutning er endnu ikke registreret." in page.content.decode()

    editor = callers["editor"]
    answer = editor.api.put(
        f"/api/v1/decisions/{recommendation.pk}/response",
        {"outcome": "followed_with_changes", "decided_on": "2026-03-17", "text": "Med en senere start."},
        content_type="application/json",
    )
    assert answer.status_code == 200
    assert answer.json()["kind"] == "council_recommendation"
    assert answer.json()["response"] == {
        "outcome": "followed_with_changes",
        "decided_on": "2026-03-17",
        "text": "Med en senere start.",
        "reference": "",
    }

    shown = callers["member"].page.get(recommendation.agenda_item.get_absolute_url()).content.decode()
    assert "Regionsrådets beslutning 17. marts 2026:" in shown
    assert "Fulgt med ændringer" in shown
    assert "Med en senere start." in shown

    # Recorded again, it is corrected, not doubled; removed, the recommendation awaits again.
    editor.api.put(
        f"/api/v1/decisions/{recommendation.pk}/response",
        {"outcome": "followed", "decided_on": "2026-03-18"},
        content_type="application/json",
    )
    assert RecommendationResponse.objects.filter(decision=recommendation).count() == 1
    assert editor.api.delete(f"/api/v1/decisions/{recommendation.pk}/response").status_code == 204
    assert editor.api.get(f"/api/v1/decisions/{recommendation.pk}").json()["response"] is None
    assert editor.api.delete(f"/api/v1/decisions/{recommendation.pk}/response").status_code == 404


def test_the_responses_history_says_who_and_when(council: Council, callers: dict[str, Caller]) -> None:
    callers["editor"].page.post(
        f"/beslutninger/{council.recommendation.pk}/modtagerens-beslutning/",
        {"outcome": "not_followed", "decided_on": "2026-03-17", "text": "", "reference": ""},
    )
    response = RecommendationResponse.objects.get(decision=council.recommendation)
    (entry,) = response.history.all()
    assert entry.history_user is not None and entry.history_user.email == "sek@test.dk"


def test_the_council_page_says_it_recommends_and_the_regional_council_decides(council: Council) -> None:
    from django.test import Client

    page = Client().get(council.council.get_absolute_url()).content.decode()
    assert "Sundhedsrådet er et stående udvalg under regionsrådet i Region Test" in page
    assert "rådet indstiller, regionsrådet beslutter" in page
