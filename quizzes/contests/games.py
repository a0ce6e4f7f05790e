"""Writes of a live game: open it, join and rejoin, lock, remove a player, open and close each
question, answer, rescue, finish. The rules are `game_rules`'; these read rows, ask them, and
write what they say. Every time is the server's (`now`), never a phone's.

Locks: an answer locks its player's row only (a thousand phones answer at once); closing a
question locks the game, then every player, so an answer still being written is waited for and
counted, and one that comes after finds the question closed.
"""

import random
import secrets
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction

from lms.accounts.models import Role
from quizzes import papers, scoring
from quizzes.contests import errors, game_rules
from quizzes.contests.game_records import SECONDS_MAX, SECONDS_MIN, LiveAnswer, LiveGame, LivePlayer
from quizzes.contests.game_selectors import leaderboard, standing_of
from quizzes.pages import QuizPage
from quizzes.services import build_paper, validate_answer

HOST_ROLES = (Role.TEACHER, Role.JUDGE, Role.EDITOR, Role.ADMIN)
PIN_TRIES = 20
State = LiveGame.State


def _new_pin() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def _check_host(game: LiveGame, by) -> None:
    if game.host_id != by.pk and not by.has_role(Role.ADMIN):
        raise errors.NotHost()


def _locked_game(game: LiveGame) -> LiveGame:
    return LiveGame.objects.select_for_update().get(pk=game.pk)


@transaction.atomic
def open_game(
    *,
    host,
    quiz: QuizPage,
    now: datetime,
    title: str = "",
    format: str = LiveGame.Format.CLASSIC,
    public: bool = False,
    seconds_per_question: int = 20,
    seed: int | None = None,
) -> LiveGame:
    """A game in its lobby with a fresh PIN, its questions frozen from the quiz once (the same
    questions and choice order for every player; the key stays on the server)."""
    if not host.has_role(*HOST_ROLES):
        raise errors.NotAllowedToHost()
    if not SECONDS_MIN <= seconds_per_question <= SECONDS_MAX:
        message = errors.BadSecondsPerQuestion.message
        raise errors.BadSecondsPerQuestion(fields={"seconds_per_question": [str(message)]})
    quiz = quiz.specific
    questions = build_paper(quiz, rng=random.Random(seed))
    if not questions:
        raise errors.EmptyQuiz()
    for _try in range(PIN_TRIES):
        pin = _new_pin()
        if LiveGame.objects.filter(pin=pin).exclude(state=State.FINISHED).exists():
            continue
        try:
            with transaction.atomic():  # two games drawing the same PIN at once: draw again
                return LiveGame.objects.create(
                    host=host,
                    quiz=quiz,
                    title=title or quiz.title,
                    pin=pin,
                    format=format,
                    public=public,
                    seconds_per_question=seconds_per_question,
                    questions=questions,
                    created_at=now,
                )
        except IntegrityError:
            continue
    raise RuntimeError("No free game PIN after many draws: too many games in play.")


def _game_by_pin(pin: str) -> LiveGame:
    games = list(LiveGame.objects.filter(pin=str(pin).strip()).order_by("-created_at")[:5])
    playing = [game for game in games if not game.is_finished]
    if playing:
        return playing[0]
    if games:
        raise errors.GameFinished()
    raise errors.GameNotFound()


def _default_nickname(game: LiveGame, user) -> str:
    """A signed-in player's name in the game: their given name (the last word of a Vietnamese
    name), numbered when taken, so the projector never shows a pupil's full name."""
    words = game_rules.clean_nickname(user.get_short_name()).split()
    base = (words[-1] if words else user.username)[:55]
    taken = set(game.players.filter(nickname__startswith=base).values_list("nickname", flat=True))
    nickname, number = base, 1
    while nickname in taken:
        number += 1
        nickname = f"{base} {number}"
    return nickname


