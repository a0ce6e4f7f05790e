"""Reading finalised rankings: the latest and the published version, a page of rows, one's own
row, the checksum check, and what changed from one version to the next."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC
from decimal import Decimal

from django.core.cache import cache

from lms.accounts.models import ERASED_NAME
from quizzes.contests.pages import ContestPage, ContestRound
from quizzes.contests.records import ContestEntry, JudgeDecision, RankingRow, RankingSnapshot
from quizzes.models import RegradeRecord

DIFFERENCES_SHOWN = 500


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


def latest_snapshot(contest: ContestPage, round_: ContestRound | None) -> RankingSnapshot | None:
    found = RankingSnapshot.objects.filter(contest=contest)
    found = found.filter(round=round_) if round_ is not None else found.filter(round__isnull=True)
    return found.order_by("-version").first()


def published_snapshot(contest: ContestPage, round_: ContestRound | None):
    found = RankingSnapshot.objects.filter(contest=contest, publication__isnull=False)
    found = found.filter(round=round_) if round_ is not None else found.filter(round__isnull=True)
    return found.order_by("-version").first()


def top_rows(snapshot: RankingSnapshot, *, limit: int = 100, offset: int = 0) -> list[RankingRow]:
    return list(snapshot.rows.order_by("position")[offset : offset + limit])


def own_row(snapshot: RankingSnapshot, entry: ContestEntry | None) -> RankingRow | None:
    if entry is None:
        return None
    return own_row_by_code(snapshot, entry.pk)


def own_row_by_code(snapshot: RankingSnapshot, code: int) -> RankingRow | None:
    """A participant's row by their code (their entry's number): one indexed read."""
    return snapshot.rows.filter(entry_id=code).first()


@dataclass(frozen=True)
class Change:
    entry_id: int
    public_name: str
    old_rank: int | None
    new_rank: int | None
    old_score: Decimal | None
    new_score: Decimal | None


def differences(snapshot: RankingSnapshot) -> tuple[RankingSnapshot | None, list[Change]]:
    """What moved since the previous version: new, gone, re-ranked or re-scored participants,
    best new places first, at most DIFFERENCES_SHOWN (a disqualified leader moves everyone).
    Both versions never change, so the answer is kept."""
    key = f"contest:differences:v2:{snapshot.pk}"  # v2: see figures.live_key
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


@dataclass(frozen=True)
class Corrections:
    regrades: int  # scores of the round's attempts changed by a regrade since the snapshot
    decisions: int  # disqualifications and reinstatements since the snapshot

    def __bool__(self) -> bool:
        return bool(self.regrades or self.decisions)


def corrections_since(snapshot: RankingSnapshot) -> Corrections:
    """What has changed since a version was finalised, that a new version would take in."""
    regrades = 0
    if snapshot.round_id is not None:
        regrades = RegradeRecord.objects.filter(
            attempt__quiz_id=snapshot.round_id, regraded_at__gt=snapshot.created_at
        ).count()
    decisions = JudgeDecision.objects.filter(
        contest_id=snapshot.contest_id, decided_at__gt=snapshot.created_at
    ).count()
    return Corrections(regrades, decisions)
