"""Contest ranking rules: the tie-break chain, the counted attempt, provisional rankings while the
prediction is unknown, shared ranks, and names shortened for public lists."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from quizzes.ranking import (
    DEFAULT_CHAIN,
    Entry,
    TieBreak,
    abbreviated_name,
    counted_attempts,
    perfect_count,
    rank,
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
