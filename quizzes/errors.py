from django.utils.translation import gettext_lazy as _

from lms.core.errors import Conflict, DomainError, NotFound


class QuizNotOpen(Conflict):
    code = "quiz_not_open"
    message = _("This quiz is not open yet. Come back when it opens.")


class QuizClosed(Conflict):
    code = "quiz_closed"
    message = _("This quiz has closed. You can no longer start it.")


class AttemptsUsedUp(Conflict):
    code = "attempts_used_up"
    message = _("You have used all the attempts this quiz allows.")


class NotInAudience(DomainError):
    status = 403
    code = "not_in_audience"
    message = _(
        "This quiz is only for the classes it was given to. "
        "If you think you should have it, ask your teacher."
    )


class AttemptClosed(Conflict):
    code = "attempt_closed"
    message = _("Time is up for this attempt. Your saved answers have been kept.")


class NotOnPaper(DomainError):
    code = "not_on_paper"
    message = _("This question is not on your paper.")


class BadAnswer(DomainError):
    code = "bad_answer"
    message = _("This answer does not fit the question.")


class AttemptNotFound(NotFound):
    code = "attempt_not_found"
    message = _("There is no such attempt on your account.")


class SubmitRefused(DomainError):
    """Something sent with a submit that its kind of quiz refuses (a contest round's prediction
    out of bounds, `QuizPage.accepted_prediction`): nothing is written and the attempt stays
    open, so it can be sent again. Each kind of quiz raises its own, with its own code."""

    code = "submit_refused"


class BadPrediction(SubmitRefused):
    """The API promises every submit this shape of prediction (a quiz that asks none ignores a
    well-formed one, but refuses a malformed one like any other)."""

    code = "bad_prediction"
    message = _("The prediction must be a whole number from 0 to 1,000,000.")
