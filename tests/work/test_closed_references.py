"""A focus area decided on, an initiative or a trial action approved on a closed agenda item: the item
(its title, its place on the agenda) shows only to those who may see it; the others are told it is closed."""

import pytest
from django.test import Client

from klynge.meetings.models import AgendaItem, AgendaItemKind, DecisionKind
from klynge.meetings.services import agenda_item_create, decision_create
from klynge.work.models import FocusArea, FocusAreaStatus, Initiative
from klynge.work.services import focus_area_create, initiative_approve, initiative_create, trial_action_create
from tests.clients import editor_of
from tests.factories import ClusterWorld, build_cluster

CLOSED = "Lukket punkt om prioriteringer"


@pytest.fixture
def closed(world: ClusterWorld) -> tuple[AgendaItem, FocusArea, Initiative]:
    item = agenda_item_create(
        meeting=world.meeting, title=CLOSED, kind=AgendaItemKind.DECISION, is_public=False
    )
    decision = decision_create(agenda_item=item, kind=DecisionKind.COORDINATION, text="Godkendt lukket.")
    focus_area = focus_area_create(
        name="Lukket valgt fokusområde",
        collaborations=[world.cluster],
        status=FocusAreaStatus.ADOPTED,
        decided_at=item,
    )
    initiative = initiative_create(name="Lukket godkendt indsats", collaboration=world.cluster)
    initiative = initiative_approve(initiative=initiative, decision=decision)
    trial_action_create(focus_area=focus_area, name="Lukket godkendt prøvehandling", approved_by=decision)
    return item, focus_area, initiative


def pages(focus_area: FocusArea, initiative: Initiative) -> list[str]:
    return [
        "/fokusomraader/",
        f"/fokusomraader/{focus_area.slug}/",
        f"/indsatser/{initiative.slug}/",
        f"/samarbejder/{initiative.collaboration.slug}/",
    ]


def test_the_closed_item_is_not_shown_to_the_public(closed: tuple[AgendaItem, FocusArea, Initiative]) -> None:
    item, focus_area, initiative = closed
    outsider = editor_of(build_cluster("Anden").municipality)
    for client in (Client(), outsider):
        for url in pages(focus_area, initiative):
            html = client.get(url).content.decode()
            assert CLOSED not in html and f"#{item.anchor}" not in html, url
        html = client.get(f"/fokusomraader/{focus_area.slug}/").content.decode()
        assert "et lukket dagsordenspunkt, som du ikke har adgang til at se" in html
        assert "på et lukket punkt" in html  # the trial action's approval
        html = client.get(f"/indsatser/{initiative.slug}/").content.decode()
        assert "Ved en beslutning på et lukket dagsordenspunkt" in html


def test_the_closed_item_is_shown_to_those_who_may_see_it(
    world: ClusterWorld, closed: tuple[AgendaItem, FocusArea, Initiative]
) -> None:
    item, focus_area, initiative = closed
    client = editor_of(world.municipality)
    for url in pages(focus_area, initiative):
        assert f"#{item.anchor}" in client.get(url).content.decode(), url
    assert CLOSED in client.get(f"/indsatser/{initiative.slug}/").content.decode()
    assert CLOSED in client.get(f"/fokusomraader/{focus_area.slug}/").content.decode()


def test_an_editor_of_a_co_owning_collaboration_does_not_see_the_closed_item_in_the_form(
    world: ClusterWorld, closed: tuple[AgendaItem, FocusArea, Initiative]
) -> None:
    item, focus_area, _ = closed
    other = build_cluster("Anden")
    focus_area.collaborations.add(other.cluster)
    client = editor_of(other.municipality)
    html = client.get(f"/fokusomraader/{focus_area.slug}/rediger/").content.decode()
    assert CLOSED not in html
    assert "Et lukket dagsordenspunkt, som du ikke har adgang til at se (uændret)" in html
    assert f'name="decided_at" value="{item.pk}"' in html  # kept as it is when the form is saved
    own = editor_of(world.municipality, "own@test.dk").get(f"/fokusomraader/{focus_area.slug}/rediger/")
    assert CLOSED in own.content.decode()
