"""Writes of the quiz engine: start an attempt, save an answer, submit. Transactions live here."""

import random
from datetime import datetime, timedelta

from django.db import transaction

from lms.core import metrics
from quizzes import assigned_work, errors, papers, scoring
from quizzes.certificates import issue_for_attempt
from quizzes.models import Answer, Attempt, Question, RegradeRecord
from quizzes.pages import QuizPage, live_quizzes
from quizzes.tasks import issue_certificate

# Answers sent just after the deadline still count: phones on school Wi-Fi are slow.
GRACE = timedelta(seconds=60)
MAX_TEXT_ANSWER = 2000
VERSION = ("pk", "latest_revision_id", "updated_at")  # what names a question's version


def build_paper(quiz: QuizPage, *, rng: random.Random) -> list[dict]:
    """Fixed questions, then random draws by tag, without repeats; shuffled if the quiz says so.

    The quiz's plan and each question version are frozen once per worker (see `papers`); a start
    reads only which version of each question is current: one query, and one per draw.
    """
    plan = papers.paper_plans.of(quiz)
    versions = {
        row[0]: row for row in Question.objects.filter(pk__in=plan.fixed).values_list(*VERSION)
    }
    chosen = [pk for pk in plan.fixed if pk in versions]
    taken = set(chosen)
    for tag, count in plan.draws:
        pool = list(
            Question.objects.filter(tags__name=tag)
            .exclude(pk__in=taken)
            .order_by("pk")
            .values_list(*VERSION)
        )
        picked = rng.sample(pool, min(count, len(pool)))
        chosen += [row[0] for row in picked]
        versions.update((row[0], row) for row in picked)
        taken.update(row[0] for row in picked)
    if quiz.shuffle_questions:
        rng.shuffle(chosen)
    bases = papers.frozen_questions.bases({pk: versions[pk] for pk in chosen})
    return [
        papers.placed(bases[pk], slot=slot, rng=rng, shuffle=quiz.shuffle_choices)
        for slot, pk in enumerate(chosen, start=1)
    ]


@transaction.atomic
def start_attempt(
    *,
    quiz: QuizPage,
    user,
    now: datetime,
    seed: int | None = None,
    address: str = "",
    device: str = "",
) -> Attempt:
    """Freeze a paper for a new attempt (or return the unfinished one). `address` and `device`
    say where it came from; the kind of quiz says what of them is kept (`QuizPage.origin_of`)."""
    quiz = quiz.specific  # its own kind decides who may start it and what is kept
    refusal = quiz.start_refusal(user)
    if refusal is not None:
        raise refusal
    closes_at, time_limit = quiz.closes_at, quiz.time_limit_minutes
    # A teacher's extension gives a later close and extra minutes: only a quiz with either, and
    # one that stands alone (the others are never assigned), has one to look up.
    if quiz.stands_alone and (closes_at or time_limit):
        extension = assigned_work.student_deadline(quiz=quiz, user=user)
        if extension is not None:
            closes_at = max(closes_at, extension.due_at) if closes_at else None
            time_limit = time_limit + extension.extra_minutes if time_limit else None
    if quiz.opens_at and now < quiz.opens_at:
        raise errors.QuizNotOpen()
    if closes_at and now >= closes_at:
        raise errors.QuizClosed()
    # Lock this student's attempts of the quiz: two taps on "start" make one attempt.
    previous = list(
        Attempt.objects.select_for_update().filter(quiz=quiz, user=user).order_by("number")
    )
    for attempt in previous:
        close_if_overdue(attempt=attempt, now=now)
    unfinished = next((a for a in previous if not a.is_submitted), None)
    if unfinished is not None:
        return unfinished
    if quiz.attempts_allowed and len(previous) >= quiz.attempts_allowed:
        raise errors.AttemptsUsedUp()
    deadline = None
    if time_limit:
        deadline = now + timedelta(minutes=time_limit)
    if closes_at:
        deadline = min(deadline, closes_at) if deadline else closes_at
    rng = random.Random(seed)
    origin_address, origin_device = quiz.origin_of(address, device)
    attempt = Attempt.objects.create(
        quiz=quiz,
        user=user,
        number=len(previous) + 1,
        paper=build_paper(quiz, rng=rng),
        started_at=now,
        deadline=deadline,
        origin_address=origin_address,
        origin_device=origin_device,
    )
    # Its first autosaves come soon; kept once committed (a rolled-back id may come again).
    transaction.on_commit(lambda: papers.answer_shapes.keep(attempt.pk, attempt.paper))
    transaction.on_commit(
        lambda: metrics.attempt_started(attempt_id=attempt.pk, quiz_id=quiz.pk, user_id=user.pk)
    )
    return attempt


