"""'Mine abonnementer' (/abonnementer/): subscribe, change and end subscriptions, choose a member's
e-mails; the confirmation and one-click unsubscribe links of the e-mails; the RSS/Atom feeds."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from klynge.notifications import commands, selectors
from klynge.notifications.models import Scope
from klynge.site.forms import add_service_errors
from klynge.site.notifications.forms import FrequencyForm, PreferenceForm, SubscriptionForm

SUBSCRIBED = "Abonnementet er oprettet."
CHECK_MAIL = (
    "Tak. Vi har sendt en e-mail til {email} med et link, du skal klikke på for at bekræfte abonnementet."
)


def _prefill(request: HttpRequest) -> dict[str, Any]:
    """Arriving from a body's, a collaboration's or the search page: what to follow, filled in."""
    initial: dict[str, Any] = {"immediate": True}
    for param, scope in (("organ", Scope.BODY), ("samarbejde", Scope.COLLABORATION), ("emne", Scope.TOPIC)):
        value = request.GET.get(param, "")
        if value.isdigit():
            initial.update(scope=scope.value, **{scope.value: int(value)})
    if request.GET.get("soegning"):
        initial.update(scope=Scope.SEARCH.value, search_query=request.GET["soegning"][:200])
    return initial


def subscriptions_page(request: HttpRequest) -> HttpResponse:
    """Logged in: the user's subscriptions, a new one, and their choices as member or editor. Not logged
    in: subscribe an e-mail address (which then confirms it)."""
    user = request.user
    anonymous = not user.is_authenticated
    if request.method == "POST" and request.POST.get("action") == "preferences" and not anonymous:
        return _preferences_change(request)
    form = SubscriptionForm(
        request.POST if request.method == "POST" else None, initial=_prefill(request), with_email=anonymous
    )
    if request.method == "POST" and form.is_valid():
        try:
            subscription = commands.subscription_create(actor=user, command=form.command())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if anonymous:
                messages.success(request, CHECK_MAIL.format(email=subscription.email))
            else:
                messages.success(request, SUBSCRIBED)
            return redirect("notifications:subscriptions")
    subscriptions = list(selectors.subscriptions_of(user))
    context: dict[str, Any] = {
        "form": form,
        "anonymous": anonymous,
        "subscriptions": [
            (s, FrequencyForm(initial={"immediate": s.immediate, "weekly": s.weekly}, prefix=f"a{s.pk}"))
            for s in subscriptions
        ],
    }
    if not anonymous:
        preference = selectors.member_preference_of(user)
        context["preference_form"] = PreferenceForm(
            initial={
                "member_agendas": preference.member_agendas,
                "deadline_reminders": preference.deadline_reminders,
            }
        )
    status = 422 if form.errors else 200
    return render(request, "notifications/subscriptions.html", context, status=status)


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for text in error.messages:
        messages.error(request, text)


@login_required
@require_POST
def subscription_change(request: HttpRequest, pk: int) -> HttpResponse:
    form = FrequencyForm(request.POST, prefix=f"a{pk}")
    if form.is_valid():
        try:
            commands.subscription_update(actor=request.user, command=form.command(pk))
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, "Abonnementet er ændret.")
    return redirect("notifications:subscriptions")


@login_required
@require_POST
def subscription_delete(request: HttpRequest, pk: int) -> HttpResponse:
    commands.subscription_delete(actor=request.user, command=commands.SubscriptionDelete(subscription_id=pk))
    messages.success(request, "Abonnementet er slettet.")
    return redirect("notifications:subscriptions")


def _preferences_change(request: HttpRequest) -> HttpResponse:
    """The member's or editor's choice of e-mails (the page's second form, `action=preferences`)."""
    form = PreferenceForm(request.POST)
    if form.is_valid():
        commands.member_preference_update(actor=request.user, command=form.command())
        messages.success(request, "Dine valg er gemt.")
    return redirect("notifications:subscriptions")


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The double opt-in's link: a page with one button (a mail program's link checker that opens the
    link confirms nothing); the button confirms."""
    if request.method == "POST":
        try:
            subscription = commands.subscription_confirm(
                actor=request.user, command=commands.SubscriptionConfirm(token=token)
            )
        except ValidationError as error:
            return render(
                request,
                "notifications/confirm.html",
                {"error": error.messages[0], "token": token},
                status=422,
            )
        return render(request, "notifications/confirm.html", {"done": subscription, "token": token})
    return render(request, "notifications/confirm.html", {"token": token})


@csrf_exempt  # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" without a session
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The one-click unsubscribe link of every e-mail: GET shows one button, POST (the button, or a mail
    program's List-Unsubscribe-Post) unsubscribes. A made-up link is a 404."""
    if request.method == "POST":
        done = commands.unsubscribe(actor=request.user, command=commands.Unsubscribe(token=token))
        return render(request, "notifications/unsubscribe.html", {"done": done, "token": token})
    commands.read_unsubscribe_link(token)
    return render(request, "notifications/unsubscribe.html", {"token": token})
