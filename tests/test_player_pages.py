"""The student's quiz pages without a browser: start, player, the no-script submit, results,
certificates and their public check, and the student home."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from quizzes import services
from quizzes.models import Attempt, Certificate, Question
from quizzes.scoring import Kind
from tests.factories import KEY_FIELDS, StudentFactory, make_question
from tests.pages import make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def student(client):
    student = StudentFactory(display_name="Nguyễn Thị Ánh Tuyết")
    client.force_login(student)
    return student


def _start(client, quiz) -> Attempt:
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    player_answers(response, attempt)
    return attempt


def player_answers(response, attempt) -> None:
    """The start is answered with the player itself (no redirect), never kept by a cache, and
    the player carries its own address for the script to put in the bar."""
    html = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert f'data-attempt="{attempt.pk}"' in html
    assert f'data-player-url="{reverse("quizzes:player", args=[attempt.pk])}"' in html


def _right(attempt, slot):
    return attempt.entry(slot)["key"]["correct_choice_ids"][0]


def _save_right(attempt, student, slot: int, *, sequence: int) -> None:
    """The right answer to `slot`, saved as the player's autosave does."""
    services.save_answer(
        attempt_id=attempt.pk,
        user=student,
        slot=slot,
        value=_right(attempt, slot),
        sequence=sequence,
        now=timezone.now(),
    )


def test_player_shows_the_paper_and_saved_answers_but_no_key(client, student):
    quiz = make_quiz(make_question(), make_question("Câu hai"), time_limit_minutes=10)
    attempt = _start(client, quiz)
    _save_right(attempt, student, 1, sequence=4)
    html = client.get(reverse("quizzes:player", args=[attempt.pk])).content.decode()
    assert 'data-sequence="4"' in html
    assert f'value="{_right(attempt, 1)}" checked' in html
    assert "data-deadline=" in html
    for word in KEY_FIELDS - {"key"}:
        assert word not in html
    assert "is_correct" not in html and "Cả nhà" in html  # the choice text, not whether it is right


def test_player_escapes_what_authors_and_students_wrote(client, student):
    multiple = make_question(
        "Chọn <em>mọi</em> câu đúng", right='<script>alert("x")</script>', wrong=("A & B",)
    )
    multiple.kind = Kind.MULTIPLE
    multiple.save()
    multiple.save_revision()
    typed = Question.objects.create(kind=Kind.SHORT_TEXT, stem="<p>Viết một từ</p>")
    typed.save_revision()
    attempt = _start(client, make_quiz(multiple, typed))
    slots = {entry["kind"]: entry["slot"] for entry in attempt.paper}
    ids = [choice["id"] for choice in attempt.entry(slots["multiple"])["choices"]]
    now = timezone.now()
    for slot, value, sequence in ((slots["multiple"], ids, 1), (slots["short_text"], '"><b>', 2)):
        services.save_answer(
            attempt_id=attempt.pk, user=student, slot=slot, value=value, sequence=sequence, now=now
        )
    html = client.get(reverse("quizzes:player", args=[attempt.pk])).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(&quot;x&quot;)" in html
    assert "A &amp; B" in html
    assert "Chọn <em>mọi</em> câu đúng" in html  # the stem is rich text, as the editor wrote it
    assert 'value="&quot;&gt;&lt;b&gt;"' in html
    assert html.count('type="checkbox"') == 2 and html.count(" checked>") == 2
    assert "Câu 1 trên 2" in html


