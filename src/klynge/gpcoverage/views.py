"""GP coverage pages: the overview, a dataset's forecast up to a target year, and the import.

Reading is public. Importing is for those who may add records to some collaboration (access_any_edit):
an import adds a new dataset and changes nobody else's records, a dataset belongs to no single
collaboration (Copenhagen lies in two clusters), and it is the secretariats that bring the region's GP
coverage figures to their clusters; every dataset says who imported it and where its figures come from.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe

from klynge.bodies.access import access_any_edit
from klynge.gpcoverage import selectors, services
from klynge.gpcoverage.charts import capacities_chart
from klynge.gpcoverage.examples import EXAMPLE_FILE
from klynge.gpcoverage.forms import GpCoverageImportForm
from klynge.gpcoverage.importing import COLUMNS
from klynge.meetings.access import visible_agenda_items
from klynge.site.editing import save_form

NO_IMPORT_RIGHTS = "Kun sekretariaternes redaktører og administratorer kan indlæse lægedækningstal."


def overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "gpcoverage/overview.html",
        {
            "datasets": selectors.dataset_list(),
            "reported": selectors.reported_gp_figures(visible=visible_agenda_items(request.user)),
            "can_import": access_any_edit(request.user),
        },
    )


def dataset_detail(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = selectors.dataset_by_slug(slug=slug)
    if dataset is None:
        raise Http404("Datasættet findes ikke.")
    target_year, note = selectors.target_year_for(dataset, request.GET.get("maal"))
    first, last = selectors.year_range(dataset)
    forecast = selectors.dataset_forecast(dataset=dataset, target_year=target_year, target_note=note)
    return render(
        request,
        "gpcoverage/dataset_detail.html",
        {
            "dataset": dataset,
            "forecast": forecast,
            "chart": mark_safe(
                capacities_chart(forecast.given_areas, target_year)
            ),  # pygal escapes the labels
            "year_choices": range(first, last + 1) if first and last else range(0),
            "reported": selectors.reported_gp_figures(visible=visible_agenda_items(request.user)),
            "can_import": access_any_edit(request.user),
        },
    )


@login_required
def import_view(request: HttpRequest) -> HttpResponse:
    if not access_any_edit(request.user):
        raise PermissionDenied(NO_IMPORT_RIGHTS)
    form = (
        GpCoverageImportForm(request.POST, request.FILES)
        if request.method == "POST"
        else GpCoverageImportForm()
    )
    saved = save_form(
        request,
        form,
        lambda data: services.gp_coverage_dataset_import(
            **form.service_arguments(), imported_by=request.user
        ),
        success="Lægedækningstallene er indlæst.",
    )
    if saved is not None:
        return redirect("gpcoverage:dataset_detail", slug=saved.slug)
    return render(request, "gpcoverage/import.html", {"form": form, "columns": COLUMNS})


def example_file(request: HttpRequest) -> HttpResponse:
    """The example file, to download and try (invented figures, labelled so in its first line)."""
    response = HttpResponse(EXAMPLE_FILE.read_bytes(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, EXAMPLE_FILE.name)
    return response
