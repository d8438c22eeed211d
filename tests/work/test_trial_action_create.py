"""trial_action_create: a trial action named in the source has a name; approval is political."""

import pytest
from django.core.exceptions import ValidationError

from klynge.meetings.models import AgendaItemKind, DecisionKind, MeetingStatus
from klynge.meetings.services import agenda_item_create, decision_create, meeting_create
from klynge.work.models import TrialAction
from klynge.work.services import trial_action_create
from tests.factories import HELD_ON, ClusterWorld, build_cluster

# The world's focus area already has trial action no. 1.


def test_a_named_trial_action_without_name_is_refused(world: ClusterWorld) -> None:
    before = TrialAction.objects.count()

    with pytest.raises(ValidationError) as exc:
        trial_action_create(focus_area=world.focus_area, position=2, name="", named_in_source=True)

    assert exc.value.message_dict == {"name": ["En navngivet prøvehandling skal have et navn."]}
    assert TrialAction.objects.count() == before


def test_a_trial_action_the_source_only_counts_may_be_unnamed(world: ClusterWorld) -> None:
    # "Six trial actions approved": the memo names only some of them.
    trial_action = trial_action_create(
        focus_area=world.focus_area, position=2, named_in_source=False, approved_by=world.decision
    )

    assert trial_action.display_name == "Prøvehandling 2 (ikke navngivet i kilden)"


def test_approval_by_a_professional_body_is_refused(world: ClusterWorld) -> None:
    meeting = meeting_create(body=world.professional, date=HELD_ON, status=MeetingStatus.HELD)
    agenda_item = agenda_item_create(meeting=meeting, title="Prøvehandlinger", kind=AgendaItemKind.DECISION)
    decision = decision_create(
        agenda_item=agenda_item,
        kind=DecisionKind.JOINT,
        text="Fagligt niveau godkender.",
        topic=world.prevention_topic,
    )
    before = TrialAction.objects.count()

    with pytest.raises(ValidationError) as exc:
        trial_action_create(
            focus_area=world.focus_area, position=2, name="Direkte henvisning", approved_by=decision
        )

    assert exc.value.message_dict == {"approved_by": ["En prøvehandling godkendes af et politisk organ."]}
    assert TrialAction.objects.count() == before


def test_the_approving_decision_belongs_to_the_focus_areas_collaboration(world: ClusterWorld) -> None:
    other = build_cluster("Anden")
    with pytest.raises(ValidationError) as error:
        trial_action_create(
            focus_area=world.focus_area, position=9, name="Forkert", approved_by=other.decision
        )
    assert "fokusområdet ikke hører til" in error.value.message_dict["approved_by"][0]
