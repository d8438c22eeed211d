"""The admin's part in writing: the records the secretariat keeps in the app are read-only here, or
written through the same command functions as the pages and the API (`CommandAdmin`).

Meetings, agendas, decisions, allocations, funds, focus areas, initiatives, memberships and memos have
rules that span rows (row locks on funds, seats and agenda positions; the initiative lifecycle; the
authority rule; no lost updates), and the services enforce them. Writing those records only through the
commands keeps one path for every write: the admin shows them with their history, and where it edits
one (meetings, bodies and their members, seats and substitutes, people, committees, funds, trial
actions, follow-up research, health plans, the recipient's decision) it calls the same command as the
page and the API. It stays the place for reference data that no page or API writes (parties, topics,
sources, hospitals and areas), saved with the models' rules; tests/site/test_admin.py holds every admin
to one of the three.
"""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest


class EditedInAppAdmin:
    """Mix into a ModelAdmin or inline whose records are written through the app's services only."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CommandAdmin:
    """Mix into a ModelAdmin whose adds and changes go through the domain's command functions, the same
    the pages and the API call (`<domain>/commands.py`): `admin_write` builds the command from the admin
    form's cleaned data and calls the command function with the signed-in user as the actor. The command
    checks the user's rights (403), refuses what the rules refuse (its Danish messages shown on the admin
    form, next to the field where the form has it) and writes atomically; the history records the user.

    The write runs when the form is validated (inside the admin's transaction), so a refusal is shown on
    the form like any other error; the admin then only logs and redirects. Deleting is closed unless the
    admin defines `admin_delete`, which calls the domain's removal command (a refusal is a 403). No
    inlines that edit: their saves would bypass the command."""

    def admin_write(self, request: HttpRequest, data: dict[str, Any], record: Any) -> Any:
        """Build the command from `data` (the form's cleaned data) and call the command function for a new
        record (`record` None) or a change of `record`; return the saved record."""
        raise NotImplementedError

    def admin_delete(self, request: HttpRequest, record: Any) -> None:
        """Remove `record` by the domain's command, where it has one; not defined: nothing is deleted."""
        raise NotImplementedError

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form_class = super().get_form(request, obj, change=change, **kwargs)  # type: ignore[misc]
        admin = self

        class CommandForm(form_class):  # type: ignore[misc,valid-type]
            saved: Any = None

            def _post_clean(self) -> None:
                # The model's own validation is the command's (the service validates fully).
                if self.errors:
                    return
                try:
                    with transaction.atomic():
                        self.saved = admin.admin_write(request, dict(self.cleaned_data), obj)
                except ValidationError as error:
                    self.add_error(None, _on_form_fields(error, self.fields))

        return CommandForm

    def save_form(self, request: HttpRequest, form: Any, change: bool) -> Any:
        return form.saved

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Saved by the command already."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """The record's many-to-many fields are the command's; read-only inlines save nothing."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)  # type: ignore[attr-defined]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if type(self).admin_delete is CommandAdmin.admin_delete:
            return False
        return super().has_delete_permission(request, obj)  # type: ignore[misc]

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.delete_queryset(request, [obj])

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        try:
            with transaction.atomic():
                for record in queryset:
                    self.admin_delete(request, record)
        except ValidationError as error:
            raise PermissionDenied(" ".join(error.messages)) from error


def _on_form_fields(error: ValidationError, fields: Any) -> ValidationError:
    """The refusal with each message on its field where the admin form has it, on the form otherwise."""
    if not hasattr(error, "error_dict"):
        return error
    placed: dict[str, list[Any]] = {}
    for field, messages in error.error_dict.items():
        placed.setdefault(field if field in fields else NON_FIELD_ERRORS, []).extend(messages)
    return ValidationError(placed)
