"""Item analysis: facility, discrimination and the choices students picked, per question."""

import json
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from lms.accounts.models import Role
from quizzes import selectors, services
from quizzes.api import ItemStatsSerializer
from quizzes.models import Attempt, Question, QuestionChoice
from quizzes.scoring import Kind
from tests.factories import (
    StudentFactory,
    UserFactory,
    make_question,
    reference_item_analysis,
)
from tests.pages import make_quiz

pytestmark = pytest.mark.django_db


def _take(quiz, answers_by_text, now):
    attempt = services.start_attempt(quiz=quiz, user=StudentFactory(), now=now)
    for entry in attempt.paper:
        wanted = answers_by_text.get(entry["question_id"])
        choice = next((c["id"] for c in entry["choices"] if c["text"] == wanted), None)
        if choice is not None:
            services.save_answer(
                attempt_id=attempt.pk,
                user=attempt.user,
                slot=entry["slot"],
                value=choice,
                sequence=1,
                now=now,
            )
    return services.submit_attempt(attempt_id=attempt.pk, now=now)


@pytest.fixture
def analysed_quiz():
    """Ten students: the easy question everyone gets; the hard one only the strongest get."""
    easy = make_question("Dễ", right="Cả nhà", wrong=("Chỉ mẹ",))
    hard = make_question("Khó", right="Đúng", wrong=("Sai",))
    quiz = make_quiz(easy, hard)
    now = timezone.now()
    for n in range(10):
        _take(quiz, {easy.pk: "Cả nhà", hard.pk: "Đúng" if n >= 7 else "Sai"}, now)
    return quiz, easy, hard


def test_facility_discrimination_and_choice_counts(analysed_quiz, django_assert_max_num_queries):
    quiz, easy, hard = analysed_quiz
    with django_assert_max_num_queries(2):
        stats = {item.question_id: item for item in selectors.item_analysis(quiz=quiz)}
    assert stats[easy.pk].facility == 1.0
    assert stats[easy.pk].discrimination == 0.0
    assert stats[hard.pk].facility == 0.3
    assert stats[hard.pk].discrimination == 1.0  # top 27% all right, bottom 27% all wrong
    counts = {c.text: c.count for c in stats[hard.pk].choices}
    assert counts == {"Đúng": 3, "Sai": 7}


def test_discrimination_needs_enough_attempts():
    quiz = make_quiz(make_question())
    _take(quiz, {}, timezone.now())
    (item,) = selectors.item_analysis(quiz=quiz)
    assert item.discrimination is None and item.unanswered == 1


def test_item_analysis_api_is_for_editors_only(api_client, analysed_quiz):
    quiz, _easy, hard = analysed_quiz
    url = f"/api/v1/quizzes/{quiz.pk}/item-analysis/"
    api_client.force_authenticate(StudentFactory())
    assert api_client.get(url).status_code == 403
    api_client.force_authenticate(UserFactory(role=Role.EDITOR))
    body = api_client.get(url).json()
    assert body[0]["question_id"] == hard.pk  # hardest first
    assert {c["text"] for c in body[0]["choices"]} == {"Đúng", "Sai"}


def test_back_office_report_draws_a_bar_per_question_and_choice(client, analysed_quiz):
    quiz, _easy, hard = analysed_quiz
    editor = UserFactory(role=Role.EDITOR, is_staff=True)
    client.force_login(editor)
    response = client.get(f"/admin/quizzes/{quiz.pk}/item-analysis/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg width=") == 2 + 4  # a facility bar per question, a bar per choice
    assert "30%" in html and "100%" in html
    # Hardest first: the question most students missed leads the table.
    assert html.index("Khó") < html.index("Dễ")
    explore = client.get(f"/admin/pages/{quiz.pk}/edit/")
    assert f"/admin/quizzes/{quiz.pk}/item-analysis/" in explore.content.decode()


def test_back_office_report_is_refused_to_teachers_and_students(client, analysed_quiz):
    quiz, *_ = analysed_quiz
    for role in (Role.TEACHER, Role.STUDENT):
        client.force_login(UserFactory(role=role, is_staff=True))
        assert client.get(f"/admin/quizzes/{quiz.pk}/item-analysis/").status_code in (302, 403)


