"""The autosave lane: a player's autosave that carries its answer pass, handled near the top of
the middleware, without the rest of the stack or REST framework.

Autosaves are most of a round's requests. With the pass (`answer_pass`), an autosave needs no
session, no CSRF check, no user, no message storage and no language: only the pass, the body, the
throttle and the one write of `services.save_answer`. Everything under this middleware (ten more
middleware, URL resolving, REST framework's request, negotiation, parsers, serializer and
renderer) cost about as much again as the work itself. What this middleware sits under still
applies to the lane's answers: the request id, metrics and log line (`ObserveRequests`) and the
security headers.

The lane only takes what it can answer with a 200 exactly as `api.AnswerView` would. Anything
else goes on down the stack as before, untouched: no valid pass for this attempt, a body that is
not a small JSON object of a value and a whole sequence number, a value the question refuses, a
throttle that says no, or a write the service refuses (closed, not the owner's, not on the paper),
whose error the API then words in the pupil's language. Nothing is written before the one write,
and a refused write writes nothing, so the request can be handled again below.
"""

import json
import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import ResolverMatch
from django.utils import timezone

from lms.core.errors import DomainError
from lms.core.outage import UNSTORABLE
from quizzes import answer_pass, services
from quizzes.api import MAX_SEQUENCE, AnswerView  # its throttles, as the API has them

# The path of `api:attempt-answer` (a test checks they agree).
PATH = re.compile(r"/api/v1/attempts/(?P<attempt_id>\d{1,18})/answers/(?P<slot>\d{1,5})/")
MAX_BODY = 16 * 1024  # a long text answer and its JSON escapes; bigger goes the long way


def _label_only(*args, **kwargs):  # pragma: no cover (never called)
    raise NotImplementedError("the lane's ResolverMatch names the API's view for its metrics")


def _refuse_constant(name: str):
    raise ValueError(name)  # NaN and Infinity: not JSON (the API's parser says so)


class AnswerLane:
    """Middleware: placed under the request's observation and security headers, above the rest."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "PUT":
            found = PATH.fullmatch(request.path_info)
            if found is not None:
                response = self._answer(request, int(found["attempt_id"]), int(found["slot"]))
                if response is not None:
                    return response
        return self.get_response(request)

    def _answer(self, request: HttpRequest, attempt_id: int, slot: int) -> HttpResponse | None:
        """The 200 of an autosave the lane can answer, having saved it; else None, unwritten."""
        scheme, _, text = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
        if scheme != answer_pass.KEYWORD or not text:
            return None
        if request.content_type != "application/json":
            return None
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None
        if not 0 < length <= MAX_BODY:
            return None
        now = timezone.now()
        user_id = answer_pass.owner(text, attempt_id=attempt_id, now=now)
        if user_id is None:
            return None
        body = self._body(request)
        if body is None:
            return None
        value, sequence = body
        user = answer_pass.user_stub(user_id)
        request.user = user  # the throttles count per user; the stack below sets its own
        if not all(
            throttle.allow_request(request, None) for throttle in AnswerView().get_throttles()
        ):
            return None
        try:
            saved = services.save_answer(
                attempt_id=attempt_id, user=user, slot=slot, value=value, sequence=sequence, now=now
            )
        except (DomainError, UNSTORABLE):
            # Refused, or a value the database cannot hold (a NUL character): nothing was
            # written (one statement, no transaction to spoil); below, the API words the error.
            return None
        request.resolver_match = ResolverMatch(
            _label_only,
            (),
            {"attempt_id": attempt_id, "slot": slot},
            url_name="attempt-answer",
            app_names=["api"],
            namespaces=["api"],
        )
        content = json.dumps({"slot": slot, "saved": saved, "sequence": sequence}).encode()
        response = HttpResponse(content, content_type="application/json")
        # What the middleware under the lane would have added: the length (CommonMiddleware;
        # without it the answer goes out chunked) and the framing rule (XFrameOptions).
        response["Content-Length"] = str(len(content))
        response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
        return response

    @staticmethod
    def _body(request: HttpRequest) -> tuple[object, int] | None:
        """(value, sequence) from a JSON object holding both; None for anything else."""
        try:
            data = json.loads(request.body.decode(), parse_constant=_refuse_constant)
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict) or "value" not in data:
            return None
        sequence = data.get("sequence")
        if type(sequence) is not int or not 0 <= sequence <= MAX_SEQUENCE:
            return None
        return data["value"], sequence
