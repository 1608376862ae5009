"""One shape for every API error: {"error": "<one clear sentence>", "code": "<machine code>"}."""

from __future__ import annotations

from typing import Any

from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


class ApiError(exceptions.APIException):
    """Raise from API code with a sentence a developer understands and a stable code."""

    def __init__(self, message: str, code: str, http_status: int = 400):
        super().__init__(detail=message, code=code)
        self.status_code = http_status
        self.error_code = code


def error_body(message: str, code: str) -> dict[str, str]:
    return {"error": message, "code": code}


def error_response(message: str, code: str, http_status: int) -> Response:
    return Response(error_body(message, code), status=http_status)


def _first_message(detail: Any) -> str:
    """Flatten DRF's nested validation detail into one readable sentence."""
    if isinstance(detail, dict):
        parts = []
        for field, value in detail.items():
            text = _first_message(value)
            parts.append(text if field in ("non_field_errors", "detail") else f"{field}: {text}")
        return "; ".join(parts)
    if isinstance(detail, list):
        return " ".join(_first_message(item) for item in detail)
    return str(detail)


_CODES = {
    exceptions.ParseError: "invalid_json",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "invalid_api_key",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "rate_limited",
    exceptions.ValidationError: "invalid_request",
}


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    if response is None:
        return None  # a real bug: let Django log it (and Sentry catch it)
    if isinstance(exc, ApiError):
        code = exc.error_code
    elif isinstance(exc, exceptions.APIException):
        detail_code = exc.get_codes() if hasattr(exc, "get_codes") else None
        code = detail_code if isinstance(detail_code, str) and detail_code not in (
            "invalid", "error", "parse_error", "authentication_failed", "not_found",
            "permission_denied", "not_authenticated", "method_not_allowed", "throttled",
        ) else next((c for cls, c in _CODES.items() if isinstance(exc, cls)), "error")
    else:
        code = "error"
    message = _first_message(response.data)
    if isinstance(exc, exceptions.ParseError):
        message = "The request body is not valid JSON: " + message.removeprefix("JSON parse error - ")
    response.data = error_body(message, code)
    return response


def json_not_found(request, exception=None) -> JsonResponse:
    return JsonResponse(error_body("Not found.", "not_found"), status=status.HTTP_404_NOT_FOUND)


def json_server_error(request) -> JsonResponse:
    return JsonResponse(
        error_body("Something went wrong on our side; it has been logged.", "server_error"),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


_API_PREFIXES = ("/api/", "/generate", "/render", "/status/", "/videos/")


def not_found(request, exception=None):
    if request.path.startswith(_API_PREFIXES):
        return json_not_found(request)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def server_error(request):
    if request.path.startswith(_API_PREFIXES):
        return json_server_error(request)
    from django.views.defaults import server_error as html_server_error

    return html_server_error(request)
