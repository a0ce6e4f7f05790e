"""The autosave lane: an autosave with its pass is answered at the top of the stack, as the API
would answer it, and everything else it does not answer goes on to the API unchanged."""

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from lms.core import metrics
from lms.core.api import UserRateThrottle
from quizzes import answer_lane
from quizzes.api import AnswerView
from quizzes.models import Answer, Attempt, Question
from quizzes.scoring import Kind
from tests.factories import StudentFactory, make_question
from tests.pages import make_quiz

pytestmark = pytest.mark.django_db

PASS = re.compile(r'data-answer-pass="([^"]+)"')


def _started(*questions) -> tuple[Client, Attempt, str]:
    """A signed-in pupil's client, their attempt and the pass its player page carries."""
    client = Client()
    client.force_login(StudentFactory())
    quiz = make_quiz(*(questions or (make_question(), make_question("Câu hai"))))
    page = client.post(reverse("quizzes:start", args=[quiz.pk])).content.decode()
    return client, Attempt.objects.get(quiz=quiz), PASS.search(page)[1]


def _put(client: Client, attempt: Attempt, body, *, given_pass: str | None, slot: int = 1, **extra):
    headers = {"HTTP_AUTHORIZATION": f"Attempt {given_pass}"} if given_pass else {}
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.put(
        f"/api/v1/attempts/{attempt.pk}/answers/{slot}/",
        data,
        content_type="application/json",
        **headers,
        **extra,
    )


@pytest.fixture
def api_unreachable(monkeypatch):
    """The API's own view fails the test if it is reached."""

    def refuse(*args, **kwargs):
        raise AssertionError("the lane should have answered")

    monkeypatch.setattr(AnswerView, "put", refuse)


@pytest.fixture
def api_calls(monkeypatch) -> list:
    """Counts the requests the API's own view handles."""
    calls, put = [], AnswerView.put

    def counted(self, request, *args, **kwargs):
        calls.append(request.path)
        return put(self, request, *args, **kwargs)

    monkeypatch.setattr(AnswerView, "put", counted)
    return calls


def test_the_lane_and_the_api_have_the_same_path():
    path = reverse("api:attempt-answer", kwargs={"attempt_id": 12, "slot": 3})
    assert answer_lane.PATH.fullmatch(path)


def test_an_autosave_with_its_pass_is_answered_by_the_lane_as_the_api_would(api_unreachable):
    client, attempt, given = _started()
    choice = attempt.entry(1)["choices"][1]["id"]
    requests_before = metrics.REQUESTS.labels("api:attempt-answer", "PUT", "200")._value.get()
    saved_before = metrics.ANSWERS_SAVED._value.get()
    response = _put(Client(), attempt, {"value": choice, "sequence": 4}, given_pass=given)
    assert response.status_code == 200
    assert response.json() == {"slot": 1, "saved": True, "sequence": 4}
    assert response["Content-Type"] == "application/json"
    assert response["Content-Length"] == str(len(response.content))  # not chunked
    assert Answer.objects.get(attempt=attempt).value == choice
    # Observed as the API's view: one request and one answer in the metrics, an id to find it.
    assert metrics.REQUESTS.labels("api:attempt-answer", "PUT", "200")._value.get() == (
        requests_before + 1
    )
    assert metrics.ANSWERS_SAVED._value.get() == saved_before + 1
    assert response["X-Request-ID"]
    # An older sequence number changes nothing, and says so, as the API does.
    older = _put(Client(), attempt, {"value": None, "sequence": 3}, given_pass=given)
    assert older.json() == {"slot": 1, "saved": False, "sequence": 3}
    assert Answer.objects.get(attempt=attempt).value == choice