def validate_answer(entry: dict, value: object) -> object:
    """The answer in the shape its question takes, or BadAnswer naming what is wrong."""
    kind = scoring.Kind(entry["kind"])
    choice_ids = {choice["id"] for choice in entry["choices"]}
    if value is None:
        return None
    if kind in (scoring.Kind.SINGLE, scoring.Kind.TRUE_FALSE):
        if isinstance(value, bool) or not isinstance(value, int) or value not in choice_ids:
            raise errors.BadAnswer(fields={"value": [str(errors.BadAnswer.message)]})
        return value
    if kind == scoring.Kind.MULTIPLE:
        if not isinstance(value, list) or any(
            isinstance(item, bool) or not isinstance(item, int) or item not in choice_ids
            for item in value
        ):
            raise errors.BadAnswer(fields={"value": [str(errors.BadAnswer.message)]})
        return sorted(set(value))
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise errors.BadAnswer(fields={"value": [str(errors.BadAnswer.message)]})
    text = str(value)
    if len(text) > MAX_TEXT_ANSWER:
        raise errors.BadAnswer(fields={"value": [str(errors.BadAnswer.message)]})
    return text


def save_answer(
    *, attempt_id: int, user, slot: int, value: object, sequence: int, now: datetime
) -> bool:
    """One small write. An older sequence number never overwrites a newer answer.

    Returns whether this answer is now the saved one (False: a newer one was already there)."""
    shape = papers.answer_shapes.get(attempt_id, slot)
    if shape is None:
        _check_open(attempt_id=attempt_id, user=user, now=now, keep_paper=True)
        shape = papers.answer_shapes.get(attempt_id, slot)
        if shape is None:
            raise errors.NotOnPaper(fields={"slot": [str(errors.NotOnPaper.message)]})
    try:
        value = validate_answer(shape, value)
    except errors.BadAnswer:
        # From a kept shape: someone else's attempt, or a closed one, must not answer "bad value"
        # (that would tell that the attempt exists); say what the write would have said.
        _check_open(attempt_id=attempt_id, user=user, now=now)
        raise
    saved = Answer.objects.save_latest(
        attempt_id=attempt_id,
        user_id=user.pk,
        slot=slot,
        value=value,
        sequence=sequence,
        at=now,
        open_after=now - GRACE,
    )
    if saved:
        metrics.answer_saved()
    else:
        # Not the owner, closed (by time or a submit), or a newer answer is already saved.
        _check_open(attempt_id=attempt_id, user=user, now=now)
    return saved


def _check_open(*, attempt_id: int, user, now: datetime, keep_paper: bool = False) -> None:
    """Raise the error that explains why the user cannot save into the attempt, if any; with
    `keep_paper`, the worker keeps the shapes of its paper (read in the same query)."""
    fields = ["submitted_at", "deadline", "paper"] if keep_paper else ["submitted_at", "deadline"]
    state = Attempt.objects.of(user).filter(pk=attempt_id).values(*fields).first()
    if state is None:
        raise errors.AttemptNotFound()
    if keep_paper:
        papers.answer_shapes.keep(attempt_id, state["paper"])
    deadline = state["deadline"]
    if state["submitted_at"] or (deadline and now > deadline + GRACE):
        raise errors.AttemptClosed()


@transaction.atomic
def submit_attempt(
    *, attempt_id: int, now: datetime, prediction: object = None, user=None
) -> Attempt:
    """Score once. A repeat, or a race with the deadline, returns the same result.

    `user`, when given, must own the attempt (else AttemptNotFound): the lock checks it in the
    same query. `prediction` answers the quiz's prediction question, if it asks one: the quiz
    checks it before anything is written (`QuizPage.accepted_prediction`), and a repeated submit
    never changes the one already kept."""
    locked = Attempt.objects.select_for_update()
    attempt = (locked.of(user) if user is not None else locked).filter(pk=attempt_id).first()
    if attempt is None:
        raise errors.AttemptNotFound()
    # The quiz as the worker keeps it, as its own kind (which knows what its submit accepts);
    # read from the database only if it is no longer live.
    attempt.quiz = live_quizzes.get(attempt.quiz_id) or attempt.quiz.specific
    prediction = attempt.quiz.accepted_prediction(prediction)
    if attempt.is_submitted:
        return attempt
    late = attempt.deadline is not None and now > attempt.deadline + GRACE
    # A prediction counts like an answer: sent in time.
    if prediction is not None and not late:
        attempt.prediction = prediction
    _finish(attempt, at=min(now, attempt.deadline) if late else now, by_deadline=late)
    return attempt


def close_if_overdue(*, attempt: Attempt, now: datetime) -> bool:
    """Score an attempt whose time ran out from what was saved. Call inside a transaction."""
    if attempt.is_submitted or attempt.deadline is None or now <= attempt.deadline + GRACE:
        return False
    _finish(attempt, at=attempt.deadline, by_deadline=True)
    return True


