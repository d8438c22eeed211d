"""What every Danish form in the app shares: showing a service's refusal where it belongs."""

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import Form
from django.http import HttpRequest

from klynge.records import record_version

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


def keep_input_after_refusal(form: Form, request: HttpRequest, error: ValidationError, record: Model) -> None:
    """After a refused save: show why, keep everything the user wrote, and take the record's current
    version as the one they have now seen, so saving again is a deliberate choice over the newer copy."""
    add_service_errors(form, error)
    resubmit = request.POST.copy()
    resubmit["seen_version"] = str(record_version(record))
    form.data = resubmit
