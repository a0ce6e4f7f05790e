"""After a live game: each signed-in player's results kept as a submitted attempt on the game's
quiz, and certificates for the winners. `games.finish` calls `save_results` once, in its own
transaction, when the game becomes finished.

An attempt from a game is an attempt like any other: the teacher's progress matrix, the pupil's
results, item analysis and reach read it where they read the others. Its paper is the game's
frozen questions (the same for every player), its answers those given in time, and it is scored
by the engine's own functions, so a later regrade of a question treats it as it treats the rest.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.db.models.signals import post_save
from django.utils import timezone, translation
from django.utils.translation import gettext

from quizzes import papers, scoring
from quizzes.contests.game_records import LiveAnswer, LiveGame, LivePlayer
from quizzes.contests.game_selectors import leaderboard
from quizzes.contests.pages import ContestRound
from quizzes.models import Answer, Attempt, Certificate, new_certificate_code
from quizzes.pages import QuizPage
from quizzes.services import item_marks

BATCH_SIZE = 2000  # rows per INSERT: a thousand players of twenty questions in ten statements
TRIES = 5  # a clash on an attempt number or a certificate code is rare: draw again


@dataclass
class SavedResults:
    attempts: list[Attempt] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)


@transaction.atomic
def save_results(game: LiveGame, *, now: datetime) -> SavedResults:
    """Keep the results of a finished game: an attempt for every signed-in player still in the
    game's list (removed players are left out, as on the leaderboard), and certificates for its
    winners. Saving again adds nothing: players whose attempt from this game is already there
    are skipped (an attempt of the game is submitted at the moment the game finished).

    Nickname players at a public event get no attempt, and so do not count toward reach: there
    is no person behind a nickname to count, to follow, or to count only once."""
    at = game.finished_at or now
    players = list(
        game.players.filter(user__isnull=False, removed=False).select_related("user").order_by("pk")
    )
    if not players:
        return SavedResults()
    quiz = _quiz_of(game)
    attempts = _save_attempts(game, quiz, players, at=at) if quiz is not None else {}
    return SavedResults(
        attempts=list(attempts.values()),
        certificates=_award(game, players, attempts, at=at),
    )


def _quiz_of(game: LiveGame) -> QuizPage | None:
    """The quiz the attempts are kept on; None when it was deleted since, or when it is a
    contest round: a round's attempts are its ranking (one sitting each, its own deadline and
    rules), and a class playing its questions on a projector is no sitting of it."""
    if game.quiz_id is None:
        return None
    quiz = game.quiz
    if issubclass(quiz.specific_class or QuizPage, ContestRound):
        return None
    return quiz


def _save_attempts(
    game: LiveGame, quiz: QuizPage, players: list[LivePlayer], *, at: datetime
) -> dict[int, Attempt]:
    """One submitted attempt per player (by user id), with its answers, in a few statements
    whatever the number of players."""
    paper = game.questions
    frozen = [papers.frozen_question(entry) for entry in paper]
    slots = [entry["slot"] for entry in paper]
    # A late answer earned nothing in the game and is not kept: the engine refuses an answer
    # after its deadline, and a regrade must find the score the game gave.
    given: dict[int, dict[int, tuple]] = defaultdict(dict)
    for player_id, index, value, answered_at in LiveAnswer.objects.filter(
        player__game=game, late=False, value__isnull=False
    ).values_list("player_id", "question_index", "value", "answered_at"):
        if index < len(slots):
            given[player_id][slots[index]] = (value, answered_at)

    user_ids = [player.user_id for player in players]
    numbers = _attempt_numbers(quiz, user_ids, at=at)
    kept = {user_id for user_id, (_last, saved) in numbers.items() if saved}
    attempts: dict[int, Attempt] = {}
    answers: dict[int, dict[int, tuple]] = {}
    for player in players:
        if player.user_id in kept:
            continue
        values = {slot: value for slot, (value, _at) in given[player.pk].items()}
        result = scoring.score(frozen, values)
        attempts[player.user_id] = Attempt(
            quiz=quiz,
            user=player.user,
            paper=paper,
            started_at=min(player.joined_at, at),
            submitted_at=at,
            score=result.score,
            maximum=result.maximum,
            percent=result.percent,
            # The time the player spent on the questions, as the game counted it (a missed
            # question costs its whole time); the lobby and the host's reveals are not theirs.
            duration_seconds=round(player.answer_time_ms / 1000),
            item_marks=item_marks(paper, values, result),
        )
        answers[player.user_id] = given[player.pk]
    if not attempts:
        return {}
    _insert_attempts(quiz, attempts, numbers, at=at)
    Answer.objects.bulk_create(
        [
            Answer(attempt=attempt, slot=slot, value=value, sequence=1, saved_at=answered_at)
            for user_id, attempt in attempts.items()
            for slot, (value, answered_at) in answers[user_id].items()
        ],
        batch_size=BATCH_SIZE,
    )
    _tell_scored(attempts.values())
    return attempts


def _attempt_numbers(quiz: QuizPage, user_ids: list[int], *, at: datetime) -> dict[int, tuple]:
    """Per user with attempts on the quiz: (their last attempt number, whether this game's
    attempt is already among them)."""
    rows = (
        Attempt.objects.filter(quiz=quiz, user__in=user_ids)
        .values("user_id")
        .annotate(last=Max("number"), saved=Count("pk", filter=Q(submitted_at=at)))
        .values_list("user_id", "last", "saved")
    )
    return {user_id: (last, bool(saved)) for user_id, last, saved in rows}


def _insert_attempts(
    quiz: QuizPage, attempts: dict[int, Attempt], numbers: dict[int, tuple], *, at: datetime
) -> None:
    """Numbered after each user's attempts. A pupil who starts the quiz at the very moment may
    take the number first: then the numbers are read again and the insert tried again."""
    for _try in range(TRIES):
        for user_id, attempt in attempts.items():
            attempt.pk = None  # a batch rolled back with the others may have been given one
            attempt.number = numbers.get(user_id, (0, False))[0] + 1
        try:
            with transaction.atomic():
                Attempt.objects.bulk_create(attempts.values(), batch_size=BATCH_SIZE)
            return
        except IntegrityError:
            numbers = _attempt_numbers(quiz, list(attempts), at=at)
    raise RuntimeError("Could not number the game's attempts: their pupils kept starting.")


def _tell_scored(attempts) -> None:
    """Send what saving a scored attempt sends (`post_save`, which a bulk insert does not):
    reach listens for it (lms/reach/receivers.py) and counts the players like anyone who took
    the quiz. The hook takes one attempt at a time; on a quiz that does not concern reach each
    call returns at once, and on one that does it queues one small row per player for the
    batched recount."""
    for attempt in attempts:
        post_save.send(
            sender=Attempt,
            instance=attempt,
            created=True,
            update_fields=None,
            raw=False,
            using=Attempt.objects.db,
        )


# Certificates ---------------------------------------------------------------------------------


def winners(board: list[dict], *, elimination: bool) -> list[dict]:
    """The winners among leaderboard rows: the first place, ties included; in an elimination
    game everyone still standing (if no one is, those who fell last). Nobody wins without a
    right answer: a game no one answered right has no winner."""
    rows = board
    if elimination and any(row["still_in"] for row in board):
        rows = [row for row in board if row["still_in"]]
    elif board:
        first = min(row["place"] for row in board)
        rows = [row for row in board if row["place"] == first]
    return [row for row in rows if row["right_answers"] > 0]


def certificate_title(game: LiveGame, *, at: datetime) -> str:
    """In the site's first language, the one a certificate is printed in."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("Winner of the live game “%(game)s”, %(date)s") % {
            "game": game.title,
            "date": timezone.localtime(at).strftime("%d/%m/%Y"),
        }


