"""Catchment pages: which hospital, and which cluster or council, an area belongs to on a date; and the
import of the region's yearly revision.

Reading is public. Importing is for administrators only (`klynge.catchment.access` says why).
"""

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from klynge.bodies.selectors import catchment_lookup, catchment_overview
from klynge.catchment import commands, selectors
from klynge.catchment.access import access_catchment_import, ensure_catchment_import
from klynge.catchment.examples import EXAMPLE_FILE
from klynge.catchment.importing import COLUMNS
from klynge.catchment.models import CatchmentRule
from klynge.site.catchment.forms import CatchmentImportForm, CatchmentLookupForm
from klynge.site.editing import save_form


def lookup(request: HttpRequest) -> HttpResponse:
    areas = selectors.lookup_areas()
    specialties = list(selectors.specialties_all())
    form = CatchmentLookupForm(request.GET or None, areas=areas, specialties=specialties)
    day = datetime.date.today()
    answer = None
    history: list[CatchmentRule] = []
    specialty = None
    if form.is_bound and form.is_valid():
        day = form.cleaned_data["dato"] or day
        specialty = next((s for s in specialties if s.slug == form.cleaned_data["speciale"]), None)
        if form.cleaned_data["omraade"]:
            area = selectors.area_by_key(key=form.cleaned_data["omraade"])
            answer = catchment_lookup(area=area, day=day, specialty=specialty)
            history = selectors.catchment_history(area=area)
    return render(
        request,
        "catchment/lookup.html",
        {
            "form": form,
            "day": day,
            "answer": answer,
            "history": history,
            "specialty": specialty,
            "overview": catchment_overview(day=day, specialty=specialty),
            "can_import": access_catchment_import(request.user),
        },
    )


@login_required
def import_view(request: HttpRequest) -> HttpResponse:
    ensure_catchment_import(request.user)
    form = (
        CatchmentImportForm(request.POST, request.FILES)
        if request.method == "POST"
        else CatchmentImportForm()
    )
    saved = save_form(
        request,
        form,
        lambda data: commands.catchment_rules_import(actor=request.user, command=form.command()),
        success="Optageområderne er indlæst.",
    )
    if saved is not None:
        return redirect("catchment:lookup")
    return render(request, "catchment/import.html", {"form": form, "columns": COLUMNS})


def example_file(request: HttpRequest) -> HttpResponse:
    """The example file, to download and try (an invented revision, labelled so in its first line)."""
    response = HttpResponse(EXAMPLE_FILE.read_bytes(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, EXAMPLE_FILE.name)
    return response
