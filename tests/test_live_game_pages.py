"""The live game's pages: the host opens a game from a form and gets the projector's screen
with the PIN and a QR code; only the host sees it; a pupil's phone page is open to anyone (a
public event) and takes the PIN from the QR code's link; the menu leads each role to its page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.contests import games
from quizzes.contests.game_records import LiveGame
from tests.factories import StudentFactory, TeacherFactory, make_question
from tests.pages import make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    return make_quiz(make_question("Ai nên làm việc nhà?"), make_question("Ai được học?"))


def test_a_teacher_opens_a_game_from_the_form_and_lands_on_its_screen(client, quiz):
    teacher = TeacherFactory()
    client.force_login(teacher)
    page = client.get(reverse("games:home"))
    assert page.status_code == 200 and quiz.title in page.content.decode()
    response = client.post(
        reverse("games:home"),
        {"quiz": quiz.pk, "format": "elimination", "seconds_per_question": 15, "public": "on"},
    )
    game = LiveGame.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "games:host", args=[game.pk]
    )
    assert (game.host, game.format, game.seconds_per_question, game.public) == (
        teacher,
        "elimination",
        15,
        True,
    )
    opened = client.get(response["Location"])
    assert opened.context["join_link"] == f"http://testserver/choi/?pin={game.pin}"  # the QR's
    screen = opened.content.decode()
    assert game.pin in screen and "<svg" in screen
    assert "http://testserver/choi/" in screen  # the short address to type, beside the QR code
    assert f'data-socket="/ws/games/host/{game.pk}/?lang=vi"' in screen
    assert game.pin in client.get(reverse("games:home")).content.decode()


def test_the_form_says_what_is_wrong_in_vietnamese(client, quiz):
    client.force_login(TeacherFactory())
    response = client.post(
        reverse("games:home"), {"quiz": quiz.pk, "format": "classic", "seconds_per_question": 2}
    )
    assert response.status_code == 400
    assert "Số giây cho mỗi câu hỏi" in response.content.decode()
    assert not LiveGame.objects.exists()


def test_pupils_cannot_open_games_and_visitors_are_sent_to_sign_in(client, quiz):
    assert client.get(reverse("games:home")).status_code == 302
    client.force_login(StudentFactory())
    assert client.get(reverse("games:home")).status_code == 403
    assert client.post(reverse("games:home"), {"quiz": quiz.pk}).status_code == 403


def test_only_the_host_sees_a_games_screen(client, quiz):
    game = games.open_game(host=TeacherFactory(), quiz=quiz, now=timezone.now())
    client.force_login(TeacherFactory())
    assert client.get(reverse("games:host", args=[game.pk])).status_code == 404
    assert client.get(reverse("games:host", args=[10**6])).status_code == 404


def test_the_phone_page_is_open_to_everyone_and_takes_the_pin_from_the_link(client):
    page = client.get(reverse("games:play") + "?pin=123456").content.decode()
    assert 'value="123456"' in page and 'data-socket="/ws/games/play/?lang=vi"' in page
    odd = client.get(reverse("games:play") + "?pin=<script>").content.decode()
    assert "<script>" not in odd.split('id="pin"')[1].split(">")[0]
    english = client.get("/en" + reverse("games:play")).content.decode()
    assert "Game PIN" in english and "lang=en" in english


def test_the_menu_leads_hosts_to_their_games_and_the_pupils_home_to_the_phone_page(client):
    client.force_login(TeacherFactory())
    assert reverse("games:home") in client.get(reverse("games:play")).content.decode()
    client.force_login(StudentFactory())
    page = client.get(reverse("quizzes:student-home")).content.decode()
    assert f'href="{reverse("games:play")}"' in page and reverse("games:home") not in page
