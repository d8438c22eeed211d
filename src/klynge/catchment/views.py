"""Catchment pages: which hospital, and which cluster or council, an area belongs to on a date; and the
import of the region's yearly revision.

Reading is public. Importing is for administrators only: catchment is the region's reference data for
every collaboration at once (Copenhagen's districts lie in two clusters), a revision ends rules that all
clusters' answers depend on, and no secretariat editor owns it — unlike a cluster's own records.
"""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from klynge.accounts.access import is_administrator
from klynge.catchment import selectors, services
from klynge.catchment.examples import EXAMPLE_FILE
from klynge.catchment.forms import CatchmentImportForm, CatchmentLookupForm
from klynge.catchment.importing import COLUMNS
from klynge.catchment.models import CatchmentRule
from klynge.site.editing import save_form

NO_IMPORT_RIGHTS = (
    "Kun administratorer kan indlæse optageområder: de er regionens fælles referencedata for alle klynger."
)


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
            answer = selectors.catchment_lookup(area=area, day=day, specialty=specialty)
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
            "overview": selectors.catchment_overview(day=day, specialty=specialty),
            "can_import": is_administrator(request.user),
        },
    )


@login_required
def import_view(request: HttpRequest) -> HttpResponse:
    if not is_administrator(request.user):
        raise PermissionDenied(NO_IMPORT_RIGHTS)
    form = (
        CatchmentImportForm(request.POST, request.FILES)
        if request.method == "POST"
        else CatchmentImportForm()
    )
    saved = save_form(
        request,
        form,
        lambda data: services.catchment_rules_import(**form.service_arguments(), imported_by=request.user),
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
