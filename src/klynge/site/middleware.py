"""A form sent back with its refusals answers 422 Unprocessable Content, not 200.

The page is the same (the form, its Danish messages, what was written); the status tells browsers'
history, monitoring and scripts that nothing was saved. Every form template marks a refused form with
`data-form-refused` (web/includes/form_fields.html does it for all the shared forms), so the rule lives
here once instead of in every view."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

REFUSED_MARK = b"data-form-refused"


class RefusedFormStatusMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.method == "POST"
            and response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and REFUSED_MARK in response.content
        ):
            response.status_code = 422
        return response
