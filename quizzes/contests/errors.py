"""What contests refuse, in the words people read: each error has its code for the API and its
message for pages and replies (lms/core/errors.py turns them into both)."""

from django.utils.translation import gettext_lazy as _

from lms.core.errors import Conflict, DomainError, NotFound
from quizzes.errors import BadPrediction  # noqa: F401 (the contests' errors, with the engine's)


class AlreadySignedUp(Conflict):
    code = "already_signed_up"
    message = _("You have already signed up for this contest.")


class NotInContestAudience(DomainError):
    status = 403
    code = "not_in_contest_audience"
    message = _("This contest is only for the schools or classes its organiser chose.")


class JudgeCannotTakePart(DomainError):
    status = 403
    code = "judge_cannot_take_part"
    message = _("Judges of a contest do not take part in it.")


class NotSignedUp(DomainError):
    status = 403
    code = "not_signed_up"
    message = _("Sign up for the contest first, then you can take its rounds.")


class RoundStillOpen(Conflict):
    code = "round_still_open"
    message = _(
        "This round can be finalised once it has closed and late answers have had their minute."
    )


class NothingChanged(Conflict):
    code = "nothing_changed"
    message = _("Nothing has changed since the latest version: there is nothing to finalise.")


class AlreadyPublished(Conflict):
    code = "already_published"
    message = _("This version is already published.")


class NotLatestVersion(Conflict):
    code = "not_latest_version"
    message = _("Only the latest version of a ranking can be published.")


class NotPublished(Conflict):
    code = "not_published"
    message = _("Publish this ranking before awarding certificates.")


class BadDecision(Conflict):
    code = "bad_decision"


class UnknownFlag(DomainError):
    code = "unknown_flag"
    message = _("There is no such flag in this round for this participant.")


class ReasonRequired(DomainError):
    code = "reason_required"
    message = _("Write the reason: it is kept in the audit trail.")


class FiguresNotReady(DomainError):
    status = 503
    code = "figures_not_ready"
    message = _("The figures of this round are being computed. Try again in a few seconds.")
    retry_after = 5


class ContestNotFound(NotFound):
    code = "contest_not_found"
    message = _("There is no published contest with this number.")


class RoundNotFound(NotFound):
    code = "round_not_found"
    message = _("There is no such round in this contest.")


# Live games -----------------------------------------------------------------------------------


class NotAllowedToHost(DomainError):
    status = 403
    code = "not_allowed_to_host"
    message = _("Only teachers, judges and editors can open a live game.")


class NotHost(DomainError):
    status = 403
    code = "not_host"
    message = _("Only the host of this game can do this.")


class EmptyQuiz(DomainError):
    code = "empty_quiz"
    message = _("This quiz has no questions yet: add some before opening a game with it.")


class BadSecondsPerQuestion(DomainError):
    code = "bad_seconds_per_question"
    message = _("Give each question between 5 and 120 seconds.")


class GameNotFound(NotFound):
    code = "game_not_found"
    message = _("There is no game with this PIN. Check the number on the big screen.")


class GameFinished(Conflict):
    code = "game_finished"
    message = _("This game has finished. Ask your host for the PIN of the next one.")


class GameLocked(Conflict):
    code = "game_locked"
    message = _("The host has locked this game: no one new can join it now.")


class GameAlreadyStarted(Conflict):
    code = "game_already_started"
    message = _("This elimination game has already started: join the next one from its lobby.")


class SignInToJoin(DomainError):
    status = 403
    code = "sign_in_to_join"
    message = _("Sign in first: this game is for players with an account.")


class NicknameNeeded(DomainError):
    code = "nickname_needed"
    message = _("Choose a nickname to play with.")


class NicknameRefused(DomainError):
    code = "nickname_refused"
    message = _("Choose another nickname.")  # the rule that refused it says why


class NicknameTaken(Conflict):
    code = "nickname_taken"
    message = _("Someone in this game already has this nickname. Choose another one.")


class PlayerRemoved(DomainError):
    status = 403
    code = "player_removed"
    message = _("The host has removed you from this game.")


class PlayerNotFound(NotFound):
    code = "player_not_found"
    message = _("This phone is no longer in the game. Join again with the PIN.")


class NoQuestionOpen(Conflict):
    code = "no_question_open"
    message = _("No question is open right now. Wait for the next one.")


class WrongQuestion(Conflict):
    code = "wrong_question"
    message = _("This question is over; the screen shows the one open now.")


class AlreadyAnswered(Conflict):
    code = "already_answered"
    message = _("You have already answered this question. Your first answer counts.")


class PlayerEliminated(Conflict):
    code = "player_eliminated"
    message = _("You are out of this game for now. Watch the big screen: a rescue may come.")


class QuestionStillOpen(Conflict):
    code = "question_still_open"
    message = _("Close the open question before going on.")


class NoMoreQuestions(Conflict):
    code = "no_more_questions"
    message = _("That was the last question. Finish the game to show the podium.")


class RescueNotAllowed(Conflict):
    code = "rescue_not_allowed"
    message = _("A rescue round is only for elimination games, between two questions.")


class BadRescue(DomainError):
    code = "bad_rescue"
    message = _("Say how many players the rescue brings back (at least one).")


class NoFreePin(Conflict):
    status = 503
    code = "no_free_pin"
    message = _("Too many games are being played right now to give this one a PIN. Try again.")


class Paused(DomainError):
    """Refused for a while; `retry_after` says for how many seconds."""

    status = 429

    def __init__(self, *, retry_after: int):
        self.retry_after = retry_after
        super().__init__()


class PinGuessesPaused(Paused):
    code = "pin_guesses_paused"
    message = _("Too many wrong PINs from this network. Wait a few minutes, then try again.")


class JoinsPaused(Paused):
    code = "joins_paused"
    message = _("Too many players have joined from this network. Wait a few minutes.")


class BadMessage(DomainError):
    code = "bad_message"
    message = _("The game did not understand this message. Reload the page.")
