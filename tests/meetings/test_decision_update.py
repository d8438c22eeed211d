"""Changing a decision's text and kind, with the authority rule and no lost updates."""

import pytest
from django.core.exceptions import ValidationError

from klynge.kernel.records import record_version
from klynge.meetings.models import Decision, DecisionKind
from klynge.meetings.services import decision_update
from tests.factories import ClusterWorld


def test_the_text_is_corrected(world: ClusterWorld) -> None:
    decision_update(
        decision=world.decision,
        seen_version=record_version(world.decision),
        kind=DecisionKind.JOINT,
        text="Rettet tekst.",
        topic=world.prevention_topic,
        recommended_to=None,
    )
    assert Decision.objects.get(pk=world.decision.pk).text == "Rettet tekst."


def test_a_joint_decision_on_the_regions_authority_is_refused(world: ClusterWorld) -> None:
    with pytest.raises(ValidationError) as error:
        decision_update(
            decision=world.decision,
            seen_version=None,
            kind=DecisionKind.JOINT,
            text="Ny tekst.",
            topic=world.hospitals_topic,
            recommended_to=None,
        )
    assert "Registrér beslutningen som en anbefaling" in error.value.message_dict["kind"][0]
    assert Decision.objects.get(pk=world.decision.pk).topic == world.prevention_topic


def test_a_stale_save_is_refused(world: ClusterWorld) -> None:
    seen = record_version(world.decision)
    arguments = {"kind": DecisionKind.JOINT, "topic": world.prevention_topic, "recommended_to": None}
    decision_update(decision=world.decision, seen_version=seen, text="Først.", **arguments)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="mens du redigerede"):
        decision_update(decision=world.decision, seen_version=seen, text="Bagefter.", **arguments)  # type: ignore[arg-type]
