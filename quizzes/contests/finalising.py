"""Finalising and publishing rankings: a round's final standing, or the contest's overall ranking
from its rounds, frozen into a new write-once snapshot version (rows, checksum, who and when)."""

from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from lms.accounts.models import User
from lms.core.errors import Conflict
from quizzes.contests import ranking
from quizzes.contests.errors import (
    AlreadyPublished,
    NothingChanged,
    NotLatestVersion,
    ReasonRequired,
    RoundStillOpen,
)
from quizzes.contests.live import forget_standings
from quizzes.contests.pages import ContestPage, ContestRound, OverallMethod
from quizzes.contests.ranking import Entry, Ranked
from quizzes.contests.records import ContestEntry, RankingRow, RankingSnapshot, SnapshotPublication
from quizzes.contests.snapshots import checksum, latest_snapshot
from quizzes.contests.standings import standing
from quizzes.models import Attempt
from quizzes.pages import MAX_PREDICTION
from quizzes.services import GRACE, close_if_overdue

NO_PREDICTION = MAX_PREDICTION + 1  # a missing prediction's distance in the overall ranking


def _rows_from(ranked: list[Ranked], contest: ContestPage) -> list[RankingRow]:
    # The contest's entries in one streamed query: lists of 200,000 ids cost more to send.
    found = (
        ContestEntry.objects.filter(contest=contest)
        .values_list(
            "pk",
            "user__display_name",
            "school_id",
            "school__name",
            "school__area_id",
            "ward_id",
            "ward__name",
            "user__sex",
        )
        .iterator(chunk_size=20_000)
    )
    people = {}
    for pk, name, school, school_name, school_area, ward, ward_name, sex in found:
        # The ward a participant named, else their school's: units are ranked by both.
        people[pk] = (name, school_name or ward_name or "", school, ward or school_area, sex)
    rows = []
    for position, row in enumerate(ranked, start=1):
        e = row.entry
        name, unit, school, area, sex = people[e.participant]
        rows.append(
            RankingRow(
                position=position,
                rank=row.rank,
                entry_id=e.participant,
                attempt_id=e.attempt,
                score=Decimal(e.score).quantize(Decimal("0.01")),
                prediction=e.prediction,
                prediction_distance=row.prediction_distance,
                duration_seconds=e.duration_seconds,
                submitted_at=e.submitted_at,
                public_name=ranking.abbreviated_name(name)[:80],
                unit_name=unit[:200],
                school_id=school,
                area_id=area,
                sex=sex or "",
            )
        )
    return rows


def _store(
    *,
    contest: ContestPage,
    round_: ContestRound | None,
    chain: list[str],
    actual: int | None,
    rows: list[RankingRow],
    by: User,
    now: datetime,
    reason: str,
) -> RankingSnapshot:
    previous = latest_snapshot(contest, round_)
    digest = checksum(chain=chain, actual=actual, rows=rows)
    if previous is not None and previous.checksum == digest:
        raise NothingChanged()
    if previous is not None and not reason.strip():
        raise ReasonRequired(
            _("Say why this new version is needed (a regrade, a disqualification…)."),
            fields={"reason": [gettext("Say why this new version is needed.")]},
        )
    snapshot = RankingSnapshot.objects.create(
        contest=contest,
        round=round_,
        version=(previous.version + 1) if previous else 1,
        chain=chain,
        actual_value=actual,
        participants=len(rows),
        checksum=digest,
        reason=reason.strip(),
        created_by=by,
        created_at=now,
    )
    for row in rows:
        row.snapshot = snapshot
    _insert_rows(rows)
    return snapshot


