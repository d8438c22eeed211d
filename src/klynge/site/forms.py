"""What every Danish form in the app shares: its base class (`DanishForm`, which refuses control
characters in text and dates outside 1900–2200), Danish dates and amounts, and showing a service's
refusal where it belongs."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import Form
from django.http import HttpRequest

from klynge.kernel.formatting import danish_kroner, parse_danish_amount
from klynge.kernel.inputs import refuse_control_characters, refuse_dates_out_of_range, without_null_validator
from klynge.kernel.records import record_version

# Service field names that a form shows under another name.
FORM_FIELD_OF = {"committee_meeting_date": "meeting_date"}


def guard_field(field: forms.Field) -> None:
    """Give a field the app's limits on input (klynge.kernel.inputs): no control characters in text, dates within
    1900–2200. Idempotent."""
    if isinstance(field, forms.CharField) and refuse_control_characters not in field.validators:
        field.validators = [*without_null_validator(field.validators), refuse_control_characters]
    elif (
        isinstance(field, forms.DateField | forms.DateTimeField)
        and refuse_dates_out_of_range not in field.validators
    ):
        field.validators = [*field.validators, refuse_dates_out_of_range]


class DanishForm(forms.Form):
    """The base of every form in the app. Every text field refuses control characters and every date
    field dates outside 1900–2200, with a Danish message next to the field, including fields a form adds
    in its __init__ (they are guarded when the form is validated)."""

    def full_clean(self) -> None:
        for field in self.fields.values():
            guard_field(field)
        super().full_clean()


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


class DanishAmountField(forms.CharField):
    """An amount in kroner as Danes write it ("1.400.000", "250.000,50", "1,4 mio.", "350.000 kr.").

    More than zero, unless `allow_zero` (a fund whose frame is nil, say); never negative."""

    def __init__(self, *, allow_zero: bool = False, **kwargs: Any) -> None:
        self.allow_zero = allow_zero
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"class": "form-input input-width-m", "inputmode": "decimal"})
        )
        kwargs.setdefault("help_text", "I kroner, fx 350.000 eller 1,4 mio.")
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | int):
            return danish_kroner(value)
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            amount = parse_danish_amount(text)
        except ValueError:
            raise ValidationError(
                "Skriv beløbet i kroner, fx 350.000 eller 1,4 mio.", code="invalid"
            ) from None
        if amount < 0 or (amount == 0 and not self.allow_zero):
            raise ValidationError(
                "Beløbet kan ikke være negativt." if amount < 0 else "Beløbet skal være større end 0.",
                code="min_value",
            )
        if amount >= Decimal(10**12):
            raise ValidationError("Beløbet er for stort.", code="max_value")
        return amount


class DateField(forms.DateField):
    """A date picked in the browser's date field (sent as YYYY-MM-DD), or typed as 14.12.2023."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            forms.DateInput(attrs={"type": "date", "class": "form-input input-width-s"}, format="%Y-%m-%d"),
        )
        kwargs.setdefault("input_formats", ["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"])
        kwargs.setdefault("error_messages", {"invalid": "Skriv datoen som dd.mm.åååå, fx 14.12.2023."})
        super().__init__(**kwargs)
