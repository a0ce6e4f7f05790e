"""Contest ranking rules: the tie-break chain, the counted attempt, provisional rankings while the
prediction is unknown, shared ranks, and names shortened for public lists."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from quizzes.contests.ranking import (
    DEFAULT_CHAIN,
    Entry,
    TieBreak,
    abbreviated_name,
    counted_attempts,
    perfect_count,
    place_on_ladder,
    rank,
    rung,
)

T = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)


def entry(participant, attempt, score, minutes=0, prediction=None, duration=300, signed_up=0):
    return Entry(
        participant=participant,
        attempt=attempt,
        score=Decimal(score),
        submitted_at=T + timedelta(minutes=minutes),
        duration_seconds=duration,
        prediction=prediction,
        signed_up_at=T - timedelta(days=signed_up),
    )


def order(ranked):
    return [(r.rank, r.entry.participant) for r in ranked]


def test_default_chain_score_then_prediction_then_submit_time():
    entries = [
        entry(1, 1, 10, minutes=5, prediction=120),
        entry(2, 2, 10, minutes=1, prediction=90),
        entry(3, 3, 9, minutes=0, prediction=100),
        entry(4, 4, 10, minutes=2, prediction=90),
    ]
    # 100 participants answered all correctly: 2 and 4 are 10 away, 1 is 20 away.
    assert order(rank(entries, actual=100)) == [(1, 2), (2, 4), (3, 1), (4, 3)]


def test_provisional_ranking_skips_the_unknown_prediction():
    entries = [entry(1, 1, 10, minutes=5, prediction=100), entry(2, 2, 10, minutes=1)]
    assert order(rank(entries)) == [(1, 2), (2, 1)]
    assert order(rank(entries, actual=100)) == [(1, 1), (2, 2)]  # no prediction: last


def test_the_counted_attempt_is_the_best_by_the_same_chain():
    entries = [entry(1, 1, 8, minutes=0), entry(1, 2, 10, minutes=9), entry(1, 3, 10, minutes=3)]
    (best,) = counted_attempts(entries, DEFAULT_CHAIN)
    assert best.attempt == 3


def test_a_chosen_chain_can_prefer_quicker_then_earlier_sign_up():
    chain = (TieBreak.SCORE, TieBreak.DURATION, TieBreak.SIGNED_UP)
    entries = [
        entry(1, 1, 10, duration=400, signed_up=9),
        entry(2, 2, 10, duration=300, signed_up=1),
        entry(3, 3, 10, duration=300, signed_up=5),
    ]
    assert order(rank(entries, chain)) == [(1, 3), (2, 2), (3, 1)]


def test_participants_equal_on_every_key_share_a_rank():
    entries = [entry(1, 1, 10), entry(2, 2, 10), entry(3, 3, 9)]
    assert [r.rank for r in rank(entries, (TieBreak.SCORE,))] == [1, 1, 3]


def test_perfect_count_answers_the_prediction_question():
    entries = [entry(1, 1, 10), entry(1, 2, 8), entry(2, 3, 9), entry(3, 4, 10)]
    assert perfect_count(entries, Decimal(10)) == 2


def test_public_names_are_shortened():
    assert abbreviated_name("Trần Thị Mai") == "Trần T. M."
    assert abbreviated_name("Nguyễn Đức Anh") == "Nguyễn Đ. A."
    assert abbreviated_name("Lan") == "L."
    assert abbreviated_name("  ") == ""


entries_strategy = st.lists(
    st.builds(
        entry,
        participant=st.integers(1, 8),
        attempt=st.integers(1, 10_000),
        score=st.integers(0, 10),
        minutes=st.integers(0, 600),
        prediction=st.none() | st.integers(0, 500),
        duration=st.integers(10, 900),
        signed_up=st.integers(0, 30),
    ),
    max_size=30,
    unique_by=lambda e: e.attempt,
)


@given(entries=entries_strategy, actual=st.none() | st.integers(0, 500))
def test_ranking_properties(entries, actual):
    ranked = rank(entries, actual=actual)
    participants = [r.entry.participant for r in ranked]
    assert sorted(participants) == sorted({e.participant for e in entries})  # one row each
    assert [r.rank for r in ranked] == sorted(r.rank for r in ranked)
    assert all(a.entry.score >= b.entry.score for a, b in zip(ranked, ranked[1:], strict=False))
    assert rank(list(reversed(entries)), actual=actual) == ranked  # input order never matters


# The worked example: five entries of a 5-question round, 4 answered everything right.
WORKED = [
    # name, score, prediction, submitted (minutes after 09:00), seconds taken
    ("An", 5, 3, 65, 120),
    ("Bình", 5, 4, 61, 200),
    ("Chi", 5, 2, 59, 90),
    ("Dũng", 4, 3, 0, 60),
    ("Em", 5, 3, 63, 150),
]


def worked_entries():
    return [
        entry(n, n, score, minutes=minutes, prediction=prediction, duration=seconds)
        for n, (_name, score, prediction, minutes, seconds) in enumerate(WORKED)
    ]


def worked_names(ranked):
    return [WORKED[r.entry.participant][0] for r in ranked]


def test_worked_example_default_chain():
    entries = worked_entries()
    actual = perfect_count(entries, Decimal(5))
    assert actual == 4
    assert worked_names(rank(entries, actual=actual)) == ["Bình", "Em", "An", "Chi", "Dũng"]


def test_worked_example_score_prediction_duration():
    chain = (TieBreak.SCORE, TieBreak.PREDICTION, TieBreak.DURATION)
    names = worked_names(rank(worked_entries(), chain, actual=4))
    assert names == ["Bình", "An", "Em", "Chi", "Dũng"]


def test_a_tie_down_the_whole_chain_shares_the_rank_and_keeps_a_fixed_order():
    chain = tuple(TieBreak)
    same = dict(minutes=7, prediction=12, duration=95, signed_up=2)
    entries = [entry(1, 30, 8, **same), entry(2, 10, 8, **same), entry(3, 20, 8, **same)]
    ranked = rank(entries, chain, actual=10)
    assert [(r.rank, r.entry.participant) for r in ranked] == [(1, 2), (1, 3), (1, 1)]
    # One key apart, at the very end of the chain: sign-up time decides.
    entries[0] = entry(1, 30, 8, **{**same, "signed_up": 3})
    assert order(rank(entries, chain, actual=10))[0] == (1, 1)


chains = st.permutations(list(TieBreak)).flatmap(
    lambda rules: st.integers(1, len(rules)).map(lambda n: tuple(rules[:n]))
)


@given(entries=entries_strategy, chain=chains, actual=st.none() | st.integers(0, 500))
def test_every_chain_gives_a_total_deterministic_order(entries, chain, actual):
    ranked = rank(entries, chain, actual)
    assert rank(list(reversed(entries)), chain, actual) == ranked
    assert len({r.entry.participant for r in ranked}) == len(ranked)
    assert [r.rank for r in ranked] == sorted(r.rank for r in ranked)


@given(entries=entries_strategy, chain=chains, actual=st.none() | st.integers(0, 500))
def test_a_lower_scoring_newcomer_never_reorders_the_others(entries, chain, actual):
    """With the actual value held fixed (a newcomer may move it: the prediction effect), adding
    an entry that scores below everyone never changes the others' order."""
    if TieBreak.SCORE not in chain:
        chain = (TieBreak.SCORE, *chain)
    before = [r.entry.participant for r in rank(entries, chain, actual)]
    lowest = min((e.score for e in entries), default=Decimal(1))
    newcomer = entry(99, 10_001, lowest - 1, prediction=actual)
    after = [r.entry.participant for r in rank([*entries, newcomer], chain, actual)]
    assert [p for p in after if p != 99] == before
    if chain[0] == TieBreak.SCORE:
        assert after[-1] == 99


@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 3), st.integers(60, 62)),
        min_size=1,
        max_size=40,
    ),
    st.integers(1, 5),
)
def test_a_place_on_the_chunked_ladder_is_the_provisional_rank(attempts, size):
    chain = (TieBreak.SCORE, TieBreak.DURATION, TieBreak.SUBMITTED)
    entries = [
        entry(n, n, score, minutes=minutes, duration=duration)
        for n, (score, minutes, duration) in enumerate(attempts)
    ]
    rungs = sorted(rung(e, chain) for e in entries)
    chunks = [rungs[n : n + size] for n in range(0, len(rungs), size)]
    fences = [chunk[0] for chunk in chunks]
    for row in rank(entries, chain):
        mine = rung(row.entry, chain)
        below = next((n for n in reversed(range(len(fences))) if fences[n] < mine), None)
        chunk = [] if below is None else chunks[below]
        assert place_on_ladder(fences, chunk, size, mine) + 1 == row.rank
