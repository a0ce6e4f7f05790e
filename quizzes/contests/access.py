"""Who reaches what: the public's published contests, the judges' own contests, rounds,
snapshots, entries and attempts (anyone else gets 404, so ids reveal nothing), and what a contest's
page shows its reader."""

from django.db.models import Count, Q
from django.utils import timezone

from lms.accounts.models import Role
from lms.core.errors import NotFound
from quizzes.contests.errors import ContestNotFound, RoundNotFound
from quizzes.contests.live import provisional_place, provisional_rank
from quizzes.contests.pages import ContestPage, ContestRound
from quizzes.contests.records import ContestEntry, RankingSnapshot
from quizzes.contests.snapshots import own_row, published_snapshot
from quizzes.contests.standings import is_closed
from quizzes.models import Attempt


def _round_status(round_: ContestRound, now) -> str:
    if round_.opens_at and now < round_.opens_at:
        return "not_open"
    return "closed" if is_closed(round_, now) else "open"


def _may_enter(round_: ContestRound, status: str, taken: int, under_way: int) -> bool:
    """Whether a participant may start (or go back to) the round now: open, and an attempt
    under way or attempts left."""
    if status != "open":
        return False
    return bool(under_way) or not round_.attempts_allowed or taken < round_.attempts_allowed


def _attempts_by_round(user, rounds: list[ContestRound]) -> dict[int, tuple[int, int]]:
    """(attempts, attempts under way) of this person in each round: one query."""
    found = (
        Attempt.objects.filter(user=user, quiz_id__in=[round_.pk for round_ in rounds])
        .values("quiz_id")
        .annotate(n=Count("pk"), open=Count("pk", filter=Q(submitted_at__isnull=True)))
    )
    return {row["quiz_id"]: (row["n"], row["open"]) for row in found}


def contest_page_context(contest: ContestPage, user) -> dict:
    now = timezone.now()
    entry = contest.entry_of(user)
    rounds = []
    live_rounds = list(contest.rounds())
    taking_part = entry is not None and not entry.is_disqualified
    taken = _attempts_by_round(user, live_rounds) if taking_part else {}
    for round_ in live_rounds:
        status = _round_status(round_, now)
        published = published_snapshot(contest, round_)
        mine = own_row(published, entry) if published else None
        provisional = None
        if entry is not None and not entry.is_disqualified and published is None:
            provisional = provisional_rank(round_, entry, now=now)
        rounds.append(
            {
                "round": round_,
                "status": status,
                "published": published,
                "mine": mine,
                "provisional": provisional,
                "may_enter": taking_part
                and _may_enter(round_, status, *taken.get(round_.pk, (0, 0))),
            }
        )
    overall = published_snapshot(contest, None)
    return {
        "entry": entry,
        "rounds": rounds,
        "enter_round": next((item["round"] for item in rounds if item["may_enter"]), None),
        "may_join": contest.may_join(user),
        "is_judge": contest.is_judge(user),
        "overall": overall,
        "overall_mine": own_row(overall, entry) if overall else None,
    }


def round_result_context(
    round_: ContestRound, attempt: Attempt, user, now, attempts: list[Attempt]
) -> dict:
    """What a round's result page adds to the engine's: the participant's code, their place so
    far while the round is open (unless scores wait for the close: a place would give the score
    away), their published rank once there is one, another try while attempts remain, and the
    close to count down to. `attempts`: all of theirs in the round, which the page lists; with
    them, a few small cache reads (the sign-up among them): a school's deadline
    minute opens thousands of these."""
    contest = round_.contest
    entry = contest.entry_of(user)
    status = _round_status(round_, now)
    place = published = mine = None
    if entry is not None and status == "open" and not attempt.scores_hidden_until:
        place = provisional_place(round_, entry, now=now, attempts=attempts)
    elif entry is not None and status == "closed":
        published = published_snapshot(contest, round_)
        mine = own_row(published, entry) if published else None
    taken = (len(attempts), sum(1 for one in attempts if not one.is_submitted))
    return {
        "contest": contest,
        "entry": entry,
        "round_status": status,
        "place": place,
        "published": published,
        "mine": mine,
        "may_try_again": entry is not None
        and not entry.is_disqualified
        and _may_enter(round_, status, *taken),
        "under_way": bool(taken[1]),
        "now": now,
        "time_left": _time_left(round_, now) if status == "open" else "",
    }


def _time_left(round_: ContestRound, now) -> str:
    """Until the close, as h:mm:ss (figures only, the same in every language): what the page
    shows before its script counts down from it."""
    if round_.closes_at is None:
        return ""
    left = max(0, int((round_.closes_at - now).total_seconds()))
    hours, rest = divmod(left, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


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


def judged_attempt(user, attempt_id: int) -> tuple[Attempt, ContestRound]:
    """An attempt in a round this user judges, with its round (its audit: `selectors`)."""
    attempt = Attempt.objects.select_related("user").filter(pk=attempt_id).first()
    if attempt is None:
        raise NotFound()
    round_ = ContestRound.objects.filter(pk=attempt.quiz_id).first()
    if round_ is None or not round_.contest.is_judge(user):
        raise NotFound()
    return attempt, round_
