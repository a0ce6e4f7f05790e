"""Patterns in a round's attempts for the judges to look at (shared devices or addresses, quick
finishes, many attempts): never a decision, and always a list a person can read."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.utils.translation import ngettext

from quizzes.contests.pages import ContestPage, ContestRound
from quizzes.contests.records import ContestEntry
from quizzes.models import Attempt

FLAGS_SHOWN = 100  # of each kind
FLAGGED_ATTEMPTS_SHOWN = 50  # per shared device or address
MANY_ATTEMPTS = 5  # in a round that allows several: a participant trying papers to learn the key


@dataclass(frozen=True)
class Flag:
    kind: str  # "device", "address", "quick" or "attempts"
    number: int  # participants on the device or address; seconds of a quick attempt; attempts
    entry_ids: tuple[int, ...]
    attempt_ids: tuple[int, ...]
    value: str = ""  # what the flag is about: the keyed hash, the attempt id or the user id

    @property
    def key(self) -> str:
        """Names the flag within its round, for the judges' decisions on it."""
        return f"{self.kind}:{self.value}"

    @property
    def detail(self) -> str:
        """Said in the reader's language (figures are computed in the background, in none)."""
        n = self.number
        if self.kind == "quick":
            return ngettext("Finished in %(count)d second", "Finished in %(count)d seconds", n) % {
                "count": n
            }
        if self.kind == "attempts":
            return ngettext(
                "%(count)d attempt by one participant", "%(count)d attempts by one participant", n
            ) % {"count": n}
        if self.kind == "device":
            return ngettext(
                "%(count)d participant on one device", "%(count)d participants on one device", n
            ) % {"count": n}
        return ngettext(
            "%(count)d participant on one network address",
            "%(count)d participants on one network address",
            n,
        ) % {"count": n}


def flags(round_: ContestRound, contest: ContestPage | None = None) -> list[Flag]:
    """Patterns for a judge to look at; a flag is never a decision. Bounded, so that a school's
    one shared address or a rush of quick attempts stays a list a person can read: the biggest
    groups and the quickest attempts first, each group naming its first attempts."""
    contest = contest or round_.contest
    entry_of = dict(ContestEntry.objects.filter(contest=contest).values_list("user_id", "pk"))
    attempts = Attempt.objects.filter(quiz_id=round_.pk)
    found: list[Flag] = []
    for field, kind in (("origin_device", "device"), ("origin_address", "address")):
        shared = list(
            attempts.exclude(**{field: ""})
            .values(field)
            .annotate(people=Count("user", distinct=True))
            .filter(people__gte=contest.shared_origin_accounts)
            .order_by("-people", field)[:FLAGS_SHOWN]
        )
        first = _first_attempts(attempts, field, [group[field] for group in shared])
        for group in shared:
            rows = first.get(group[field], [])
            users = sorted({u for u, _pk in rows})
            found.append(
                Flag(
                    kind,
                    group["people"],
                    tuple(entry_of[u] for u in users if u in entry_of),
                    tuple(pk for _u, pk in rows),
                    group[field],
                )
            )
    quick = attempts.filter(
        submitted_at__isnull=False,
        closed_by_deadline=False,
        duration_seconds__lt=contest.suspicious_seconds,
        score__gt=0,
    ).order_by("duration_seconds", "pk")
    for user_id, pk, seconds in quick.values_list("user_id", "pk", "duration_seconds")[
        :FLAGS_SHOWN
    ]:
        found.append(
            Flag(
                "quick",
                seconds,
                (entry_of[user_id],) if user_id in entry_of else (),
                (pk,),
                str(pk),
            )
        )
    if round_.attempts_allowed != 1:
        many = (
            attempts.values("user_id")
            .annotate(count=Count("pk"))
            .filter(count__gte=MANY_ATTEMPTS)
            .order_by("-count", "user_id")[:FLAGS_SHOWN]
        )
        many = list(many)
        first = _first_attempts(attempts, "user_id", [row["user_id"] for row in many])
        for row in many:
            found.append(
                Flag(
                    "attempts",
                    row["count"],
                    (entry_of[row["user_id"]],) if row["user_id"] in entry_of else (),
                    tuple(pk for _u, pk in first.get(row["user_id"], [])),
                    str(row["user_id"]),
                )
            )
    return found


FLAG_FIELDS = {
    "device": "origin_device",
    "address": "origin_address",
    "quick": "pk",
    "attempts": "user_id",
}


def flag_attempts(round_: ContestRound, key: str):
    """The round's attempts a flag key (`Flag.key`) is about; None: not a key a flag can have."""
    kind, _sep, value = key.partition(":")
    field = FLAG_FIELDS.get(kind)
    if field is None or not value or (field in ("pk", "user_id") and not value.isdigit()):
        return None
    return Attempt.objects.filter(quiz_id=round_.pk, **{field: value})


def _first_attempts(attempts, field: str, values: list) -> dict[object, list[tuple[int, int]]]:
    """For each value of `field` (a device, an address, a participant), the (user, attempt) of
    its first FLAGGED_ATTEMPTS_SHOWN attempts: one query for every group, not one a group."""
    if not values:
        return {}
    numbered = (
        attempts.filter(**{f"{field}__in": values})
        .annotate(n=Window(RowNumber(), partition_by=F(field), order_by=F("pk").asc()))
        .filter(n__lte=FLAGGED_ATTEMPTS_SHOWN)
        .order_by(field, "pk")
    )
    found: dict[object, list[tuple[int, int]]] = defaultdict(list)
    columns = list(dict.fromkeys([field, "user_id", "pk"]))  # the field may be user_id itself
    for row in numbered.values(*columns):
        found[row[field]].append((row["user_id"], row["pk"]))
    return found
