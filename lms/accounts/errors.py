from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lms.core.errors import Conflict, DomainError, NotFound


class StalePage(DomainError):
    """A session's API write without the page's CSRF token: the account may do it, the page is
    old (or was opened before signing in)."""

    status = 403
    code = "permission_denied"
    message = _(
        "The page's security token is missing or out of date: reload the page and try again. "
        "What you saved is kept."
    )


class JoinCodeUnknown(NotFound):
    code = "join_code_unknown"
    message = _(
        "No class has this code. Check the code with your teacher: it has 6 letters and digits."
    )


class JoinCodeGuessesPaused(DomainError):
    status = 429
    code = "join_code_paused"
    message = _(
        "Too many wrong class codes from this network. Check the code with your teacher and "
        "try again in a few minutes."
    )

    def __init__(self, *, retry_after: int):
        self.retry_after = retry_after
        super().__init__()


class JoinCodeExpired(DomainError):
    status = 410
    code = "join_code_expired"
    message = _("This class code has expired. Ask your teacher for a new one.")


class AlreadyMember(Conflict):
    code = "already_member"
    message = _("You are already a member of this class.")


class InClassThisYear(Conflict):
    code = "in_another_class"
    message = _("You are already in another class this school year. Ask your teacher to move you.")


class OnlyStudentsJoin(DomainError):
    status = 403
    code = "only_students_join"
    message = _("Only student accounts can join a class with a code.")


class SignInFailed(DomainError):
    code = "sign_in_failed"
    message = _("The username or password is not right.")


class SignInLocked(DomainError):
    status = 429
    code = "locked_out"
    retry_after = int(settings.AXES_COOLOFF_TIME.total_seconds())
    message = _(
        "Too many failed sign-ins for this account from this device. "
        "Wait 15 minutes and try again, or ask your teacher to reset your password."
    )


class ClassNameTaken(Conflict):
    code = "class_name_taken"
    message = _("The school already has a class with this name this year.")


class NotYourSchool(DomainError):
    status = 403
    code = "not_your_school"
    message = _("You can open classes only in your own school.")
