"""Item analysis: facility, discrimination and the choices students picked, per question."""

import pytest
from django.utils import timezone

from lms.accounts.models import Role
from quizzes import selectors, services
from tests.factories import StudentFactory, UserFactory, make_question
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
