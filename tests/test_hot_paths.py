"""Start and submit, the two heavy moments of a round, cost a few queries each, as production runs
them: the API with a token, background work queued in the database for the task worker."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from lms.reach.models import ReachPolicy
from quizzes import papers, services
from quizzes.models import Attempt, Certificate, Question
from tests import pages
from tests.factories import StudentFactory
from tests.load_quiz import make_load_quiz

pytestmark = pytest.mark.django_db

QUEUED_IN_THE_DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _client_of(student) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=student).key}")
    client.get("/api/v1/me/")  # the token's user is cached from here on, as all day long
    return client


def _statements(queries) -> list[str]:
    """The SQL that did work, without the savepoints of the test's own transaction."""
    return [q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]


def _start_costs(quiz, *students) -> tuple[list[str], dict]:
    """What the last student's start runs, the ones before having warmed the worker up."""
    *earlier, last = students
    for student in earlier:
        _client_of(student).post(f"/api/v1/quizzes/{quiz.pk}/attempts/")
    client = _client_of(last)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/api/v1/quizzes/{quiz.pk}/attempts/")
    assert response.status_code == 201, response.content
    return _statements(queries), response.json()


def test_a_class_starting_together_reads_each_question_version_once():
    quiz = make_load_quiz(time_limit_minutes=20)  # 20 questions of 4 choices
    statements, started = _start_costs(quiz, StudentFactory(), StudentFactory())
    # The student's extensions, their attempts of it (locked), the current version of each
    # question, and the insert of the attempt with its paper; the page was read once per worker.
    assert len(statements) == 4, "\n".join(statement[:120] for statement in statements)
    paper = Attempt.objects.get(pk=started["id"]).paper
    assert len(paper) == 20 and {len(entry["choices"]) for entry in paper} == {4}


def test_a_quiz_without_a_close_or_a_time_limit_looks_up_no_extension():
    statements, _started = _start_costs(make_load_quiz(), StudentFactory(), StudentFactory())
    assert len(statements) == 3
    assert not any("courses_extension" in statement for statement in statements)


def test_a_contest_round_starts_in_four_queries():
    from datetime import timedelta

    from quizzes.contests.records import ContestEntry

    contest = pages.contest()
    quiz = make_load_quiz(questions=20)
    round_ = pages.contest_round(
        contest,
        *[row.question for row in quiz.fixed_questions.all()],
        closes_at=timezone.now() + timedelta(hours=1),
        time_limit_minutes=20,
    )
    students = StudentFactory(), StudentFactory()
    for student in students:
        ContestEntry.objects.create(contest=contest, user=student, signed_up_at=timezone.now())
    statements, started = _start_costs(round_, *students)
    # The participant's entry, their attempts (locked), the question versions, the insert: the
    # round and its contest were read once per worker.
    assert len(statements) == 4, "\n".join(statement[:120] for statement in statements)
    assert started["deadline"] is not None


def test_a_changed_round_is_read_again_by_the_next_start():
    from datetime import timedelta

    quiz = make_load_quiz(questions=1, time_limit_minutes=20)
    first, second = StudentFactory(), StudentFactory()
    _client_of(first).post(f"/api/v1/quizzes/{quiz.pk}/attempts/")
    quiz.time_limit_minutes = 5
    quiz.save()  # a plain save, not a publish: kept pages follow it too
    started = _client_of(second).post(f"/api/v1/quizzes/{quiz.pk}/attempts/").json()
    attempt = Attempt.objects.get(pk=started["id"])
    assert attempt.deadline - attempt.started_at == timedelta(minutes=5)
    quiz.unpublish()
    assert (
        _client_of(StudentFactory()).post(f"/api/v1/quizzes/{quiz.pk}/attempts/").status_code == 404
    )


def test_an_edited_question_is_frozen_anew_for_the_next_start(now_aware_student):
    student, now = now_aware_student
    quiz = make_load_quiz(questions=2, shuffle_questions=False)
    before = services.start_attempt(quiz=quiz, user=student, now=now)
    question = Question.objects.get(pk=before.paper[0]["question_id"])
    question.stem = "<p>Ai nên chăm sóc em bé?</p>"
    question.save()
    question.save_revision()
    services.submit_attempt(attempt_id=before.pk, now=now)
    after = services.start_attempt(quiz=quiz, user=student, now=now)
    assert after.paper[0]["stem"] == "<p>Ai nên chăm sóc em bé?</p>"
    assert after.paper[0]["revision_id"] == question.latest_revision_id
    assert before.paper[0]["stem"] != after.paper[0]["stem"]


