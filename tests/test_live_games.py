"""A live game played through its services: opening, joining and rejoining, locking and
removing, answering on the server's clock (on time, late, twice, out, for another question), a
whole game of each format, and what a phone is shown of a question."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.accounts.models import ERASED_NAME, Role
from lms.accounts.personal_data import erase_person, person_data
from quizzes.contests import errors, game_selectors, games
from quizzes.contests.game_records import LiveAnswer, LiveGame, LivePlayer
from tests.factories import (
    KEY_FIELDS,
    StudentFactory,
    TeacherFactory,
    UserFactory,
    live_game_quiz,
    right_in_game,
    wrong_in_game,
)

pytestmark = pytest.mark.django_db

Format = LiveGame.Format


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def host():
    return TeacherFactory()


@pytest.fixture
def quiz():
    return live_game_quiz()


def _open(host, quiz, now, **options):
    options.setdefault("seconds_per_question", 20)
    return games.open_game(host=host, quiz=quiz, now=now, seed=1, **options)


def _ask(game, host, now) -> LiveGame:
    return games.next_question(game=game, by=host, now=now)


def _board(rows) -> list[tuple]:
    return [(row["place"], row["nickname"], row["score"], row["still_in"]) for row in rows]


def _has_key_field(value) -> bool:
    if isinstance(value, dict):
        return any(k in KEY_FIELDS or _has_key_field(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_key_field(item) for item in value)
    return False


# Opening -------------------------------------------------------------------------------------


def test_a_teacher_opens_a_game_with_a_six_digit_pin_and_the_quiz_frozen(host, quiz, now):
    game = _open(host, quiz, now)
    assert len(game.pin) == 6 and game.pin.isdigit()
    assert (game.state, game.title, game.question_index) == ("lobby", quiz.title, None)
    assert len(game.questions) == 3 and all("key" in entry for entry in game.questions)


@pytest.mark.parametrize("role", [Role.JUDGE, Role.EDITOR])
def test_judges_and_editors_may_host_too(quiz, now, role):
    assert _open(UserFactory(role=role), quiz, now).pk


def test_a_pupil_cannot_open_a_game(quiz, now):
    with pytest.raises(errors.NotAllowedToHost):
        _open(StudentFactory(), quiz, now)


@pytest.mark.parametrize("seconds", [4, 121])
def test_seconds_per_question_stay_between_5_and_120(host, quiz, now, seconds):
    with pytest.raises(errors.BadSecondsPerQuestion):
        _open(host, quiz, now, seconds_per_question=seconds)


def test_games_in_play_never_share_a_pin_and_a_finished_one_gives_it_back(
    host, quiz, now, monkeypatch
):
    pins = iter(["123456", "123456", "654321", "123456"])
    monkeypatch.setattr(games, "_new_pin", lambda: next(pins))
    first = _open(host, quiz, now)
    second = _open(host, quiz, now)
    assert (first.pin, second.pin) == ("123456", "654321")
    games.finish(game=first, by=host, now=now)
    assert _open(host, quiz, now).pin == "123456"


# Joining -------------------------------------------------------------------------------------


def test_a_signed_in_pupil_joins_and_joining_again_is_the_same_player(host, quiz, now):
    game = _open(host, quiz, now)
    pupil = StudentFactory(display_name="Lan")
    player = games.join(pin=game.pin, user=pupil, now=now)
    again = games.join(pin=game.pin, user=pupil, now=now + timedelta(seconds=30))
    assert again.pk == player.pk and player.nickname == "Lan"


def test_a_signed_in_pupil_plays_under_their_given_name_never_their_full_name(host, quiz, now):
    game = _open(host, quiz, now)
    pupil = StudentFactory(display_name="Trần Thị Mai")
    assert games.join(pin=game.pin, user=pupil, now=now).nickname == "Mai"


def test_two_pupils_of_the_same_name_are_numbered(host, quiz, now):
    game = _open(host, quiz, now)
    names = [
        games.join(pin=game.pin, user=StudentFactory(display_name="Lan"), now=now).nickname
        for _ in range(3)
    ]
    assert names == ["Lan", "Lan 2", "Lan 3"]


def test_a_signed_in_game_refuses_a_phone_without_an_account(host, quiz, now):
    game = _open(host, quiz, now)
    with pytest.raises(errors.SignInToJoin):
        games.join(pin=game.pin, nickname="Lan", now=now)


def test_a_public_event_takes_a_checked_nickname_and_no_account(host, quiz, now):
    game = _open(host, quiz, now, public=True)
    player = games.join(pin=game.pin, user=StudentFactory(), nickname="  Bé   Na ", now=now)
    assert (player.nickname, player.user_id) == ("Bé Na", None)
    with pytest.raises(errors.NicknameTaken):
        games.join(pin=game.pin, nickname="Bé Na", now=now)
    with pytest.raises(errors.NicknameRefused) as refused:
        games.join(pin=game.pin, nickname="Giáo viên", now=now)
    assert "nickname" in refused.value.fields
    with pytest.raises(errors.NicknameNeeded):
        games.join(pin=game.pin, nickname="  ", now=now)


def test_a_wrong_pin_and_a_finished_game_are_refused(host, quiz, now):
    game = _open(host, quiz, now, public=True)
    other = "000000" if game.pin != "000000" else "000001"
    with pytest.raises(errors.GameNotFound):
        games.join(pin=other, nickname="Lan", now=now)
    games.finish(game=game, by=host, now=now)
    with pytest.raises(errors.GameFinished):
        games.join(pin=game.pin, nickname="Lan", now=now)


def test_a_locked_game_refuses_newcomers_but_lets_players_reconnect(host, quiz, now):
    game = _open(host, quiz, now)
    pupil = StudentFactory()
    player = games.join(pin=game.pin, user=pupil, now=now)
    games.lock(game=game, by=host)
    with pytest.raises(errors.GameLocked):
        games.join(pin=game.pin, user=StudentFactory(), now=now)
    assert games.join(pin=game.pin, user=pupil, now=now).pk == player.pk
    assert games.rejoin(token=player.rejoin_token).pk == player.pk
    games.lock(game=game, by=host, locked=False)
    assert games.join(pin=game.pin, user=StudentFactory(), now=now)


def test_only_the_host_locks_and_removes(host, quiz, now):
    game = _open(host, quiz, now)
    player = games.join(pin=game.pin, user=StudentFactory(), now=now)
    with pytest.raises(errors.NotHost):
        games.lock(game=game, by=TeacherFactory())
    with pytest.raises(errors.NotHost):
        games.remove_player(game=game, player=player, by=player.user)


def test_a_removed_player_cannot_come_back_or_answer(host, quiz, now):
    game = _open(host, quiz, now)
    pupil = StudentFactory()
    player = games.join(pin=game.pin, user=pupil, now=now)
    games.remove_player(game=game, player=player, by=host)
    with pytest.raises(errors.PlayerRemoved):
        games.join(pin=game.pin, user=pupil, now=now)
    with pytest.raises(errors.PlayerRemoved):
        games.rejoin(token=player.rejoin_token)
    game = _ask(game, host, now)
    with pytest.raises(errors.PlayerRemoved):
        games.answer(player=player, question_index=0, value=right_in_game(game, 0), now=now)
    assert game_selectors.leaderboard(game) == []


def test_rejoining_by_token_keeps_the_score(host, quiz, now):
    game = _open(host, quiz, now, public=True)
    player = games.join(pin=game.pin, nickname="Lan", now=now)
    game = _ask(game, host, now)
    games.answer(player=player, question_index=0, value=right_in_game(game, 0), now=now)
    games.close_question(game=game, by=host, now=now + timedelta(seconds=20))
    back = games.rejoin(token=player.rejoin_token)
    assert (back.pk, back.score, back.right_answers) == (player.pk, 1000, 1)
    with pytest.raises(errors.PlayerNotFound):
        games.rejoin(token="no-such-token")


def test_no_one_joins_an_elimination_game_once_it_has_started(host, quiz, now):
    game = _open(host, quiz, now, format=Format.ELIMINATION)
    pupil = StudentFactory()
    games.join(pin=game.pin, user=pupil, now=now)
    _ask(game, host, now)
    with pytest.raises(errors.GameAlreadyStarted):
        games.join(pin=game.pin, user=StudentFactory(), now=now)
    assert games.join(pin=game.pin, user=pupil, now=now)  # a reconnect still is


# Answering -----------------------------------------------------------------------------------


def test_an_answer_on_time_is_timed_and_marked_by_the_server(host, quiz, now):
    game = _open(host, quiz, now)
    player = games.join(pin=game.pin, user=StudentFactory(), now=now)
    game = _ask(game, host, now)
    assert game.closes_at == now + timedelta(seconds=20)
    given = games.answer(
        player=player,
        question_index=0,
        value=right_in_game(game, 0),
        now=now + timedelta(seconds=5),
    )
    assert (given.right, given.late, given.elapsed_ms, given.points) == (True, False, 5000, 875)
    player.refresh_from_db()
    assert player.score == 0  # scores move when the question closes, with the leaderboard


def test_a_late_answer_is_kept_as_late_with_no_points(host, quiz, now):
    game = _open(host, quiz, now)
    player = games.join(pin=game.pin, user=StudentFactory(), now=now)
    game = _ask(game, host, now)
    given = games.answer(
        player=player,
        question_index=0,
        value=right_in_game(game, 0),
        now=now + timedelta(seconds=21),
    )
    assert (given.right, given.late, given.points) == (True, True, 0)
    games.close_question(game=game, by=host, now=now + timedelta(seconds=22))
    player.refresh_from_db()
    assert (player.score, player.right_answers, player.answer_time_ms) == (0, 0, 21000)


def test_a_second_answer_is_refused_and_the_first_kept(host, quiz, now):
    game = _open(host, quiz, now)
    player = games.join(pin=game.pin, user=StudentFactory(), now=now)
    game = _ask(game, host, now)
    games.answer(player=player, question_index=0, value=wrong_in_game(game, 0), now=now)
    with pytest.raises(errors.AlreadyAnswered):
        games.answer(player=player, question_index=0, value=right_in_game(game, 0), now=now)
    assert LiveAnswer.objects.get(player=player).value == wrong_in_game(game, 0)


def test_answers_for_another_question_or_with_none_open_are_refused(host, quiz, now):
    game = _open(host, quiz, now)
    player = games.join(pin=game.pin, user=StudentFactory(), now=now)
    with pytest.raises(errors.NoQuestionOpen):
        games.answer(player=player, question_index=0, value=1, now=now)
    game = _ask(game, host, now)
    with pytest.raises(errors.WrongQuestion):
        games.answer(player=player, question_index=1, value=right_in_game(game, 1), now=now)
    games.close_question(game=game, by=host, now=now)
    with pytest.raises(errors.NoQuestionOpen):
        games.answer(player=player, question_index=0, value=right_in_game(game, 0), now=now)
    assert not LiveAnswer.objects.exists()


def test_an_eliminated_player_cannot_answer_until_rescued(host, quiz, now):
    game = _open(host, quiz, now, format=Format.ELIMINATION)
    player = games.join(pin=game.pin, user=StudentFactory(), now=now)
    game = _ask(game, host, now)
    games.answer(player=player, question_index=0, value=wrong_in_game(game, 0), now=now)
    games.close_question(game=game, by=host, now=now)
    game = _ask(game, host, now)
    with pytest.raises(errors.PlayerEliminated):
        games.answer(player=player, question_index=1, value=right_in_game(game, 1), now=now)
    with pytest.raises(errors.RescueNotAllowed):  # not while a question is open
        games.rescue(game=game, by=host, rule="all")
    games.close_question(game=game, by=host, now=now)
    assert [p.pk for p in games.rescue(game=game, by=host, rule="all")] == [player.pk]
    game = _ask(game, host, now)
    assert games.answer(
        player=player, question_index=2, value=right_in_game(game, 2), now=now
    ).right


def test_a_rescue_is_for_elimination_games_and_best_needs_a_number(host, quiz, now):
    classic = _open(host, quiz, now)
    _ask(classic, host, now)
    games.close_question(game=classic, by=host, now=now)
    with pytest.raises(errors.RescueNotAllowed):
        games.rescue(game=classic, by=host, rule="all")
    elimination = _open(host, quiz, now, format=Format.ELIMINATION)
    _ask(elimination, host, now)
    games.close_question(game=elimination, by=host, now=now)
    with pytest.raises(errors.BadRescue):
        games.rescue(game=elimination, by=host, rule="best", n=0)


def test_the_host_closes_a_question_before_the_next_and_there_is_no_fourth(host, quiz, now):
    game = _open(host, quiz, now)
    game = _ask(game, host, now)
    with pytest.raises(errors.QuestionStillOpen):
        _ask(game, host, now)
    for _ in range(2):
        games.close_question(game=game, by=host, now=now)
        game = _ask(game, host, now)
    games.close_question(game=game, by=host, now=now)
    assert games.close_question(game=game, by=host, now=now) == []  # closing twice is harmless
    with pytest.raises(errors.NoMoreQuestions):
        _ask(game, host, now)


def test_a_phone_sees_the_choices_and_never_the_key(host, quiz, now):
    game = _open(host, quiz, now)
    assert game_selectors.phone_question(game) is None
    game = _ask(game, host, now)
    shown = game_selectors.phone_question(game)
    assert (shown["index"], shown["number"], shown["count"], shown["seconds"]) == (0, 1, 3, 20)
    assert shown["closes_at"] == game.closes_at.isoformat()
    assert {c["id"] for c in shown["choices"]} == {c["id"] for c in game.questions[0]["choices"]}
    assert not _has_key_field(shown)
    assert shown["stem"] == game.questions[0]["stem"] and "correct" not in str(shown)


# Whole games ---------------------------------------------------------------------------------


def test_a_whole_classic_game(host, quiz, now):
    game = _open(host, quiz, now, public=True)
    lan, minh, thao, khoa = (
        games.join(pin=game.pin, nickname=name, now=now) for name in ("Lan", "Minh", "Thảo", "Khoa")
    )
    second = timedelta(seconds=1)
    plays = [  # per question: (player, right?, seconds taken); Khoa never answers
        [(lan, True, 2), (minh, True, 10), (thao, False, 1)],
        [(lan, False, 3), (minh, True, 4), (thao, True, 20)],
        [(lan, True, 0), (minh, True, 25), (thao, True, 10)],
    ]
    for index, answers in enumerate(plays):
        game = _ask(game, host, now)
        for player, is_right, seconds in answers:
            value = right_in_game(game, index) if is_right else wrong_in_game(game, index)
            games.answer(
                player=player, question_index=index, value=value, now=now + seconds * second
            )
        board = games.close_question(game=game, by=host, now=now + 21 * second)
        if index == 0:
            assert _board(board) == [
                (1, "Lan", 950, True),
                (2, "Minh", 750, True),
                (3, "Thảo", 0, True),
                (4, "Khoa", 0, True),
            ]
    final = games.finish(game=game, by=host, now=now + 30 * second)
    # Lan 950 + 0 + 1000; Minh 750 + 900 + 0 (late); Thảo 0 + 500 + 750; Khoa nothing.
    assert _board(final) == [
        (1, "Lan", 1950, True),
        (2, "Minh", 1650, True),
        (3, "Thảo", 1250, True),
        (4, "Khoa", 0, True),
    ]
    assert [row["right_answers"] for row in final] == [2, 2, 2, 0]
    assert [row["answer_time_ms"] for row in final] == [5000, 39000, 31000, 60000]
    game.refresh_from_db()
    assert (game.state, game.finished_at) == ("finished", now + 30 * second)
    assert LiveAnswer.objects.filter(player__game=game).count() == 9


def test_a_whole_elimination_game_with_a_rescue(host, quiz, now):
    game = _open(host, quiz, now, format=Format.ELIMINATION)
    pupils = {name: StudentFactory(display_name=name) for name in ("An", "Bình", "Chi", "Dũng")}
    player = {name: games.join(pin=game.pin, user=u, now=now) for name, u in pupils.items()}
    second = timedelta(seconds=1)

    def play(index, answers):
        for name, is_right, seconds in answers:
            value = right_in_game(game, index) if is_right else wrong_in_game(game, index)
            games.answer(
                player=player[name], question_index=index, value=value, now=now + seconds * second
            )
        return games.close_question(game=game, by=host, now=now + 21 * second)

    # Question 1: Chi is wrong, Dũng does not answer: both out.
    game = _ask(game, host, now)
    board = play(0, [("An", True, 3), ("Bình", True, 5), ("Chi", False, 1)])
    assert [(row["nickname"], row["still_in"]) for row in board] == [
        ("An", True),
        ("Bình", True),
        ("Chi", False),
        ("Dũng", False),
    ]
    # The host calls a rescue: the best one of those out comes back (Chi answered, faster).
    assert [p.nickname for p in games.rescue(game=game, by=host, rule="best", n=1)] == ["Chi"]
    # Question 2: Bình answers late and is out; An and Chi right.
    game = _ask(game, host, now)
    play(1, [("An", True, 2), ("Bình", True, 21), ("Chi", True, 4)])
    # Question 3: Chi is wrong; An is the last one standing.
    game = _ask(game, host, now)
    play(2, [("An", True, 1), ("Chi", False, 1)])
    final = games.finish(game=game, by=host, now=now + 40 * second)
    assert [(r["place"], r["nickname"], r["still_in"], r["eliminated_at"]) for r in final] == [
        (1, "An", True, None),
        (2, "Chi", False, 2),
        (3, "Bình", False, 1),
        (4, "Dũng", False, 0),
    ]
    assert LivePlayer.objects.get(pk=player["Bình"].pk).right_answers == 1  # late is not right


def test_a_players_games_are_in_their_data_and_erasure_replaces_their_name_only(host, quiz, now):
    game = _open(host, quiz, now)
    pupils = [StudentFactory(display_name="Lan"), StudentFactory(display_name="Lan")]
    players = [games.join(pin=game.pin, user=pupil, now=now) for pupil in pupils]
    games.next_question(game=game, by=host, now=now)
    games.close_question(game=game, by=host, now=now + timedelta(seconds=25))
    rows = person_data(pupils[0], now=now)["sections"]["live_games"]
    assert [(row["game"], row["nickname"]) for row in rows] == [(game.title, "Lan")]

    admin = UserFactory(role=Role.ADMIN)
    for pupil in pupils:  # two erased players of one game stay apart
        erase_person(person=pupil, by=admin, reason="Phụ huynh đề nghị", now=now)
    kept = LivePlayer.objects.filter(pk__in=[p.pk for p in players]).order_by("pk")
    assert [p.nickname for p in kept] == [f"{ERASED_NAME} {p.pk}" for p in players]
    assert [p.answer_time_ms for p in kept] == [20_000, 20_000]  # the game's figures stay
