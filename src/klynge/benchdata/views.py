from django.http import HttpRequest, HttpResponse


def bare(request: HttpRequest) -> HttpResponse:
    """The least a Django view does: the baseline a page's throughput is measured against."""
    return HttpResponse(b"ok", content_type="text/plain")
