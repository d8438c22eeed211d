"""Every API error is JSON: {"code": …, "message": …, "errors": {field: [messages]}}.

Refusals by the product's rules carry the rules' own messages per field (in Danish, as the UI shows them);
`code` and `message` are English and stable, for programs.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as RuleViolation
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestInvalid

from klynge.kernel.records import StaleRecord


class ErrorOut(Schema):
    code: str
    message: str
    errors: dict[str, list[str]] | None = None


CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    422: "invalid",
    429: "too_many_requests",
}


def error_body(status: int, message: str, errors: dict[str, list[str]] | None = None, code: str = "") -> dict:
    return {"code": code or CODES.get(status, "error"), "message": message, "errors": errors}


def error_responses(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The documented error responses of an operation, for `response={200: …, **error_responses(…)}`."""
    return dict.fromkeys(statuses, ErrorOut)


def _rule_errors(error: RuleViolation) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            field: [str(m) for m in RuleViolation(messages).messages]
            for field, messages in error.error_dict.items()
        }
    return {"__all__": [str(m) for m in error.messages]}


def _request_errors(error: RequestInvalid) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for problem in error.errors:
        location = [
            str(part) for part in problem.get("loc", ()) if part not in ("body", "payload", "query", "path")
        ]
        message = str(problem.get("msg", "invalid")).removeprefix("Value error, ")  # pydantic's prefix
        fields.setdefault(".".join(location) or "__all__", []).append(message)
    return fields


def install_error_handlers(api: NinjaAPI) -> None:
    def respond(
        request: HttpRequest, status: int, message: str, errors: Any = None, code: str = ""
    ) -> HttpResponse:
        response = api.create_response(request, error_body(status, message, errors, code), status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="klynge"'
        return response

    @api.exception_handler(RequestInvalid)
    def request_invalid(request: HttpRequest, exc: RequestInvalid) -> HttpResponse:
        return respond(request, 422, "The request does not match the API's schema.", _request_errors(exc))

    @api.exception_handler(StaleRecord)
    def stale(request: HttpRequest, exc: StaleRecord) -> HttpResponse:
        message = "The record was changed after the version you sent; fetch it again and retry."
        return respond(request, 409, message, _rule_errors(exc))

    @api.exception_handler(RuleViolation)
    def rule_violation(request: HttpRequest, exc: RuleViolation) -> HttpResponse:
        message = "The product's rules refuse this change; nothing was saved."
        return respond(request, 422, message, _rule_errors(exc), code="rule_violation")

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, "You may not do this with this record.")

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 404, "No such record, or it is not visible to you.")

    @api.exception_handler(ObjectDoesNotExist)
    def does_not_exist(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 404, "No such record, or it is not visible to you.")

    @api.exception_handler(AuthenticationError)
    def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = (
            exc.message
            if exc.message != "Unauthorized"
            else "Log in, or send a token as 'Authorization: Bearer TOKEN'."
        )
        return respond(request, 401, str(message))

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return respond(request, 413, too_big_message())

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return respond(request, exc.status_code, str(exc.message))


def too_big_message() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    size = f" of {limit:,} bytes" if limit else ""
    return f"The request body is larger than the limit{size}; nothing was saved."


# What operations can answer besides success (400: a body that is not JSON at all).
LIST_ERRORS = error_responses(401, 422)
DETAIL_ERRORS = error_responses(401, 404, 422)
WRITE_ERRORS = error_responses(400, 401, 403, 404, 409, 413, 422)
