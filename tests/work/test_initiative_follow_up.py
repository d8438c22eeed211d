"""Following up on an initiative in the app: status along the lifecycle and progress, by the right people."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from klynge.accounts.models import Role
from klynge.kernel.records import record_version
from klynge.work.models import Initiative, InitiativeStatus
from klynge.work.services import initiative_follow_up
from tests.clients import logged_in
from tests.factories import ClusterWorld, build_cluster
from tests.site.querycount import queries_for


def url(world: ClusterWorld) -> str:
    return f"/indsatser/{world.initiative.slug}/opfoelgning/"


def test_status_and_progress_are_saved_together(world: ClusterWorld) -> None:
    initiative = initiative_follow_up(
        initiative=world.initiative, status=InitiativeStatus.RUNNING, progress=30
    )
    assert (initiative.status, initiative.progress) == (InitiativeStatus.RUNNING, 30)


def test_an_invalid_step_saves_neither(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as error:
        initiative_follow_up(initiative=world.initiative, status=InitiativeStatus.COMPLETED, progress=90)
    assert "kan ikke gå fra »Godkendt« til »Afsluttet«" in error.value.message_dict["status"][0]
    world.initiative.refresh_from_db()
    assert (world.initiative.status, world.initiative.progress) == (InitiativeStatus.APPROVED, None)


def test_an_editor_of_a_participating_party_follows_up_in_the_app(world: ClusterWorld) -> None:
    editor = logged_in(email="kk@test.dk", role=Role.EDITOR, party=world.municipality)
    page = editor.get(f"/indsatser/{world.initiative.slug}/").content.decode()
    assert "Opdatér status og fremdrift" in page
    form = editor.get(url(world)).content.decode()
    assert "Afsluttet" not in form.split('name="status"')[1].split("</select>")[0]  # not a next step
    seen = record_version(world.initiative)
    response = editor.post(url(world), {"status": "running", "progress": "45", "seen_version": seen})
    assert response.status_code == 302
    world.initiative.refresh_from_db()
    assert (world.initiative.status, world.initiative.progress) == ("running", 45)


def test_bad_input_is_shown_in_danish_and_nothing_is_saved(world: ClusterWorld) -> None:
    editor = logged_in(email="kk@test.dk", role=Role.EDITOR, party=world.municipality)
    response = editor.post(url(world), {"status": "completed", "progress": "140"})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Fremdriften er en procent mellem 0 og 100." in page
    assert "Indsatsen kan ikke gå til den status herfra." in page  # completed is not a next step
    world.initiative.refresh_from_db()
    assert (world.initiative.status, world.initiative.progress) == ("approved", None)


def test_an_editor_of_another_party_cannot_change_it(world: ClusterWorld) -> None:
    other = build_cluster("Anden")
    outsider = logged_in(email="anden@test.dk", role=Role.EDITOR, party=other.municipality)
    assert (
        "Opdatér status og fremdrift"
        not in outsider.get(f"/indsatser/{world.initiative.slug}/").content.decode()
    )
    assert outsider.post(url(world), {"status": "running", "progress": "10"}).status_code == 403
    world.initiative.refresh_from_db()
    assert world.initiative.status == "approved"


def test_members_and_the_public_change_nothing(world: ClusterWorld) -> None:
    member = logged_in(email="m@test.dk", role=Role.MEMBER, person=world.mayor)
    assert member.post(url(world), {"status": "running"}).status_code == 403
    anonymous = Client().post(url(world), {"status": "running"})
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/log-ind/")
    world.initiative.refresh_from_db()
    assert world.initiative.status == "approved"


def test_a_stale_save_is_refused_and_says_what_changed(world: ClusterWorld) -> None:
    editor = logged_in(email="kk@test.dk", role=Role.EDITOR, party=world.municipality)
    seen = record_version(world.initiative)
    initiative_follow_up(initiative=world.initiative, status=InitiativeStatus.RUNNING, progress=20)
    response = editor.post(url(world), {"status": "running", "progress": "60", "seen_version": seen})
    page = response.content.decode()
    assert response.status_code == 422 and "mens du redigerede" in page and "fremdrift" in page
    assert Initiative.objects.get(pk=world.initiative.pk).progress == 20


def test_the_follow_up_page_makes_a_fixed_number_of_queries(world: ClusterWorld) -> None:
    editor = logged_in(email="kk@test.dk", role=Role.EDITOR, party=world.municipality)
    before = queries_for(editor, url(world))
    for i in range(10):
        build_cluster(f"Q{i}")
    for progress in range(1, 20):
        initiative_follow_up(initiative=world.initiative, progress=progress)
    assert queries_for(editor, url(world)) == before
