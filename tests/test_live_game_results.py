"""After a live game: each signed-in player's results kept as a submitted attempt (answers,
score, item marks), once however often the game is finished; nothing for nickname players or
removed ones; certificates for the winners; reach and the teacher's progress reading the game's
attempts like any others; the results workbook and who may download it; the cost of finishing a
game of many players."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from lms.accounts.models import Role
from lms.reach import selectors as reach_selectors
from lms.reach.models import Reached, ReachPolicy
from lms.teaching import assignments
from quizzes.certificates import issue
from quizzes.contests import game_results, games
from quizzes.contests.game_exports import results_rows
from quizzes.contests.game_records import LiveAnswer, LiveGame, LivePlayer
from quizzes.models import Answer, Attempt, Certificate
from tests import pages
from tests.factories import (
    ClassroomFactory,
    StudentFactory,
    TeacherFactory,
    UserFactory,
    build_city,
    city_student,
    enrol,
    five_question_round,
    live_game_quiz,
    make_question,
    read_lessons,
    right_in_game,
    take_check,
    wrong_in_game,
)

pytestmark = pytest.mark.django_db

Format = LiveGame.Format
SECOND = timedelta(seconds=1)


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def host():
    return TeacherFactory()


@pytest.fixture
def quiz():
    return live_game_quiz()


def _open(host, quiz, now, **options) -> LiveGame:
    return games.open_game(host=host, quiz=quiz, now=now, seed=1, **options)


def _play(game: LiveGame, host, now, plays) -> LiveGame:
    """Every question opened at `now` and closed 21 seconds later; per question, (player, right?,
    seconds taken) for those who answer (after 20 seconds an answer is late)."""
    for index, answers in enumerate(plays):
        game = games.next_question(game=game, by=host, now=now)
        for player, is_right, seconds in answers:
            value = right_in_game(game, index) if is_right else wrong_in_game(game, index)
            games.answer(
                player=player, question_index=index, value=value, now=now + seconds * SECOND
            )
        games.close_question(game=game, by=host, now=now + 21 * SECOND)
    return game


def _pupils(game: LiveGame, now, *names: str) -> list[LivePlayer]:
    return [
        games.join(pin=game.pin, user=StudentFactory(display_name=name), now=now) for name in names
    ]


@pytest.fixture
def classic(host, quiz, now):
    """An and Bình tie at the top (the same answers in the same times); Chi is wrong, then
    silent, then late."""
    game = _open(host, quiz, now)
    an, binh, chi = _pupils(game, now, "An", "Bình", "Chi")
    game = _play(
        game,
        host,
        now,
        [
            [(an, True, 2), (binh, True, 2), (chi, False, 1)],
            [(an, True, 4), (binh, True, 4)],
            [(an, False, 5), (binh, False, 5), (chi, True, 25)],
        ],
    )
    games.finish(game=game, by=host, now=now + 30 * SECOND)
    game.refresh_from_db()
    return game, {"An": an, "Bình": binh, "Chi": chi}


# Attempts -------------------------------------------------------------------------------------


def test_each_signed_in_player_gets_a_submitted_attempt_with_the_games_answers_and_score(
    classic, quiz, now
):
    game, players = classic
    an = Attempt.objects.get(user=players["An"].user)
    assert (an.quiz_id, an.number, an.submitted_at) == (quiz.pk, 1, now + 30 * SECOND)
    assert an.paper == game.questions and an.started_at == players["An"].joined_at
    assert (an.score, an.maximum, an.percent) == (Decimal(2), Decimal(3), Decimal("66.67"))
    assert an.duration_seconds == 11  # 2 + 4 + 5 seconds on the questions
    slots = [entry["slot"] for entry in game.questions]
    assert dict(an.answers.values_list("slot", "value")) == {
        slots[0]: right_in_game(game, 0),
        slots[1]: right_in_game(game, 1),
        slots[2]: wrong_in_game(game, 2),
    }
    assert [mark[1:3] for mark in an.item_marks] == [[1, 1], [1, 1], [0, 1]]
    assert an.passed is (an.percent >= quiz.pass_mark_percent)  # as for any attempt


def test_a_late_answer_earned_nothing_in_the_game_and_is_not_kept(classic):
    game, players = classic
    chi = Attempt.objects.get(user=players["Chi"].user)
    assert (chi.score, chi.percent, chi.duration_seconds) == (0, 0, 46)  # 1 + 20 missed + 25
    assert list(chi.answers.values_list("value", flat=True)) == [wrong_in_game(game, 0)]
    assert [mark[1:3] for mark in chi.item_marks] == [[0, 1], [0, 0], [0, 0]]


def test_the_games_attempt_comes_after_the_pupils_own_attempts(host, quiz, now):
    pupil = StudentFactory(display_name="Lan")
    take_check(pupil, quiz, right=True)
    game = _open(host, quiz, now)
    lan = games.join(pin=game.pin, user=pupil, now=now)
    games.finish(game=_play(game, host, now, [[(lan, True, 1)]]), by=host, now=now)
    assert list(Attempt.objects.filter(user=pupil).values_list("number", flat=True)) == [1, 2]


def test_finishing_twice_or_saving_again_adds_nothing(classic, host, now):
    game, _players = classic
    counts = (Attempt.objects.count(), Answer.objects.count(), Certificate.objects.count())
    assert counts == (3, 7, 2)  # An's and Bình's three answers, Chi's one in time
    games.finish(game=game, by=host, now=now + 60 * SECOND)
    again = game_results.save_results(game, now=now + 90 * SECOND)
    assert (again.attempts, again.certificates) == ([], [])
    assert (Attempt.objects.count(), Answer.objects.count(), Certificate.objects.count()) == counts


def test_nickname_players_of_a_public_event_get_no_attempt_and_no_certificate(host, quiz, now):
    game = _open(host, quiz, now, public=True)
    lan = games.join(pin=game.pin, nickname="Lan", now=now)
    games.finish(game=_play(game, host, now, [[(lan, True, 1)]]), by=host, now=now)
    assert not Attempt.objects.exists() and not Certificate.objects.exists()


def test_a_removed_player_gets_no_attempt(host, quiz, now):
    game = _open(host, quiz, now)
    an, binh = _pupils(game, now, "An", "Bình")
    games.remove_player(game=game, player=binh, by=host)
    games.finish(game=_play(game, host, now, [[(an, True, 1)]]), by=host, now=now)
    assert list(Attempt.objects.values_list("user_id", flat=True)) == [an.user_id]


def test_a_game_whose_quiz_was_deleted_keeps_no_attempt_but_still_crowns_its_winner(
    host, quiz, now
):
    game = _open(host, quiz, now)
    (an,) = _pupils(game, now, "An")
    game = _play(game, host, now, [[(an, True, 1)]])
    quiz.delete()
    games.finish(game=game, by=host, now=now)
    assert not Attempt.objects.exists()
    assert Certificate.objects.get().user_id == an.user_id


def test_a_game_on_a_contest_round_adds_nothing_to_the_rounds_attempts(host, now):
    round_ = five_question_round(pages.contest())
    game = _open(host, round_, now)
    (an,) = _pupils(game, now, "An")
    games.finish(game=_play(game, host, now, [[(an, True, 1)]]), by=host, now=now)
    assert not Attempt.objects.exists()


# Certificates ---------------------------------------------------------------------------------


def test_the_winners_of_a_classic_game_get_a_certificate_ties_included(classic, now):
    game, players = classic
    certificates = Certificate.objects.order_by("display_name")
    assert [c.user_id for c in certificates] == [players["An"].user_id, players["Bình"].user_id]
    title = game_results.certificate_title(game, at=game.finished_at)
    assert game.title in title and f"{timezone.localtime(now):%d/%m/%Y}" in title
    for certificate in certificates:
        assert certificate.title == title
        assert certificate.quiz_id is None and certificate.attempt.user_id == certificate.user_id
        assert certificate.code.startswith("HBD-") and certificate.issued_at == game.finished_at


def test_those_still_standing_win_an_elimination_game(host, quiz, now):
    game = _open(host, quiz, now, format=Format.ELIMINATION)
    an, binh, chi = _pupils(game, now, "An", "Bình", "Chi")
    game = _play(
        game,
        host,
        now,
        [
            [(an, True, 9), (binh, True, 1), (chi, True, 1)],
            [(an, True, 9), (binh, False, 1), (chi, True, 1)],
            [(an, True, 9), (chi, False, 1)],
        ],
    )
    games.finish(game=game, by=host, now=now)
    assert list(Certificate.objects.values_list("user_id", flat=True)) == [an.user_id]
    assert Attempt.objects.count() == 3  # the eliminated keep their results too


def test_a_winner_who_has_the_quizs_own_certificate_keeps_it_and_gets_the_games(host, quiz, now):
    pupil = StudentFactory(display_name="An")
    own = issue(user=pupil, title=quiz.get_parent().title, quiz=quiz, at=now)
    game = _open(host, quiz, now)
    an = games.join(pin=game.pin, user=pupil, now=now)
    games.finish(game=_play(game, host, now, [[(an, True, 1)]]), by=host, now=now)
    kept = Certificate.objects.filter(user=pupil).order_by("pk")
    assert [(c.pk, c.quiz_id) for c in kept] == [(own.pk, quiz.pk), (kept[1].pk, None)]


@pytest.mark.parametrize(
    ("elimination", "rows", "expected"),
    [
        (False, [(1, True, 3), (1, True, 3), (3, True, 2)], [0, 1]),
        (False, [(1, True, 0), (1, True, 0)], []),  # no one answered right: no winner
        (True, [(1, True, 3), (2, True, 1), (3, False, 4)], [0, 1]),
        (True, [(1, False, 2), (1, False, 2), (3, False, 1)], [0, 1]),  # all out: who fell last
        (False, [], []),
    ],
)
def test_winners_are_the_first_place_or_those_still_standing(elimination, rows, expected):
    board = [
        {"place": place, "still_in": still_in, "right_answers": right, "n": n}
        for n, (place, still_in, right) in enumerate(rows)
    ]
    found = game_results.winners(board, elimination=elimination)
    assert [row["n"] for row in found] == expected


# Reach and the teacher's progress -------------------------------------------------------------


def test_players_count_toward_reach_like_anyone_who_took_the_quiz(host, now):
    city = build_city()
    passed, failed = city_student(city, 0), city_student(city, 0)
    for pupil in (passed, failed):
        read_lessons(pupil, city)
    game = _open(host, city["check"], now)
    one = games.join(pin=game.pin, user=passed, now=now)
    two = games.join(pin=game.pin, user=failed, now=now)
    game = _play(game, host, now, [[(one, True, 1), (two, False, 1)]])
    assert not Reached.objects.exists()
    games.finish(game=game, by=host, now=now)
    assert list(Reached.objects.values_list("user_id", flat=True)) == [passed.pk]
    figure = reach_selectors.headline(
        policy=ReachPolicy.current(), area=city["wards"][0], as_of=timezone.localdate()
    )
    assert figure.reached == 1


def test_the_teachers_progress_shows_the_game_as_the_pupils_work_on_the_quiz(
    client, host, quiz, now
):
    classroom = ClassroomFactory(teachers=[host])
    pupil = StudentFactory(display_name="Lê Hoàng Yến")
    enrol(pupil, classroom)
    assignments.assign(
        classroom=classroom, by=host, opens_at=now, due_at=now + timedelta(days=1), quiz=quiz
    )
    game = _open(host, quiz, now)
    player = games.join(pin=game.pin, user=pupil, now=now)
    games.finish(game=_play(game, host, now, [[(player, True, 1)]]), by=host, now=now)
    client.force_login(host)
    xlsx = client.get(reverse("teacher-progress", args=[classroom.pk]) + "?format=xlsx")
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(xlsx.content)).active.rows]
    assert rows[1][:3] == ["Lê Hoàng Yến", pupil.username, "Đã xong"]
    assert rows[1][4] == pytest.approx(33.33)  # one of the three questions right
    page = client.get(reverse("teacher-student", args=[classroom.pk, pupil.pk]))
    assert quiz.title in page.content.decode()  # among the pupil's recent results


# The results workbook -------------------------------------------------------------------------


def test_the_workbook_lists_places_nicknames_scores_right_answers_and_times(classic, client, host):
    game, _players = classic
    client.force_login(host)
    response = client.get(reverse("games:export", args=[game.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"-{game.pk}.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == results_rows(game)  # in the page's language
    with translation.override("en"):
        header = results_rows(game)[0]
    assert header == ["Place", "Nickname", "Score", "Right answers", "Answer time (seconds)"]
    # Two right in 2 s and 4 s (950 + 900), then wrong in 5 s; Chi's right answer came late.
    assert rows[1:] == [
        [1, "An", 1850, 2, 11],
        [1, "Bình", 1850, 2, 11],
        [3, "Chi", 0, 0, 46],
    ]


def test_an_elimination_workbook_says_who_is_still_in_and_where_the_others_went_out(
    host, quiz, now
):
    game = _open(host, quiz, now, format=Format.ELIMINATION)
    an, binh = _pupils(game, now, "An", "Bình")
    game = _play(game, host, now, [[(an, True, 1), (binh, True, 1)], [(an, True, 1)]])
    with translation.override("en"):
        rows = results_rows(game)
    assert rows[0][-1] == "Still in or out"
    assert [row[-1] for row in rows[1:]] == ["Still in", "Out at question 2"]


@pytest.mark.parametrize(
    ("who", "status"),
    [("host", 200), ("admin", 200), ("another teacher", 404), ("pupil", 403), ("nobody", 302)],
)
def test_only_the_host_or_an_administrator_downloads_the_results(
    classic, client, host, who, status
):
    game, _players = classic
    user = {
        "host": host,
        "admin": UserFactory(role=Role.ADMIN),
        "another teacher": TeacherFactory(),
        "pupil": StudentFactory(),
        "nobody": None,
    }[who]
    if user is not None:
        client.force_login(user)
    assert client.get(reverse("games:export", args=[game.pk])).status_code == status


def test_a_game_that_does_not_exist_answers_404(client, host):
    client.force_login(host)
    assert client.get(reverse("games:export", args=[999999])).status_code == 404


# Cost ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [20, 600])
def test_finishing_a_game_of_many_players_takes_the_same_few_queries(
    host, now, count, django_assert_max_num_queries
):
    """Attempts, answers and certificates are inserted in bulk. The quiz here is in a module
    reach does not count, so reach's hook (one call per attempt) returns at once; on a quiz
    that counts it adds one queued row per player (see the module's `_tell_scored`)."""
    quiz = pages.make_quiz(
        make_question(), make_question("Câu hai"), parent=pages.module(is_core=False)
    )
    game = _open(host, quiz, now)
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"choi{n}", display_name=f"Bạn {n}") for n in range(count)
    )
    players = LivePlayer.objects.bulk_create(
        LivePlayer(
            game=game,
            user=user,
            nickname=f"Bạn {n}",
            joined_at=now,
            score=1000 if n == 0 else 500,
            right_answers=1,
            answer_time_ms=1000 + n,
        )
        for n, user in enumerate(users)
    )
    LiveAnswer.objects.bulk_create(
        LiveAnswer(
            player=player,
            question_index=index,
            value=right_in_game(game, index),
            answered_at=now,
            elapsed_ms=1000,
            right=True,
            points=500,
        )
        for player in players
        for index in (0, 1)
    )
    games.finish(game=game, by=host, now=now)  # warms what workers keep (pages, the policy)
    LiveGame.objects.filter(pk=game.pk).update(state=LiveGame.State.REVEAL)
    Attempt.objects.all().delete()
    Certificate.objects.all().delete()
    with django_assert_max_num_queries(20):
        games.finish(game=game, by=host, now=now + SECOND)
    assert Attempt.objects.filter(percent=100).count() == count
    assert Answer.objects.count() == 2 * count
    assert list(Certificate.objects.values_list("user_id", flat=True)) == [users[0].pk]
