"""The API's common ground: one error shape, pagination, the body-size guard, and `/me`."""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, parsers, serializers, status, throttling
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import set_rollback

from lms.core.errors import DomainError

API_PREFIX = "/api/"


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": str(message), "fields": fields or {}}}


def _flatten_fields(detail) -> dict:
    """DRF's nested ValidationError detail as {field: [messages]} with plain strings."""
    if isinstance(detail, dict):
        out = {}
        for key, value in detail.items():
            if isinstance(value, dict):
                for sub_key, sub_value in _flatten_fields(value).items():
                    out[f"{key}.{sub_key}"] = sub_value
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                for index, item in enumerate(value):
                    for sub_key, sub_value in _flatten_fields(item).items():
                        out[f"{key}[{index}].{sub_key}"] = sub_value
            else:
                out[key] = [str(v) for v in (value if isinstance(value, list) else [value])]
        return out
    if isinstance(detail, list):
        return {"non_field_errors": [str(v) for v in detail]}
    return {"non_field_errors": [str(detail)]}


def message_for(exc: exceptions.APIException) -> tuple[str, str]:
    """A code and a message that tell the caller what to do next."""
    if isinstance(exc, exceptions.ParseError):
        return "malformed_request", _(
            "The request body is not valid JSON. Check the brackets, quotes and commas."
        )
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return "unsupported_media_type", _(
            "Send the request body as JSON with the header Content-Type: application/json."
        )
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        return "not_authenticated", _("Please sign in to continue.")
    if isinstance(exc, exceptions.PermissionDenied):
        return "permission_denied", _("Your account is not allowed to do this.")
    if isinstance(exc, exceptions.NotFound):
        return "not_found", _("Nothing was found at this address.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        return "method_not_allowed", _("This address does not accept the %(method)s method.") % {
            "method": getattr(exc, "method", "")
        }
    if isinstance(exc, exceptions.NotAcceptable):
        return "not_acceptable", _("This address answers in JSON only.")
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        return "throttled", _("Too many requests. Try again in %(seconds)d seconds.") % {
            "seconds": wait
        }
    if isinstance(exc, exceptions.ValidationError):
        return "invalid", _("Some fields are not valid. Correct them and send again.")
    return "error", str(exc.detail)


def exception_handler(exc: Exception, context: dict) -> HttpResponse | None:
    """Turn every expected error into `{"error": {"code", "message", "fields"}}`."""
    if isinstance(exc, DomainError):
        set_rollback()
        response = JsonResponse(error_body(exc.code, exc.message, exc.fields), status=exc.status)
        if exc.retry_after:
            response["Retry-After"] = str(exc.retry_after)
        return response
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None
    set_rollback()
    code, message = message_for(exc)
    fields = _flatten_fields(exc.detail) if isinstance(exc, exceptions.ValidationError) else {}
    response = JsonResponse(error_body(code, message, fields), status=exc.status_code)
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        response["Retry-After"] = str(int(exc.wait))
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        response["WWW-Authenticate"] = 'Token realm="api"'
    return response


class FixedWindowRateThrottle(throttling.SimpleRateThrottle):
    """One counter per client and window, one cache round trip per request.

    DRF's throttles keep a list of timestamps per client and write it back on every request; with
    a quiz autosaving every few seconds that list is read, grown and pickled all day long.
    """

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        window_key = f"{self.key}:{int(now // self.duration)}"
        if hasattr(self.cache, "count_in_window"):  # Redis: one round trip (lms.core.cache)
            count = self.cache.count_in_window(window_key, self.duration + 1)
        else:
            try:
                count = self.cache.incr(window_key)
            except ValueError:  # first request of this window
                self.cache.add(window_key, 1, self.duration + 1)
                count = 1
        self._wait = self.duration - (now % self.duration)
        # None: the cache did not answer. Let the request through: refusing everyone while Redis
        # restarts would be the outage, and the sign-in lock-out is kept in the database.
        return count is None or count <= self.num_requests

    def wait(self) -> float:
        return self._wait


class AnonRateThrottle(FixedWindowRateThrottle, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(FixedWindowRateThrottle, throttling.UserRateThrottle):
    pass


class JSONParser(parsers.JSONParser):
    """DRF's parser, which turns malformed JSON into 400 but lets a body of 100,000 nested
    brackets exhaust the recursion limit into a 500: that is malformed too."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise exceptions.ParseError(_("The JSON is nested too deeply.")) from exc


class StandardPagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200
    last_page_strings = ()  # the schema says a number: "last" is not one

    def get_page_number(self, request, paginator) -> str | int:
        """DRF reads `page=` as the first page; it is no number, so a 404 like `page=x`."""
        return request.query_params.get(self.page_query_param, 1)

    def get_page_size(self, request) -> int:
        """As DRF's, but a page size that is not a whole number from 1 is a 400 that names it:
        DRF would answer the default page, and a client's mistake would go unseen."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = serializers.IntegerField(min_value=1).run_validation(raw)
        except exceptions.ValidationError as problem:
            raise exceptions.ValidationError({self.page_size_query_param: problem.detail}) from None
        return min(size, self.max_page_size)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                most = self.max_page_size
                parameter["description"] += f" At most {most}; a larger one gives {most}."
        return parameters


class StringField(serializers.CharField):
    """A JSON string and nothing else. DRF's CharField takes 12 as "12", where the schema says
    string: a client's mix-up would be saved instead of refused."""

    def to_internal_value(self, data) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class RequestBodyLimitMiddleware:
    """Refuse API bodies over the limit before anything reads them.

    DRF parses from the raw stream, so Django's DATA_UPLOAD_MAX_MEMORY_SIZE never sees JSON bodies.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return JsonResponse(
                    error_body("malformed_request", _("The Content-Length header is not valid.")),
                    status=status.HTTP_400_BAD_REQUEST,
                )
            if length > settings.API_MAX_BODY_BYTES:
                return body_too_large(settings.API_MAX_BODY_BYTES)
        return self.get_response(request)


def body_too_large(limit: int) -> JsonResponse:
    return JsonResponse(
        error_body(
            "body_too_large",
            _("The request body is larger than %(limit)d KB. Send less data at once.")
            % {"limit": limit // 1024},
        ),
        status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
    )


@csrf_exempt  # it changes nothing; a POST to a wrong address gets this 404, not an HTML 403
def api_not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    return JsonResponse(
        error_body("not_found", _("There is no API endpoint at this address.")), status=404
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's handler400, for what it refuses before a view answers (a SuspiciousOperation:
    too many fields, a host it does not serve, a form body over DATA_UPLOAD_MAX_MEMORY_SIZE):
    the API's error shape under /api/, with 413 for the body; Django's page elsewhere."""
    if not request.path.startswith(API_PREFIX):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return body_too_large(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return JsonResponse(
        error_body("malformed_request", _("The request is malformed or too large to read.")),
        status=status.HTTP_400_BAD_REQUEST,
    )


def public_endpoints_only(endpoints: list) -> list:
    """drf-spectacular hook: document /api/v1/ and nothing else."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
