"""A round's standing: its participants' counted attempts, ranked by the contest's tie-break chain.
Read from the indexed columns written at submit (score, percent, duration, submit time,
prediction); nothing is re-scored here. The ordering itself is `ranking`'s."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import F, Max, Window

from quizzes.contests import ranking
from quizzes.contests.pages import ContestPage, ContestRound, CountedAttempt, PredictionCounts
from quizzes.contests.ranking import Entry, Ranked, TieBreak
from quizzes.contests.records import ContestEntry
from quizzes.models import Attempt


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


def provisional_chain(contest: ContestPage) -> tuple[TieBreak, ...]:
    """The contest's chain while a round is open: the prediction's actual value is not known.
    Read once per contest instance: a worker keeps its live rounds' contests (renewed when any
    page changes), so a result page does not read the rules again."""
    chain = contest.__dict__.get("_provisional_chain")
    if chain is None:
        chain = tuple(rule for rule in contest.chain() if rule != TieBreak.PREDICTION)
        contest.__dict__["_provisional_chain"] = chain
    return chain


def own_attempts(
    round_: ContestRound, entry: ContestEntry, attempts: list[Attempt] | None = None
) -> list[Entry]:
    """A participant's submitted attempts in a round, oldest first: from `attempts` (all of
    theirs in the round) when given, else one query."""
    if attempts is not None:
        return [
            _own_entry(entry, one.pk, one.score, one.submitted_at, one.duration_seconds)
            for one in sorted(attempts, key=lambda one: one.pk)
            if one.submitted_at is not None
        ]
    submitted = Attempt.objects.filter(
        quiz_id=round_.pk, user_id=entry.user_id, submitted_at__isnull=False
    )
    return [
        _own_entry(entry, *row)
        for row in submitted.values_list(
            "pk", "score", "submitted_at", "duration_seconds"
        ).order_by("pk")
    ]


def _own_entry(entry: ContestEntry, pk, score, submitted_at, duration) -> Entry:
    return Entry(
        participant=entry.pk,
        attempt=pk,
        score=score,
        submitted_at=submitted_at,
        duration_seconds=duration or 0,
        signed_up_at=entry.signed_up_at,
    )


def counted_of(round_: ContestRound, own: list[Entry], chain: tuple[TieBreak, ...]) -> Entry | None:
    """Which of a participant's attempts (oldest first) the round counts: None if none."""
    if not own:
        return None
    if round_.counted_attempt == CountedAttempt.BEST:
        return ranking.counted_attempts(own, chain)[0]
    return own[0] if round_.counted_attempt == CountedAttempt.FIRST else own[-1]
