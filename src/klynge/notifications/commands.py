"""Every write on subscriptions, one typed command and one function each (see klynge.kernel.commands).

The "Mine abonnementer" page's forms and the API's schemas build the same commands. A logged-in user
subscribes as their account (confirmed at once, e-mailed at the account's address); anyone else gives an
e-mail address, which gets a confirmation link first (double opt-in). A subscription is changed or
ended by its owner, or — without logging in — through the signed link in every e-mail.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import Http404

from klynge.kernel.commands import UNSET, Actor, Unset, merged, record_by_id, record_or_404, refuse
from klynge.kernel.inputs import control_character_problem
from klynge.notifications import selectors, services, tokens
from klynge.notifications.access import ensure_subscription_owner, may_subscribe_as_account
from klynge.notifications.models import MAX_SEARCH_QUERY, MemberPreference, Scope, Subscription

CHOOSE = "Vælg {what} fra listen."
EMAIL_REFUSAL = "Skriv en gyldig e-mailadresse, fx navn@kommune.dk."
ALREADY = "Du abonnerer allerede på dette. Ret det i listen ovenfor."
PREFERENCE_LABELS = {
    "member_agendas": "dagsordener for dine organer",
    "deadline_reminders": "frister for punkter",
}
BAD_LINK = "Linket er ugyldigt eller for gammelt. Tilmeld dig igen for at få et nyt."


@dataclass(frozen=True)
class SubscriptionCreate:
    scope: Scope
    body: int | None = None
    collaboration: int | None = None
    topic: int | None = None
    search_query: str = ""
    immediate: bool = True
    weekly: bool = False
    email: str = ""  # only without a login: the address to confirm


@dataclass(frozen=True)
class SubscriptionChange:
    subscription_id: int
    immediate: bool | Unset = UNSET
    weekly: bool | Unset = UNSET


@dataclass(frozen=True)
class SubscriptionDelete:
    subscription_id: int


@dataclass(frozen=True)
class SubscriptionConfirm:
    token: str


@dataclass(frozen=True)
class Unsubscribe:
    token: str


@dataclass(frozen=True)
class MemberPreferenceChange:
    member_agendas: bool | Unset = UNSET
    deadline_reminders: bool | Unset = UNSET


def _scope_arguments(command: SubscriptionCreate) -> dict[str, Any]:
    scope = Scope(command.scope)
    arguments: dict[str, Any] = {"scope": scope, "body": None, "collaboration": None, "topic": None}
    arguments["search_query"] = ""
    if scope == Scope.BODY:
        if command.body is None:
            refuse("body", "Vælg et organ.")
        arguments["body"] = record_by_id(
            selectors.body_choices(), command.body, field="body", message=CHOOSE.format(what="et organ")
        )
    elif scope == Scope.COLLABORATION:
        if command.collaboration is None:
            refuse("collaboration", "Vælg et samarbejde.")
        arguments["collaboration"] = record_by_id(
            selectors.collaboration_choices(),
            command.collaboration,
            field="collaboration",
            message=CHOOSE.format(what="et samarbejde"),
        )
    elif scope == Scope.TOPIC:
        if command.topic is None:
            refuse("topic", "Vælg et emne.")
        arguments["topic"] = record_by_id(
            selectors.topic_choices(), command.topic, field="topic", message=CHOOSE.format(what="et emne")
        )
    else:
        query = " ".join(command.search_query.split())
        problem = control_character_problem(query)
        if problem:
            refuse("search_query", problem)
        if not query:
            refuse("search_query", "Skriv hvad der skal søges efter.")
        if len(query) > MAX_SEARCH_QUERY:
            refuse("search_query", f"Skriv højst {MAX_SEARCH_QUERY} tegn.")
        arguments["search_query"] = query
    return arguments


def _frequency(immediate: bool, weekly: bool) -> None:
    if not immediate and not weekly:
        refuse("immediate", "Vælg straks, ugentligt overblik eller begge.")


def subscription_create(*, actor: Actor, command: SubscriptionCreate) -> Subscription:
    """Subscribe the logged-in actor, or (without a login) an e-mail address, which must confirm it.

    An address that already has the same subscription gets its confirmation again (if still unconfirmed)
    and the same answer as a new one: nobody learns from it what someone else subscribes to."""
    arguments = _scope_arguments(command)
    _frequency(command.immediate, command.weekly)
    if may_subscribe_as_account(actor):
        if selectors.same_subscription(user=actor, email=None, **arguments) is not None:
            refuse(None, ALREADY)
        return services.subscription_create(
            user=actor,
            email=getattr(actor, "email", ""),
            immediate=command.immediate,
            weekly=command.weekly,
            confirmed=True,
            **arguments,
        )
    email = command.email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        refuse("email", EMAIL_REFUSAL)
    existing = selectors.same_subscription(user=None, email=email, **arguments)
    if existing is None:
        subscription = services.subscription_create(
            user=None,
            email=email,
            immediate=command.immediate,
            weekly=command.weekly,
            confirmed=False,
            **arguments,
        )
    else:
        subscription = existing
    if not subscription.is_confirmed:
        from klynge.notifications.tasks import send_confirmation

        pk = subscription.pk
        transaction.on_commit(lambda: send_confirmation.enqueue(subscription_id=pk))
    return subscription


def subscription_update(*, actor: Actor, command: SubscriptionChange) -> Subscription:
    subscription = record_or_404(selectors.subscriptions_of(actor), command.subscription_id)
    ensure_subscription_owner(actor, subscription)
    current = {"immediate": subscription.immediate, "weekly": subscription.weekly}
    values = merged(current, command, exclude=["subscription_id"])
    _frequency(values["immediate"], values["weekly"])
    return services.subscription_update(
        subscription=subscription, immediate=values["immediate"], weekly=values["weekly"]
    )


def subscription_delete(*, actor: Actor, command: SubscriptionDelete) -> None:
    subscription = record_or_404(selectors.subscriptions_of(actor), command.subscription_id)
    ensure_subscription_owner(actor, subscription)
    services.subscription_delete(subscription=subscription)


def subscription_confirm(*, actor: Actor, command: SubscriptionConfirm) -> Subscription:
    """The confirmation link's: whoever holds it confirms (it went to the address only)."""
    try:
        pk = tokens.read_confirm_token(command.token)
    except tokens.BadToken:
        refuse(None, BAD_LINK)
    subscription = Subscription.objects.filter(pk=pk).first()
    if subscription is None:
        refuse(None, BAD_LINK)
    return services.subscription_confirm(subscription=subscription)