def test_form_without_script_saves_every_answer_and_submits(client, student):
    quiz = make_quiz(make_question(), make_question("Câu hai"))
    attempt = _start(client, quiz)
    response = client.post(
        reverse("quizzes:submit", args=[attempt.pk]),
        {"slot-1": _right(attempt, 1), "slot-2": "not-a-number"},
    )
    assert response["Location"] == reverse("quizzes:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.score == Decimal(1) and attempt.is_submitted
    result = client.get(response["Location"]).content.decode()
    assert "50%" in result


def test_another_students_attempt_pages_are_not_found(client, student):
    quiz = make_quiz(make_question())
    attempt = services.start_attempt(quiz=quiz, user=StudentFactory(), now=timezone.now())
    for name in ("quizzes:player", "quizzes:result"):
        assert client.get(reverse(name, args=[attempt.pk])).status_code == 404
    assert client.post(reverse("quizzes:submit", args=[attempt.pk])).status_code == 404


def test_passing_a_knowledge_check_gives_a_vietnamese_certificate_that_verifies(client, student):
    quiz = make_quiz(make_question(), pass_mark_percent=50)
    attempt = _start(client, quiz)
    client.post(reverse("quizzes:submit", args=[attempt.pk]), {"slot-1": _right(attempt, 1)})
    certificate = Certificate.objects.get(user=student)
    assert certificate.title == quiz.get_parent().title

    pdf = client.get(reverse("quizzes:certificate-pdf", args=[certificate.code]))
    assert pdf["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Nguyễn Thị Ánh Tuyết" in text
    assert "GIẤY CHỨNG NHẬN" in text and certificate.code in text

    client.logout()
    page = client.get(reverse("quizzes:verify", args=[certificate.code])).content.decode()
    assert "Nguyễn Thị Ánh Tuyết" in page and certificate.title in page
    assert student.username not in page and str(student.birth_year) not in page
    assert client.get(reverse("quizzes:verify", args=["HBD-ZZZZ-ZZZZ"])).status_code == 404
    assert (
        client.get(reverse("quizzes:certificate-pdf", args=[certificate.code])).status_code == 302
    )


def test_a_failed_attempt_gives_no_certificate(client, student):
    quiz = make_quiz(make_question())
    attempt = _start(client, quiz)
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    assert not Certificate.objects.exists()


def test_quiz_page_offers_start_then_continue(client, student):
    quiz = make_quiz(make_question(), attempts_allowed=1)
    assert "Bắt đầu làm bài" in client.get(quiz.url).content.decode() or "Start" in (
        client.get(quiz.url).content.decode()
    )
    attempt = _start(client, quiz)
    assert reverse("quizzes:start", args=[quiz.pk]) in client.get(quiz.url).content.decode()
    services.submit_attempt(attempt_id=attempt.pk, now=timezone.now())
    page = client.get(quiz.url).content.decode()
    assert reverse("quizzes:result", args=[attempt.pk]) in page
    assert reverse("quizzes:start", args=[quiz.pk]) not in page  # no attempts left
    second = client.post(reverse("quizzes:start", args=[quiz.pk]), follow=True)
    assert Attempt.objects.count() == 1 and second.status_code == 200


def _pass(student, quiz):
    attempt = services.start_attempt(quiz=quiz, user=student, now=timezone.now())
    _save_right(attempt, student, 1, sequence=1)
    return services.submit_attempt(attempt_id=attempt.pk, now=timezone.now())


def test_student_home_lists_quizzes_results_and_certificates_in_constant_queries(client, student):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def render() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("quizzes:student-home")).content.decode()
        return html, len(queries)

    first = make_quiz(make_question("Câu 1"), pass_mark_percent=50)
    waiting = make_quiz(make_question("Câu 2"), pass_mark_percent=50)
    attempt = _pass(student, first)
    render()  # the first page ever makes the site's settings row, which renews what is kept
    render()  # the site's chrome and route are kept after this one
    html, few = render()
    assert waiting.title in html
    assert reverse("quizzes:result", args=[attempt.pk]) in html
    assert Certificate.objects.get(user=student).code in html

    for n in range(4):
        _pass(student, make_quiz(make_question(f"Câu thêm {n}"), pass_mark_percent=50))
        make_quiz(make_question(f"Câu chờ {n}"), pass_mark_percent=50)
    render()  # publishing pages refreshed the cached chrome
    html, many = render()
    assert html.count("/result/") == 5
    assert many == few


def test_results_say_honestly_how_many_answers_arrived_too_late(client, student):
    quiz = make_quiz(make_question())
    attempt = _start(client, quiz)
    services.submit_attempt(attempt_id=attempt.pk, now=timezone.now())
    page = client.get(reverse("quizzes:result", args=[attempt.pk]) + "?late=2")
    assert "2 câu trả lời không gửi được trước khi hết giờ" in page.content.decode()


def test_the_players_submit_is_answered_with_the_result_page_itself(client, student):
    """The script sent every answer by autosave: the submit scores what was saved (the form's
    fields are not read again) and answers with the result, never kept by a cache, saying how
    many answers arrived too late. A repeat shows the same result and scores nothing again."""
    quiz = make_quiz(make_question(), make_question("Câu hai"))
    attempt = _start(client, quiz)
    _save_right(attempt, student, 1, sequence=1)
    submit = reverse("quizzes:submit", args=[attempt.pk])
    sent = {"answers_sent": "1", "late": "2", "slot-2": _right(attempt, 2)}
    response = client.post(submit, sent)
    html = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "50%" in html and "2 câu trả lời không gửi được trước khi hết giờ" in html
    attempt.refresh_from_db()
    submitted_at = attempt.submitted_at
    assert attempt.score == Decimal(1) and attempt.answers.count() == 1

    again = client.post(submit, sent)
    assert again.status_code == 200 and "50%" in again.content.decode()
    attempt.refresh_from_db()
    assert attempt.submitted_at == submitted_at


def test_the_players_submit_of_someone_elses_attempt_is_not_found(client, student):
    quiz = make_quiz(make_question())
    attempt = services.start_attempt(quiz=quiz, user=StudentFactory(), now=timezone.now())
    response = client.post(reverse("quizzes:submit", args=[attempt.pk]), {"answers_sent": "1"})
    assert response.status_code == 404
    attempt.refresh_from_db()
    assert not attempt.is_submitted
