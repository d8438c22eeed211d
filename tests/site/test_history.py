"""Every record page shows its change history to logged-in users: who, when, before and after."""

import pytest
from django.test import Client

from klynge.work.models import InitiativeStatus
from klynge.work.services import initiative_set_progress, initiative_transition
from tests.clients import editor_of
from tests.factories import ClusterWorld
from tests.site.querycount import queries_for


@pytest.fixture
def logged_in(client: Client, django_user_model) -> Client:  # type: ignore[no-untyped-def]
    client.force_login(
        django_user_model.objects.create_user(username="laeser@test.dk", email="laeser@test.dk")
    )
    return client


def test_the_initiative_page_shows_before_and_after(logged_in: Client, world: ClusterWorld) -> None:
    initiative_set_progress(initiative=world.initiative, progress=40)
    initiative_transition(initiative=world.initiative, status=InitiativeStatus.RUNNING)
    page = logged_in.get(f"/indsatser/{world.initiative.slug}/").content.decode()
    assert "Ændringshistorik" in page
    assert "<strong>Fremdrift (%):</strong> – → 40" in page
    assert "<strong>Status:</strong> Godkendt → I gang" in page
    assert "Oprettet" in page


def test_the_public_does_not_see_who_changed_what(client: Client, world: ClusterWorld) -> None:
    initiative_set_progress(initiative=world.initiative, progress=40)
    page = client.get(f"/indsatser/{world.initiative.slug}/").content.decode()
    assert "Ændringshistorik" not in page


@pytest.mark.parametrize("page", ["initiative", "focus_area", "meeting", "collaboration"])
def test_history_adds_a_fixed_number_of_queries(logged_in: Client, world: ClusterWorld, page: str) -> None:
    url = {
        "initiative": f"/indsatser/{world.initiative.slug}/",
        "focus_area": f"/fokusomraader/{world.focus_area.slug}/",
        "meeting": f"/moeder/{world.meeting.pk}/",
        "collaboration": f"/samarbejder/{world.cluster.slug}/",
    }[page]
    before = queries_for(logged_in, url)
    for progress in range(1, 40):
        initiative_set_progress(initiative=world.initiative, progress=progress)
    assert queries_for(logged_in, url) == before


@pytest.mark.parametrize("page", ["body", "person", "party", "committee"])
def test_structure_records_show_their_history_to_logged_in_users(world: ClusterWorld, page: str) -> None:
    url = {
        "body": f"/organer/{world.political.slug}/",
        "person": f"/personer/{world.mayor.slug}/",
        "party": f"/parter/{world.municipality.slug}/",
        "committee": f"/udvalg/{world.municipality.committees.get().slug}/",
    }[page]
    assert "Ændringshistorik" in editor_of(world.municipality).get(url).content.decode()
    assert "Ændringshistorik" not in Client().get(url).content.decode()
