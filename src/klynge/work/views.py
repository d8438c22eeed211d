"""Focus areas and initiatives."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from klynge.bodies.access import access_collaboration_edit
from klynge.meetings.access import visible_agenda_items
from klynge.records import record_version
from klynge.web.forms import keep_input_after_refusal
from klynge.work.forms import InitiativeFollowUpForm
from klynge.work.models import InitiativeStatus
from klynge.work.selectors import focus_area_detail as select_focus_area
from klynge.work.selectors import focus_area_list as select_focus_areas
from klynge.work.selectors import initiative_detail as select_initiative
from klynge.work.selectors import initiative_family, initiative_rows_for_focus_area
from klynge.work.selectors import initiative_list as select_initiatives
from klynge.work.services import initiative_follow_up


def focus_area_list(request: HttpRequest) -> HttpResponse:
    return render(request, "work/focus_area_list.html", {"focus_areas": select_focus_areas()})


def focus_area_detail(request: HttpRequest, slug: str) -> HttpResponse:
    focus_area = select_focus_area(slug=slug, visible=visible_agenda_items(request.user))
    if focus_area is None:
        raise Http404("Fokusområdet findes ikke.")
    return render(
        request,
        "work/focus_area_detail.html",
        {"focus_area": focus_area, "initiative_rows": initiative_rows_for_focus_area(focus_area=focus_area)},
    )


def initiative_list(request: HttpRequest) -> HttpResponse:
    return render(request, "work/initiative_list.html", {"groups": select_initiatives()})


def initiative_detail(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = select_initiative(slug=slug, visible=visible_agenda_items(request.user))
    if initiative is None:
        raise Http404("Indsatsen findes ikke.")
    return render(
        request,
        "work/initiative_detail.html",
        {
            "initiative": initiative,
            "family": initiative_family(initiative=initiative),
            "can_edit": access_collaboration_edit(request.user, initiative.collaboration),
        },
    )


@login_required
def initiative_follow_up_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Change an initiative's status along its lifecycle and record its progress."""
    initiative = select_initiative(slug=slug, visible=visible_agenda_items(request.user))
    if initiative is None:
        raise Http404("Indsatsen findes ikke.")
    if not access_collaboration_edit(request.user, initiative.collaboration):
        raise PermissionDenied("Du kan kun ændre indsatser i samarbejder, din part deltager i.")
    initial = {
        "status": initiative.status,
        "progress": initiative.progress,
        "seen_version": record_version(initiative),
    }
    form = InitiativeFollowUpForm(request.POST or None, initial=initial, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            initiative_follow_up(
                initiative=initiative,
                status=InitiativeStatus(form.cleaned_data["status"]),
                progress=form.cleaned_data["progress"],
                seen_version=form.cleaned_data["seen_version"],
            )
        except ValidationError as error:
            keep_input_after_refusal(form, request, error, initiative)
        else:
            messages.success(request, "Indsatsens status og fremdrift er gemt.")
            return redirect("work:initiative_detail", slug=initiative.slug)
    return render(request, "work/initiative_follow_up.html", {"initiative": initiative, "form": form})
