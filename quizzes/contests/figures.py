"""A round's live figures and every participant's provisional rank, computed in the background
(the task `refresh_live_figures`) and left in the cache for requests to read (`live`).

A whole standing takes seconds for a city-wide round (about 20 s for 1,000,000 attempts), so
requests never compute it."""

import secrets
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from lms.accounts.models import Area
from lms.core import metrics
from quizzes.contests import ranking
from quizzes.contests.flags import Flag, flags
from quizzes.contests.pages import ContestRound
from quizzes.contests.ranking import Ranked
from quizzes.contests.records import ContestEntry
from quizzes.contests.standings import provisional_chain, standing
from quizzes.contests.units import (
    UnitLine,
    area_enrolment,
    school_enrolment,
    school_names,
    unit_lines,
)
from quizzes.models import Attempt

HISTOGRAM_BINS = 10
RANK_CHUNK = 1000  # provisional ranks are cached in chunks of this many entry ids
LADDER_CHUNK = 1000  # the provisional ladder is cached in chunks of this many rungs
LIVE_KEEP = 15 * 60  # seconds the last figures stay readable while newer ones are computed


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


# Versioned: a deploy that changes what is cached never reads an older shape (v2: the classes
# kept moved to the contests app, and pickles name their module; v3: flags name what they are
# about, for the judges' decisions on them).
def live_key(round_id: int) -> str:
    return f"contest:live:v3:{round_id}"


def state_key(round_id: int) -> str:
    """A small record (computed at, final?, generation, seconds it took) read on every page."""
    return f"contest:live:v3:{round_id}:state"


def refresh_lock(round_id: int) -> str:
    return f"contest:live:v3:{round_id}:refreshing"


def ranks_key(round_id: int, generation: str, chunk: int) -> str:
    return f"contest:live:v3:{round_id}:{generation}:{chunk}"


def ladder_key(round_id: int, generation: str, chunk: int | str) -> str:
    """A chunk of the round's provisional ladder, or ("fences") their first rungs and length."""
    return f"contest:live:v3:{round_id}:{generation}:ladder:{chunk}"


def _ladder(live, chain, round_id: int, generation: str) -> dict[str, object]:
    """The provisional ladder: every ranked participant's rung, sorted, in chunks, so a result
    page can place a participant who has just submitted with two small cache reads however many
    take part (`live.provisional_place`)."""
    rungs = sorted(ranking.rung(row.entry, chain) for row in live.ranked)
    chunks = [rungs[n : n + LADDER_CHUNK] for n in range(0, len(rungs), LADDER_CHUNK)]
    found: dict[str, object] = {
        ladder_key(round_id, generation, n): chunk for n, chunk in enumerate(chunks)
    }
    found[ladder_key(round_id, generation, "fences")] = (len(rungs), [c[0] for c in chunks])
    return found


def refresh_live(round_id: int) -> int:
    """The background task's work: new live figures for a round; returns its participants."""
    try:
        round_ = ContestRound.objects.filter(pk=round_id).first()
        return compute_live(round_, now=timezone.now()).participants if round_ else 0
    finally:
        cache.delete(refresh_lock(round_id))


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
    enrolment = school_enrolment(now)
    wards = list(Area.objects.filter(pk__in=list(by_ward)).order_by("pk"))
    ward_enrolment = area_enrolment(wards, enrolment)
    attempts = Attempt.objects.filter(quiz_id=round_.pk)
    counts = attempts.aggregate(
        done=Count("pk", filter=Q(submitted_at__isnull=False)),
        open=Count("pk", filter=Q(submitted_at__isnull=True)),
    )
    generation = secrets.token_hex(4)
    chunks: dict[int, dict[int, int]] = defaultdict(dict)
    for row in live.ranked:
        chunks[row.entry.participant // RANK_CHUNK][row.entry.participant] = row.rank
    cached = {ranks_key(round_.pk, generation, n): ranks for n, ranks in chunks.items()}
    if not live.final:
        cached |= _ladder(live, provisional_chain(contest), round_.pk, generation)
    cache.set_many(cached, LIVE_KEEP)
    figures = Dashboard(
        round_id=round_.pk,
        final=live.final,
        participants=len(live.ranked),
        signed_up=ContestEntry.objects.filter(contest=contest).count(),
        attempts=counts["done"],
        open_attempts=counts["open"],
        histogram=[(i * 100 // HISTOGRAM_BINS, n) for i, n in enumerate(bins)],
        schools=unit_lines(by_school, school_names(by_school), enrolment),
        wards=unit_lines(by_ward, {a.pk: a.name for a in wards}, ward_enrolment),
        top=top,
        flags=flags(round_, contest),
        at=now,
        generation=generation,
    )
    cache.set(live_key(round_.pk), figures, LIVE_KEEP)
    took = time.monotonic() - started
    cache.set(state_key(round_.pk), (now, live.final, generation, took), LIVE_KEEP)
    metrics.live_figures_computed(round_id=round_.pk, seconds=took)
    return figures
