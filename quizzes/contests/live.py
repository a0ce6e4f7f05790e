"""What requests read of a round's live figures: the judges' dashboard and a participant's
provisional rank, from the cache, asking the background task for newer figures when they are
older than LIVE_SECONDS."""

from datetime import datetime

from django.core.cache import cache
from django.db import transaction

from quizzes.contests import tasks
from quizzes.contests.figures import (
    RANK_CHUNK,
    Dashboard,
    live_key,
    ranks_key,
    refresh_lock,
    state_key,
)
from quizzes.contests.pages import ContestPage, ContestRound
from quizzes.contests.records import ContestEntry
from quizzes.contests.standings import is_closed

LIVE_SECONDS = 30  # the judges' live figures and provisional standings are this fresh


def _fresh_state(round_: ContestRound, now: datetime) -> tuple | None:
    """The state of the round's live figures, after asking once for newer ones when they are
    older than 30 s (or from before the close). Where tasks run inline (tests, development)
    the answer is then fresh; with a worker it is the previous state until the worker is done,
    and None only before the very first computation has finished."""
    state = cache.get(state_key(round_.pk))
    stale = (
        state is None
        or (now - state[0]).total_seconds() > LIVE_SECONDS
        or state[1] != is_closed(round_, now)
    )
    took = state[3] if state else 0
    # One computation at a time; a lost worker holds the lock for a few computations at most.
    if stale and cache.add(refresh_lock(round_.pk), 1, max(60, int(3 * took))):
        tasks.refresh_live_figures.enqueue(round_.pk)
        state = cache.get(state_key(round_.pk))
    return state


def dashboard(round_: ContestRound, *, now: datetime) -> Dashboard | None:
    """The round's latest live figures for its judges (see `_fresh_state` for how fresh)."""
    if _fresh_state(round_, now) is None:
        return None
    return cache.get(live_key(round_.pk))


def provisional_rank(round_: ContestRound, entry: ContestEntry, *, now: datetime) -> int | None:
    """A participant's place in the round's live standing: two small cache reads."""
    state = _fresh_state(round_, now)
    if state is None:
        return None
    ranks = cache.get(ranks_key(round_.pk, state[2], entry.pk // RANK_CHUNK)) or {}
    return ranks.get(entry.pk)


def forget_standings(contest: ContestPage) -> None:
    """After a judges' decision: once it is committed, the next read computes the figures again
    (before that, a computation would still see the participant as they were)."""
    rounds = list(contest.get_children().values_list("pk", flat=True))
    keys = [state_key(pk) for pk in rounds] + [refresh_lock(pk) for pk in rounds]
    transaction.on_commit(lambda: cache.delete_many(keys))