def _checked_nickname(raw: str) -> str:
    nickname = game_rules.clean_nickname(raw)
    if not nickname:
        raise errors.NicknameNeeded()
    problem = game_rules.nickname_problem(nickname)
    if problem is not None:
        raise errors.NicknameRefused(problem, fields={"nickname": [problem]})
    return nickname


@transaction.atomic
def join(*, pin: str, now: datetime, user=None, nickname: str = "") -> LivePlayer:
    """A player in the game the PIN names. A signed-in player who joins again is the same
    player (their phone reconnected); a public event takes a nickname and no account."""
    game = _game_by_pin(pin)
    signed_in = user is not None and user.is_authenticated
    if not game.public:
        if not signed_in:
            raise errors.SignInToJoin()
        player = game.players.filter(user=user).first()
        if player is not None:
            if player.removed:
                raise errors.PlayerRemoved()
            return player
    if game.locked:
        raise errors.GameLocked()
    if game.is_elimination and game.state != State.LOBBY:
        raise errors.GameAlreadyStarted()
    if game.public or nickname.strip():
        name = _checked_nickname(nickname)
    else:
        name = _default_nickname(game, user)
    try:
        with transaction.atomic():
            return LivePlayer.objects.create(
                game=game,
                user=None if game.public else user,
                nickname=name,
                joined_at=now,
            )
    except IntegrityError:
        taken = errors.NicknameTaken.message
        raise errors.NicknameTaken(fields={"nickname": [str(taken)]}) from None


def rejoin(*, token: str) -> LivePlayer:
    """The player whose phone kept this token, with their score and answers as they were."""
    player = (
        LivePlayer.objects.select_related("game").filter(rejoin_token=str(token)).first()
        if token
        else None
    )
    if player is None:
        raise errors.PlayerNotFound()
    if player.removed:
        raise errors.PlayerRemoved()
    return player


@transaction.atomic
def lock(*, game: LiveGame, by, locked: bool = True) -> LiveGame:
    """No one new joins a locked game; players already in it go on (and may reconnect)."""
    game = _locked_game(game)
    _check_host(game, by)
    game.locked = locked
    game.save(update_fields=["locked"])
    return game


@transaction.atomic
def remove_player(*, game: LiveGame, player: LivePlayer, by) -> LivePlayer:
    """The host takes a player out for good: no answers, no leaderboard, no joining again."""
    _check_host(game, by)
    player = LivePlayer.objects.select_for_update().get(pk=player.pk, game=game)
    player.removed = True
    player.save(update_fields=["removed"])
    return player


@transaction.atomic
def next_question(*, game: LiveGame, by, now: datetime) -> LiveGame:
    """Open the next question until `now` + the game's seconds, on the server's clock."""
    game = _locked_game(game)
    _check_host(game, by)
    if game.is_finished:
        raise errors.GameFinished()
    if game.state == State.QUESTION:
        raise errors.QuestionStillOpen()
    index = 0 if game.question_index is None else game.question_index + 1
    if index >= len(game.questions):
        raise errors.NoMoreQuestions()
    game.state = State.QUESTION
    game.question_index = index
    game.opened_at = now
    game.closes_at = now + timedelta(seconds=game.seconds_per_question)
    game.save(update_fields=["state", "question_index", "opened_at", "closes_at"])
    return game


