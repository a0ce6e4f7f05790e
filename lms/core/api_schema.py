"""The API's errors in its OpenAPI schema: each operation lists the error statuses it can answer,
in the shape `lms.core.api.exception_handler` gives them.

Apart from `lms.core.api` because DRF's settings import that module (the parser, the handler) before
drf-spectacular's AutoSchema, which imports DRF's generic views, can be imported.
"""

from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.openapi import AutoSchema
from rest_framework import exceptions, serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import SAFE_METHODS, AllowAny, IsAuthenticated

from lms.core.api import message_for
from lms.core.errors import DomainError


class StalePageSessionScheme(SessionScheme):
    """Our session authentication (it words the CSRF refusal) is Django's session cookie."""

    target_class = "lms.accounts.signed_in.SessionAuthentication"


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="For programs: stable, e.g. quiz_closed.")
    message = serializers.CharField(help_text="For people, in the language asked for.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="The problems of each field at fault, by name; empty when none is.",
    )


class ErrorSerializer(serializers.Serializer):
    """What every error of the API looks like (`error_body`)."""

    error = ErrorDetailSerializer()


def raises(*errors: type[DomainError] | type[exceptions.APIException] | tuple[int, str]):
    """Name the errors a view method raises beyond those `ApiSchema` infers, for the schema.

    A DomainError or DRF exception class, or (status, code) for one raised through a hook by a
    higher layer, which this one must not import.
    """

    def mark(handler: Callable) -> Callable:
        handler.raises = (*getattr(handler, "raises", ()), *errors)
        return handler

    return mark


def status_and_code(error) -> tuple[int, str]:
    if isinstance(error, tuple):
        return error
    if issubclass(error, DomainError):
        return error.status, error.code
    return error.status_code, message_for(error())[0]


ERROR_MEANINGS = {
    400: "Not valid: malformed JSON, or values that `error.fields` names.",
    401: "Sign-in needed, or the token sent is not valid.",
    403: "Refused: this account may not do this.",
    404: "Not found, or not yours to see.",
    409: "Refused: it conflicts with what is saved.",
    410: "No longer valid.",
    413: "The body is larger than the API accepts: %(limit)d KB.",
    414: "The address is longer than the server reads (about 4 KB): its own page, not JSON.",
    415: "The body must be JSON, sent with Content-Type: application/json.",
    429: "Too many requests: try again after the seconds in Retry-After.",
    503: "Not available for a moment (the database is restarting, or figures are being "
    "computed): try again after the seconds in Retry-After.",
}
ERROR_HEADERS = {
    401: {"WWW-Authenticate": "How to authenticate: Token."},
    429: {"Retry-After": "Seconds to wait."},
    503: {"Retry-After": "Seconds to wait."},
}


class ApiSchema(AutoSchema):
    """drf-spectacular's schema with the error responses each operation can give, in the shape
    the exception handler answers. Most are inferred from the view (a body, path parameters,
    authentication, permissions, throttles, pagination); views name the rest with `raises`.
    A response the view documents itself keeps its own description."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        error = self.resolve_serializer(ErrorSerializer, "response").ref
        responses = operation["responses"]
        for code, error_codes in sorted(self.error_codes(operation).items()):
            if str(code) not in responses:
                responses[str(code)] = self._error_response(code, error_codes, error)
        return operation

    def error_codes(self, operation: dict) -> dict[int, set[str]]:
        """Each error status this operation can answer, with the `error.code`s it carries."""
        found: dict[int, set[str]] = defaultdict(set)
        view = self.view
        if "requestBody" in operation:
            found[400] |= {"invalid", "malformed_request"}
            found[413].add("body_too_large")
            found[415].add("unsupported_media_type")
        authenticators = view.get_authenticators()
        if authenticators:  # a token or session that does not hold, or none where one is needed
            found[401].add("not_authenticated")
        for permission in view.get_permissions():
            if isinstance(permission, (AllowAny, IsAuthenticated)):  # noqa: UP038 (DRF overloads |)
                continue  # refusing an anonymous caller is the 401 above
            refusal = getattr(permission, "refusal", None)  # else DRF's 403
            code, error_code = status_and_code(refusal) if refusal else (403, "permission_denied")
            found[code].add(error_code)
        session = any(isinstance(auth, SessionAuthentication) for auth in authenticators)
        if session and self.method not in SAFE_METHODS:  # a session's call without a CSRF token
            found[403].add("permission_denied")
        where = {parameter["in"] for parameter in operation.get("parameters", [])}
        if "path" in where:
            found[404].add("not_found")  # a value no route takes, e.g. a word for a number
        if where & {"path", "query"}:
            found[414].add("")  # values that make the address longer than gunicorn reads
        if self._is_list_view() and self._get_paginator() is not None:
            found[400].add("invalid")  # a page size that is not a whole number from 1
            found[404].add("not_found")  # a page past the last
        if view.get_throttles():
            found[429].add("throttled")
        found[503].add("unavailable")
        for raised in getattr(getattr(view, self.method.lower(), None), "raises", ()):
            code, error_code = status_and_code(raised)
            found[code].add(error_code)
        return found

    def _error_response(self, code: int, error_codes: set[str], error: dict) -> dict:
        limit = settings.API_MAX_BODY_BYTES // 1024
        meaning = ERROR_MEANINGS.get(code, "Refused.") % {"limit": limit}
        if code == 414:  # the HTTP server's own page: the application never sees the request
            return {"description": meaning}
        listed = ", ".join(f"`{error_code}`" for error_code in sorted(error_codes))
        response = {
            "description": f"{meaning} Codes: {listed}.",
            "content": {"application/json": {"schema": error}},
        }
        headers = ERROR_HEADERS.get(code)
        if headers:
            response["headers"] = {
                name: {"schema": {"type": "string"}, "description": text, "required": True}
                for name, text in headers.items()
            }
        return response
