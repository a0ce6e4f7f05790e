"""The player's answer pass: its page saves answers into its own attempt without the session,
and a pass that is tampered with, expired or for another attempt counts for nothing."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.accounts import signed_in
from quizzes import answer_pass, services
from quizzes.models import Answer, Attempt
from tests.factories import StudentFactory, make_question
from tests.pages import make_quiz

pytestmark = pytest.mark.django_db

PASS = re.compile(r'data-answer-pass="([^"]+)"')


def _started(**quiz_fields) -> tuple[Attempt, str]:
    """A pupil's attempt started from the round's form, and the pass its player page carries."""
    client = Client()
    client.force_login(StudentFactory())
    quiz = make_quiz(make_question(), make_question("Câu hai"), **quiz_fields)
    page = client.post(reverse("quizzes:start", args=[quiz.pk])).content.decode()
    return Attempt.objects.get(quiz=quiz), PASS.search(page)[1]


def _save(client, attempt_id: int, given_pass: str, *, sequence: int = 1, choice=None):
    slot = 1
    if choice is None:
        choice = Attempt.objects.get(pk=attempt_id).entry(slot)["choices"][0]["id"]
    return client.put(
        f"/api/v1/attempts/{attempt_id}/answers/{slot}/",
        {"value": choice, "sequence": sequence},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"{answer_pass.KEYWORD} {given_pass}",
    )


def test_the_players_pass_saves_with_one_query_and_no_session(monkeypatch):
    attempt, given = _started()

    def no_session_user(pk):
        raise AssertionError("the pass signs the autosave in: no user is read")

    monkeypatch.setattr(signed_in, "user_by_id", no_session_user)
    anonymous = Client(enforce_csrf_checks=True)  # no cookie, no CSRF token: the pass alone
    assert _save(anonymous, attempt.pk, given).json()["saved"] is True  # the paper's shapes kept
    choice = attempt.entry(1)["choices"][1]["id"]
    with CaptureQueriesContext(connection) as queries:
        response = _save(anonymous, attempt.pk, given, sequence=2, choice=choice)
    assert response.status_code == 200 and response.json()["saved"] is True
    assert len(queries) == 1  # the write, which checks the attempt is the pass's owner's
    assert Answer.objects.get(attempt=attempt).value == choice


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda text: text[:-1] + ("A" if text[-1] != "A" else "B"), id="signature"),
        pytest.param(lambda text: "9" + text, id="attempt changed"),
        pytest.param(lambda text: text.split(":")[0], id="unsigned"),
        pytest.param(lambda text: "", id="empty"),
        pytest.param(lambda text: "a.b.c:xyz", id="nonsense"),
    ],
)
def test_a_spoilt_pass_counts_for_nothing(spoil):
    attempt, given = _started()
    response = _save(Client(), attempt.pk, spoil(given))
    assert response.status_code in (401, 403)
    assert not Answer.objects.exists()


def test_a_pass_opens_only_its_own_attempt():
    mine, my_pass = _started()
    theirs, _their_pass = _started()
    response = _save(Client(), theirs.pk, my_pass)
    assert response.status_code in (401, 403)
    assert not Answer.objects.exists()


def _later(monkeypatch, moment) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_a_pass_ends_with_its_attempts_deadline_and_grace(monkeypatch):
    attempt, given = _started(time_limit_minutes=10)
    assert attempt.deadline is not None
    _later(monkeypatch, attempt.deadline + timedelta(minutes=2))
    response = _save(Client(), attempt.pk, given)
    assert response.status_code in (401, 403)  # no longer a pass; no session either
    assert not Answer.objects.exists()


def test_an_untimed_attempts_pass_lasts_some_hours_then_the_session_signs_in(monkeypatch):
    attempt, given = _started()
    assert attempt.deadline is None
    _later(monkeypatch, timezone.now() + timedelta(hours=answer_pass.UNTIMED_HOURS, minutes=1))
    assert _save(Client(), attempt.pk, given).status_code in (401, 403)
    pupil = Client()
    pupil.force_login(attempt.user)  # the page's session (its CSRF token: not checked here)
    response = _save(pupil, attempt.pk, given)
    assert response.status_code == 200 and response.json()["saved"] is True


def test_a_pass_of_an_attempt_already_submitted_saves_nothing():
    attempt, given = _started()
    services.submit_attempt(attempt_id=attempt.pk, now=timezone.now())
    response = _save(Client(), attempt.pk, given)
    assert response.status_code == 409
    assert not Answer.objects.exists()
