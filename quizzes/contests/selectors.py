"""Reads that the contests' pages and API share: the judges' pages and the judges' API read an
attempt's audit, a contest's versions and decisions the same way, and the public pages and API
read published rankings the same way. Each read costs a fixed number of queries, however large
the contest."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q, QuerySet

from quizzes import papers, scoring
from quizzes.contests import access, awards
from quizzes.contests.flags import Flag
from quizzes.contests.pages import ContestPage, ContestRound
from quizzes.contests.records import (
    ContestEntry,
    JudgeDecision,
    RankingRow,
    RankingSnapshot,
    SnapshotPublication,
)
from quizzes.models import Answer, Attempt, Certificate

PARTICIPANTS_PER_PAGE = 50
DECISIONS_SHOWN = 200


# Public: contests and their published rankings -----------------------------------------------


def public_contests() -> list[tuple[ContestPage, int]]:
    """The live contests anyone may reach, newest first, each with its number of live rounds:
    two queries (a round's parent is its path less one step)."""
    found = list(ContestPage.objects.live().public().order_by("-first_published_at", "-pk"))
    counts: Counter[str] = Counter(
        path[: -ContestPage.steplen]
        for path in ContestRound.objects.live().values_list("path", flat=True)
    )
    return [(contest, counts[contest.path]) for contest in found]


def live_round(contest: ContestPage, round_id: int) -> ContestRound | None:
    """A live round of this contest, else None."""
    return ContestRound.objects.child_of(contest).live().filter(pk=round_id).first()


def published_rankings(contest: ContestPage) -> set[int | None]:
    """The rounds (None: the overall ranking) with a published ranking."""
    return set(
        RankingSnapshot.objects.filter(contest=contest, publication__isnull=False).values_list(
            "round_id", flat=True
        )
    )


def published_versions(contest: ContestPage, rounds: dict) -> dict:
    """The latest published version of each ranking (round id, or None for the overall), in one
    query: what `snapshots.published_snapshot` gives, for every round at once."""
    found = (
        RankingSnapshot.objects.filter(contest=contest, publication__isnull=False)
        .select_related("publication")
        .order_by("version")
    )
    latest: dict = {}
    for snapshot in found:
        if snapshot.round_id is None or snapshot.round_id in rounds:
            latest[snapshot.round_id] = snapshot
    # The overall ranking first, then the rounds by number.
    order = {round_id: n for n, round_id in enumerate(rounds)}
    return dict(sorted(latest.items(), key=lambda item: -1 if item[0] is None else order[item[0]]))


def published_at(snapshot: RankingSnapshot) -> datetime | None:
    publication = SnapshotPublication.objects.filter(snapshot=snapshot).first()
    return publication.published_at if publication else None


# A contest, for its judges -------------------------------------------------------------------


def versions(contest: ContestPage) -> dict[int | None, list[RankingSnapshot]]:
    """Every snapshot version of the contest by round (None: overall), newest first."""
    found = (
        RankingSnapshot.objects.filter(contest=contest)
        .select_related("created_by", "publication")
        .order_by("round_id", "-version")
    )
    by_round: dict[int | None, list[RankingSnapshot]] = defaultdict(list)
    for snapshot in found:
        by_round[snapshot.round_id].append(snapshot)
    return by_round


def recent_decisions(
    contest: ContestPage, *, limit: int = DECISIONS_SHOWN
) -> list[tuple[JudgeDecision, int | None]]:
    """The latest decisions, each with its participant's latest attempt in the contest's rounds
    (to open its audit; None once the account is gone): two queries."""
    decisions = list(
        JudgeDecision.objects.filter(contest=contest)
        .select_related("entry", "decided_by", "round")
        .order_by("-decided_at", "-pk")[:limit]
    )
    people = {decision.pk: decision.entry.user_id for decision in decisions if decision.entry}
    latest = _latest_attempts(contest, set(people.values()))
    return [(decision, latest.get(people.get(decision.pk))) for decision in decisions]


def _latest_attempts(contest: ContestPage, user_ids: set[int]) -> dict[int, int]:
    if not user_ids:
        return {}
    rounds = ContestRound.objects.child_of(contest).values("pk")
    return dict(
        Attempt.objects.filter(quiz_id__in=rounds, user_id__in=user_ids)
        .values("user_id")
        .annotate(latest=Max("pk"))
        .values_list("user_id", "latest")
    )


# A round, for its judges ---------------------------------------------------------------------


def open_flags(round_: ContestRound, flags: list[Flag]) -> list[Flag]:
    """The flags no judge has decided on yet (checked and valid, or a disqualification taken on
    the flag): one query."""
    decided = set(
        JudgeDecision.objects.filter(round=round_).exclude(flag="").values_list("flag", flat=True)
    )
    return [flag for flag in flags if flag.key not in decided]


def flag_lines(flags: list[Flag], contest: ContestPage) -> list[dict]:
    """Each flag with its participants by name and their flagged attempts (two queries)."""
    attempt_ids = {pk for flag in flags for pk in flag.attempt_ids}
    entry_ids = {pk for flag in flags for pk in flag.entry_ids}
    attempts = dict(
        Attempt.objects.filter(pk__in=attempt_ids).values_list("pk", "user_id")
        if attempt_ids
        else []
    )
    signed_up = {
        entry.pk: entry
        for entry in ContestEntry.objects.filter(pk__in=entry_ids, contest=contest).select_related(
            "user"
        )
    }
    lines = []
    for flag in flags:
        people = []
        for entry_id in flag.entry_ids:
            entry = signed_up.get(entry_id)
            if entry is None:
                continue
            own = sorted(pk for pk in flag.attempt_ids if attempts.get(pk) == entry.user_id)
            people.append({"entry": entry, "attempts": own})
        lines.append({"flag": flag, "people": people})
    return lines


def participants_page(
    round_: ContestRound, contest: ContestPage, *, query: str, page: str
) -> PaginatorPage:
    """The round's participants, 50 a page, with attempts and best score: two queries a page,
    however many participants (a count and the page)."""
    attempts_here = Q(user__attempts__quiz_id=round_.pk)
    found = (
        ContestEntry.objects.filter(contest=contest)
        .select_related("user", "school", "ward")
        .annotate(
            attempts_count=Count("user__attempts", filter=attempts_here),
            best_score=Max("user__attempts__score", filter=attempts_here),
            latest_attempt=Max("user__attempts__pk", filter=attempts_here),
        )
        .order_by("user__display_name", "pk")
    )
    if query:
        found = found.filter(
            Q(user__display_name__icontains=query) | Q(user__username__icontains=query)
        )
    return Paginator(found, PARTICIPANTS_PER_PAGE).get_page(page)


# One attempt's audit -------------------------------------------------------------------------


@dataclass(frozen=True)
class AttemptAudit:
    """What the judges read about one attempt, on the page and through the API alike."""

    attempt: Attempt
    round: ContestRound
    contest: ContestPage
    entry: ContestEntry | None  # with its user, school and ward; None: no sign-up found
    decisions: list[JudgeDecision]  # about the participant, newest first, with their judges


def attempt_audit(user, attempt_id: int) -> AttemptAudit:
    """An attempt in a round this user judges (else NotFound), with its participant's sign-up
    and the decisions taken about them."""
    attempt, round_ = access.judged_attempt(user, attempt_id)
    contest = round_.contest
    entry = (
        ContestEntry.objects.select_related("user", "school", "ward")
        .filter(contest=contest, user_id=attempt.user_id)
        .first()
    )
    decisions = list(entry.decisions.select_related("decided_by")) if entry is not None else []
    return AttemptAudit(attempt, round_, contest, entry, decisions)


def saved_answers(attempt: Attempt) -> QuerySet:
    """The attempt's saved answers, slot by slot, with when each was saved."""
    return attempt.answers.order_by("slot").values("slot", "value", "sequence", "saved_at")


def audit_paper(attempt: Attempt) -> list[dict]:
    """The paper entry by entry as the participant saw it, with the key, the choice made, the
    marks earned and when each answer was saved. For judges only: it shows the key."""
    saved = {answer.slot: answer for answer in Answer.objects.filter(attempt=attempt)}
    rows = []
    for entry in attempt.paper:
        answer = saved.get(entry["slot"])
        value = answer.value if answer else None
        mark = scoring.mark_question(papers.frozen_question(entry), value)
        chosen = set(value) if isinstance(value, list) else {value}
        right = set(entry["key"]["correct_choice_ids"])
        rows.append(
            {
                "slot": entry["slot"],
                "kind": entry["kind"],
                "stem": entry["stem"],
                "choices": [
                    {"text": c["text"], "chosen": c["id"] in chosen, "right": c["id"] in right}
                    for c in entry["choices"]
                ],
                "text_answer": "" if entry["choices"] or value is None else str(value),
                "accepted_answers": entry["key"]["accepted_answers"],
                "numeric_answer": entry["key"]["numeric_answer"],
                "marks": mark.marks,
                "max_marks": mark.max_marks,
                "correct": mark.is_correct,
                "answered": mark.answered,
                "saved_at": answer.saved_at if answer else None,
                "sequence": answer.sequence if answer else None,
            }
        )
    return rows


def attempts_in_round(round_: ContestRound, user_id: int) -> QuerySet:
    """A participant's attempts of the round, in order (without their papers)."""
    return (
        Attempt.objects.filter(quiz_id=round_.pk, user_id=user_id).defer("paper").order_by("number")
    )


# A finalised ranking, for its judges ---------------------------------------------------------


def ranking_rows(snapshot: RankingSnapshot) -> QuerySet[RankingRow]:
    """The snapshot's rows in their order, to page through or stream."""
    return snapshot.rows.order_by("position")


def full_names(snapshot: RankingSnapshot) -> dict[int, str]:
    """The participants' full names by entry, for the judges' export (a snapshot keeps public
    names only)."""
    return dict(
        ContestEntry.objects.filter(contest_id=snapshot.contest_id).values_list(
            "pk", "user__display_name"
        )
    )


def awarded(snapshot: RankingSnapshot, contest: ContestPage) -> list[Certificate]:
    """The certificates already issued for this snapshot's award places."""
    winners = list(
        snapshot.rows.filter(rank__lte=contest.award_places).values_list("entry_id", "rank")
    )
    if not winners:
        return []
    users = ContestEntry.objects.filter(pk__in=[e for e, _r in winners]).values("user")
    titles = {awards.award_title(snapshot, rank) for rank in {r for _e, r in winners}}
    return list(
        Certificate.objects.filter(user__in=users, title__in=titles).order_by("title", "pk")
    )
