"""Contests over the database: sign-up, standings, judges' decisions and flags, finalising and
publishing rankings, unit rankings and awards. The ordering itself is `quizzes.ranking`'s.

Standings read the indexed columns written at submit (score, percent, duration, submit time,
prediction); nothing is re-scored here.
"""

import hashlib
import json
import secrets
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Max, Q, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from lms import metrics
from lms.accounts.models import (
    ERASED_NAME,
    Area,
    Role,
    School,
    SchoolEnrolment,
    Sex,
    User,
    school_year_of,
)
from lms.accounts.personal_data import record_consent
from lms.errors import Conflict, DomainError, NotFound
from lms.input import whole_number
from quizzes.contests import ranking
from quizzes.contests.pages import (
    ContestAudience,
    ContestPage,
    ContestRound,
    CountedAttempt,
    OverallMethod,
    PredictionCounts,
)
from quizzes.contests.ranking import Entry, Ranked, TieBreak
from quizzes.contests.records import (
    ContestEntry,
    JudgeDecision,
    RankingRow,
    RankingSnapshot,
    SnapshotPublication,
)
from quizzes.models import Attempt

MAX_PREDICTION = 1_000_000
FLAGS_SHOWN = 100  # of each kind
FLAGGED_ATTEMPTS_SHOWN = 50  # per shared device or address
MANY_ATTEMPTS = 5  # in a round that allows several: a participant trying papers to learn the key
NO_PREDICTION = MAX_PREDICTION + 1  # a missing prediction's distance in the overall ranking
LIVE_SECONDS = 30  # the judges' live figures and provisional standings are this fresh
MIN_UNIT_PARTICIPANTS = 5  # a unit's average score is ranked only from this many participants
HISTOGRAM_BINS = 10


# Errors --------------------------------------------------------------------------------------


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


class BadPrediction(DomainError):
    code = "bad_prediction"
    message = _("The prediction must be a whole number from 0 to 1,000,000.")


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


# Sign-up -------------------------------------------------------------------------------------


def origin_hash(value: str) -> str:
    """A keyed hash of an address or device id: equal values still match for the judges' flags,
    but the raw address of a minor is never stored."""
    if not value:
        return ""
    return salted_hmac("contest-origin", value, algorithm="sha256").hexdigest()[:16]


def _check_unit(contest: ContestPage, school: School | None, ward: Area | None) -> None:
    if contest.audience == ContestAudience.PUBLIC and school is None and ward is None:
        raise DomainError(
            _("Choose your school or your ward."),
            fields={"school": [gettext("Choose your school or your ward.")]},
        )


@transaction.atomic
def sign_up(
    *,
    contest: ContestPage,
    user: User,
    now: datetime,
    school: School | None = None,
    ward: Area | None = None,
) -> ContestEntry:
    """A signed-in person joins. Students of a school-only contest bring their own school."""
    if not contest.may_join(user):
        raise NotInContestAudience()
    if contest.is_judge(user) and not user.has_role(Role.ADMIN):
        raise JudgeCannotTakePart()
    if ContestEntry.objects.filter(contest=contest, user=user).exists():
        raise AlreadySignedUp()
    if contest.audience != ContestAudience.PUBLIC:
        # A contest of chosen schools or classes ranks its students by their own school.
        school, ward = user.school, None
    school = school or user.school
    _check_unit(contest, school, ward)
    try:
        with transaction.atomic():
            return ContestEntry.objects.create(
                contest=contest, user=user, school=school, ward=ward, signed_up_at=now
            )
    except IntegrityError:  # two taps at once: the first one counts
        raise AlreadySignedUp() from None


def new_participant_username() -> str:
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    while True:
        name = "thisinh-" + "".join(secrets.choice(alphabet) for _ in range(6))
        if not User.objects.filter(username=name).exists():
            return name


@transaction.atomic
def sign_up_visitor(
    *,
    contest: ContestPage,
    display_name: str,
    birth_year: int,
    sex: str,
    password: str,
    now: datetime,
    school: School | None = None,
    ward: Area | None = None,
    consent_by_guardian: bool = False,
) -> ContestEntry:
    """A visitor's light sign-up to a public contest: a new account holding only what the
    contest needs (a display name, birth year, sex, school or ward), and the consent given."""
    from django.contrib.auth.models import Group

    if contest.audience != ContestAudience.PUBLIC:
        raise NotInContestAudience()
    _check_unit(contest, school, ward)
    user = User(
        username=new_participant_username(),
        display_name=display_name.strip(),
        birth_year=birth_year,
        sex=sex if sex in Sex.values else Sex.NOT_STATED,
        school=school,
        public_sign_up=True,
    )
    record_consent(user, by_guardian=consent_by_guardian, now=now)
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get_or_create(name=Role.STUDENT)[0])
    return ContestEntry.objects.create(
        contest=contest, user=user, school=school, ward=ward, signed_up_at=now
    )


def clean_prediction(value: object) -> int | None:
    """The prediction as sent by a form or JSON: empty, or a whole number from 0 to
    MAX_PREDICTION (a bound that keeps sums of distances over many rounds in an integer)."""
    if value is None or value == "":
        return None
    number = value if type(value) is int else whole_number(value)  # never a bool or a float
    if number is None or not 0 <= number <= MAX_PREDICTION:
        raise BadPrediction(fields={"prediction": [str(BadPrediction.message)]})
    return number


