"""The 2027 transition works for any region's clusters and councils, not only the demo's: with the national
reference data imported, an editor of a North Jutland municipality plans and carries over their cluster's
records, and the national overview (page and API) counts how far every cluster has come."""

import datetime
from collections.abc import Iterator

import pytest
from pytest_django import DjangoDbBlocker

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.bodies.models import BodyLevel, Collaboration
from klynge.bodies.services import body_create
from klynge.organisation.models import Party
from klynge.reference.services import reference_import
from klynge.reform import commands
from klynge.reform.models import CarryOver
from klynge.reform.selectors import cluster_proposals, transition_progress
from klynge.reform.services import Choice
from klynge.work.models import FocusAreaStatus, InitiativeStatus
from klynge.work.services import focus_area_create, initiative_create
from tests.clients import editor_of
from tests.databases import records_for_module
from tests.site.querycount import queries_for


@pytest.fixture(scope="module")
def national(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    with records_for_module(django_db_blocker):
        reference_import()
        yield


pytestmark = pytest.mark.usefixtures("national", "db")


def _nord_with_records() -> tuple[Collaboration, Party]:
    cluster = Collaboration.objects.get(name="Klynge NORD (Nordjylland)")
    hjoerring = Party.objects.get(official_code="0860")
    political = body_create(collaboration=cluster, level=BodyLevel.POLITICAL, name="Politisk Klynge NORD")
    focus_area = focus_area_create(
        name="Det ældre medicinske menneske", collaborations=[cluster], status=FocusAreaStatus.ADOPTED
    )
    initiative_create(
        name="Fælles akutteam",
        collaboration=cluster,
        focus_area=focus_area,
        responsible_parties=[hjoerring],
        approved_by_body=political,
        status=InitiativeStatus.APPROVED,
        start=datetime.date(2024, 1, 1),
    )
    return cluster, hjoerring


def test_an_editor_outside_the_capital_carries_their_cluster_over() -> None:
    cluster, hjoerring = _nord_with_records()
    council = Collaboration.objects.get(name="Sundhedsråd nr. 10 af 17 (navn og region ikke fundet)")
    client = editor_of(hjoerring)

    overview = client.get("/reform/")
    assert overview.status_code == 200
    assert f'href="/reform/{cluster.slug}/"' in overview.content.decode()  # the editor's own cluster
    page = client.get(f"/reform/{cluster.slug}/")
    assert page.status_code == 200
    # No council's municipalities are known for Hjørring: the proposal says so; the editor chooses.
    proposals = cluster_proposals(cluster)
    assert all("Intet sundhedsråd er registreret for Hjørring Kommune" in p.reason for p in proposals)
    assert client.get("/reform/sundhedsklynge-byen/").status_code == 403  # not their cluster

    user, _ = account_create(email="nord@test.dk", role=Role.EDITOR, party=hjoerring, password="x")
    choices = {p.key: Choice((council.pk,)) for p in proposals}
    commands.transition_plan_save(
        actor=user, command=commands.TransitionPlanSave(cluster_id=cluster.pk, choices=choices)
    )
    created = commands.transition_plan_transfer(
        actor=user, command=commands.TransitionPlanTransfer(cluster_id=cluster.pk)
    )
    assert len(created) == 2
    successor = CarryOver.objects.get(original_initiative__name="Fælles akutteam").successor_initiative
    assert successor is not None and successor.status == InitiativeStatus.APPROVED
    assert successor.approved_by_body is not None
    assert successor.approved_by_body.name == f"{council.name} (politisk)"

    row = next(r for r in transition_progress() if r.pk == cluster.pk)
    assert (row.focus_area_count, row.initiative_count, row.planned_count) == (1, 1, 2)
    assert (row.carried_focus_area_count + row.carried_initiative_count, row.council_count) == (2, 1)

    api = client.get("/api/v1/reform/transition", {"limit": 50})
    assert api.status_code == 200
    body = api.json()
    assert body["count"] == 21
    nord = next(item for item in body["items"] if item["slug"] == cluster.slug)
    assert nord["region"] == "Region Nordjylland"
    assert nord["municipality_count"] == 4
    assert (nord["planned_count"], nord["carried_count"], nord["council_count"]) == (2, 2, 1)
    assert nord["transferred_at"] is not None


def test_the_overview_shows_every_region_and_what_is_not_known() -> None:
    html = editor_of(Party.objects.get(official_code="0851")).get("/reform/").content.decode()
    for region in ("Region Nordjylland", "Region Midtjylland", "Region Syddanmark", "Region Sjælland"):
        assert region in html
    assert "21 klynger i hele landet" in html
    assert "Ikke registreret (ikke fundet i en offentlig kilde)" in html
    assert "kun de råd, kilderne nævner for demoens kommuner" not in html


def test_the_overview_and_its_api_cost_the_same_however_many_records() -> None:
    client = editor_of(Party.objects.get(official_code="0860"), email="tal@test.dk")
    page_before = queries_for(client, "/reform/")
    api_before = queries_for(client, "/api/v1/reform/transition")
    _nord_with_records()
    cluster = Collaboration.objects.get(name="Horsensklyngen")
    for n in range(5):
        focus_area_create(name=f"Fokus {n}", collaborations=[cluster], status=FocusAreaStatus.ADOPTED)
    assert queries_for(client, "/reform/") == page_before
    assert queries_for(client, "/api/v1/reform/transition") == api_before
