"""The recipient's decision on a recommendation: what the regional council decided on a health council's
indstilling, or a party on a cluster's anbefaling, recorded by the secretariat from the recipient's minutes
and shown with the recommendation on the meeting page."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from klynge.meetings import commands
from klynge.meetings.access import ensure_meeting_edit, visible_agenda_items
from klynge.meetings.models import RECOMMENDING_KINDS, Decision, ResponseOutcome
from klynge.meetings.selectors import decisions_to_edit
from klynge.site.editing import command_page
from klynge.site.forms import DanishForm, DateField

MAX_PK = 2**63 - 1


class RecommendationResponseForm(DanishForm):
    outcome = forms.ChoiceField(
        label="Udfald",
        choices=ResponseOutcome.choices,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={"required": "Vælg, hvad modtageren besluttede."},
    )
    decided_on = DateField(
        label="Besluttet den", error_messages={"required": "Skriv datoen for beslutningen."}
    )
    text = forms.CharField(
        label="Beslutning",
        required=False,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 4}),
        help_text="Modtagerens beslutning, som den står i referatet.",
    )
    reference = forms.URLField(
        label="Henvisning",
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "form-input"}),
        help_text="Adressen på referatet eller beslutningen.",
        error_messages={"invalid": "Skriv en gyldig webadresse."},
    )

    def command(self, decision: Decision) -> commands.RecommendationResponseRecord:
        data = self.cleaned_data
        return commands.RecommendationResponseRecord(
            decision_id=decision.pk,
            outcome=ResponseOutcome(data["outcome"]),
            decided_on=data["decided_on"],
            text=data["text"],
            reference=data["reference"],
        )


def _recommendation_or_404(request: HttpRequest, pk: int) -> Decision:
    visible = visible_agenda_items(request.user)
    decision = (
        decisions_to_edit(visible=visible).select_related("recommended_to").filter(pk=pk).first()
        if pk <= MAX_PK
        else None
    )
    if decision is None or decision.kind not in RECOMMENDING_KINDS:
        raise Http404("Anbefalingen findes ikke.")
    ensure_meeting_edit(request.user, decision.agenda_item.meeting)
    return decision


def _initial(decision: Decision) -> dict[str, Any]:
    response = getattr(decision, "response", None)
    if response is None:
        return {}
    return {
        "outcome": response.outcome,
        "decided_on": response.decided_on,
        "text": response.text,
        "reference": response.reference,
    }


@login_required
def recommendation_response_view(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _recommendation_or_404(request, pk)
    item = decision.agenda_item
    back = item.get_absolute_url()
    form = RecommendationResponseForm(request.POST or None, initial=_initial(decision))
    recipient = decision.recommended_to.name if decision.recommended_to else "modtageren"
    return command_page(
        request,
        form,
        lambda: commands.recommendation_response_record(actor=request.user, command=form.command(decision)),
        success="Modtagerens beslutning er registreret.",
        done=lambda _saved: back,
        heading=f"Beslutning hos {recipient}",
        subheading=f"{decision.get_kind_display()}: {decision.text[:200]}",
        intro="Registrér, hvad modtageren besluttede om anbefalingen, med henvisning til referatet.",
        cancel_url=back,
        crumbs=("Møder", "meetings:meeting_list"),
    )


@login_required
@require_POST
def recommendation_response_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _recommendation_or_404(request, pk)
    try:
        commands.recommendation_response_remove(
            actor=request.user, command=commands.RecommendationResponseRemove(decision_id=decision.pk)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Modtagerens beslutning er fjernet.")
    return redirect(decision.agenda_item.get_absolute_url())
