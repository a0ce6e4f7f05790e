"""The attempt lifecycle: a frozen paper, autosave with sequence numbers, deadline and grace,
idempotent submit, overdue attempts closed from what was saved."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from quizzes import errors, papers, services
from quizzes.models import Answer, Attempt, Question, QuestionChoice
from quizzes.pages import QuizDraw
from quizzes.scoring import Kind
from tests.factories import StudentFactory, make_question, right_choice
from tests.pages import make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def student():
    return StudentFactory()


def test_starting_freezes_a_paper_and_a_server_deadline(student, now):
    quiz = make_quiz(make_question(), make_question("Câu hai"), time_limit_minutes=10)
    attempt = services.start_attempt(quiz=quiz, user=student, now=now, seed=1)
    assert attempt.deadline == now + timedelta(minutes=10)
    assert [entry["slot"] for entry in attempt.paper] == [1, 2]
    assert all(entry["revision_id"] for entry in attempt.paper)


def test_deadline_is_the_quiz_close_when_that_comes_first(student, now):
    quiz = make_quiz(make_question(), time_limit_minutes=30, closes_at=now + timedelta(minutes=5))
    attempt = services.start_attempt(quiz=quiz, user=student, now=now)
    assert attempt.deadline == now + timedelta(minutes=5)


def test_later_edits_of_a_question_never_change_a_live_attempt(student, now):
    question = make_question()
    quiz = make_quiz(question)
    attempt = services.start_attempt(quiz=quiz, user=student, now=now)
    chosen = right_choice(attempt, 1)
    QuestionChoice.objects.filter(question=question).update(is_correct=False)
    services.save_answer(
        attempt_id=attempt.pk, user=attempt.user, slot=1, value=chosen, sequence=1, now=now
    )
    assert services.submit_attempt(attempt_id=attempt.pk, now=now).score == Decimal(1)


def test_the_paper_a_student_sees_carries_no_key(student, now):
    quiz = make_quiz(make_question(), make_question("Câu hai"))
    attempt = services.start_attempt(quiz=quiz, user=student, now=now)
    payload = json.dumps([papers.student_view(entry) for entry in attempt.paper])
    for forbidden in ("key", "correct", "feedback", "explanation", "accepted", "numeric_answer"):
        assert forbidden not in payload


def test_random_draws_take_questions_of_a_tag_without_repeats(student, now):
    tagged = [make_question(f"Câu {n}") for n in range(6)]
    for question in tagged:
        question.tags.add("viec-nha")
        question.save()
    quiz = make_quiz(tagged[0])
    QuizDraw.objects.create(quiz=quiz, tag="viec-nha", count=3)
    attempt = services.start_attempt(quiz=quiz, user=student, now=now, seed=7)
    ids = [entry["question_id"] for entry in attempt.paper]
    assert len(ids) == 4 and len(set(ids)) == 4


def test_starting_twice_returns_the_unfinished_attempt(student, now):
    quiz = make_quiz(make_question(), attempts_allowed=2)
    first = services.start_attempt(quiz=quiz, user=student, now=now)
    assert services.start_attempt(quiz=quiz, user=student, now=now) == first


def test_attempts_used_up_quiz_not_open_and_closed_are_refused(student, now):
    quiz = make_quiz(make_question(), attempts_allowed=1)
    services.submit_attempt(
        attempt_id=services.start_attempt(quiz=quiz, user=student, now=now).pk, now=now
    )
    with pytest.raises(errors.AttemptsUsedUp):
        services.start_attempt(quiz=quiz, user=student, now=now)
    later = make_quiz(make_question(), opens_at=now + timedelta(days=1))
    with pytest.raises(errors.QuizNotOpen):
        services.start_attempt(quiz=later, user=student, now=now)
    over = make_quiz(make_question(), closes_at=now - timedelta(minutes=1))
    with pytest.raises(errors.QuizClosed):
        services.start_attempt(quiz=over, user=student, now=now)


def test_an_older_sequence_never_overwrites_a_newer_answer(student, now):
    quiz = make_quiz(make_question())
    attempt = services.start_attempt(quiz=quiz, user=student, now=now)
    choices = [c["id"] for c in attempt.entry(1)["choices"]]
    assert services.save_answer(
        attempt_id=attempt.pk, user=attempt.user, slot=1, value=choices[0], sequence=5, now=now
    )
    assert not services.save_answer(
        attempt_id=attempt.pk, user=attempt.user, slot=1, value=choices[1], sequence=4, now=now
    )
    assert Answer.objects.get().value == choices[0]
    assert services.save_answer(
        attempt_id=attempt.pk, user=attempt.user, slot=1, value=choices[1], sequence=6, now=now
    )
    assert Answer.objects.get().value == choices[1]


@pytest.mark.parametrize(
    ("slot", "value", "error"),
    [
        (9, 1, errors.NotOnPaper),
        (1, 999999, errors.BadAnswer),
        (1, "not a choice", errors.BadAnswer),
        (1, True, errors.BadAnswer),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_saved(student, now, slot, value, error):
    attempt = services.start_attempt(quiz=make_quiz(make_question()), user=student, now=now)
    with pytest.raises(error):
        services.save_answer(
            attempt_id=attempt.pk, user=attempt.user, slot=slot, value=value, sequence=1, now=now
        )
    assert not Answer.objects.exists()


def test_a_text_answer_over_two_thousand_characters_is_refused(student, now):
    question = Question.objects.create(
        kind=Kind.SHORT_TEXT, stem="<p>?</p>", accepted_answers="bình đẳng"
    )
    attempt = services.start_attempt(quiz=make_quiz(question), user=student, now=now)
    with pytest.raises(errors.BadAnswer):
        services.save_answer(
            attempt_id=attempt.pk, user=attempt.user, slot=1, value="a" * 2001, sequence=1, now=now
        )


def test_late_answer_within_grace_counts_after_grace_is_refused_and_saved_answers_stay(
    student, now
):
    quiz = make_quiz(make_question(), make_question("Câu hai"), time_limit_minutes=1)
    attempt = services.start_attempt(quiz=quiz, user=student, now=now)
    right = right_choice(attempt, 1)
    in_grace = attempt.deadline + timedelta(seconds=30)
    assert services.save_answer(
        attempt_id=attempt.pk, user=attempt.user, slot=1, value=right, sequence=1, now=in_grace
    )
    too_late = attempt.deadline + services.GRACE + timedelta(seconds=1)
    with pytest.raises(errors.AttemptClosed):
        services.save_answer(
            attempt_id=attempt.pk,
            user=attempt.user,
            slot=2,
            value=right_choice(attempt, 2),
            sequence=2,
            now=too_late,
        )
    assert Answer.objects.get().value == right


def test_submit_is_idempotent(student, now):
    quiz = make_quiz(make_question())
    attempt = services.start_attempt(quiz=quiz, user=student, now=now)
    services.save_answer(
        attempt_id=attempt.pk,
        user=attempt.user,
        slot=1,
        value=right_choice(attempt, 1),
        sequence=1,
        now=now,
    )
    first = services.submit_attempt(attempt_id=attempt.pk, now=now + timedelta(seconds=40))
    again = services.submit_attempt(attempt_id=attempt.pk, now=now + timedelta(minutes=5))
    assert (first.score, first.submitted_at) == (again.score, again.submitted_at)
    assert (first.maximum, first.percent, first.duration_seconds) == (Decimal(1), Decimal(100), 40)
    with pytest.raises(errors.AttemptClosed):
        services.save_answer(
            attempt_id=again.pk, user=again.user, slot=1, value=None, sequence=2, now=now
        )


def test_overdue_attempts_are_closed_from_what_was_saved(student, now):
    quiz = make_quiz(make_question(), make_question("Câu hai"), time_limit_minutes=5)
    attempt = services.start_attempt(quiz=quiz, user=student, now=now)
    services.save_answer(
        attempt_id=attempt.pk,
        user=attempt.user,
        slot=1,
        value=right_choice(attempt, 1),
        sequence=1,
        now=now,
    )
    assert services.close_overdue_attempts(now=now + timedelta(minutes=5)) == 0  # grace
    assert services.close_overdue_attempts(now=now + timedelta(minutes=7)) == 1
    attempt.refresh_from_db()
    assert attempt.closed_by_deadline
    assert (attempt.score, attempt.submitted_at) == (Decimal(1), attempt.deadline)


def test_submitting_after_the_deadline_scores_what_was_saved_in_time(student, now):
    quiz = make_quiz(make_question(), time_limit_minutes=1)
    attempt = services.start_attempt(quiz=quiz, user=student, now=now)
    services.save_answer(
        attempt_id=attempt.pk,
        user=attempt.user,
        slot=1,
        value=right_choice(attempt, 1),
        sequence=1,
        now=now,
    )
    late = services.submit_attempt(attempt_id=attempt.pk, now=now + timedelta(hours=1))
    assert late.closed_by_deadline and late.score == Decimal(1)
    assert late.duration_seconds == 60


def test_autosave_reads_the_paper_once_per_worker_then_writes_in_one_statement(
    student, now, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    quiz = make_quiz(make_question(), make_question(), make_question())
    with django_capture_on_commit_callbacks(execute=True):
        attempt = services.start_attempt(quiz=quiz, user=student, now=now)

    def save(slot: int) -> bool:
        value = right_choice(attempt, slot)
        return services.save_answer(
            attempt_id=attempt.pk, user=student, slot=slot, value=value, sequence=1, now=now
        )

    # The worker that started the attempt knows its paper: one statement from the first save.
    with django_assert_num_queries(1):
        save(1)
    papers.answer_shapes.clear()  # another worker: it reads the whole paper once, then no more
    with django_assert_num_queries(2):
        save(2)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=student).key}")
    # The token's user and roles (kept in the cache from then on: one query on PostgreSQL, two
    # elsewhere) and the upsert; then only that.
    from django.db import connection

    with django_assert_num_queries(2 if connection.vendor == "postgresql" else 3):
        response = client.put(
            f"/api/v1/attempts/{attempt.pk}/answers/3/",
            {"value": right_choice(attempt, 3), "sequence": 2},
            format="json",
        )
    assert response.json() == {"slot": 3, "saved": True, "sequence": 2}
    with django_assert_num_queries(1):
        client.put(
            f"/api/v1/attempts/{attempt.pk}/answers/1/",
            {"value": right_choice(attempt, 1), "sequence": 3},
            format="json",
        )


def test_a_question_shape_is_kept_once_whichever_papers_hold_it(
    now, django_capture_on_commit_callbacks
):
    quiz = make_quiz(make_question(), make_question(), shuffle_questions=True)
    with django_capture_on_commit_callbacks(execute=True):
        for student in StudentFactory.create_batch(5):
            services.start_attempt(quiz=quiz, user=student, now=now)
    assert len(papers.answer_shapes._papers) == 5
    assert len(papers.answer_shapes._shapes) == 2


def test_a_bad_value_into_someone_elses_kept_paper_is_not_found_not_bad(
    student, now, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        attempt = services.start_attempt(quiz=make_quiz(make_question()), user=student, now=now)
    assert papers.answer_shapes.knows(attempt.pk)
    with pytest.raises(errors.AttemptNotFound):  # not "bad answer": that would say it exists
        services.save_answer(
            attempt_id=attempt.pk, user=StudentFactory(), slot=1, value=-1, sequence=1, now=now
        )
    with pytest.raises(errors.BadAnswer):
        services.save_answer(
            attempt_id=attempt.pk, user=student, slot=1, value=-1, sequence=1, now=now
        )


def test_a_slot_not_on_the_paper_is_refused_from_a_kept_paper_too(student, now):
    attempt = services.start_attempt(quiz=make_quiz(make_question()), user=student, now=now)
    for cold in (False, True):
        if cold:
            papers.answer_shapes.clear()
        with pytest.raises(errors.NotOnPaper):
            services.save_answer(
                attempt_id=attempt.pk, user=student, slot=7, value=None, sequence=1, now=now
            )


def test_a_slot_already_read_still_refuses_another_user_and_a_closed_attempt(student, now):
    attempt = services.start_attempt(quiz=make_quiz(make_question()), user=student, now=now)
    choice = right_choice(attempt, 1)
    save = dict(attempt_id=attempt.pk, slot=1, value=choice, now=now)
    assert services.save_answer(user=student, sequence=1, **save)
    with pytest.raises(errors.AttemptNotFound):
        services.save_answer(user=StudentFactory(), sequence=2, **save)
    assert not services.save_answer(user=student, sequence=1, **save)  # not newer: kept as is
    services.submit_attempt(attempt_id=attempt.pk, now=now)
    with pytest.raises(errors.AttemptClosed):
        services.save_answer(user=student, sequence=3, **save)
    assert Answer.objects.get().sequence == 1


def test_the_periodic_command_closes_overdue_attempts(student, now):
    from io import StringIO

    from django.core.management import call_command

    quiz = make_quiz(make_question(), time_limit_minutes=1)
    attempt = services.start_attempt(quiz=quiz, user=student, now=now - timedelta(minutes=10))
    out = StringIO()
    call_command("close_overdue_attempts", stdout=out)
    attempt.refresh_from_db()
    assert attempt.is_submitted and "closed 1" in out.getvalue()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submits_give_one_score(settings):
    """Two requests submit the same attempt at once: the row lock lets one score it."""
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        pytest.skip("needs PostgreSQL's row locks (CI runs on PostgreSQL)")
    import threading

    from django.db import connection

    student = StudentFactory()
    now = timezone.now()
    attempt = services.start_attempt(quiz=make_quiz(make_question()), user=student, now=now)
    results, barrier = [], threading.Barrier(2)

    def submit(offset):
        barrier.wait()
        try:
            done = services.submit_attempt(
                attempt_id=attempt.pk, now=now + timedelta(seconds=offset)
            )
            results.append((done.submitted_at, done.score))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in (10, 20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2 and results[0] == results[1]
    assert Attempt.objects.filter(pk=attempt.pk, submitted_at__isnull=False).count() == 1
