from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, URLResolver, path, re_path

from klynge.api.errors import error_body
from klynge.api.main import api


def unknown(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other path under /api/v1/ answers in the API's own error form, not the app's HTML page."""
    return JsonResponse(error_body(404, "No such API path; see /api/v1/docs."), status=404)


urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", unknown),
]