def unsubscribe(*, actor: Actor, command: Unsubscribe) -> str:
    """The one-click link's (RFC 8058): ends the subscription, or turns off a member's e-mails of one
    kind. Answers what it ended, in Danish; a subscription already ended is no error (the link may be
    followed twice)."""
    try:
        target = tokens.read_unsubscribe_token(command.token)
    except tokens.BadToken as error:
        raise Http404 from error
    if "s" in target:
        subscription = Subscription.objects.filter(pk=target["s"]).first()
        if subscription is None:
            return "Abonnementet er allerede afmeldt."
        label = subscription.scope_label
        services.subscription_delete(subscription=subscription)
        return f"Du er afmeldt abonnementet ({label})."
    user = selectors.user_by_id(target["u"])
    if user is None:
        raise Http404
    services.member_preference_set(user=user, **{target["p"]: False})
    label = PREFERENCE_LABELS[target["p"]]
    return f"Du får ikke længere e-mails om {label}."


def member_preference_update(*, actor: Actor, command: MemberPreferenceChange) -> MemberPreference:
    if not (actor.is_authenticated and getattr(actor, "pk", None)):
        raise Http404
    current = selectors.member_preference_of(actor)
    values = merged(
        {"member_agendas": current.member_agendas, "deadline_reminders": current.deadline_reminders},
        command,
    )
    return services.member_preference_set(user=actor, **values)


def read_unsubscribe_link(token: str) -> None:
    """A made-up or broken unsubscribe link is a 404 (its page is shown only for a real one)."""
    try:
        tokens.read_unsubscribe_token(token)
    except tokens.BadToken as error:
        raise Http404 from error