@transaction.atomic
def answer(*, player: LivePlayer, question_index: int, value: object, now: datetime) -> LiveAnswer:
    """Keep a player's answer, timed and marked on the server. After the close it is kept as
    late (no points; out in an elimination game); a second answer is refused, the first kept.
    Points and eliminations reach the players when the question closes (`close_question`)."""
    player = LivePlayer.objects.select_for_update().get(pk=player.pk)
    game = LiveGame.objects.get(pk=player.game_id)  # read after the player's lock: see above
    if player.removed:
        raise errors.PlayerRemoved()
    if game.state != State.QUESTION:
        raise errors.NoQuestionOpen()
    if question_index != game.question_index:
        raise errors.WrongQuestion()
    if player.eliminated_at is not None:
        raise errors.PlayerEliminated()
    if player.answers.filter(question_index=question_index).exists():
        raise errors.AlreadyAnswered()
    entry = game.questions[question_index]
    value = validate_answer(entry, value)
    right = scoring.mark_question(papers.frozen_question(entry), value).is_correct
    elapsed_ms = max(int((now - game.opened_at).total_seconds() * 1000), 0)
    late = now > game.closes_at
    limit_ms = game.seconds_per_question * 1000
    return LiveAnswer.objects.create(
        player=player,
        question_index=question_index,
        value=value,
        answered_at=now,
        elapsed_ms=elapsed_ms,
        right=right,
        points=game_rules.points(right=right, late=late, elapsed_ms=elapsed_ms, limit_ms=limit_ms),
        late=late,
    )


@transaction.atomic
def close_question(*, game: LiveGame, by, now: datetime) -> list[dict]:
    """Close the open question: add each answer's points, right answers and time (a missing
    answer costs the whole time), put out who missed, erred or was late in an elimination
    game, and return the leaderboard. Closing again changes nothing."""
    game = _locked_game(game)
    _check_host(game, by)
    if game.state != State.QUESTION:
        return leaderboard(game)
    index = game.question_index
    game.state = State.REVEAL
    game.closes_at = min(game.closes_at, now)
    game.save(update_fields=["state", "closes_at"])
    players = list(game.players.select_for_update().filter(removed=False).order_by("pk"))
    given = {
        a.player_id: a for a in LiveAnswer.objects.filter(player__game=game, question_index=index)
    }
    limit_ms = game.seconds_per_question * 1000
    for player in players:
        if player.eliminated_at is not None:
            continue
        given_answer = given.get(player.pk)
        if given_answer is None:
            player.answer_time_ms += limit_ms
        else:
            player.score += given_answer.points
            player.right_answers += int(given_answer.right and not given_answer.late)
            player.answer_time_ms += given_answer.elapsed_ms
        if game.is_elimination and game_rules.eliminates(
            answered=given_answer is not None,
            right=given_answer is not None and given_answer.right,
            late=given_answer is not None and given_answer.late,
        ):
            player.eliminated_at = index
    LivePlayer.objects.bulk_update(
        players, ["score", "right_answers", "answer_time_ms", "eliminated_at"]
    )
    return leaderboard(game)


@transaction.atomic
def rescue(*, game: LiveGame, by, rule: game_rules.Rescue | str, n: int = 0) -> list[LivePlayer]:
    """Bring eliminated players back by the rule the host calls, between two questions of an
    elimination game. Returns the players brought back."""
    game = _locked_game(game)
    _check_host(game, by)
    if not game.is_elimination or game.state != State.REVEAL:
        raise errors.RescueNotAllowed()
    rule = game_rules.Rescue(rule)
    if rule == game_rules.Rescue.BEST and n < 1:
        raise errors.BadRescue(fields={"n": [str(errors.BadRescue.message)]})
    players = {
        p.pk: p for p in game.players.select_for_update().filter(removed=False).order_by("pk")
    }
    chosen = game_rules.rescued([standing_of(p) for p in players.values()], rule=rule, n=n)
    back = [players[pk] for pk in chosen]
    for player in back:
        player.eliminated_at = None
    LivePlayer.objects.bulk_update(back, ["eliminated_at"])
    return back


@transaction.atomic
def finish(*, game: LiveGame, by, now: datetime) -> list[dict]:
    """End the game (an open question is closed first) and return the final leaderboard."""
    game = _locked_game(game)
    _check_host(game, by)
    if game.state == State.QUESTION:
        close_question(game=game, by=by, now=now)
        game.refresh_from_db()
    if not game.is_finished:
        game.state = State.FINISHED
        game.finished_at = now
        game.save(update_fields=["state", "finished_at"])
    return leaderboard(game)
