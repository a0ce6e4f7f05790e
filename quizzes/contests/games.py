"""Writes of a live game: open it, join and rejoin, lock, remove a player, open and close each
question, answer, rescue, finish. The rules are `game_rules`'; these read rows, ask them, and
write what they say. Every time is the server's (`now`), never a phone's.

Locks: an answer locks its player's row only (a thousand phones answer at once); closing a
question locks the game, then every player, so an answer still being written is waited for and
counted, and one that comes after finds the question closed.
"""

import functools
import random
import secrets
import time
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connections, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from lms.accounts.models import Role
from lms.accounts.sign_in_limits import Rate, bump
from quizzes import papers, scoring
from quizzes.contests import errors, game_results, game_rules
from quizzes.contests.game_records import SECONDS_MAX, SECONDS_MIN, LiveAnswer, LiveGame, LivePlayer
from quizzes.contests.game_selectors import leaderboard, standing_of
from quizzes.pages import QuizPage
from quizzes.services import build_paper, validate_answer

HOST_ROLES = (Role.TEACHER, Role.JUDGE, Role.EDITOR, Role.ADMIN)
PIN_TRIES = 20
QUESTION_LOCK = 7301  # the first half of the key of `_question_lock`: live games' questions
State = LiveGame.State


def _new_pin() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def check_host(game: LiveGame, by) -> None:
    if game.host_id != by.pk and not by.has_role(Role.ADMIN):
        raise errors.NotHost()


def hosted_game(game_id: int, user, *, with_questions: bool = False) -> LiveGame:
    """The game, if `user` hosts it (or is an administrator); NotHost otherwise, and for a game
    that does not exist too, so that game numbers reveal nothing."""
    found = LiveGame.objects.filter(pk=game_id)
    game = (found if with_questions else found.defer("questions")).first()
    if game is None or user is None or not user.is_authenticated:
        raise errors.NotHost()
    check_host(game, user)
    return game


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
    raise errors.NoFreePin()


def _game_by_pin(pin: str, *, address: str = "") -> LiveGame:
    """The game a PIN names. Wrong PINs from `address` (the caller's network) are counted and,
    past GAME_PIN_GUESSES_PER_ADDRESS in a window, refused before looking, so PINs cannot be
    tried one after another to get into other schools' games. The cache being down lets the
    guess through: the PIN is then still a one-in-a-million guess."""
    guesses, now = Rate(*settings.GAME_PIN_GUESSES_PER_ADDRESS), time.time()
    key = f"game-pin:wrong:{address}:{guesses.window(now)}"
    if address and (cache.get(key) or 0) >= guesses.count:
        raise errors.PinGuessesPaused(retry_after=guesses.seconds_left(now))
    games = list(LiveGame.objects.filter(pin=str(pin).strip()).order_by("-created_at")[:5])
    playing = [game for game in games if not game.is_finished]
    if playing:
        return playing[0]
    if games:
        raise errors.GameFinished()
    if address:
        bump(key, guesses.seconds)
    raise errors.GameNotFound()


def _count_join(address: str) -> None:
    """One more player joined from `address`; refused past GAME_JOINS_PER_ADDRESS in a window
    (a whole school hall fits under it; a script making players in a loop does not)."""
    if not address:
        return
    joins, now = Rate(*settings.GAME_JOINS_PER_ADDRESS), time.time()
    key = f"game-join:{address}:{joins.window(now)}"
    if (cache.get(key) or 0) >= joins.count:
        raise errors.JoinsPaused(retry_after=joins.seconds_left(now))
    bump(key, joins.seconds)


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
def join(
    *, pin: str, now: datetime, user=None, nickname: str = "", address: str = ""
) -> LivePlayer:
    """A player in the game the PIN names. A signed-in player who joins again is the same
    player (their phone reconnected); a public event takes a nickname and no account.
    `address` is the caller's network, for the limits on guessing PINs and on joining."""
    game = _game_by_pin(pin, address=address)
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
    _count_join(address)
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
    check_host(game, by)
    game.locked = locked
    game.save(update_fields=["locked"])
    return game


@transaction.atomic
def remove_player(*, game: LiveGame, player: LivePlayer, by) -> LivePlayer:
    """The host takes a player out for good: no answers, no leaderboard, no joining again."""
    check_host(game, by)
    player = LivePlayer.objects.select_for_update().get(pk=player.pk, game=game)
    player.removed = True
    player.save(update_fields=["removed"])
    return player