def round_of(quiz) -> ContestRound | None:
    """The contest round a quiz page is, if it is one."""
    specific = quiz.specific if type(quiz) is not ContestRound else quiz
    return specific if isinstance(specific, ContestRound) else None


# Standings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Participant:
    entry_id: int
    user_id: int
    signed_up_at: datetime
    school_id: int | None
    ward_id: int | None


@dataclass(frozen=True)
class Standing:
    round_id: int
    final: bool  # the round has closed: the prediction's actual value is known
    actual: int | None
    ranked: list[Ranked]
    percents: dict[int, Decimal]  # of each counted attempt, by attempt id


def participants(contest: ContestPage) -> dict[int, Participant]:
    """Entries that may be ranked (not disqualified), by user."""
    rows = (
        ContestEntry.objects.filter(contest=contest, disqualified_at__isnull=True)
        .values_list("pk", "user_id", "signed_up_at", "school_id", "ward_id")
        .iterator(chunk_size=10_000)
    )
    return {row[1]: Participant(*row) for row in rows}


def _entries(
    round_: ContestRound, people: dict[int, Participant], chain: tuple[TieBreak, ...]
) -> list[tuple[Entry, Decimal]]:
    attempts = Attempt.objects.filter(quiz_id=round_.pk, submitted_at__isnull=False)
    if round_.counted_attempt == CountedAttempt.BEST and chain[0] == TieBreak.SCORE:
        # Only a participant's top-score attempts can be their best: read those alone (a third
        # of a busy round's attempts), filtered by a window in the database.
        top = Window(Max("score"), partition_by=[F("user_id")])
        attempts = attempts.annotate(top_score=top).filter(score=F("top_score"))
    attempts = attempts.values_list(
        "user_id",
        "pk",
        "score",
        "percent",
        "submitted_at",
        "duration_seconds",
        "prediction",
    ).iterator(chunk_size=20_000)
    found = []
    for user_id, pk, score, percent, submitted_at, duration, prediction in attempts:
        person = people.get(user_id)
        if person is None:
            continue
        entry = Entry(
            participant=person.entry_id,
            attempt=pk,
            score=score,
            submitted_at=submitted_at,
            duration_seconds=duration or 0,
            prediction=prediction,
            signed_up_at=person.signed_up_at,
        )
        found.append((entry, percent))
    return found


def _counted(
    round_: ContestRound, found: list[tuple[Entry, Decimal]], chain, actual: int | None
) -> list[Entry]:
    if round_.counted_attempt == CountedAttempt.BEST:
        return ranking.counted_attempts((e for e, _p in found), chain, actual)
    chosen: dict[int, Entry] = {}
    first = round_.counted_attempt == CountedAttempt.FIRST
    for entry, _percent in found:  # attempt numbers grow with their primary keys
        held = chosen.get(entry.participant)
        if held is None or (entry.attempt < held.attempt) == first:
            chosen[entry.participant] = entry
    return list(chosen.values())


def actual_value(round_: ContestRound, found: list[tuple[Entry, Decimal]], chain) -> int | None:
    """The answer to the round's prediction question, from the counted attempts chosen without
    the prediction (which would otherwise depend on the value being computed)."""
    if not round_.prediction_question:
        return None
    counted = _counted(round_, found, chain, None)
    if round_.prediction_counts == PredictionCounts.PARTICIPANTS:
        return len(counted)
    percent_of = {e.attempt: p for e, p in found}
    return sum(
        1 for e in counted if percent_of[e.attempt] is not None and percent_of[e.attempt] >= 100
    )


def is_closed(round_: ContestRound, now: datetime) -> bool:
    return round_.closes_at is not None and now >= round_.closes_at


def standing(
    round_: ContestRound, *, now: datetime, contest: ContestPage | None = None
) -> Standing:
    """The round's ranking now: provisional while open (no prediction key), final once closed."""
    contest = contest or round_.contest
    chain = contest.chain()
    found = _entries(round_, participants(contest), chain)
    final = is_closed(round_, now)
    actual = actual_value(round_, found, chain) if final else None
    counted = _counted(round_, found, chain, actual)
    percent_of = dict((entry.attempt, percent) for entry, percent in found)
    percents = {entry.attempt: percent_of[entry.attempt] for entry in counted}
    return Standing(round_.pk, final, actual, ranking.rank(counted, chain, actual), percents)


# Judges' decisions and flags -----------------------------------------------------------------


@transaction.atomic
def decide(
    *, entry: ContestEntry, action: str, reason: str, by: User, now: datetime
) -> JudgeDecision:
    """Disqualify or reinstate a participant, with the reason kept. Never automatic."""
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(fields={"reason": [str(ReasonRequired.message)]})
    entry = (
        ContestEntry.objects.select_for_update(of=("self",)).select_related("user").get(pk=entry.pk)
    )
    if action == JudgeDecision.Action.DISQUALIFY:
        if entry.is_disqualified:
            raise BadDecision(_("This participant is already disqualified."))
        entry.disqualified_at, entry.disqualified_reason = now, reason
    elif action == JudgeDecision.Action.REINSTATE:
        if not entry.is_disqualified:
            raise BadDecision(_("This participant is not disqualified."))
        entry.disqualified_at, entry.disqualified_reason = None, ""
    else:
        raise DomainError(fields={"action": [gettext("Choose disqualify or reinstate.")]})
    entry.save(update_fields=["disqualified_at", "disqualified_reason"])
    decision = JudgeDecision.objects.create(
        contest_id=entry.contest_id,
        entry=entry,
        participant_name=entry.user.display_name,
        action=action,
        reason=reason,
        decided_by=by,
        decided_at=now,
    )
    forget_standings(entry.contest)
    return decision


