"""What every Danish form in the app shares: showing a service's refusal where it belongs."""

from django.core.exceptions import ValidationError
from django.forms import Form

# Service field names that a form shows under another name.
FORM_FIELD_OF = {"committee_meeting_date": "meeting_date"}


def add_service_errors(form: Form, error: ValidationError) -> None:
    """Show a service's refusal next to the field it concerns, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.message_dict.items():
        name = FORM_FIELD_OF.get(field, field)
        form.add_error(name if name in form.fields else None, field_errors)