@transaction.atomic
def next_question(*, game: LiveGame, by, now: datetime) -> LiveGame:
    """Open the next question until `now` + the game's seconds, on the server's clock."""
    game = _locked_game(game)
    check_host(game, by)
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


def _question_lock(game_id: int, *, shared: bool) -> None:
    """Answers to a game's open question take this lock shared; closing the question takes it
    alone. So a close waits for the answers being written, which it then counts, and an answer
    that comes after it finds the question closed. A lock of PostgreSQL's own (one key per
    game), not a row's: a thousand answers at once hold it together without touching a row.
    SQLite needs none: it writes one transaction at a time (BEGIN IMMEDIATE, lms/settings.py)."""
    connection = connections[LiveAnswer.objects.db]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if shared:
            # An answer's commit does not wait for the disk: the close commits its question's
            # standings in full, and with them every answer written before it. A crash of
            # PostgreSQL itself may lose the answers of its last fraction of a second.
            cursor.execute(
                "SELECT set_config('synchronous_commit', 'off', true), "
                "pg_advisory_xact_lock_shared(%s, %s)",
                [QUESTION_LOCK, game_id],
            )
        else:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [QUESTION_LOCK, game_id])


@functools.lru_cache(maxsize=256)
def _frozen_questions(game_id: int, pin: str, created_at: datetime) -> list:
    """A game's questions, read once per process: they are frozen when the game opens, and an
    answer should not read them, key included, from the database a thousand times a question.
    Keyed by more than the id, which a test database may give again to another game."""
    return LiveGame.objects.values_list("questions", flat=True).get(pk=game_id)


ANSWERING_COLUMNS = (
    "removed",
    "eliminated_at",
    "answered",
    "game__state",
    "game__question_index",
    "game__opened_at",
    "game__closes_at",
    "game__seconds_per_question",
    "game__pin",
    "game__created_at",
)


