"""follow_up_research_create: follow-up research belongs to a focus area or an initiative."""

import pytest
from django.core.exceptions import ValidationError

from klynge.work.models import FollowUpResearch, FollowUpResearchStatus
from klynge.work.services import follow_up_research_create
from tests.factories import ClusterWorld

MESSAGE = "Følgeforskning hører til et fokusområde eller en indsats."


def test_without_focus_area_or_initiative_is_refused_and_nothing_is_saved(world: ClusterWorld) -> None:
    before = FollowUpResearch.objects.count()

    with pytest.raises(ValidationError) as exc:
        follow_up_research_create(title="Alkoholscreening", status=FollowUpResearchStatus.CONSIDERED)

    assert exc.value.messages == [MESSAGE]
    assert FollowUpResearch.objects.count() == before


def test_without_focus_area_or_initiative_is_reported_on_focus_area(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        follow_up_research_create(title="Alkoholscreening", status=FollowUpResearchStatus.CONSIDERED)

    assert exc.value.message_dict["focus_area"] == [MESSAGE]


def test_on_a_focus_area_or_an_initiative_is_accepted(world: ClusterWorld) -> None:
    follow_up_research_create(
        title="Den ældre medicinske patient",
        status=FollowUpResearchStatus.PLANNED,
        focus_area=world.focus_area,
    )
    follow_up_research_create(
        title="Evaluering af indsatsen", status=FollowUpResearchStatus.RUNNING, initiative=world.initiative
    )

    assert FollowUpResearch.objects.count() == 2
