"""The player's answer pass: a signed note that lets its page save answers into one attempt,
read without the session.

Autosaves are most of a round's requests, a school's whole deadline minute of them. Signed in by
the session, each read the session and then the user from Redis (two round trips, about a fifth
of an autosave's Python calls) only to learn who the pupil is, which the write checks anyway
(`Answer.objects.save_latest` writes only into an open attempt of that user). The player page
carries a pass naming the attempt, its owner and when it ends, signed with the site's secret key;
the answer endpoint takes it instead of the session and its CSRF token (a header that no other
site can make a browser send).

What it opens, and for how long: saving answers into that one attempt, while the write finds it
open, until its deadline and grace (untimed: `UNTIMED_HOURS` after the page was served; the next
page gets a new pass). Signing out or a new password does not withdraw a pass already served;
the page that holds it can still save into its own attempt until then, as it could if it had
been kept open. Anything wrong with a pass (tampered, expired, another attempt's) makes it count
for nothing: the request is then signed in by its session, as before passes existed.
"""

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core import signing
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication

from quizzes.models import Attempt
from quizzes.services import GRACE

KEYWORD = "Attempt"  # Authorization: Attempt <pass>
UNTIMED_HOURS = 6
_SALT = "quizzes.answer-pass"


def issue(attempt: Attempt, now: datetime) -> str:
    """The pass for the player page of `attempt`, served at `now`."""
    ends = attempt.deadline + GRACE if attempt.deadline else now + timedelta(hours=UNTIMED_HOURS)
    note = f"{attempt.pk}.{attempt.user_id}.{int(ends.timestamp())}"
    return signing.Signer(salt=_SALT).sign(note)


def owner(text: str, *, attempt_id: int, now: datetime) -> int | None:
    """The id of the user a valid, unexpired pass for `attempt_id` was served to; else None."""
    try:
        note = signing.Signer(salt=_SALT).unsign(text)
        attempt, user, ends = (int(part) for part in note.split("."))
    except (signing.BadSignature, ValueError):
        return None
    if attempt != attempt_id or now.timestamp() > ends:
        return None
    return user


def user_stub(user_id: int) -> AbstractBaseUser:
    """The owner by id alone, unread: the write checks the attempt is theirs, and nothing else
    on the answer endpoint needs more of them."""
    user = get_user_model()(pk=user_id, is_active=True)
    user._state.adding = False
    return user


class AnswerPassAuthentication(BaseAuthentication):
    """Signs in a request to the answer endpoint by its pass; without a valid one, the next
    authentication class (the session) decides."""

    def authenticate(self, request):
        scheme, _, text = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
        if scheme != KEYWORD or not text:
            return None
        attempt_id = request.parser_context["kwargs"].get("attempt_id")
        user_id = owner(text, attempt_id=attempt_id, now=timezone.now())
        if user_id is None:
            return None
        return user_stub(user_id), None


class AnswerPassScheme(OpenApiAuthenticationExtension):
    """The pass in the API's schema (registered by being defined)."""

    target_class = AnswerPassAuthentication
    name = "answerPass"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Attempt <pass>`: the pass of the player page of this attempt "
            "(its form's `data-answer-pass`), valid until the attempt's deadline and grace.",
        }
