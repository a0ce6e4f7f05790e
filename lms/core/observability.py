"""Every request, seen by operators: its id, one log line, and its share of the metrics."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse

from lms.core import log, metrics
from lms.core.error_reports import signed_in_user

logger = logging.getLogger("lms.requests")

METRICS_PATH = "/metrics"
# What nginx's $request_id looks like, and what other load balancers send (UUIDs, dotted ids):
# anything else is replaced, so that a client cannot write what it likes into the logs.
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")


def request_id_of(request: HttpRequest) -> str:
    """The load balancer's id for this request (nginx sets X-Request-ID), or a new one."""
    given = request.META.get("HTTP_X_REQUEST_ID", "")
    return given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


class QueryTally:
    """Counts the database queries a request makes and the time it waits for them."""

    __slots__ = ("count", "seconds")

    def __init__(self):
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - started


def view_name(request: HttpRequest) -> str:
    """The URL's name (`api:attempt-answer`): a label with a few dozen values, unlike paths."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "<unmatched>"
    return match.view_name or match.route or "<unnamed>"


def user_id_of(request: HttpRequest) -> int | None:
    """The signed-in user's id, if the request already knew who it was: asking now would cost
    a session read on pages that never needed one."""
    user = signed_in_user(request)
    return user.pk if user is not None else None


class ObserveRequests:
    """At the top of the middleware, so its time covers the rest. Answers /metrics itself."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.slow = settings.SLOW_REQUEST_SECONDS

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = request_id_of(request)
        reset = log.request_id.set(rid)
        try:
            if request.path == METRICS_PATH:
                return metrics.serve(request)
            return self._observe(request, rid)
        finally:
            log.request_id.reset(reset)

    def _observe(self, request: HttpRequest, rid: str) -> HttpResponse:
        tally = QueryTally()
        started = time.perf_counter()
        with connection.execute_wrapper(tally):
            response = self.get_response(request)
        seconds = time.perf_counter() - started
        response["X-Request-ID"] = rid
        view = view_name(request)
        metrics.request_answered(
            view=view,
            method=request.method,
            status=response.status_code,
            seconds=seconds,
            queries=tally.count,
            query_seconds=tally.seconds,
        )
        slow = seconds >= self.slow
        level = logging.WARNING if slow else logging.INFO
        if logger.isEnabledFor(level):
            logger.log(
                level,
                "%s %s %s in %.0f ms%s",
                request.method,
                request.path,
                response.status_code,
                seconds * 1000,
                " (slow)" if slow else "",
                extra={
                    "event": "request",
                    "method": request.method,
                    "path": request.path,
                    "view": view,
                    "status": response.status_code,
                    "duration_ms": round(seconds * 1000, 1),
                    "queries": tally.count,
                    "db_ms": round(tally.seconds * 1000, 1),
                    "user_id": user_id_of(request),
                    "slow": slow,
                },
            )
        return response
