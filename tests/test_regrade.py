"""Regrading after an editor fixes a key: scores follow the new key, each change is audited."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import Role
from quizzes import services
from quizzes.models import Attempt, QuestionChoice, RegradeRecord
from tests.factories import StudentFactory, UserFactory, make_question
from tests.pages import make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered_wrongly_by_the_old_key():
    """Two students chose 'Chỉ bố', which the editor later finds was the right answer."""
    question = make_question(right="Cả nhà", wrong=("Chỉ mẹ", "Chỉ bố"))
    quiz = make_quiz(question)
    now = timezone.now()
    attempts = []
    for _n in range(2):
        attempt = services.start_attempt(quiz=quiz, user=StudentFactory(), now=now)
        chosen = next(c["id"] for c in attempt.entry(1)["choices"] if c["text"] == "Chỉ bố")
        services.save_answer(
            attempt_id=attempt.pk, user=attempt.user, slot=1, value=chosen, sequence=1, now=now
        )
        attempts.append(services.submit_attempt(attempt_id=attempt.pk, now=now))
    QuestionChoice.objects.filter(question=question).update(is_correct=False)
    QuestionChoice.objects.filter(question=question, text="Chỉ bố").update(is_correct=True)
    return question, attempts


def test_regrade_rescores_with_the_new_key_and_records_who_and_when(
    answered_wrongly_by_the_old_key,
):
    question, attempts = answered_wrongly_by_the_old_key
    editor = UserFactory(role=Role.EDITOR)
    assert [a.score for a in attempts] == [Decimal(0), Decimal(0)]
    changed = services.regrade_question(question=question, by=editor, now=timezone.now())
    assert changed == 2
    for attempt in attempts:
        attempt.refresh_from_db()
        assert attempt.score == Decimal(1)
        record = RegradeRecord.objects.get(attempt=attempt)
        assert (record.old_score, record.new_score, record.regraded_by) == (
            Decimal(0),
            Decimal(1),
            editor,
        )


def test_regrading_twice_changes_nothing_the_second_time(answered_wrongly_by_the_old_key):
    question, _attempts = answered_wrongly_by_the_old_key
    services.regrade_question(question=question, by=None, now=timezone.now())
    assert services.regrade_question(question=question, by=None, now=timezone.now()) == 0
    assert RegradeRecord.objects.count() == 2


def test_regrade_keeps_the_choice_order_the_student_saw(answered_wrongly_by_the_old_key):
    question, attempts = answered_wrongly_by_the_old_key
    before = [c["id"] for c in attempts[0].entry(1)["choices"]]
    services.regrade_question(question=question, by=None, now=timezone.now())
    after = [c["id"] for c in Attempt.objects.get(pk=attempts[0].pk).entry(1)["choices"]]
    assert after == before


def test_editor_starts_a_regrade_from_the_back_office(client, answered_wrongly_by_the_old_key):
    question, attempts = answered_wrongly_by_the_old_key
    client.force_login(UserFactory(role=Role.EDITOR, is_staff=True))
    url = reverse("quiz_regrade", args=[question.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert RegradeRecord.objects.count() == 2  # the task ran (immediate backend in tests)


def test_a_teacher_cannot_regrade(client, answered_wrongly_by_the_old_key):
    question, _attempts = answered_wrongly_by_the_old_key
    client.force_login(UserFactory(role=Role.TEACHER, is_staff=True))
    response = client.post(reverse("quiz_regrade", args=[question.pk]))
    assert response.status_code in (302, 403)
    assert not RegradeRecord.objects.exists()
