"""A health council's investment fund (investeringsmotor) is a kind of fund; only a council has one."""

import pytest
from django.core.exceptions import ValidationError

from klynge.accounts.models import Role
from klynge.bodies.models import BodyLevel, CollaborationKind
from klynge.bodies.services import body_create, collaboration_create
from klynge.work.models import Fund, FundKind
from klynge.work.services import fund_create
from tests.api.conftest import TokenClient, token_for
from tests.factories import ClusterWorld


def test_only_a_health_council_has_an_investment_fund(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as refused:
        fund_create(body=world.political, year=2027, name="Motor", kind=FundKind.INVESTMENT_FUND)
    assert refused.value.message_dict == {"kind": ["Kun et sundhedsråd har en investeringsmotor."]}


def test_a_council_editor_creates_the_investment_fund_and_everyone_sees_its_kind(world: ClusterWorld) -> None:
    council = collaboration_create(
        name="Sundhedsråd Test",
        kind=CollaborationKind.HEALTH_COUNCIL,
        region=world.region,
        parties=[world.region, world.municipality],
    )
    body = body_create(collaboration=council, level=BodyLevel.POLITICAL, name="Sundhedsråd Test (politisk)")
    api = TokenClient(token_for(email="sek@test.dk", role=Role.EDITOR, party=world.municipality))
    answer = api.post(
        "/api/v1/funds",
        {"body": body.pk, "year": 2027, "name": "Investeringsmotor 2027", "kind": "investment_fund"},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.json()
    assert answer.json()["kind"] == "investment_fund"
    fund = Fund.objects.get(pk=answer.json()["id"])
    assert fund.kind == FundKind.INVESTMENT_FUND

    # A change that leaves the kind out keeps it; the pages name it.
    api.patch(f"/api/v1/funds/{fund.pk}", {"amount": "1250000"}, content_type="application/json")
    fund.refresh_from_db()
    assert fund.kind == FundKind.INVESTMENT_FUND
    page = api.get(fund.get_absolute_url()).content.decode()
    assert "Investeringsmotor" in page

    # On a cluster's body the same request is refused, with the rule's message.
    refused = api.post(
        "/api/v1/funds",
        {"body": world.political.pk, "year": 2026, "name": "Motor", "kind": "investment_fund"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["errors"] == {"kind": ["Kun et sundhedsråd har en investeringsmotor."]}
