"""What requests read of a round's live figures: the judges' dashboard and a participant's
provisional rank, from the cache, asking the background task for newer figures when they are
older than LIVE_SECONDS."""

from datetime import datetime

from django.core.cache import cache
from django.db import transaction

from quizzes.contests import ranking, tasks
from quizzes.contests.figures import (
    LADDER_CHUNK,
    RANK_CHUNK,
    Dashboard,
    ladder_key,
    live_key,
    ranks_key,
    refresh_lock,
    state_key,
)
from quizzes.contests.pages import ContestPage, ContestRound
from quizzes.contests.records import ContestEntry
from quizzes.contests.standings import counted_of, is_closed, own_attempts, provisional_chain
from quizzes.models import Attempt

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


def provisional_place(
    round_: ContestRound,
    entry: ContestEntry,
    *,
    now: datetime,
    attempts: list[Attempt] | None = None,
) -> tuple[int, int] | None:
    """(place, participants so far) of a participant on the result page while the round is
    open: their counted attempt now (one query for their attempts, none when the page gives
    them; the contest's rules are kept with the round) placed on the ladder of the live figures
    (two small cache reads), so the page costs the same with 30 or 30,000 taking part. The
    ladder is up to LIVE_SECONDS old; the participant's own earlier place on it is set aside.
    None: no submitted attempt, disqualified, or no figures yet."""
    if entry.is_disqualified:
        return None
    state = _fresh_state(round_, now)
    fenced = cache.get(ladder_key(round_.pk, state[2], "fences")) if state else None
    chain = provisional_chain(round_.contest)
    own = own_attempts(round_, entry, attempts)
    mine = counted_of(round_, own, chain)
    if fenced is None or mine is None:
        return None
    on_ladder, fences = fenced
    rung = ranking.rung(mine, chain)
    below = ranking.chunk_below(fences, rung)
    chunk = [] if below is None else cache.get(ladder_key(round_.pk, state[2], below)) or []
    ahead = ranking.place_on_ladder(fences, chunk, LADDER_CHUNK, rung)
    # The ladder may hold this participant as they stood then (an attempt submitted before it
    # was computed): never ahead of themselves, never counted twice.
    before = counted_of(round_, [e for e in own if e.submitted_at <= state[0]], chain)
    if before is not None and ranking.rung(before, chain) < rung:
        ahead -= 1
    return ahead + 1, on_ladder + (0 if before is not None else 1)


def forget_standings(contest: ContestPage) -> None:
    """After a judges' decision: once it is committed, the next read computes the figures again
    (before that, a computation would still see the participant as they were)."""
    rounds = list(contest.get_children().values_list("pk", flat=True))
    keys = [state_key(pk) for pk in rounds] + [refresh_lock(pk) for pk in rounds]
    transaction.on_commit(lambda: cache.delete_many(keys))
