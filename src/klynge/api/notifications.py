"""Subscriptions (e-mail notifications) and a member's or editor's choice of e-mails, as on the page
"Mine abonnementer" (/abonnementer/), through the same commands.

A caller with a token or session subscribes as their account (confirmed at once, e-mailed at the
account's address); without one, `email` is required and the address gets a confirmation link first
(202: nothing is sent until it is confirmed). Feeds of the same scopes, public content only:
/feeds/organ/<slug>.rss, /feeds/samarbejde/<slug>.rss, /feeds/emne/<slug>.rss, /feeds/soegning.rss?q=…
(`.atom` for Atom).
"""

from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Strict

from klynge.api.auth import READ_AUTH, WRITE_AUTH
from klynge.api.errors import LIST_ERRORS, WRITE_ERRORS, error_responses
from klynge.api.pagination import Pages
from klynge.api.schemas import STRIPPED, Id, Input, omittable
from klynge.notifications import commands, selectors
from klynge.notifications.models import MAX_SEARCH_QUERY, MemberPreference, Scope, Subscription

router = Router(tags=["Notifications"])
Flag = Annotated[bool, Strict()]  # true or false, not 0 or "yes"


class SubscriptionOut(Schema):
    id: int
    scope: Literal["body", "collaboration", "topic", "search"]
    label: str = Field(description="What it follows, in Danish.")
    body_id: int | None
    collaboration_id: int | None
    topic_id: int | None
    search_query: str
    immediate: bool = Field(description="An e-mail when an agenda is published or changed.")
    weekly: bool = Field(description="A weekly digest of what is new.")
    email: str
    confirmed: bool

    @staticmethod
    def resolve_label(obj: Subscription) -> str:
        return obj.scope_label

    @staticmethod
    def resolve_confirmed(obj: Subscription) -> bool:
        return obj.is_confirmed


class PendingOut(Schema):
    detail: str


class SubscriptionIn(Input):
    scope: Scope
    body: Id | None = None
    collaboration: Id | None = None
    topic: Id | None = None
    search_query: Annotated[str, STRIPPED, Field(max_length=MAX_SEARCH_QUERY)] = ""
    immediate: Flag = True
    weekly: Flag = False
    email: Annotated[str, STRIPPED, Field(max_length=254)] = Field(
        "", description="Only without a token or session: the address, which must confirm."
    )


class SubscriptionChangeIn(Input):
    immediate: Flag = omittable()
    weekly: Flag = omittable()


class PreferencesOut(Schema):
    member_agendas: bool
    deadline_reminders: bool


class PreferencesIn(Input):
    member_agendas: Flag = omittable()
    deadline_reminders: Flag = omittable()


@router.get("/subscriptions", response={200: list[SubscriptionOut], **LIST_ERRORS}, auth=READ_AUTH)
@paginate(Pages)
def list_subscriptions(request: HttpRequest) -> Any:
    """The caller's own subscriptions (none without a token or session: an address's subscriptions are
    managed by the links in its e-mails)."""
    return selectors.subscriptions_of(request.user)


@router.post(
    "/subscriptions",
    response={201: SubscriptionOut, 202: PendingOut, **error_responses(400, 401, 413, 422)},
    auth=READ_AUTH,
)
def create_subscription(request: HttpRequest, payload: SubscriptionIn) -> Any:
    """Subscribe to a body, a collaboration, a topic or a saved search (`search_query`, the search's
    syntax): at once (`immediate`), weekly, or both. Without a login: 202, and a confirmation e-mail."""
    command = commands.SubscriptionCreate(**payload.model_dump())
    subscription = commands.subscription_create(actor=request.user, command=command)
    if not subscription.is_confirmed:
        return Status(202, {"detail": "A confirmation e-mail has been sent to the address."})
    return Status(201, subscription)


@router.patch(
    "/subscriptions/{subscription_id}", response={200: SubscriptionOut, **WRITE_ERRORS}, auth=WRITE_AUTH
)
def change_subscription(request: HttpRequest, subscription_id: Id, payload: SubscriptionChangeIn) -> Any:
    """Change when the caller's subscription sends (at least one of `immediate`, `weekly`)."""
    command = commands.SubscriptionChange(
        subscription_id=subscription_id, **payload.model_dump(exclude_unset=True)
    )
    return commands.subscription_update(actor=request.user, command=command)


@router.delete("/subscriptions/{subscription_id}", response={204: None, **WRITE_ERRORS}, auth=WRITE_AUTH)
def delete_subscription(request: HttpRequest, subscription_id: Id) -> Any:
    """End the caller's subscription."""
    commands.subscription_delete(
        actor=request.user, command=commands.SubscriptionDelete(subscription_id=subscription_id)
    )
    return HttpResponse(status=204)


def _preferences(preference: MemberPreference) -> dict[str, Any]:
    return {"member_agendas": preference.member_agendas, "deadline_reminders": preference.deadline_reminders}


@router.get("/notification-preferences", response={200: PreferencesOut, **LIST_ERRORS}, auth=READ_AUTH)
def get_preferences(request: HttpRequest) -> Any:
    """Which e-mails the caller gets as member (agendas of their bodies) or editor (deadline reminders);
    without a token or session, none (no e-mails come by a role)."""
    if not request.user.is_authenticated:
        return {"member_agendas": False, "deadline_reminders": False}
    return _preferences(selectors.member_preference_of(request.user))


@router.patch("/notification-preferences", response={200: PreferencesOut, **WRITE_ERRORS}, auth=WRITE_AUTH)
def change_preferences(request: HttpRequest, payload: PreferencesIn) -> Any:
    """Turn the caller's member or editor e-mails on or off."""
    command = commands.MemberPreferenceChange(**payload.model_dump(exclude_unset=True))
    return _preferences(commands.member_preference_update(actor=request.user, command=command))