def test_a_republished_quiz_gives_its_new_questions(now_aware_student):
    from quizzes.pages import QuizQuestion

    student, now = now_aware_student
    quiz = make_load_quiz(questions=2)
    first = services.start_attempt(quiz=quiz, user=student, now=now)
    services.submit_attempt(attempt_id=first.pk, now=now)
    extra = Question.objects.exclude(pk__in=[e["question_id"] for e in first.paper]).first()
    extra = extra or make_load_quiz(questions=1).fixed_questions.get().question
    QuizQuestion.objects.create(quiz=quiz, question=extra, sort_order=9)
    pages.publish(quiz)
    second = services.start_attempt(quiz=quiz, user=student, now=now)
    assert len(second.paper) == 3


def test_a_cached_question_never_hands_out_a_shared_copy(now_aware_student):
    student, now = now_aware_student
    quiz = make_load_quiz(questions=1)
    attempt = services.start_attempt(quiz=quiz, user=student, now=now)
    attempt.paper[0]["choices"][0]["text"] = "đã sửa"
    attempt.paper[0]["key"]["correct_choice_ids"] = []
    base = next(iter(papers.frozen_questions._bases.values()))
    assert base["choices"][0]["text"] != "đã sửa"
    assert base["key"]["correct_choice_ids"] != []


def _answered_attempt(client, quiz) -> int:
    attempt_id = client.post(f"/api/v1/quizzes/{quiz.pk}/attempts/").json()["id"]
    for slot in range(1, 21):
        client.put(
            f"/api/v1/attempts/{attempt_id}/answers/{slot}/",
            {"value": None, "sequence": 1},
            format="json",
        )
    return attempt_id


def test_submit_scores_in_one_pass_with_one_write(settings):
    settings.TASKS = QUEUED_IN_THE_DATABASE
    quiz = make_load_quiz()
    ReachPolicy.objects.create()  # as on any day after the first
    earlier = _client_of(StudentFactory())  # the reach policy and core modules read, as all day
    earlier.post(f"/api/v1/attempts/{_answered_attempt(earlier, quiz)}/submit/")
    client = _client_of(StudentFactory())
    attempt_id = _answered_attempt(client, quiz)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/api/v1/attempts/{attempt_id}/submit/")
    assert response.json()["score"] == "0.00"
    # The attempt locked among the caller's own, its answers, the scored row, and the reach
    # recount queued (the quiz is a core module's check): a row, the batch's task already asked.
    statements = _statements(queries)
    assert len(statements) == 4, "\n".join(statement[:120] for statement in statements)
    assert "reach_pendingrecount" in statements[-1]


def test_a_passed_check_gets_its_certificate_from_the_worker_and_the_page_says_so(client, settings):
    settings.TASKS = QUEUED_IN_THE_DATABASE
    from django_tasks_db.models import DBTaskResult

    quiz = make_load_quiz(questions=2)
    student = StudentFactory()
    now = timezone.now()
    attempt = services.start_attempt(quiz=quiz, user=student, now=now)
    for entry in attempt.paper:
        right = entry["key"]["correct_choice_ids"][0]
        services.save_answer(
            attempt_id=attempt.pk,
            user=student,
            slot=entry["slot"],
            value=right,
            sequence=1,
            now=now,
        )
    services.submit_attempt(attempt_id=attempt.pk, now=now)
    assert not Certificate.objects.exists()
    client.force_login(student)
    page = client.get(f"/attempts/{attempt.pk}/result/").content.decode()
    assert "đang được chuẩn bị" in page
    queued = DBTaskResult.objects.filter(task_path="quizzes.tasks.issue_certificate").get()
    from quizzes.tasks import issue_certificate

    code = issue_certificate.call(*queued.args_kwargs["args"])
    assert Certificate.objects.get().code == code
    assert code in client.get(f"/attempts/{attempt.pk}/result/").content.decode()


@pytest.fixture
def now_aware_student():
    return StudentFactory(), timezone.now()