def test_the_lanes_answer_carries_the_sites_security_headers(api_calls):
    client, attempt, given = _started()
    choice = attempt.entry(1)["choices"][0]["id"]
    by_session = _put(client, attempt, {"value": choice, "sequence": 1}, given_pass=None)
    by_lane = _put(Client(), attempt, {"value": choice, "sequence": 2}, given_pass=given)
    assert by_session.status_code == by_lane.status_code == 200
    assert len(api_calls) == 1  # the session's; the pass went by the lane
    for header in (
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Content-Security-Policy",
    ):
        if header in by_session:
            assert by_lane.get(header) == by_session[header], header


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"value": 1, "sequence": "5"}, id="sequence as text"),
        pytest.param({"value": 1, "sequence": -1}, id="negative sequence"),
        pytest.param({"value": 1, "sequence": 2_000_000_001}, id="sequence too big"),
        pytest.param({"value": 1}, id="no sequence"),
        pytest.param([1, 2], id="not an object"),
        pytest.param('{"value": NaN, "sequence": 1}', id="NaN"),
        pytest.param('{"value": 1, "sequence": 1', id="malformed"),
        pytest.param("[" * 5000 + "]" * 5000, id="deeply nested"),
        pytest.param({"value": "not a choice", "sequence": 1}, id="value refused"),
        pytest.param({"value": 10**9, "sequence": 1}, id="no such choice"),
    ],
)
def test_what_the_lane_does_not_take_the_api_answers_as_before(api_calls, body):
    client, attempt, given = _started()
    by_session = _put(client, attempt, body, given_pass=None, HTTP_ACCEPT_LANGUAGE="en")
    with_pass = _put(Client(), attempt, body, given_pass=given, HTTP_ACCEPT_LANGUAGE="en")
    assert len(api_calls) == 2  # the lane passed it on
    assert with_pass.status_code == by_session.status_code
    if by_session.status_code == 400:
        assert with_pass.json() == by_session.json()
    else:  # "5" is a whole number to the API's serializer: saved by the first, older for the pass
        assert body == {"value": 1, "sequence": "5"} or by_session.status_code == 200
        assert with_pass.json()["saved"] is False


def test_a_closed_attempt_gets_the_apis_conflict_in_the_pupils_language(api_calls):
    client, attempt, given = _started()
    choice = attempt.entry(1)["choices"][0]["id"]
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert attempt.is_submitted
    english, vietnamese = (
        _put(
            Client(),
            attempt,
            {"value": choice, "sequence": 9},
            given_pass=given,
            HTTP_ACCEPT_LANGUAGE=language,
        )
        for language in ("en", "vi")
    )
    assert english.status_code == vietnamese.status_code == 409
    assert english.json()["error"]["code"] == vietnamese.json()["error"]["code"]
    assert english.json()["error"]["message"] != vietnamese.json()["error"]["message"]
    assert len(api_calls) == 2
    assert not Answer.objects.filter(attempt=attempt).exists()


# The database refuses the statement: outside a test's transaction, as the site runs (autocommit).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_text_the_database_cannot_hold_gets_the_apis_answer(api_calls):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite holds a NUL character; PostgreSQL's JSON does not")
    question = Question.objects.create(
        kind=Kind.SHORT_TEXT, stem="<p>Tổng đài?</p>", accepted_answers="1800 8065"
    )
    client, attempt, given = _started(question)
    client.raise_request_exception = False  # answered by the site's handler, as in production
    body = {"value": "1800\u00008065", "sequence": 1}
    by_session = _put(client, attempt, body, given_pass=None, HTTP_ACCEPT_LANGUAGE="en")
    with_pass = _put(
        Client(raise_request_exception=False),
        attempt,
        body,
        given_pass=given,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert len(api_calls) == 2  # the lane passed it on
    assert with_pass.status_code == by_session.status_code == 400
    assert with_pass.json() == by_session.json()
    saved = _put(Client(), attempt, {"value": "1800 8065", "sequence": 2}, given_pass=given)
    assert saved.json()["saved"] is True  # the connection is fine for the next autosave
    assert len(api_calls) == 2


def test_another_attempts_pass_goes_on_to_the_session(api_calls):
    client, attempt, _given = _started()
    _other_client, _other, other_pass = _started()
    choice = attempt.entry(1)["choices"][0]["id"]
    response = _put(client, attempt, {"value": choice, "sequence": 1}, given_pass=other_pass)
    assert response.status_code == 200 and response.json()["saved"] is True  # by its session
    assert len(api_calls) == 1


def test_a_large_body_goes_the_long_way(api_calls):
    client, attempt, given = _started()
    choice = attempt.entry(1)["choices"][0]["id"]
    body = {"value": choice, "sequence": 1, "padding": "x" * answer_lane.MAX_BODY}
    response = _put(Client(), attempt, body, given_pass=given)
    assert len(api_calls) == 1
    assert response.status_code == 200  # unknown keys are ignored, as the serializer does


def test_the_lane_counts_toward_the_pupils_throttle(api_calls, monkeypatch):
    monkeypatch.setattr(
        UserRateThrottle, "THROTTLE_RATES", {"anon": "60/minute", "user": "2/minute"}
    )
    _client, attempt, given = _started()
    choice = attempt.entry(1)["choices"][0]["id"]
    answers = [
        _put(Client(), attempt, {"value": choice, "sequence": n}, given_pass=given)
        for n in (1, 2, 3)
    ]
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert "Retry-After" in answers[2]  # the API's refusal: the lane passed it on
    assert not api_calls  # the first two by the lane; the API refused the third before its view
    assert Answer.objects.get(attempt=attempt).sequence == 2
