"""Contest ranking rules, as pure functions: no database, so judges' ranks can be re-derived.

A contest chooses an ordered chain of tie-breaks from `TieBreak`; the default is score, then the
distance of the prediction from the actual value, then submit time. The same chain picks each
participant's counted attempt and orders the participants. While a round is open the actual value
of the prediction question is unknown, so a provisional ranking skips that key.
"""

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum


class TieBreak(StrEnum):
    SCORE = "score"  # higher first
    PREDICTION = "prediction"  # nearer the actual value first; no prediction comes last
    DURATION = "duration"  # quicker first
    SUBMITTED = "submitted"  # earlier first
    SIGNED_UP = "signed_up"  # earlier first


DEFAULT_CHAIN = (TieBreak.SCORE, TieBreak.PREDICTION, TieBreak.SUBMITTED)
FAR = 10**12  # the distance of a missing prediction: after every real one


@dataclass(frozen=True)
class Entry:
    """One attempt as ranking sees it (read from indexed columns, never re-scored)."""

    participant: int
    attempt: int
    score: Decimal
    submitted_at: datetime
    duration_seconds: int = 0
    prediction: int | None = None
    signed_up_at: datetime | None = None


@dataclass(frozen=True)
class Ranked:
    rank: int
    entry: Entry
    prediction_distance: int | None


def _key(entry: Entry, chain: Sequence[TieBreak], actual: int | None) -> tuple:
    key = []
    for rule in chain:
        if rule == TieBreak.SCORE:
            key.append(-entry.score)
        elif rule == TieBreak.PREDICTION:
            if actual is None:
                continue  # provisional: unknown until the round closes
            key.append(FAR if entry.prediction is None else abs(entry.prediction - actual))
        elif rule == TieBreak.DURATION:
            key.append(entry.duration_seconds)
        elif rule == TieBreak.SUBMITTED:
            key.append(entry.submitted_at.timestamp())
        elif rule == TieBreak.SIGNED_UP:
            when = entry.signed_up_at or entry.submitted_at
            key.append(when.timestamp())
    # Identical on every chosen key: the attempt number decides, so the order never wobbles.
    return (*key, entry.attempt)


def rung(entry: Entry, chain: Sequence[TieBreak]) -> tuple[float, ...]:
    """Where an attempt stands on a round's provisional ladder: its key without the prediction
    (unknown while the round is open) or the attempt number, as small floats to keep the cached
    ladder light. Fewer is better; equal rungs share a place, as in `rank`."""
    return tuple(float(part) for part in _key(entry, chain, None)[:-1])


def place_on_ladder(fences: Sequence[tuple], chunk: Sequence[tuple], size: int, mine: tuple) -> int:
    """How many rungs of a sorted ladder are strictly better than `mine`, the ladder being cut
    into chunks of `size` whose first rungs are `fences`; `chunk` is the one just below `mine`
    (`chunk_below`)."""
    below = chunk_below(fences, mine)
    if below is None:
        return 0
    return below * size + bisect_left(chunk, mine)


def chunk_below(fences: Sequence[tuple], mine: tuple) -> int | None:
    """The chunk of a ladder that holds the last rung better than `mine`: None if there is none."""
    position = bisect_left(fences, mine)
    return position - 1 if position else None


def counted_attempts(
    entries: Iterable[Entry], chain: Sequence[TieBreak] = DEFAULT_CHAIN, actual: int | None = None
) -> list[Entry]:
    """Each participant's best attempt by the same chain that ranks them."""
    best: dict[int, tuple[tuple, Entry]] = {}  # each participant's best key, kept with it
    for entry in entries:
        key = _key(entry, chain, actual)
        held = best.get(entry.participant)
        if held is None or key < held[0]:
            best[entry.participant] = (key, entry)
    return [pair[1] for pair in best.values()]


def rank(
    entries: Iterable[Entry], chain: Sequence[TieBreak] = DEFAULT_CHAIN, actual: int | None = None
) -> list[Ranked]:
    """Counted attempts in order. Participants equal on every key of the chain share a rank
    ("1, 2, 2, 4"); the attempt number only fixes their order on the page."""
    counted = sorted(counted_attempts(entries, chain, actual), key=lambda e: _key(e, chain, actual))
    ranked: list[Ranked] = []
    previous = None
    for position, entry in enumerate(counted, start=1):
        key = _key(entry, chain, actual)[:-1]
        shared = previous is not None and key == previous[0]
        ranked.append(
            Ranked(
                rank=previous[1] if shared else position,
                entry=entry,
                prediction_distance=(
                    None
                    if actual is None or entry.prediction is None
                    else abs(entry.prediction - actual)
                ),
            )
        )
        previous = (key, ranked[-1].rank)
    return ranked


def perfect_count(entries: Iterable[Entry], maximum: Decimal) -> int:
    """The usual prediction question's answer: participants whose counted attempt is perfect."""
    return sum(1 for e in counted_attempts(entries, (TieBreak.SCORE,)) if e.score >= maximum)


def abbreviated_name(name: str) -> str:
    """'Trần Thị Mai' → 'Trần T. M.': the family name, then initials. Public rankings never show a
    minor's full name."""
    words = name.split()
    if not words:
        return ""
    if len(words) == 1:
        return f"{words[0][0]}."
    initials = " ".join(f"{word[0].upper()}." for word in words[1:])
    return f"{words[0]} {initials}"
