"""follow_up_research_update: title, status and description change in one checked save; what the research
is attached to stays."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from klynge.kernel.records import record_version
from klynge.work.models import FollowUpResearch, FollowUpResearchStatus
from klynge.work.services import follow_up_research_create, follow_up_research_update
from tests.factories import ClusterWorld


@pytest.fixture
def research(world: ClusterWorld) -> FollowUpResearch:
    return follow_up_research_create(
        title="Mulighed for følgeforskning",
        status=FollowUpResearchStatus.CONSIDERED,
        focus_area=world.focus_area,
    )


def update(research: FollowUpResearch, **changes: Any) -> FollowUpResearch:
    fields: dict[str, Any] = {
        "research": research,
        "seen_version": record_version(research),
        "title": research.title,
        "status": research.status,
        "description": research.description,
    }
    fields.update(changes)
    return follow_up_research_update(**fields)


def stored(research: FollowUpResearch) -> FollowUpResearch:
    return FollowUpResearch.objects.get(pk=research.pk)


def test_title_status_and_description_change(world: ClusterWorld, research: FollowUpResearch) -> None:
    update(
        research,
        title="Følgeforskning ved Syddansk Universitet",
        status=FollowUpResearchStatus.RUNNING,
        description="Kvalitativ evaluering.",
    )

    changed = stored(research)
    assert (changed.title, changed.status, changed.description) == (
        "Følgeforskning ved Syddansk Universitet",
        FollowUpResearchStatus.RUNNING,
        "Kvalitativ evaluering.",
    )
    assert changed.focus_area == world.focus_area


def test_an_empty_title_is_refused(research: FollowUpResearch) -> None:
    with pytest.raises(ValidationError) as exc:
        update(research, title="", status=FollowUpResearchStatus.PLANNED)

    assert list(exc.value.message_dict) == ["title"]
    assert stored(research).status == FollowUpResearchStatus.CONSIDERED


def test_an_unknown_status_is_refused(research: FollowUpResearch) -> None:
    with pytest.raises(ValidationError) as exc:
        update(research, status="forgotten")

    assert list(exc.value.message_dict) == ["status"]


def test_a_stale_save_is_refused_and_the_newer_change_is_kept(research: FollowUpResearch) -> None:
    seen = record_version(research)
    update(research, status=FollowUpResearchStatus.PLANNED)

    with pytest.raises(ValidationError) as exc:
        update(research, seen_version=seen, status=FollowUpResearchStatus.COMPLETED)

    assert "mens du redigerede" in exc.value.messages[0]
    assert stored(research).status == FollowUpResearchStatus.PLANNED