def close_overdue_attempts(*, now: datetime) -> int:
    """For the periodic command: close every attempt whose deadline and grace have passed."""
    closed = 0
    overdue = Attempt.objects.open().filter(deadline__lt=now - GRACE).values_list("pk", flat=True)
    for pk in overdue:
        with transaction.atomic():
            attempt = Attempt.objects.select_for_update().get(pk=pk)
            closed += close_if_overdue(attempt=attempt, now=now)
    return closed


def _finish(attempt: Attempt, *, at: datetime, by_deadline: bool) -> None:
    """Score from the saved answers in one pass and one write. What can wait (a certificate;
    reach, which listens for the score) is queued for the task worker in the same transaction,
    so it happens exactly when the score is committed."""
    answers = dict(attempt.answers.values_list("slot", "value"))
    result = scoring.score([papers.frozen_question(e) for e in attempt.paper], answers)
    attempt.submitted_at = at
    attempt.closed_by_deadline = by_deadline
    attempt.score = result.score
    attempt.maximum = result.maximum
    attempt.percent = result.percent
    attempt.duration_seconds = max(0, int((at - attempt.started_at).total_seconds()))
    attempt.item_marks = item_marks(attempt.paper, answers, result)
    attempt.save(
        update_fields=[
            "submitted_at",
            "closed_by_deadline",
            "score",
            "maximum",
            "percent",
            "duration_seconds",
            "prediction",
            "item_marks",
        ]
    )
    transaction.on_commit(
        lambda: metrics.attempt_finished(
            attempt_id=attempt.pk, user_id=attempt.user_id, by_deadline=by_deadline
        )
    )
    if attempt.passed and attempt.quiz.gives_certificate:
        issue_certificate.enqueue(attempt.pk)


def regrade_question(*, question: Question, by, now: datetime) -> int:
    """Re-key every submitted attempt that had this question and re-score it.

    The student's paper keeps its slots and choice order; only the key (and marks) is replaced by
    the question's current version. Each changed score is recorded. Returns how many changed.
    """
    changed = 0
    candidates = Attempt.objects.filter(submitted_at__isnull=False).with_question(question.pk)
    for pk in candidates.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            attempt = Attempt.objects.select_for_update().get(pk=pk)
            slots = [e for e in attempt.paper if e["question_id"] == question.pk]
            if not slots:
                continue
            for entry in slots:
                order = [choice["id"] for choice in entry["choices"]]
                fresh = papers.freeze_entry(
                    question, slot=entry["slot"], rng=random.Random(0), shuffle=False
                )
                by_id = {choice["id"]: choice for choice in fresh["choices"]}
                fresh["choices"] = [by_id[c] for c in order if c in by_id] + [
                    choice for choice in fresh["choices"] if choice["id"] not in order
                ]
                entry.update(fresh)
            old = attempt.score
            answers = dict(attempt.answers.values_list("slot", "value"))
            result = scoring.score([papers.frozen_question(e) for e in attempt.paper], answers)
            attempt.score, attempt.maximum, attempt.percent = (
                result.score,
                result.maximum,
                result.percent,
            )
            attempt.item_marks = item_marks(attempt.paper, answers, result)
            attempt.save(update_fields=["paper", "score", "maximum", "percent", "item_marks"])
            if old != result.score:
                RegradeRecord.objects.create(
                    attempt=attempt,
                    question=question,
                    regraded_by=by,
                    regraded_at=now,
                    old_score=old,
                    new_score=result.score,
                )
                changed += 1
                if attempt.passed:  # a corrected key can lift an attempt over the pass mark
                    issue_for_attempt(attempt)
    return changed


def item_marks(paper: list[dict], answers: dict, result: scoring.Result) -> list[list]:
    """`Attempt.item_marks`: per question of the paper, what item analysis adds up."""
    marks = []
    for entry, mark in zip(paper, result.marks, strict=True):
        value = answers.get(entry["slot"])
        offered = {choice["id"] for choice in entry["choices"]}
        picked = value if isinstance(value, list) else [value]
        chosen = [c for c in picked if isinstance(c, int) and c in offered]
        marks.append([entry["question_id"], int(mark.is_correct), int(mark.answered), chosen])
    return marks


def mark_items(*, attempt_ids: list[int]) -> None:
    """Fill in `item_marks` of submitted attempts scored before it existed (item analysis calls
    it for those it finds): marked from their saved answers, as their submit would have."""
    scored = (
        Attempt.objects.filter(pk__in=attempt_ids, submitted_at__isnull=False)
        .only("pk", "paper")
        .prefetch_related("answers")
    )
    changed = []
    for attempt in scored:
        answers = {answer.slot: answer.value for answer in attempt.answers.all()}
        result = scoring.score([papers.frozen_question(e) for e in attempt.paper], answers)
        attempt.item_marks = item_marks(attempt.paper, answers, result)
        changed.append(attempt)
    Attempt.objects.bulk_update(changed, ["item_marks"], batch_size=500)
