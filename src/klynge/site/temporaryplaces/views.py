"""Counts of temporary places: the list, one count per period with its settlement, chart and the 2027
projection, and the import (thin views: access in access.py, rules in the service)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from klynge.site.editing import save_form
from klynge.site.pagination import page_of
from klynge.site.temporaryplaces.forms import PlaceCountImportForm
from klynge.temporaryplaces.access import (
    access_place_count_import,
    ensure_place_count_import,
    importable_regions,
)
from klynge.temporaryplaces.charts import municipality_label, settlement_charts
from klynge.temporaryplaces.commands import place_count_import
from klynge.temporaryplaces.examples import EXAMPLE_FILE
from klynge.temporaryplaces.importing import COLUMNS
from klynge.temporaryplaces.periods import parse_period
from klynge.temporaryplaces.reform import REFORM_DATE, REFORM_SHARE
from klynge.temporaryplaces.selectors import (
    place_count_detail,
    place_count_list,
    place_count_periods,
    place_count_settlement,
    reform_source,
)


def place_count_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "temporaryplaces/place_count_list.html",
        {
            "page": (page := page_of(request, place_count_list())),
            "counts": page.object_list,
            "can_import": access_place_count_import(request.user),
        },
    )


def place_count_detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    count = place_count_detail(slug=slug)
    if count is None:
        raise Http404("Opgørelsen findes ikke.")
    periods = place_count_periods(count=count)
    period = periods[-1] if periods else None
    if token := request.GET.get("periode", "").strip():
        try:
            period = parse_period(token)
        except ValueError:
            raise Http404("Perioden kan ikke læses.") from None
        if period not in periods:
            raise Http404("Opgørelsen har ingen tal for perioden.")
    settlement = place_count_settlement(count=count, period=period) if period is not None else None
    charts: list[str] = []
    if settlement is not None and settlement.balances and period is not None:
        charts = settlement_charts(settlement, period_label=period.label)
    return render(
        request,
        "temporaryplaces/place_count_detail.html",
        {
            "count": count,
            "periods": periods,
            "period": period,
            "settlement": settlement,
            "total": settlement.total if settlement is not None else None,
            "charts": charts,
            "chart_rows": [(municipality_label(b.municipality), b) for b in settlement.balances]
            if settlement is not None
            else [],
            "reform_source": reform_source(),
            "reform_percent": int(REFORM_SHARE * 100),
            "kept_percent": 100 - int(REFORM_SHARE * 100),
            "reform_date": REFORM_DATE,
        },
    )


@login_required
def place_count_import_view(request: HttpRequest) -> HttpResponse:
    ensure_place_count_import(request.user)
    regions = importable_regions(request.user).order_by("name")
    form = PlaceCountImportForm(request.POST or None, request.FILES or None, regions=regions)
    count = save_form(
        request,
        form,
        lambda _: place_count_import(actor=request.user, command=form.command()),
        success="Opgørelsen er importeret.",
    )
    if count is not None:
        return redirect("temporaryplaces:place_count_detail", slug=count.slug)
    return render(request, "temporaryplaces/place_count_import.html", {"form": form, "columns": COLUMNS})


@require_GET
def example_file_view(request: HttpRequest) -> HttpResponse:
    """The example file: a template for the columns (its figures are examples, not real counts)."""
    response = HttpResponse(EXAMPLE_FILE.read_bytes(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, EXAMPLE_FILE.name)
    return response
