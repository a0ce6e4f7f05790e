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