def _insert_rows(rows: list[RankingRow]) -> None:
    """New rows in bulk; on PostgreSQL by COPY, several times quicker than INSERTs for a city's
    200,000 participants (the rows' primary keys are then not read back)."""
    if connection.vendor != "postgresql":
        RankingRow.objects.bulk_create(rows, batch_size=5000)
        return
    fields = [f for f in RankingRow._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {RankingRow._meta.db_table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([getattr(row, f.attname) for f in fields])


def _lock(page: Page) -> None:
    """Serialise finalising one contest: two judges clicking at once make one version."""
    Page.objects.select_for_update().filter(pk=page.pk).first()


@transaction.atomic
def finalise_round(
    *, round_: ContestRound, by: User, now: datetime, reason: str = ""
) -> RankingSnapshot:
    """Freeze the round's final ranking into a new snapshot version (rows, checksum, who, when)."""
    if round_.closes_at is None or now < round_.closes_at + GRACE:
        raise RoundStillOpen()
    contest = round_.contest
    _lock(contest)
    for attempt in Attempt.objects.select_for_update().filter(
        quiz_id=round_.pk, submitted_at__isnull=True
    ):
        close_if_overdue(attempt=attempt, now=now)
    result = standing(round_, now=now, contest=contest)
    snapshot = _store(
        contest=contest,
        round_=round_,
        chain=[str(rule) for rule in contest.chain()],
        actual=result.actual,
        rows=_rows_from(result.ranked, contest),
        by=by,
        now=now,
        reason=reason,
    )
    forget_standings(contest)
    return snapshot


@transaction.atomic
def finalise_overall(
    *, contest: ContestPage, by: User, now: datetime, reason: str = ""
) -> RankingSnapshot:
    """The contest's overall ranking from the latest finalised version of each round: the sum or
    the best of the rounds, ordered by the same chain (prediction distances and times added up)."""
    _lock(contest)
    chain = contest.chain()
    # Participants still entered and not disqualified (a deleted account leaves no entry).
    signed = dict(
        ContestEntry.objects.filter(contest=contest, disqualified_at__isnull=True).values_list(
            "pk", "signed_up_at"
        )
    )
    parts: list[Entry] = []  # one per participant and round, the distance as the "prediction"
    rounds_used = 0
    for round_ in contest.rounds():
        snapshot = latest_snapshot(contest, round_)
        if snapshot is None:
            continue
        rounds_used += 1
        asked = snapshot.actual_value is not None
        for row in snapshot.rows.all().iterator(chunk_size=10_000):
            if row.entry_id not in signed:
                continue
            distance = row.prediction_distance
            if asked and distance is None:
                distance = NO_PREDICTION  # no prediction: after every real one, as in the round
            parts.append(
                Entry(
                    participant=row.entry_id,
                    attempt=row.attempt_id or 0,
                    score=row.score,
                    submitted_at=row.submitted_at,
                    duration_seconds=row.duration_seconds or 0,
                    prediction=distance,
                    signed_up_at=signed[row.entry_id],
                )
            )
    if not rounds_used:
        raise Conflict(_("Finalise at least one round before the overall ranking."))
    if contest.overall_method == OverallMethod.BEST:
        # Each participant's best round by the contest's own chain (distances against 0).
        entries = parts
    else:
        entries = _summed(parts)
    ranked = ranking.rank(entries, chain, actual=0)
    rows = _rows_from(ranked, contest)
    for row in rows:  # the overall row keeps the summed distance, not a prediction
        row.prediction = None
    return _store(
        contest=contest,
        round_=None,
        chain=[str(rule) for rule in chain],
        actual=None,
        rows=rows,
        by=by,
        now=now,
        reason=reason,
    )


def _summed(parts: list[Entry]) -> list[Entry]:
    """Per participant: scores, prediction distances and times added up over the rounds; the
    last submit time; the first round's attempt (only a tie-break of last resort)."""
    totals: dict[int, Entry] = {}
    for part in parts:
        held = totals.get(part.participant)
        if held is None:
            totals[part.participant] = part
            continue
        distance = None
        if held.prediction is not None or part.prediction is not None:
            distance = (held.prediction or 0) + (part.prediction or 0)
        totals[part.participant] = Entry(
            participant=held.participant,
            attempt=held.attempt,
            score=held.score + part.score,
            submitted_at=max(held.submitted_at, part.submitted_at),
            duration_seconds=held.duration_seconds + part.duration_seconds,
            prediction=distance,
            signed_up_at=held.signed_up_at,
        )
    return list(totals.values())


@transaction.atomic
def publish(*, snapshot: RankingSnapshot, by: User, now: datetime) -> SnapshotPublication:
    latest = latest_snapshot(snapshot.contest, snapshot.round)
    if latest is not None and latest.pk != snapshot.pk:
        raise NotLatestVersion()
    if SnapshotPublication.objects.filter(snapshot=snapshot).exists():
        raise AlreadyPublished()
    try:
        with transaction.atomic():
            return SnapshotPublication.objects.create(
                snapshot=snapshot, published_by=by, published_at=now
            )
    except IntegrityError:
        raise AlreadyPublished() from None
