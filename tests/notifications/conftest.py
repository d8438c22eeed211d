"""Shared for the notification tests: a closed item on the world's meeting, accounts, subscriptions."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.meetings.models import AgendaItemKind, Meeting
from klynge.meetings.services import agenda_item_create
from klynge.meetings.signals import agenda_published
from klynge.notifications.models import Scope, Subscription
from tests.factories import ClusterWorld

CLOSED_TITLE = "Personsag om forhandling med leverandør"


@pytest.fixture
def closed_item(world: ClusterWorld) -> object:
    return agenda_item_create(
        meeting=world.meeting, title=CLOSED_TITLE, kind=AgendaItemKind.DISCUSSION, is_public=False
    )


def account(email: str, role: Role, **kwargs: object) -> object:
    user, _ = account_create(email=email, role=role, password="x", **kwargs)  # type: ignore[arg-type]
    return get_user_model().objects.select_related("account").get(pk=user.pk)


def anonymous_subscription(email: str, **scope: object) -> Subscription:
    return Subscription.objects.create(
        email=email, confirmed_at=timezone.now(), immediate=True, weekly=True, **scope
    )


def publish(meeting: Meeting, *, changed: bool = False) -> None:
    """What h15package's publish command sends (until it lands, the tests send it themselves)."""
    agenda_published.send(sender=Meeting, meeting=meeting, version=None, supplementary=False, changed=changed)


def body_scope(world: ClusterWorld) -> dict[str, object]:
    return {"scope": Scope.BODY, "body": world.political}


NOW = timezone.now
DAY = datetime.timedelta(days=1)
