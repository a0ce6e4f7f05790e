"""Who reaches what: the public's published contests, the judges' own contests, rounds,
snapshots, entries and attempts (anyone else gets 404, so ids reveal nothing), and what a contest's
page shows its reader."""

from django.utils import timezone

from lms.accounts.models import Role
from lms.core.errors import NotFound
from quizzes.contests.errors import ContestNotFound, RoundNotFound
from quizzes.contests.live import provisional_rank
from quizzes.contests.pages import ContestPage, ContestRound
from quizzes.contests.records import ContestEntry, RankingSnapshot
from quizzes.contests.snapshots import own_row, published_snapshot
from quizzes.contests.standings import is_closed
from quizzes.models import Attempt


def contest_page_context(contest: ContestPage, user) -> dict:
    now = timezone.now()
    entry = contest.entry_of(user)
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