def _award(
    game: LiveGame, players: list[LivePlayer], attempts: dict[int, Attempt], *, at: datetime
) -> list[Certificate]:
    """Certificates for the winners on the final leaderboard (what the podium shows), among
    signed-in players. A certificate of a game names no quiz: a person has one certificate per
    quiz, and that one belongs to the quiz's own pass (a module's knowledge check), which a
    game won must neither take nor stand in for. It points to the game's attempt instead, when
    there is one. An erased person gets none; one who has this game's already keeps it."""
    signed_in = {player.pk: player for player in players}
    board = [row for row in leaderboard(game) if row["player_id"] in signed_in]
    users = [
        signed_in[row["player_id"]].user for row in winners(board, elimination=game.is_elimination)
    ]
    users = [user for user in users if not user.is_erased]
    if not users:
        return []
    title = certificate_title(game, at=at)
    already = set(
        Certificate.objects.filter(user__in=users, title=title).values_list("user_id", flat=True)
    )
    new = [
        Certificate(
            user=user,
            display_name=user.get_short_name(),
            title=title,
            attempt=attempts.get(user.pk),
            issued_at=at,
        )
        for user in users
        if user.pk not in already
    ]
    for _try in range(TRIES):
        for certificate in new:
            certificate.code = new_certificate_code()
        try:
            with transaction.atomic():
                return Certificate.objects.bulk_create(new)
        except IntegrityError:
            continue  # a code already given: draw them all again
    raise RuntimeError("Could not draw free certificate codes")