def _figures(stats) -> dict:
    return {
        s.question_id: (
            s.stem,
            s.attempts,
            s.facility,
            s.discrimination,
            s.unanswered,
            {c.id: (c.text, c.is_correct, c.count) for c in s.choices},
        )
        for s in stats
    }


def _multiple_choice_question(text: str) -> Question:
    question = Question.objects.create(kind=Kind.MULTIPLE, stem=f"<p>{text}</p>", marks=Decimal(2))
    for order, (label, right) in enumerate([("A", True), ("B", True), ("C", False), ("D", False)]):
        QuestionChoice.objects.create(
            question=question, text=label, is_correct=right, sort_order=order
        )
    question.save_revision()
    return question


@pytest.mark.parametrize("seed", [1, 2])
def test_item_analysis_gives_the_same_figures_as_marking_every_paper_again(seed):
    """Random answers (skipped, single, several choices) over six questions, some attempts left
    open, some scored before `item_marks` existed: the figures match the reference."""
    rng = random.Random(seed)
    questions = [make_question(f"Câu {n}", wrong=("Sai 1", "Sai 2", "Sai 3")) for n in range(4)]
    questions += [_multiple_choice_question(f"Nhiều lựa chọn {n}") for n in range(2)]
    quiz = make_quiz(*questions)
    now = timezone.now()
    class_students = set()
    for n in range(rng.randint(24, 32)):
        attempt = services.start_attempt(quiz=quiz, user=StudentFactory(), now=now)
        if n % 3 == 0:
            class_students.add(attempt.user_id)
        for entry in attempt.paper:
            ids = [c["id"] for c in entry["choices"]]
            roll = rng.random()
            if roll < 0.15:
                continue
            value = rng.sample(ids, rng.randint(1, 3)) if entry["kind"] == "multiple" else None
            if value is None:
                value = entry["key"]["correct_choice_ids"][0] if roll < 0.6 else rng.choice(ids)
            services.save_answer(
                attempt_id=attempt.pk,
                user=attempt.user,
                slot=entry["slot"],
                value=value,
                sequence=1,
                now=now,
            )
        if rng.random() < 0.9:
            services.submit_attempt(attempt_id=attempt.pk, now=now)
    # Attempts scored before `item_marks` existed: the selector marks theirs on its first read.
    older = Attempt.objects.filter(quiz=quiz, submitted_at__isnull=False).order_by("?")[:5]
    Attempt.objects.filter(pk__in=[a.pk for a in older]).update(item_marks=None)

    assert _figures(selectors.item_analysis(quiz=quiz)) == _figures(
        reference_item_analysis(quiz=quiz)
    )
    one_class = Attempt.objects.filter(quiz=quiz, user__in=class_students)
    assert _figures(selectors.item_analysis(quiz=quiz, attempts=one_class)) == _figures(
        reference_item_analysis(quiz=quiz, attempts=one_class)
    )
    stats = selectors.item_analysis(quiz=quiz)
    assert [s.facility for s in stats] == sorted(s.facility for s in stats)


def test_a_regrade_updates_the_figures(analysed_quiz):
    """The key of the hard question is corrected: "Sai" was right after all."""
    quiz, _easy, hard = analysed_quiz
    for choice in hard.choices.all():
        choice.is_correct = not choice.is_correct
        choice.save()
    hard.save_revision()
    services.regrade_question(question=hard, by=UserFactory(role=Role.EDITOR), now=timezone.now())
    stats = {item.question_id: item for item in selectors.item_analysis(quiz=quiz)}
    assert stats[hard.pk].facility == 0.7
    assert _figures(selectors.item_analysis(quiz=quiz)) == _figures(
        reference_item_analysis(quiz=quiz)
    )


def test_the_api_answers_what_the_old_computation_and_serializer_gave(api_client, analysed_quiz):
    quiz, *_ = analysed_quiz
    api_client.force_authenticate(UserFactory(role=Role.EDITOR))
    body = api_client.get(f"/api/v1/quizzes/{quiz.pk}/item-analysis/").json()
    before = json.loads(
        json.dumps(ItemStatsSerializer(reference_item_analysis(quiz=quiz), many=True).data)
    )
    assert sorted(body, key=lambda s: s["question_id"]) == sorted(
        before, key=lambda s: s["question_id"]
    )
