"""The one flow every editing page in the app follows, whatever it edits.

The view checks access (an `access_*` helper), builds a Danish form and hands both the form and the
service call to `save_form`; the service holds the rules. A refusal is shown next to the field it
concerns and everything the editor wrote is kept.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from klynge.site.forms import add_service_errors, keep_input_after_refusal

T = TypeVar("T")


def save_form(
    request: HttpRequest,
    form: Form,
    save: Callable[[dict[str, Any]], T],
    *,
    success: str,
    record: Model | None = None,
) -> T | None:
    """On a valid POST, run `save` with the cleaned data and return what it saved; otherwise (a GET, bad
    input or a refusal by the service) return None, so the view shows the form again with its errors.

    `record` is the record being changed: after a refusal its current version becomes the one the editor
    has seen, so saving again is a deliberate choice over the newer copy."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = save(form.cleaned_data)
    except ValidationError as error:
        if record is None:
            add_service_errors(form, error)
        else:
            keep_input_after_refusal(form, request, error, record)
        return None
    messages.success(request, success)
    return saved


def edit_page(
    request: HttpRequest,
    form: Form,
    *,
    heading: str,
    subheading: str = "",
    cancel_url: str,
    crumbs: tuple[str, ...] = (),
    submit: str = "Gem",
    intro: str = "",
) -> HttpResponse:
    """The editing page: heading, the form with its errors, save and cancel.

    `crumbs` are breadcrumb pairs (label, URL name or path) before the page itself, as for {% breadcrumbs %}."""
    return render(
        request,
        "web/edit_form.html",
        {
            "form": form,
            "heading": heading,
            "subheading": subheading,
            "cancel_url": cancel_url,
            "crumbs": crumbs,
            "submit": submit,
            "intro": intro,
        },
    )


def command_page(
    request: HttpRequest,
    form: Form,
    write: Callable[[], T],
    *,
    success: str,
    done: Callable[[T], Any],
    heading: str,
    cancel_url: str,
    record: Model | None = None,
    subheading: str = "",
    crumbs: tuple[str, ...] = (),
    submit: str = "Gem",
    intro: str = "",
) -> HttpResponse:
    """An editing page's whole flow: on a valid POST call the command (`write`, which builds it from the
    form) and redirect to `done(saved)` (a URL or a record with its own page); otherwise the editing page
    (`edit_page`) with the form, its errors and everything written kept. `record` as for `save_form`."""
    saved = save_form(request, form, lambda data: write(), success=success, record=record)
    if saved is not None:
        return redirect(done(saved))
    return edit_page(
        request,
        form,
        heading=heading,
        subheading=subheading,
        cancel_url=cancel_url,
        crumbs=crumbs,
        submit=submit,
        intro=intro,
    )
