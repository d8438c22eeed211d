"""An allocation is as closed as the agenda item of the decision that made it: its amount, and the totals
it would change, show only to those who may see the item; the rule against over-allocating counts it
for everyone."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from klynge.meetings.models import AgendaItemKind, DecisionKind
from klynge.meetings.services import agenda_item_create, decision_create
from klynge.work.services import allocation_create
from tests.clients import administrator, editor_of, member_as
from tests.factories import ClusterWorld, build_cluster
from tests.site.querycount import queries_for

# The world's fund: 3 mio., of which 2 mio. are allocated on a public item. The closed allocation:
CLOSED_AMOUNT = "456.789 kr."
TRUE_REMAINDER = "543.211 kr."  # 3 mio. − 2 mio. − 456.789
PUBLIC_REMAINDER = "1 mio. kr."  # 3 mio. − 2 mio.


def closed_allocation(world: ClusterWorld, amount: int = 456_789) -> None:
    item = agenda_item_create(
        meeting=world.meeting, title="Lukket punkt om midler", kind=AgendaItemKind.DECISION, is_public=False
    )
    decision = decision_create(agenda_item=item, kind=DecisionKind.COORDINATION, text="Lukket bevilling.")
    allocation_create(
        fund=world.fund,
        decision=decision,
        amount=Decimal(amount),
        focus_area=world.focus_area,
        initiative=world.initiative,
    )


def pages(world: ClusterWorld) -> list[str]:
    return [
        f"/puljer/{world.fund.pk}/",
        "/puljer/",
        f"/indsatser/{world.initiative.slug}/",
        f"/fokusomraader/{world.focus_area.slug}/",
        f"/organer/{world.political.slug}/",
        f"/samarbejder/{world.cluster.slug}/",
    ]


@pytest.mark.parametrize("who", ["anonymous", "editor_other_party", "member_elsewhere"])
def test_a_closed_allocation_is_absent_for_those_who_may_not_see_its_item(
    world: ClusterWorld, who: str
) -> None:
    closed_allocation(world)
    other = build_cluster("Anden")
    client = {
        "anonymous": Client,
        "editor_other_party": lambda: editor_of(other.municipality),
        "member_elsewhere": lambda: member_as(other.mayor),
    }[who]()
    for url in pages(world):
        html = client.get(url).content.decode()
        assert CLOSED_AMOUNT not in html and TRUE_REMAINDER not in html, url
    fund_page = client.get(f"/puljer/{world.fund.pk}/").content.decode()
    assert "2 mio. kr." in fund_page and PUBLIC_REMAINDER in fund_page  # what they may see, added up
    assert "du har adgang til at se" in fund_page  # and what the figures count


@pytest.mark.parametrize("who", ["admin", "editor_participating", "member_in_body"])
def test_a_closed_allocation_shows_to_those_who_may_see_its_item(world: ClusterWorld, who: str) -> None:
    closed_allocation(world)
    client = {
        "admin": administrator,
        "editor_participating": lambda: editor_of(world.municipality),
        "member_in_body": lambda: member_as(world.mayor),
    }[who]()
    for url in pages(world):
        html = client.get(url).content.decode()
        if url != "/puljer/" and not url.startswith("/samarbejder/"):  # the amount itself where listed
            assert CLOSED_AMOUNT in html, url
        if "/indsatser/" not in url and "/fokusomraader/" not in url:  # the totals where shown
            assert TRUE_REMAINDER in html, url


def test_over_allocation_counts_closed_allocations_too(world: ClusterWorld) -> None:
    closed_allocation(world)
    item = agenda_item_create(meeting=world.meeting, title="Åbent punkt", kind=AgendaItemKind.DECISION)
    decision = decision_create(agenda_item=item, kind=DecisionKind.COORDINATION, text="Åben bevilling.")
    with pytest.raises(ValidationError) as refused:
        # 600.000 fits what the public sees remaining (1 mio.), not what truly remains (543.211).
        allocation_create(
            fund=world.fund, decision=decision, amount=Decimal(600_000), focus_area=world.focus_area
        )
    assert "543.211" in str(refused.value)
    assert world.fund.allocations.count() == 2


def test_fund_pages_make_a_fixed_number_of_queries_with_closed_allocations(world: ClusterWorld) -> None:
    client = editor_of(world.municipality)
    urls = [f"/puljer/{world.fund.pk}/", "/puljer/"]
    before = {url: queries_for(client, url) for url in urls}
    for _ in range(3):
        closed_allocation(world, amount=100_000)
    assert {url: queries_for(client, url) for url in urls} == before
