"""klynge token create EMAIL [--name NAME] | klynge token list EMAIL | klynge token revoke PREFIX

`create` prints the new token as its last line; it is shown only this once.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from klynge.api.models import ApiToken
from klynge.api.selectors import tokens_of
from klynge.api.services import token_create, token_revoke


def _user_by_email(email: str) -> Any:
    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise CommandError(f"No account with the e-mail address '{email}'. Add one with `klynge user add`.")
    if not user.is_active:
        raise CommandError(f"The account '{email}' is deactivated.")
    return user


class Command(BaseCommand):
    help = "Create, list or revoke personal API tokens (sent as 'Authorization: Bearer TOKEN')."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a token for an account; prints it as the last line")
        create.add_argument("email")
        create.add_argument("--name", default="", help="what the token is for, e.g. 'dashboard'")
        listing = sub.add_parser("list", help="list an account's tokens")
        listing.add_argument("email")
        revoke = sub.add_parser("revoke", help="revoke a token by the beginning shown by `list`")
        revoke.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            user = _user_by_email(options["email"])
            token, secret = token_create(user=user, name=options["name"])
            self.stderr.write(
                f"Token {token.prefix}… created for {user.email}. Store it now; it cannot be shown again."
            )
            self.stdout.write(secret)
        elif action == "list":
            user = _user_by_email(options["email"])
            for token in tokens_of(user):
                state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "active"
                used = (
                    f"last used {token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never used"
                )
                self.stdout.write(f"{token.prefix}…\t{token.name or '-'}\t{state}\t{used}")
        else:
            prefix = options["prefix"].rstrip("…. ")
            matches = list(ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True)[:2])
            if not matches:
                raise CommandError(f"No active token begins with '{prefix}'. See `klynge token list EMAIL`.")
            if len(matches) > 1:
                raise CommandError(f"Several active tokens begin with '{prefix}'; revoke them in the admin.")
            token_revoke(token=matches[0])
            self.stdout.write(f"Token {matches[0].prefix}… revoked.")