@dataclass(frozen=True)
class Flag:
    kind: str  # "device", "address", "quick" or "attempts"
    number: int  # participants on the device or address; seconds of a quick attempt; attempts
    entry_ids: tuple[int, ...]
    attempt_ids: tuple[int, ...]

    @property
    def detail(self) -> str:
        """Said in the reader's language (figures are computed in the background, in none)."""
        if self.kind == "quick":
            return gettext("Finished in %(s)d seconds") % {"s": self.number}
        if self.kind == "attempts":
            return gettext("%(n)d attempts by one participant") % {"n": self.number}
        what = gettext("device") if self.kind == "device" else gettext("network address")
        return gettext("%(n)d participants on one %(what)s") % {"n": self.number, "what": what}


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
                )
            )
    return found


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


# The judges' live dashboard ------------------------------------------------------------------


@dataclass(frozen=True)
class UnitLine:
    unit_id: int
    name: str
    participants: int
    average: Decimal | None
    enrolment: int | None

    @property
    def rate(self) -> Decimal | None:
        if not self.enrolment:
            return None
        return (Decimal(100) * self.participants / self.enrolment).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Dashboard:
    """A round's live figures, as judges see them; also what the participants' provisional
    ranks are looked up by (`generation` names the cached ranks of this computation)."""

    round_id: int
    final: bool
    participants: int
    signed_up: int
    attempts: int
    open_attempts: int
    histogram: list[tuple[int, int]]  # (lower bound in %, participants)
    schools: list[UnitLine]
    wards: list[UnitLine]
    top: list[tuple[Ranked, str, str]]  # ranked, display name, unit
    flags: list["Flag"]
    at: datetime
    generation: str


RANK_CHUNK = 1000  # provisional ranks are cached in chunks of this many entry ids
LIVE_KEEP = 15 * 60  # seconds the last figures stay readable while newer ones are computed


# Versioned: a deploy that changes what is cached never reads an older shape.
def _live_key(round_id: int) -> str:
    return f"contest:live:v1:{round_id}"


def _state_key(round_id: int) -> str:
    """A small record (computed at, final?, generation, seconds it took) read on every page."""
    return f"contest:live:v1:{round_id}:state"


def _refresh_lock(round_id: int) -> str:
    return f"contest:live:v1:{round_id}:refreshing"


def refresh_live(round_id: int) -> int:
    """The background task's work: new live figures for a round; returns its participants."""
    try:
        round_ = ContestRound.objects.filter(pk=round_id).first()
        return compute_live(round_, now=timezone.now()).participants if round_ else 0
    finally:
        cache.delete(_refresh_lock(round_id))


def _ranks_key(round_id: int, generation: str, chunk: int) -> str:
    return f"contest:live:v1:{round_id}:{generation}:{chunk}"


