"""GP coverage pages: the overview, a dataset's forecast up to a target year, and the import.

Reading is public. Importing is for those who may add records to some collaboration
(`klynge.gpcoverage.access` says why).
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe

from klynge.gpcoverage import commands, selectors
from klynge.gpcoverage.access import access_gp_coverage_import, ensure_gp_coverage_import
from klynge.gpcoverage.charts import capacities_chart
from klynge.gpcoverage.examples import EXAMPLE_FILE
from klynge.gpcoverage.importing import COLUMNS
from klynge.meetings.access import visible_agenda_items
from klynge.site.editing import save_form
from klynge.site.gpcoverage.forms import GpCoverageImportForm
from klynge.site.pagination import page_of


def overview(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "gpcoverage/overview.html",
        {
            "page": (page := page_of(request, selectors.dataset_list())),
            "datasets": page.object_list,
            "reported": selectors.reported_gp_figures(visible=visible_agenda_items(request.user)),
            "can_import": access_gp_coverage_import(request.user),
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
            "can_import": access_gp_coverage_import(request.user),
        },
    )


@login_required
def import_view(request: HttpRequest) -> HttpResponse:
    ensure_gp_coverage_import(request.user)
    form = (
        GpCoverageImportForm(request.POST, request.FILES)
        if request.method == "POST"
        else GpCoverageImportForm()
    )
    saved = save_form(
        request,
        form,
        lambda data: commands.gp_coverage_dataset_import(actor=request.user, command=form.command()),
        success="Lægedækningstallene er indlæst.",
    )
    if saved is not None:
        return redirect(saved)
    return render(request, "gpcoverage/import.html", {"form": form, "columns": COLUMNS})


def example_file(request: HttpRequest) -> HttpResponse:
    """The example file, to download and try (invented figures, labelled so in its first line)."""
    response = HttpResponse(EXAMPLE_FILE.read_bytes(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, EXAMPLE_FILE.name)
    return response
