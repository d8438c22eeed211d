"""Signed links in e-mails: confirming a subscription (double opt-in) and unsubscribing in one click.

The link carries what it concerns, signed with the site's secret key (django.core.signing), so it needs
no login and cannot be made up for someone else's subscription. A confirmation link lasts a week; an
unsubscribe link lasts as long as what it unsubscribes from.
"""

from typing import Any

from django.core import signing

CONFIRM_SALT = "klynge.notifications.confirm"
UNSUBSCRIBE_SALT = "klynge.notifications.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600
# What a member's or editor's one-click link turns off (MemberPreference fields).
PREFERENCES = ("member_agendas", "deadline_reminders")


class BadToken(ValueError):
    """The link is broken, made up or (for a confirmation) too old."""


def confirm_token(subscription_id: int) -> str:
    return signing.dumps({"s": subscription_id}, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token: str) -> int:
    try:
        value: Any = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
        return int(value["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise BadToken(str(error)) from error


def unsubscribe_token(
    *, subscription_id: int | None = None, user_id: int | None = None, preference: str = ""
) -> str:
    """For a subscription, or for a user's e-mails of one kind (a MemberPreference field)."""
    if subscription_id is not None:
        return signing.dumps({"s": subscription_id}, salt=UNSUBSCRIBE_SALT, compress=True)
    if user_id is None or preference not in PREFERENCES:
        raise ValueError("An unsubscribe token is for a subscription or for a user's preference.")
    return signing.dumps({"u": user_id, "p": preference}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> dict[str, Any]:
    """{"s": subscription id} or {"u": user id, "p": preference}."""
    try:
        value: Any = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise BadToken(str(error)) from error
    if isinstance(value, dict) and isinstance(value.get("s"), int):
        return {"s": value["s"]}
    if isinstance(value, dict) and isinstance(value.get("u"), int) and value.get("p") in PREFERENCES:
        return {"u": value["u"], "p": value["p"]}
    raise BadToken("Not an unsubscribe token.")
