"""The search page: /soeg/?q=…&type=…&side=… (thin: the form reads the query string, the selector searches)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from klynge.search.models import Kind
from klynge.search.selectors import SearchQueryTooLong, search
from klynge.site.search.forms import SearchForm

PAGE_SIZE = 20


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    page = None
    selected: list[str] = []
    if form.is_valid():
        selected = form.cleaned_data["type"]
        page_number = form.cleaned_data["side"] or 1
        if form.cleaned_data["q"]:
            try:
                page = search(
                    user=request.user,
                    query=form.cleaned_data["q"],
                    kinds=selected,
                    limit=PAGE_SIZE,
                    offset=(page_number - 1) * PAGE_SIZE,
                )
            except SearchQueryTooLong:
                form.add_error("q", SearchForm.base_fields["q"].error_messages["max_length"])
    else:
        selected = [t for t in request.GET.getlist("type") if t in Kind.values]
    # Beyond the count's bound the number of pages is not known: "side 3 af mere end 50".
    last_page = 1 if page is None else max(1, -(-page.total // PAGE_SIZE))
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "page": page,
            "page_number": 1 if page is None else page.offset // PAGE_SIZE + 1,
            "last_page": last_page,
            "kinds": [
                {
                    "value": kind.value,
                    "label": kind.label,
                    "selected": kind.value in selected,
                    "count": 0 if page is None else page.counts.get(kind, 0),
                }
                for kind in Kind
            ],
            "selected": selected,
            "query": request.GET.get("q", ""),
        },
    )