def _answering(player_id: int, game_id: int, question_index: int) -> dict | None:
    """What an answer checks, in one statement written out: the player, their game's open
    question and whether they have answered it. The ORM would build this query anew for each
    of a thousand answers a question, which costs the live server more than the query."""
    connection = connections[LivePlayer.objects.db]
    players, games_, answers = (
        model._meta.db_table for model in (LivePlayer, LiveGame, LiveAnswer)
    )
    sql = (
        "SELECT p.removed, p.eliminated_at, EXISTS (SELECT 1 FROM "
        f"{answers} a WHERE a.player_id = p.id AND a.question_index = %s), g.state, "
        "g.question_index, g.opened_at, g.closes_at, g.seconds_per_question, g.pin, g.created_at "
        f"FROM {players} p JOIN {games_} g ON g.id = p.game_id WHERE p.id = %s AND p.game_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [question_index, player_id, game_id])
        found = cursor.fetchone()
    if found is None:
        return None
    row = dict(zip(ANSWERING_COLUMNS, found, strict=True))
    for name in ("game__opened_at", "game__closes_at", "game__created_at"):
        row[name] = _moment(row[name])
    return row


def _moment(value) -> datetime | None:
    """A time read by hand as the ORM would give it (SQLite returns text, without a zone)."""
    if value is None or isinstance(value, datetime) and timezone.is_aware(value):
        return value
    if isinstance(value, str):
        value = parse_datetime(value)
    return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value


@transaction.atomic
def answer(*, player: LivePlayer, question_index: int, value: object, now: datetime) -> LiveAnswer:
    """Keep a player's answer, timed and marked on the server. After the close it is kept as
    late (no points; out in an elimination game); a second answer is refused, the first kept.
    Points and eliminations reach the players when the question closes (`close_question`).
    `player` needs only its id and its game's id: the rest is read here, after the lock."""
    _question_lock(player.game_id, shared=True)
    row = _answering(player.pk, player.game_id, question_index)
    if row is None:
        raise errors.PlayerNotFound()
    if row["removed"]:
        raise errors.PlayerRemoved()
    if row["game__state"] != State.QUESTION:
        raise errors.NoQuestionOpen()
    if question_index != row["game__question_index"]:
        raise errors.WrongQuestion()
    if row["eliminated_at"] is not None:
        raise errors.PlayerEliminated()
    if row["answered"]:
        raise errors.AlreadyAnswered()
    questions = _frozen_questions(player.game_id, row["game__pin"], row["game__created_at"])
    entry = questions[question_index]
    value = validate_answer(entry, value)
    right = scoring.mark_question(papers.frozen_question(entry), value).is_correct
    elapsed_ms = max(int((now - row["game__opened_at"]).total_seconds() * 1000), 0)
    late = now > row["game__closes_at"]
    limit_ms = row["game__seconds_per_question"] * 1000
    try:
        return LiveAnswer.objects.create(
            player_id=player.pk,
            question_index=question_index,
            value=value,
            answered_at=now,
            elapsed_ms=elapsed_ms,
            right=right,
            points=game_rules.points(
                right=right, late=late, elapsed_ms=elapsed_ms, limit_ms=limit_ms
            ),
            late=late,
        )
    except IntegrityError:  # the same player's other phone answered at the same moment
        raise errors.AlreadyAnswered() from None


@transaction.atomic
def close_question(*, game: LiveGame, by, now: datetime) -> list[dict]:
    """Close the open question: add each answer's points, right answers and time (a missing
    answer costs the whole time), put out who missed, erred or was late in an elimination
    game, and return the leaderboard. Closing again changes nothing."""
    game = _locked_game(game)
    check_host(game, by)
    if game.state != State.QUESTION:
        return leaderboard(game)
    _question_lock(game.pk, shared=False)  # the answers being written are counted
    index = game.question_index
    game.state = State.REVEAL
    game.closes_at = min(game.closes_at, now)
    game.save(update_fields=["state", "closes_at"])
    players = list(
        game.players.select_for_update()
        .filter(removed=False, eliminated_at__isnull=True)
        .only("pk", "score", "right_answers", "answer_time_ms", "eliminated_at")
        .order_by("pk")
    )
    given = {
        a.player_id: a for a in LiveAnswer.objects.filter(player__game=game, question_index=index)
    }
    limit_ms = game.seconds_per_question * 1000
    for player in players:
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
    _save_standings(players)
    return leaderboard(game)


STANDING_COLUMNS = ("score", "right_answers", "answer_time_ms", "eliminated_at")


def _save_standings(players: list[LivePlayer]) -> None:
    """Write the players' new standings. On PostgreSQL in one UPDATE from a list of values:
    `bulk_update`'s CASE per row and column holds a server's Python for a second and more with a
    thousand players, while every phone waits for the close."""
    connection = connections[LivePlayer.objects.db]
    if connection.vendor != "postgresql" or not players:
        LivePlayer.objects.bulk_update(players, STANDING_COLUMNS)
        return
    table = LivePlayer._meta.db_table
    row = "(%s::bigint, %s::integer, %s::integer, %s::bigint, %s::smallint)"
    sql = (
        f"UPDATE {table} AS p SET score = v.score, right_answers = v.right_answers, "
        "answer_time_ms = v.answer_time_ms, eliminated_at = v.eliminated_at "
        f"FROM (VALUES {', '.join([row] * len(players))}) "
        "AS v (id, score, right_answers, answer_time_ms, eliminated_at) WHERE p.id = v.id"
    )
    values = [getattr(p, column) for p in players for column in ("pk", *STANDING_COLUMNS)]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)


@transaction.atomic
def rescue(*, game: LiveGame, by, rule: game_rules.Rescue | str, n: int = 0) -> list[LivePlayer]:
    """Bring eliminated players back by the rule the host calls, between two questions of an
    elimination game. Returns the players brought back."""
    game = _locked_game(game)
    check_host(game, by)
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
    """End the game (an open question is closed first), keep its results as the players'
    attempts and the winners' certificates (`game_results`), and return the final leaderboard."""
    game = _locked_game(game)
    check_host(game, by)
    if game.state == State.QUESTION:
        close_question(game=game, by=by, now=now)
        game.refresh_from_db()
    if not game.is_finished:
        game.state = State.FINISHED
        game.finished_at = now
        game.save(update_fields=["state", "finished_at"])
        game_results.save_results(game, now=now)  # attempts and certificates, once
    return leaderboard(game)