def compute_live(round_: ContestRound, *, now: datetime) -> Dashboard:
    """Compute and cache a round's live figures and every participant's provisional rank.

    A whole standing takes seconds for a city-wide round (about 20 s for 1,000,000 attempts),
    so requests never compute it: they read what this left in the cache, and ask a background
    task for newer figures when those are older than 30 seconds (`live_figures`).
    """
    started = time.monotonic()
    contest = round_.contest
    live = standing(round_, now=now, contest=contest)
    bins = [0] * HISTOGRAM_BINS
    for row in live.ranked:
        percent = live.percents.get(row.entry.attempt) or Decimal(0)
        bins[min(HISTOGRAM_BINS - 1, int(percent // (100 // HISTOGRAM_BINS)))] += 1
    leaders = live.ranked[:10]
    entries = {
        e.pk: e
        for e in ContestEntry.objects.filter(
            pk__in=[r.entry.participant for r in leaders]
        ).select_related("user", "school", "ward")
    }
    top = [
        (
            r,
            entries[r.entry.participant].user.display_name,
            entries[r.entry.participant].unit_name(),
        )
        for r in leaders
    ]
    units = {
        pk: (school, ward or school_area)  # the ward a participant named, else their school's
        for pk, school, ward, school_area in ContestEntry.objects.filter(contest=contest)
        .values_list("pk", "school_id", "ward_id", "school__area_id")
        .iterator(chunk_size=20_000)
    }
    by_school: dict[int, list[Decimal]] = defaultdict(list)
    by_ward: dict[int, list[Decimal]] = defaultdict(list)
    for row in live.ranked:
        school, ward = units.get(row.entry.participant, (None, None))
        if school:
            by_school[school].append(row.entry.score)
        if ward:
            by_ward[ward].append(row.entry.score)
    enrolment = _school_enrolment(now)
    wards = list(Area.objects.filter(pk__in=list(by_ward)).order_by("pk"))
    ward_enrolment = _area_enrolment(wards, enrolment)
    attempts = Attempt.objects.filter(quiz_id=round_.pk)
    counts = attempts.aggregate(
        done=Count("pk", filter=Q(submitted_at__isnull=False)),
        open=Count("pk", filter=Q(submitted_at__isnull=True)),
    )
    generation = secrets.token_hex(4)
    chunks: dict[int, dict[int, int]] = defaultdict(dict)
    for row in live.ranked:
        chunks[row.entry.participant // RANK_CHUNK][row.entry.participant] = row.rank
    cache.set_many(
        {_ranks_key(round_.pk, generation, n): ranks for n, ranks in chunks.items()}, LIVE_KEEP
    )
    figures = Dashboard(
        round_id=round_.pk,
        final=live.final,
        participants=len(live.ranked),
        signed_up=ContestEntry.objects.filter(contest=contest).count(),
        attempts=counts["done"],
        open_attempts=counts["open"],
        histogram=[(i * 100 // HISTOGRAM_BINS, n) for i, n in enumerate(bins)],
        schools=_unit_lines(by_school, _school_names(by_school), enrolment),
        wards=_unit_lines(by_ward, {a.pk: a.name for a in wards}, ward_enrolment),
        top=top,
        flags=flags(round_, contest),
        at=now,
        generation=generation,
    )
    cache.set(_live_key(round_.pk), figures, LIVE_KEEP)
    took = time.monotonic() - started
    cache.set(_state_key(round_.pk), (now, live.final, generation, took), LIVE_KEEP)
    metrics.live_figures_computed(round_id=round_.pk, seconds=took)
    return figures


def _fresh_state(round_: ContestRound, now: datetime) -> tuple | None:
    """The state of the round's live figures, after asking once for newer ones when they are
    older than 30 s (or from before the close). Where tasks run inline (tests, development)
    the answer is then fresh; with a worker it is the previous state until the worker is done,
    and None only before the very first computation has finished."""
    state = cache.get(_state_key(round_.pk))
    stale = (
        state is None
        or (now - state[0]).total_seconds() > LIVE_SECONDS
        or state[1] != is_closed(round_, now)
    )
    took = state[3] if state else 0
    # One computation at a time; a lost worker holds the lock for a few computations at most.
    if stale and cache.add(_refresh_lock(round_.pk), 1, max(60, int(3 * took))):
        from quizzes.contests.tasks import refresh_live_figures

        refresh_live_figures.enqueue(round_.pk)
        state = cache.get(_state_key(round_.pk))
    return state


def dashboard(round_: ContestRound, *, now: datetime) -> Dashboard | None:
    """The round's latest live figures for its judges (see `_fresh_state` for how fresh)."""
    if _fresh_state(round_, now) is None:
        return None
    return cache.get(_live_key(round_.pk))


def provisional_rank(round_: ContestRound, entry: ContestEntry, *, now: datetime) -> int | None:
    """A participant's place in the round's live standing: two small cache reads."""
    state = _fresh_state(round_, now)
    if state is None:
        return None
    ranks = cache.get(_ranks_key(round_.pk, state[2], entry.pk // RANK_CHUNK)) or {}
    return ranks.get(entry.pk)


def forget_standings(contest: ContestPage) -> None:
    """After a judges' decision: once it is committed, the next read computes the figures again
    (before that, a computation would still see the participant as they were)."""
    rounds = list(contest.get_children().values_list("pk", flat=True))
    keys = [_state_key(pk) for pk in rounds] + [_refresh_lock(pk) for pk in rounds]
    transaction.on_commit(lambda: cache.delete_many(keys))


def _school_names(ids: Iterable[int]) -> dict[int, str]:
    return dict(School.objects.filter(pk__in=list(ids)).values_list("pk", "name"))


def _school_enrolment(at: datetime) -> dict[int, int]:
    year = school_year_of(timezone.localdate(at))
    rows = (
        SchoolEnrolment.objects.filter(school_year=year)
        .values("school")
        .annotate(pupils=Sum("pupils"))
        .values_list("school", "pupils")
    )
    return dict(rows)


def _area_enrolment(areas: list[Area], enrolment: dict[int, int]) -> dict[int, int | None]:
    """Each area's pupils: its schools' and those of the areas under it (one query)."""
    school_paths = list(School.objects.values_list("pk", "area__path"))
    found = {}
    for area in areas:
        total = sum(
            enrolment.get(pk, 0) for pk, path in school_paths if path and path.startswith(area.path)
        )
        found[area.pk] = total or None
    return found


def _unit_lines(
    scores: dict[int, list[Decimal]], names: dict[int, str], enrolment: dict[int, int]
) -> list[UnitLine]:
    lines = [
        UnitLine(
            unit_id=unit,
            name=names.get(unit, "?"),
            participants=len(values),
            average=(sum(values) / len(values)).quantize(Decimal("0.01")) if values else None,
            enrolment=enrolment.get(unit),
        )
        for unit, values in scores.items()
    ]
    return sorted(lines, key=lambda line: (-line.participants, line.name))


# Finalising and publishing -------------------------------------------------------------------


def _row_record(row: RankingRow) -> list:
    return [
        row.position,
        row.rank,
        row.entry_id,
        row.attempt_id,
        str(Decimal(row.score).quantize(Decimal("0.01"))),
        row.prediction,
        row.prediction_distance,
        row.duration_seconds,
        row.submitted_at.astimezone(UTC).isoformat() if row.submitted_at else None,
        row.public_name,
        row.unit_name,
    ]


def checksum(*, chain: list[str], actual: int | None, rows: Iterable[RankingRow]) -> str:
    """SHA-256 of the ranking's content in a canonical form: anyone with the rows can check it."""
    digest = hashlib.sha256()
    digest.update(json.dumps({"chain": chain, "actual": actual}, sort_keys=True).encode())
    for row in rows:
        digest.update(b"\n")
        digest.update(json.dumps(_row_record(row), ensure_ascii=False).encode())
    return digest.hexdigest()


def verify(snapshot: RankingSnapshot, *, fresh: bool = False) -> bool:
    """Whether the rows still give the checksum taken at finalising. Re-reading 200,000 rows
    takes seconds, so pages reuse a check made within the hour (`fresh` forces one)."""
    key = f"contest:verified:{snapshot.pk}"
    held = None if fresh else cache.get(key)
    if held is None:
        rows = snapshot.rows.order_by("position").iterator(chunk_size=10_000)
        digest = checksum(chain=snapshot.chain, actual=snapshot.actual_value, rows=rows)
        held = digest == snapshot.checksum
        cache.set(key, held, 3600)
    return held


def _rows_from(ranked: list[Ranked], contest: ContestPage) -> list[RankingRow]:
    # The contest's entries in one streamed query: lists of 200,000 ids cost more to send.
    found = (
        ContestEntry.objects.filter(contest=contest)
        .values_list(
            "pk",
            "user__display_name",
            "school_id",
            "school__name",
            "school__area_id",
            "ward_id",
            "ward__name",
            "user__sex",
        )
        .iterator(chunk_size=20_000)
    )
    people = {}
    for pk, name, school, school_name, school_area, ward, ward_name, sex in found:
        # The ward a participant named, else their school's: units are ranked by both.
        people[pk] = (name, school_name or ward_name or "", school, ward or school_area, sex)
    rows = []
    for position, row in enumerate(ranked, start=1):
        e = row.entry
        name, unit, school, area, sex = people[e.participant]
        rows.append(
            RankingRow(
                position=position,
                rank=row.rank,
                entry_id=e.participant,
                attempt_id=e.attempt,
                score=Decimal(e.score).quantize(Decimal("0.01")),
                prediction=e.prediction,
                prediction_distance=row.prediction_distance,
                duration_seconds=e.duration_seconds,
                submitted_at=e.submitted_at,
                public_name=ranking.abbreviated_name(name)[:80],
                unit_name=unit[:200],
                school_id=school,
                area_id=area,
                sex=sex or "",
            )
        )
    return rows


def _store(
    *,
    contest: ContestPage,
    round_: ContestRound | None,
    chain: list[str],
    actual: int | None,
    rows: list[RankingRow],
    by: User,
    now: datetime,
    reason: str,
) -> RankingSnapshot:
    previous = latest_snapshot(contest, round_)
    digest = checksum(chain=chain, actual=actual, rows=rows)
    if previous is not None and previous.checksum == digest:
        raise NothingChanged()
    if previous is not None and not reason.strip():
        raise ReasonRequired(
            _("Say why this new version is needed (a regrade, a disqualification…)."),
            fields={"reason": [gettext("Say why this new version is needed.")]},
        )
    snapshot = RankingSnapshot.objects.create(
        contest=contest,
        round=round_,
        version=(previous.version + 1) if previous else 1,
        chain=chain,
        actual_value=actual,
        participants=len(rows),
        checksum=digest,
        reason=reason.strip(),
        created_by=by,
        created_at=now,
    )
    for row in rows:
        row.snapshot = snapshot
    _insert_rows(rows)
    return snapshot


def _insert_rows(rows: list[RankingRow]) -> None:
    """New rows in bulk; on PostgreSQL by COPY, several times quicker than INSERTs for a city's
    200,000 participants (the rows' primary keys are then not read back)."""
    if connection.vendor != "postgresql":
        RankingRow.objects.bulk_create(rows, batch_size=5000)
        return
    fields = [f for f in RankingRow._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {RankingRow._meta.db_table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([getattr(row, f.attname) for f in fields])


def latest_snapshot(contest: ContestPage, round_: ContestRound | None) -> RankingSnapshot | None:
    found = RankingSnapshot.objects.filter(contest=contest)
    found = found.filter(round=round_) if round_ is not None else found.filter(round__isnull=True)
    return found.order_by("-version").first()


def published_snapshot(contest: ContestPage, round_: ContestRound | None):
    found = RankingSnapshot.objects.filter(contest=contest, publication__isnull=False)
    found = found.filter(round=round_) if round_ is not None else found.filter(round__isnull=True)
    return found.order_by("-version").first()


def _lock(page: Page) -> None:
    """Serialise finalising one contest: two judges clicking at once make one version."""
    Page.objects.select_for_update().filter(pk=page.pk).first()


@transaction.atomic
def finalise_round(
    *, round_: ContestRound, by: User, now: datetime, reason: str = ""
) -> RankingSnapshot:
    """Freeze the round's final ranking into a new snapshot version (rows, checksum, who, when)."""
    from quizzes.services import GRACE, close_if_overdue

    if round_.closes_at is None or now < round_.closes_at + GRACE:
        raise RoundStillOpen()
    contest = round_.contest
    _lock(contest)
    for attempt in Attempt.objects.select_for_update().filter(
        quiz_id=round_.pk, submitted_at__isnull=True
    ):
        close_if_overdue(attempt=attempt, now=now)
    result = standing(round_, now=now, contest=contest)
    snapshot = _store(
        contest=contest,
        round_=round_,
        chain=[str(rule) for rule in contest.chain()],
        actual=result.actual,
        rows=_rows_from(result.ranked, contest),
        by=by,
        now=now,
        reason=reason,
    )
    forget_standings(contest)
    return snapshot


@transaction.atomic
def finalise_overall(
    *, contest: ContestPage, by: User, now: datetime, reason: str = ""
) -> RankingSnapshot:
    """The contest's overall ranking from the latest finalised version of each round: the sum or
    the best of the rounds, ordered by the same chain (prediction distances and times added up)."""
    _lock(contest)
    chain = contest.chain()
    # Participants still entered and not disqualified (a deleted account leaves no entry).
    signed = dict(
        ContestEntry.objects.filter(contest=contest, disqualified_at__isnull=True).values_list(
            "pk", "signed_up_at"
        )
    )
    parts: list[Entry] = []  # one per participant and round, the distance as the "prediction"
    rounds_used = 0
    for round_ in contest.rounds():
        snapshot = latest_snapshot(contest, round_)
        if snapshot is None:
            continue
        rounds_used += 1
        asked = snapshot.actual_value is not None
        for row in snapshot.rows.all().iterator(chunk_size=10_000):
            if row.entry_id not in signed:
                continue
            distance = row.prediction_distance
            if asked and distance is None:
                distance = NO_PREDICTION  # no prediction: after every real one, as in the round
            parts.append(
                Entry(
                    participant=row.entry_id,
                    attempt=row.attempt_id or 0,
                    score=row.score,
                    submitted_at=row.submitted_at,
                    duration_seconds=row.duration_seconds or 0,
                    prediction=distance,
                    signed_up_at=signed[row.entry_id],
                )
            )
    if not rounds_used:
        raise Conflict(_("Finalise at least one round before the overall ranking."))
    if contest.overall_method == OverallMethod.BEST:
        # Each participant's best round by the contest's own chain (distances against 0).
        entries = parts
    else:
        entries = _summed(parts)
    ranked = ranking.rank(entries, chain, actual=0)
    rows = _rows_from(ranked, contest)
    for row in rows:  # the overall row keeps the summed distance, not a prediction
        row.prediction = None
    return _store(
        contest=contest,
        round_=None,
        chain=[str(rule) for rule in chain],
        actual=None,
        rows=rows,
        by=by,
        now=now,
        reason=reason,
    )


def _summed(parts: list[Entry]) -> list[Entry]:
    """Per participant: scores, prediction distances and times added up over the rounds; the
    last submit time; the first round's attempt (only a tie-break of last resort)."""
    totals: dict[int, Entry] = {}
    for part in parts:
        held = totals.get(part.participant)
        if held is None:
            totals[part.participant] = part
            continue
        distance = None
        if held.prediction is not None or part.prediction is not None:
            distance = (held.prediction or 0) + (part.prediction or 0)
        totals[part.participant] = Entry(
            participant=held.participant,
            attempt=held.attempt,
            score=held.score + part.score,
            submitted_at=max(held.submitted_at, part.submitted_at),
            duration_seconds=held.duration_seconds + part.duration_seconds,
            prediction=distance,
            signed_up_at=held.signed_up_at,
        )
    return list(totals.values())


@transaction.atomic
def publish(*, snapshot: RankingSnapshot, by: User, now: datetime) -> SnapshotPublication:
    latest = latest_snapshot(snapshot.contest, snapshot.round)
    if latest is not None and latest.pk != snapshot.pk:
        raise NotLatestVersion()
    if SnapshotPublication.objects.filter(snapshot=snapshot).exists():
        raise AlreadyPublished()
    try:
        with transaction.atomic():
            return SnapshotPublication.objects.create(
                snapshot=snapshot, published_by=by, published_at=now
            )
    except IntegrityError:
        raise AlreadyPublished() from None


@dataclass(frozen=True)
class Change:
    entry_id: int
    public_name: str
    old_rank: int | None
    new_rank: int | None
    old_score: Decimal | None
    new_score: Decimal | None


@dataclass(frozen=True)
class Corrections:
    regrades: int  # scores of the round's attempts changed by a regrade since the snapshot
    decisions: int  # disqualifications and reinstatements since the snapshot

    def __bool__(self) -> bool:
        return bool(self.regrades or self.decisions)


def corrections_since(snapshot: RankingSnapshot) -> Corrections:
    """What has changed since a version was finalised, that a new version would take in."""
    from quizzes.models import RegradeRecord

    regrades = 0
    if snapshot.round_id is not None:
        regrades = RegradeRecord.objects.filter(
            attempt__quiz_id=snapshot.round_id, regraded_at__gt=snapshot.created_at
        ).count()
    decisions = JudgeDecision.objects.filter(
        contest_id=snapshot.contest_id, decided_at__gt=snapshot.created_at
    ).count()
    return Corrections(regrades, decisions)


DIFFERENCES_SHOWN = 500


def differences(snapshot: RankingSnapshot) -> tuple[RankingSnapshot | None, list[Change]]:
    """What moved since the previous version: new, gone, re-ranked or re-scored participants,
    best new places first, at most DIFFERENCES_SHOWN (a disqualified leader moves everyone).
    Both versions never change, so the answer is kept."""
    key = f"contest:differences:{snapshot.pk}"
    held = cache.get(key)
    if held is None:
        held = _differences(snapshot)
        cache.set(key, held, 24 * 3600)
    previous, changes = held
    erased = set(
        ContestEntry.objects.filter(
            pk__in=[change.entry_id for change in changes], user__erased_at__isnull=False
        ).values_list("pk", flat=True)
    )  # a participant erased since the answer was kept reads as erased here too
    if erased:
        changes = [
            replace(change, public_name=ERASED_NAME) if change.entry_id in erased else change
            for change in changes
        ]
    return previous, changes


def _differences(snapshot: RankingSnapshot) -> tuple[RankingSnapshot | None, list[Change]]:
    found = RankingSnapshot.objects.filter(
        contest_id=snapshot.contest_id, round_id=snapshot.round_id, version__lt=snapshot.version
    )
    previous = found.order_by("-version").first()
    if previous is None:
        return None, []
    fields = ("entry_id", "public_name", "rank", "score")
    old = {row[0]: row for row in previous.rows.values_list(*fields).iterator(chunk_size=10_000)}
    new = {row[0]: row for row in snapshot.rows.values_list(*fields).iterator(chunk_size=10_000)}
    changes = []
    for entry_id in sorted(old.keys() | new.keys()):
        before, after = old.get(entry_id), new.get(entry_id)
        if before and after and before[2:] == after[2:]:
            continue
        changes.append(
            Change(
                entry_id,
                (after or before)[1],
                before[2] if before else None,
                after[2] if after else None,
                before[3] if before else None,
                after[3] if after else None,
            )
        )
    changes.sort(key=lambda c: (c.new_rank or 10**9, c.old_rank or 10**9))
    return previous, changes[:DIFFERENCES_SHOWN]


# Reading rankings ----------------------------------------------------------------------------


def top_rows(snapshot: RankingSnapshot, *, limit: int = 100, offset: int = 0) -> list[RankingRow]:
    return list(snapshot.rows.order_by("position")[offset : offset + limit])


def own_row(snapshot: RankingSnapshot, entry: ContestEntry | None) -> RankingRow | None:
    if entry is None:
        return None
    return snapshot.rows.filter(entry_id=entry.pk).first()


def entry_of(contest: ContestPage, user) -> ContestEntry | None:
    if not user.is_authenticated:
        return None
    return ContestEntry.objects.filter(contest=contest, user=user).first()


# Units ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRankings:
    schools: list[UnitLine]
    areas: list[UnitLine]
    by_rate: list[UnitLine]
    by_score: list[UnitLine]


def unit_rankings(snapshot: RankingSnapshot, *, places: int = 3) -> UnitRankings:
    """Schools and wards: participants, participation rate against enrolment, average score;
    awards by rate and by average score (from MIN_UNIT_PARTICIPANTS participants). Kept for an
    hour per version: a snapshot never changes once written."""
    key = f"contest:units:{snapshot.pk}:{places}"
    held = cache.get(key)
    if held is None:
        held = _unit_rankings(snapshot, places=places)
        cache.set(key, held, 3600)
    return held


def _unit_rankings(snapshot: RankingSnapshot, *, places: int) -> UnitRankings:
    rows = snapshot.rows.values("school_id", "area_id").annotate(
        people=Count("pk"), total=Sum("score")
    )
    school_people: dict[int, tuple[int, Decimal]] = defaultdict(lambda: (0, Decimal(0)))
    area_people: dict[int, tuple[int, Decimal]] = defaultdict(lambda: (0, Decimal(0)))
    for row in rows:
        if row["school_id"]:
            n, t = school_people[row["school_id"]]
            school_people[row["school_id"]] = (n + row["people"], t + row["total"])
        if row["area_id"]:
            n, t = area_people[row["area_id"]]
            area_people[row["area_id"]] = (n + row["people"], t + row["total"])
    enrolment = _school_enrolment(snapshot.created_at)
    school_lines = [
        UnitLine(pk, name, school_people[pk][0], _average(*school_people[pk]), enrolment.get(pk))
        for pk, name in School.objects.filter(pk__in=list(school_people)).values_list("pk", "name")
    ]
    areas = list(Area.objects.filter(pk__in=list(area_people)))
    area_enrolment = _area_enrolment(areas, enrolment)
    area_lines = [
        UnitLine(
            a.pk, a.name, area_people[a.pk][0], _average(*area_people[a.pk]), area_enrolment[a.pk]
        )
        for a in areas
    ]
    units = school_lines + area_lines
    by_rate = sorted(
        (u for u in school_lines if u.rate is not None),
        key=lambda u: (-u.rate, -u.participants, u.name),
    )[:places]
    by_score = sorted(
        (u for u in units if u.participants >= MIN_UNIT_PARTICIPANTS and u in school_lines),
        key=lambda u: (-u.average, -u.participants, u.name),
    )[:places]
    order = lambda u: (-(u.rate or -1), -u.participants, u.name)  # noqa: E731
    return UnitRankings(
        sorted(school_lines, key=order), sorted(area_lines, key=order), by_rate, by_score
    )


def _average(people: int, total: Decimal) -> Decimal | None:
    return (total / people).quantize(Decimal("0.01")) if people else None


# Awards --------------------------------------------------------------------------------------


def award_certificates(*, snapshot: RankingSnapshot, now: datetime) -> list:
    """Certificates for the award places of a published ranking; awarding twice adds nothing."""
    from quizzes.certificates import issue
    from quizzes.models import Certificate

    if not SnapshotPublication.objects.filter(snapshot=snapshot).exists():
        raise NotPublished()
    contest = snapshot.contest
    winners = snapshot.rows.filter(rank__lte=contest.award_places).order_by("position")
    users = {
        entry.pk: entry.user
        for entry in ContestEntry.objects.filter(
            pk__in=[r.entry_id for r in winners]
        ).select_related("user")
    }
    issued = []
    for row in winners:
        user = users.get(row.entry_id)
        if user is None or user.is_erased:  # deleted or erased since: nobody to award
            continue
        title = award_title(snapshot, row.rank)
        existing = Certificate.objects.filter(user=user, title=title).first()
        issued.append(existing or issue(user=user, title=title, at=now))
    return issued


def award_title(snapshot: RankingSnapshot, rank: int) -> str:
    """A certificate's title, always in the site's first language: the certificate is printed in
    it, and awarding again from a page in English must find the same certificate."""
    with translation.override(settings.LANGUAGE_CODE):
        what = snapshot.round.title if snapshot.round_id else gettext("Overall")
        return gettext("Place %(rank)d — %(what)s — %(contest)s") % {
            "rank": rank,
            "what": what,
            "contest": snapshot.contest.title,
        }


# Page contexts -------------------------------------------------------------------------------


def contest_page_context(contest: ContestPage, user) -> dict:
    now = timezone.now()
    entry = entry_of(contest, user)
    rounds = []
    for round_ in contest.rounds():
        published = published_snapshot(contest, round_)
        mine = own_row(published, entry) if published else None
        provisional = None
        if entry is not None and not entry.is_disqualified and published is None:
            provisional = provisional_rank(round_, entry, now=now)
        rounds.append(
            {
                "round": round_,
                "status": "not_open"
                if round_.opens_at and now < round_.opens_at
                else ("closed" if is_closed(round_, now) else "open"),
                "published": published,
                "mine": mine,
                "provisional": provisional,
            }
        )
    overall = published_snapshot(contest, None)
    return {
        "entry": entry,
        "rounds": rounds,
        "may_join": contest.may_join(user),
        "is_judge": contest.is_judge(user),
        "overall": overall,
        "overall_mine": own_row(overall, entry) if overall else None,
    }


def round_page_context(round_: ContestRound, user) -> dict:
    contest = round_.contest
    return {"contest": contest, "entry": entry_of(contest, user)}


def published_contest(contest_id: int) -> ContestPage:
    """A contest the public may reach (live, without a view restriction), else ContestNotFound."""
    contest = ContestPage.objects.live().public().filter(pk=contest_id).first()
    if contest is None:
        raise ContestNotFound()
    return contest


def judged_by(user) -> list[ContestPage]:
    if not user.is_authenticated:
        return []
    contests = ContestPage.objects.live().order_by("-first_published_at")
    if user.has_role(Role.ADMIN):
        return list(contests)
    if not user.has_role(Role.JUDGE):
        return []
    return list(contests.filter(judges=user))


def judged_contest(user, contest_id: int) -> ContestPage:
    """A contest this user judges, else 404: others never learn that the judge space exists."""
    contest = ContestPage.objects.live().filter(pk=contest_id).first()
    if contest is None or not contest.is_judge(user):
        raise ContestNotFound()
    return contest


def judged_round(user, round_id: int) -> ContestRound:
    round_ = ContestRound.objects.live().filter(pk=round_id).first()
    if round_ is None or not round_.contest.is_judge(user):
        raise RoundNotFound()
    return round_


def judged_snapshot(user, snapshot_id: int) -> RankingSnapshot:
    snapshot = (
        RankingSnapshot.objects.select_related("contest", "round").filter(pk=snapshot_id).first()
    )
    if snapshot is None or not snapshot.contest.is_judge(user):
        raise NotFound()
    return snapshot


def judged_entry(user, entry_id: int) -> ContestEntry:
    entry = ContestEntry.objects.select_related("contest", "user").filter(pk=entry_id).first()
    if entry is None or not entry.contest.is_judge(user):
        raise NotFound()
    return entry


def judged_attempt(user, attempt_id: int) -> tuple[Attempt, ContestRound, ContestEntry | None]:
    attempt = Attempt.objects.select_related("user").filter(pk=attempt_id).first()
    if attempt is None:
        raise NotFound()
    round_ = ContestRound.objects.filter(pk=attempt.quiz_id).first()
    if round_ is None or not round_.contest.is_judge(user):
        raise NotFound()
    contest = round_.contest
    return attempt, round_, ContestEntry.objects.filter(contest=contest, user=attempt.user).first()
