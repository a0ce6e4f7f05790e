"""Sign-in limits that tell a school from an attacker.

A school signs hundreds of pupils in from one network address within minutes, so a cap on every
sign-in per address locks it out. What marks an attacker is failure: many passwords tried on one
account (from one address or many), or many accounts tried from one address. So, besides
django-axes' lock of a username on one address (five failures, fifteen minutes):

- failures per username, from any address (`SIGN_IN_FAILURES_PER_USERNAME`);
- failures per address (`SIGN_IN_FAILURES_PER_ADDRESS`), plus one more for every two accounts that
  signed in successfully from that address in the same window: a school's typos grow with its
  size, while someone spraying one password across usernames has no successes to show;
- successes per address (`SIGN_IN_SUCCESSES_PER_ADDRESS`): a ceiling far above a whole school.

The HTML sign-in, the back office's and the API token all go through `authenticate` here. The
counters live in the shared cache (Redis in production) in fixed windows, so every app server
applies the same limits. If the cache cannot be reached the limits let sign-ins through: the
per-pair lock lives in the database and still holds.
"""

import logging
import math
import time
from dataclasses import dataclass

from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.contrib.auth import authenticate as django_authenticate
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import ngettext_lazy

from lms.core import metrics
from lms.core.errors import DomainError
from lms.core.security import account_reference, client_ip

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    def window(self, now: float) -> int:
        return int(now // self.seconds)

    def seconds_left(self, now: float) -> int:
        return max(1, math.ceil(self.seconds - now % self.seconds))


class SignInPaused(DomainError):
    """Refused before the password is checked; `retry_after` says for how many seconds."""

    status = 429
    code = "sign_in_paused"

    def __init__(self, message: str, *, retry_after: int):
        self.retry_after = retry_after
        super().__init__(message)


# Each says when to come back; the count of minutes picks the plural (ngettext_lazy's "minutes").
TOO_MANY_FOR_ACCOUNT = ngettext_lazy(
    "Too many wrong passwords for this account. Try again in %(minutes)d minute, or ask your "
    "teacher to reset your password.",
    "Too many wrong passwords for this account. Try again in %(minutes)d minutes, or ask your "
    "teacher to reset your password.",
    "minutes",
)
TOO_MANY_FAILURES_FROM_NETWORK = ngettext_lazy(
    "Too many failed sign-ins from this network. Try again in %(minutes)d minute.",
    "Too many failed sign-ins from this network. Try again in %(minutes)d minutes.",
    "minutes",
)
TOO_MANY_FROM_NETWORK = ngettext_lazy(
    "Too many sign-ins from this network in a short time. Try again in %(minutes)d minute.",
    "Too many sign-ins from this network in a short time. Try again in %(minutes)d minutes.",
    "minutes",
)


def _paused(message, seconds: int) -> SignInPaused:
    minutes = max(1, math.ceil(seconds / 60))
    return SignInPaused(str(message % {"minutes": minutes}), retry_after=seconds)


def _rate(name: str) -> Rate:
    """One of settings.SIGN_IN_LIMITS, as (count, seconds)."""
    return Rate(*settings.SIGN_IN_LIMITS[name])


def _keys(username: str, address: str, now: float) -> dict[str, str]:
    by_user, failures, successes = (
        _rate("failures_per_username"),
        _rate("failures_per_address"),
        _rate("successes_per_address"),
    )
    return {
        "user_failures": f"sign-in:fail:user:{account_reference(username)}:{by_user.window(now)}",
        "address_failures": f"sign-in:fail:addr:{address}:{failures.window(now)}",
        "address_accounts": f"sign-in:ok-accounts:addr:{address}:{failures.window(now)}",
        "address_successes": f"sign-in:ok:addr:{address}:{successes.window(now)}",
    }


def failures_allowed_from(address_accounts: int) -> int:
    """Failed sign-ins an address may make in a window, given the accounts signed in from it."""
    return _rate("failures_per_address").count + address_accounts // 2


def refusal(*, username: str, address: str, now: float) -> SignInPaused | None:
    """Why this sign-in is refused before its password is checked, or None."""
    keys = _keys(username, address, now)
    try:
        counts = cache.get_many(list(keys.values()))
    except Exception:  # the cache is down: let the sign-in through, the pair lock still holds
        logger.warning("sign-in limits skipped: the cache did not answer", exc_info=True)
        return None
    count = {name: int(counts.get(key) or 0) for name, key in keys.items()}
    successes = _rate("successes_per_address")
    if count["address_successes"] >= successes.count:
        return _paused(TOO_MANY_FROM_NETWORK, successes.seconds_left(now))
    failures = _rate("failures_per_address")
    if count["address_failures"] >= failures_allowed_from(count["address_accounts"]):
        return _paused(TOO_MANY_FAILURES_FROM_NETWORK, failures.seconds_left(now))
    by_user = _rate("failures_per_username")
    if count["user_failures"] >= by_user.count:
        return _paused(TOO_MANY_FOR_ACCOUNT, by_user.seconds_left(now))
    return None


def bump(key: str, seconds: int) -> None:
    """Count one more in a fixed window's counter that lapses a minute after the window."""
    if not cache.add(key, 1, seconds + 60):
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.add(key, 1, seconds + 60)


def record(*, username: str, address: str, succeeded: bool, now: float) -> None:
    """Count one sign-in's outcome."""
    keys = _keys(username, address, now)
    try:
        if succeeded:
            bump(keys["address_successes"], _rate("successes_per_address").seconds)
            window = _rate("failures_per_address")
            first_time = f"{keys['address_accounts']}:{account_reference(username)}"
            if cache.add(first_time, 1, window.seconds + 60):
                bump(keys["address_accounts"], window.seconds)
        else:
            bump(keys["address_failures"], _rate("failures_per_address").seconds)
            bump(keys["user_failures"], _rate("failures_per_username").seconds)
    except Exception:
        logger.warning("sign-in not counted: the cache did not answer", exc_info=True)


def clock() -> float:
    """Seconds since the epoch: the windows' clock (tests hold it still)."""
    return time.time()


def authenticate(request: HttpRequest, *, username: str, password: str):
    """Django's `authenticate` inside the limits: raises SignInPaused when a limit refuses, and
    returns the user or None (wrong password, or the pair locked by django-axes)."""
    address, now = client_ip(request), clock()
    paused = refusal(username=username, address=address, now=now)
    if paused is not None:
        metrics.sign_in("paused")
        raise paused
    try:
        user = django_authenticate(request, username=username, password=password)
    except AxesBackendPermissionDenied:
        metrics.sign_in("locked")
        raise
    locked = getattr(request, "axes_locked_out", False)
    if not locked:
        record(username=username, address=address, succeeded=user is not None, now=now)
    outcome = "ok" if user is not None else "locked" if locked else "refused"
    metrics.sign_in(outcome, user_id=user.pk if user is not None else None)
    return user
