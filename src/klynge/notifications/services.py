"""Writes on subscriptions and members' choices: the rules, atomically. Called by klynge.notifications.commands."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from klynge.bodies.models import Body, Collaboration
from klynge.kernel.records import create_validated, update_validated
from klynge.notifications.models import MemberPreference, Scope, Subscription
from klynge.organisation.models import Topic


def subscription_create(
    *,
    user: Any | None,
    email: str,
    scope: Scope,
    body: Body | None = None,
    collaboration: Collaboration | None = None,
    topic: Topic | None = None,
    search_query: str = "",
    immediate: bool = True,
    weekly: bool = False,
    confirmed: bool,
) -> Subscription:
    """A subscription; one of an account is confirmed at once, one of an e-mail address alone is not."""
    return create_validated(
        Subscription,
        user=user,
        email=email,
        scope=scope,
        body=body,
        collaboration=collaboration,
        topic=topic,
        search_query=search_query,
        immediate=immediate,
        weekly=weekly,
        confirmed_at=timezone.now() if confirmed else None,
    )


def subscription_update(*, subscription: Subscription, immediate: bool, weekly: bool) -> Subscription:
    return update_validated(subscription, immediate=immediate, weekly=weekly)


def subscription_confirm(*, subscription: Subscription) -> Subscription:
    """Confirmed once; confirming again changes nothing."""
    if subscription.confirmed_at is not None:
        return subscription
    return update_validated(subscription, confirmed_at=timezone.now())


def subscription_delete(*, subscription: Subscription) -> None:
    with transaction.atomic():
        subscription.delete()


def member_preference_set(*, user: Any, **choices: bool) -> MemberPreference:
    """Set a user's choices (member_agendas, deadline_reminders); those not given stay."""
    with transaction.atomic():
        preference, _ = MemberPreference.objects.select_for_update().get_or_create(user=user)
        return update_validated(preference, **choices)
