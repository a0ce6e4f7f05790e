"""The quiz API as the player will use it: start, paper without a key, autosave, submit, review."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quizzes.models import Attempt
from tests.factories import KEY_FIELDS, StudentFactory, make_question
from tests.pages import make_quiz

pytestmark = pytest.mark.django_db


def walk_keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from walk_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk_keys(item)


@pytest.fixture
def student_api(api_client):
    student = StudentFactory()
    api_client.force_authenticate(student)
    api_client.student = student
    return api_client


def _start(api, quiz):
    response = api.post(f"/api/v1/quizzes/{quiz.pk}/attempts/")
    assert response.status_code == 201, response.content
    return response.json()["id"]


def _right(attempt_id, slot=1):
    return Attempt.objects.get(pk=attempt_id).entry(slot)["key"]["correct_choice_ids"][0]


def test_whole_attempt_through_the_api(student_api):
    quiz = make_quiz(make_question(), make_question("Câu hai"), time_limit_minutes=10)
    meta = student_api.get(f"/api/v1/quizzes/{quiz.pk}/").json()
    assert (meta["status"], meta["attempts_used"], meta["grade"]) == ("open", 0, None)
    attempt_id = _start(student_api, quiz)
    paper = student_api.get(f"/api/v1/attempts/{attempt_id}/").json()
    assert len(paper["questions"]) == 2 and paper["deadline"] and paper["server_now"]
    assert KEY_FIELDS.isdisjoint(set(walk_keys(paper)))
    saved = student_api.put(
        f"/api/v1/attempts/{attempt_id}/answers/1/",
        {"value": _right(attempt_id), "sequence": 1},
        format="json",
    )
    assert saved.json() == {"slot": 1, "saved": True, "sequence": 1}
    result = student_api.post(f"/api/v1/attempts/{attempt_id}/submit/").json()
    assert (result["score"], result["maximum"], result["percent"]) == ("1.00", "2.00", "50.00")
    assert result["passed"] is False
    again = student_api.post(f"/api/v1/attempts/{attempt_id}/submit/").json()
    assert again == result
    review = student_api.get(f"/api/v1/attempts/{attempt_id}/review/").json()
    assert review["questions"][0]["correct"] in (True, False)
    assert "right_choice_ids" in review["questions"][0]
    mine = student_api.get("/api/v1/me/attempts/").json()
    assert [row["id"] for row in mine["results"]] == [attempt_id]


@pytest.mark.parametrize("bad", [-1, 1_000_001, 2.5, True, [3]])
def test_a_malformed_prediction_is_refused_by_a_quiz_that_asks_none_too(student_api, bad):
    """The schema promises every submit a whole number from 0 to 1,000,000 or nothing."""
    attempt_id = _start(student_api, make_quiz(make_question()))
    submit = f"/api/v1/attempts/{attempt_id}/submit/"
    response = student_api.post(submit, {"prediction": bad}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_prediction"
    assert not Attempt.objects.get(pk=attempt_id).is_submitted
    assert student_api.post(submit, {"prediction": 7}, format="json").status_code == 200
    assert Attempt.objects.get(pk=attempt_id).prediction is None  # asked none: keeps none


def test_another_students_attempt_is_404(student_api):
    quiz = make_quiz(make_question())
    attempt_id = _start(student_api, quiz)
    other = StudentFactory()
    student_api.force_authenticate(other)
    assert student_api.get(f"/api/v1/attempts/{attempt_id}/").status_code == 404
    put = student_api.put(
        f"/api/v1/attempts/{attempt_id}/answers/1/", {"value": 1, "sequence": 1}, format="json"
    )
    assert put.status_code == 404
    assert student_api.post(f"/api/v1/attempts/{attempt_id}/submit/").status_code == 404


@pytest.mark.parametrize(
    ("slot", "body", "field"),
    [
        (9, {"value": 1, "sequence": 1}, "slot"),
        (1, {"value": 999999, "sequence": 1}, "value"),
        (1, {"value": "a" * 2001, "sequence": 1}, "value"),
        (1, {"sequence": 1}, "value"),
        (1, {"value": 1, "sequence": -1}, "sequence"),
    ],
)
def test_bad_answers_are_400_with_the_field_named(student_api, slot, body, field):
    attempt_id = _start(student_api, make_quiz(make_question()))
    response = student_api.put(
        f"/api/v1/attempts/{attempt_id}/answers/{slot}/", body, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_late_answer_is_409_with_a_message_and_the_saved_answer_stays(student_api):
    quiz = make_quiz(make_question(), time_limit_minutes=1)
    attempt_id = _start(student_api, quiz)
    student_api.put(
        f"/api/v1/attempts/{attempt_id}/answers/1/",
        {"value": _right(attempt_id), "sequence": 1},
        format="json",
    )
    Attempt.objects.filter(pk=attempt_id).update(deadline=timezone.now() - timedelta(minutes=5))
    late = student_api.put(
        f"/api/v1/attempts/{attempt_id}/answers/1/", {"value": None, "sequence": 2}, format="json"
    )
    assert late.status_code == 409
    assert late.json()["error"]["code"] == "attempt_closed"
    assert Attempt.objects.get(pk=attempt_id).answers.get().value == _right(attempt_id)
    # Reading it closes it from what was saved.
    closed = student_api.get(f"/api/v1/attempts/{attempt_id}/").json()
    assert closed["closed_by_deadline"] and closed["score"] == "1.00"


def test_quiz_rules_give_409_a_student_understands(student_api):
    used_up = make_quiz(make_question(), attempts_allowed=1)
    student_api.post(f"/api/v1/attempts/{_start(student_api, used_up)}/submit/")
    response = student_api.post(f"/api/v1/quizzes/{used_up.pk}/attempts/")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "attempts_used_up"
    closed = make_quiz(make_question(), closes_at=timezone.now() - timedelta(hours=1))
    assert (
        student_api.post(f"/api/v1/quizzes/{closed.pk}/attempts/").json()["error"]["code"]
        == "quiz_closed"
    )


def test_review_follows_the_quiz_policy(student_api):
    never = make_quiz(make_question(), review_when="never")
    attempt_id = _start(student_api, never)
    assert student_api.get(f"/api/v1/attempts/{attempt_id}/review/").status_code == 409
    student_api.post(f"/api/v1/attempts/{attempt_id}/submit/")
    assert student_api.get(f"/api/v1/attempts/{attempt_id}/review/").status_code == 409
    scores_only = make_quiz(
        make_question(),
        review_shows_right_answers=False,
        review_shows_explanations=False,
    )
    attempt_id = _start(student_api, scores_only)
    assert student_api.get(f"/api/v1/attempts/{attempt_id}/review/").status_code == 409
    student_api.post(f"/api/v1/attempts/{attempt_id}/submit/")
    review = student_api.get(f"/api/v1/attempts/{attempt_id}/review/").json()
    assert KEY_FIELDS.isdisjoint(set(walk_keys(review["questions"])) - {"correct"})
    assert "right_choice_ids" not in review["questions"][0]


def test_unpublished_quiz_is_404(student_api):
    quiz = make_quiz(make_question())
    quiz.unpublish()
    assert student_api.get(f"/api/v1/quizzes/{quiz.pk}/").json()["error"]["code"] == (
        "quiz_not_found"
    )


def test_anonymous_callers_are_401(api_client):
    quiz = make_quiz(make_question())
    assert api_client.post(f"/api/v1/quizzes/{quiz.pk}/attempts/").status_code == 401


def test_module_links_to_its_knowledge_check_which_shows_the_rules(client):
    quiz = make_quiz(make_question(), time_limit_minutes=15)
    client.force_login(StudentFactory())
    module_html = client.get(quiz.get_parent().url).content.decode()
    assert quiz.url in module_html
    quiz_html = client.get(quiz.url).content.decode()
    assert "15" in quiz_html and quiz.title in quiz_html


def test_a_sequence_number_too_large_for_the_database_is_a_named_400(student_api):
    attempt_id = _start(student_api, make_quiz(make_question()))
    response = student_api.put(
        f"/api/v1/attempts/{attempt_id}/answers/1/",
        {"value": _right(attempt_id), "sequence": 2**40},
        format="json",
    )
    assert response.status_code == 400 and "sequence" in response.json()["error"]["fields"]
