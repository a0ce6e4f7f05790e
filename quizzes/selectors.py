"""Reads of the quiz engine: what a student may see of their attempts, and when."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lms.accounts.models import Classroom, ClassroomMembership, Role
from quizzes import errors, papers, scoring, services
from quizzes.models import Attempt
from quizzes.pages import (
    QUIZ_STAFF_ROLES,
    Audience,
    QuizPage,
    ReviewWhen,
    live_quizzes,
    standalone_quizzes,
)


def attempt_of(*, user, attempt_id: int, now: datetime) -> Attempt:
    """The user's own attempt, closed first if its time ran out; anyone else's is not found.

    A plain read: only an attempt found overdue is locked (its row only: locking the quiz too
    would queue every student's submit) and closed. Its quiz is the live one the worker keeps."""
    attempt = Attempt.objects.filter(pk=attempt_id, user=user).first()
    if attempt is None:
        raise errors.AttemptNotFound()
    overdue = attempt.deadline is not None and now > attempt.deadline + services.GRACE
    if overdue and not attempt.is_submitted:
        with transaction.atomic():
            attempt = Attempt.objects.select_for_update(of=("self",)).get(pk=attempt.pk)
            services.close_if_overdue(attempt=attempt, now=now)
    attempt.quiz = live_quizzes.get(attempt.quiz_id) or attempt.quiz
    return attempt


def hide_scores(attempts, now: datetime) -> list[Attempt]:
    """Mark each attempt whose score its participant may not see yet (`scores_hidden_until`,
    a datetime or None): pages and the API then show that it was submitted, not what it scored.
    Each quiz is asked once, through its own `scores_hidden_until` (a contest round answers)."""
    attempts = list(attempts)
    until: dict[int, datetime | None] = {}
    for attempt in attempts:
        if attempt.quiz_id not in until:
            quiz = live_quizzes.get(attempt.quiz_id) or attempt.quiz
            if type(quiz) is not quiz.specific_class:  # no longer live: read as a plain page
                quiz = quiz.specific
            until[attempt.quiz_id] = quiz.scores_hidden_until(now)
        attempt.scores_hidden_until = until[attempt.quiz_id]
    return attempts


def review_allowed(quiz: QuizPage, attempt: Attempt, now: datetime) -> bool:
    if not attempt.is_submitted or quiz.review_when == ReviewWhen.NEVER:
        return False
    if quiz.scores_hidden_until(now) is not None:
        return False
    if quiz.review_when == ReviewWhen.AFTER_CLOSE:
        # Not before answers stop being accepted: the grace after the close counts too.
        return quiz.closes_at is not None and now >= quiz.closes_at + services.GRACE
    return True


def review(attempt: Attempt, now: datetime) -> list[dict]:
    """Per question, what the quiz's review policy lets the student see, and nothing more."""
    quiz = attempt.quiz
    answers = dict(attempt.answers.values_list("slot", "value"))
    rows = []
    for entry in attempt.paper:
        frozen = papers.frozen_question(entry)
        mark = scoring.mark_question(frozen, answers.get(entry["slot"]))
        row = papers.student_view(entry) | {
            "your_answer": answers.get(entry["slot"]),
            "marks_awarded": str(mark.marks),
        }
        if quiz.review_shows_correctness:
            row["correct"] = mark.is_correct
        if quiz.review_shows_right_answers:
            row["right_choice_ids"] = sorted(frozen.correct_choice_ids)
            row["accepted_answers"] = list(frozen.accepted_answers)
            row["numeric_answer"] = entry["key"]["numeric_answer"]
        if quiz.review_shows_explanations:
            row["explanation"] = entry["explanation"]
            row["feedback"] = {
                str(c["id"]): c["feedback"] for c in entry["choices"] if c["feedback"]
            }
        rows.append(row)
    return rows


def quiz_status(quiz: QuizPage, now: datetime) -> str:
    if quiz.opens_at and now < quiz.opens_at:
        return "not_open"
    if quiz.closes_at and now >= quiz.closes_at:
        return "closed"
    return "open"


@dataclass(frozen=True)
class ChoiceCount:
    id: int
    text: str
    is_correct: bool
    count: int


@dataclass(frozen=True)
class ItemStats:
    question_id: int
    stem: str
    attempts: int
    facility: float  # share of attempts that got it fully right
    discrimination: float | None  # upper 27% minus lower 27%; None with too few attempts
    unanswered: int
    choices: tuple[ChoiceCount, ...]


ITEM_ANALYSIS_ROLES = (Role.EDITOR, Role.REVIEWER, Role.ADMIN)


def may_read_item_analysis(user) -> bool:
    """The people who write and check questions; teachers see their class's view (teacher space)."""
    return user.is_authenticated and user.has_role(*ITEM_ANALYSIS_ROLES)


DISCRIMINATION_GROUP = 0.27
MIN_ATTEMPTS_FOR_DISCRIMINATION = 10


def item_analysis(*, quiz: QuizPage, attempts=None) -> list[ItemStats]:
    """How each question behaved across the quiz's submitted attempts. Two queries in all.

    `attempts` may narrow the set (e.g. one class's); by default every submitted attempt.
    """
    attempts = attempts if attempts is not None else Attempt.objects.filter(quiz=quiz)
    rows = list(
        attempts.filter(submitted_at__isnull=False)
        .only("pk", "paper", "percent")
        .prefetch_related("answers")
    )
    ranked = sorted(rows, key=lambda a: (a.percent or 0, a.pk))
    group = max(1, int(round(len(ranked) * DISCRIMINATION_GROUP)))
    lower, upper = {a.pk for a in ranked[:group]}, {a.pk for a in ranked[-group:]}
    stats: dict[int, dict] = {}
    for attempt in rows:
        answers = {answer.slot: answer.value for answer in attempt.answers.all()}
        for entry in attempt.paper:
            item = stats.setdefault(
                entry["question_id"],
                {
                    "stem": entry["stem"],
                    "n": 0,
                    "right": 0,
                    "unanswered": 0,
                    "upper": [0, 0],
                    "lower": [0, 0],
                    "choices": {},
                    "correct": set(entry["key"]["correct_choice_ids"]),
                },
            )
            for choice in entry["choices"]:
                item["choices"].setdefault(choice["id"], [choice["text"], 0])
            value = answers.get(entry["slot"])
            mark = scoring.mark_question(papers.frozen_question(entry), value)
            item["n"] += 1
            item["right"] += mark.is_correct
            item["unanswered"] += not mark.answered
            chosen = value if isinstance(value, list) else [value]
            for choice_id in chosen:
                if choice_id in item["choices"]:
                    item["choices"][choice_id][1] += 1
            for name, members in (("upper", upper), ("lower", lower)):
                if attempt.pk in members:
                    item[name][0] += mark.is_correct
                    item[name][1] += 1
    result = []
    for question_id, item in stats.items():
        enough = len(rows) >= MIN_ATTEMPTS_FOR_DISCRIMINATION
        upper_share = item["upper"][0] / item["upper"][1] if item["upper"][1] else 0
        lower_share = item["lower"][0] / item["lower"][1] if item["lower"][1] else 0
        result.append(
            ItemStats(
                question_id=question_id,
                stem=item["stem"],
                attempts=item["n"],
                facility=item["right"] / item["n"],
                discrimination=round(upper_share - lower_share, 3) if enough else None,
                unanswered=item["unanswered"],
                choices=tuple(
                    ChoiceCount(cid, text, cid in item["correct"], count)
                    for cid, (text, count) in item["choices"].items()
                ),
            )
        )
    return sorted(result, key=lambda s: s.facility)


def available_quizzes(user):
    """Live quizzes this person may take: public and signed-in ones, and their classes' ones."""
    # Kinds of quiz reached through something else are not listed (`QuizPage.stands_alone`).
    quizzes = standalone_quizzes()
    if user.has_role(*QUIZ_STAFF_ROLES):
        return quizzes
    classes = ClassroomMembership.objects.current().filter(student=user).values("classroom")
    taught = Classroom.objects.taught_by(user).values("pk")
    return quizzes.filter(
        Q(audience__in=[Audience.PUBLIC, Audience.SIGNED_IN])
        | Q(audience_classes__classroom__in=classes)
        | Q(audience_classes__classroom__in=taught)
    ).distinct()


def student_home(user) -> dict:
    """Modules under way, quizzes still to pass, recent results and certificates: the student's
    home, where lms.teaching adds the work their classes gave them (`lms.teaching.student`)."""
    from django.db.models import F
    from wagtail.models import Locale

    from courses.pages import CurriculumIndexPage, ModulePage
    from courses.selectors import continue_where_left_off, module_progress
    from quizzes.models import Certificate

    locale = Locale.get_active()
    modules = list(ModulePage.objects.live().public().filter(locale=locale).order_by("path")[:50])
    progress = module_progress(user=user, modules=modules)
    under_way = [
        (module, progress[module.pk])
        for module in modules
        if module.pk in progress and 0 < progress[module.pk].percent < 100
    ]
    passed = set(
        Attempt.objects.of(user)
        .filter(percent__gte=F("quiz__pass_mark_percent"))
        .values_list("quiz_id", flat=True)
    )
    open_quizzes = [
        quiz
        for quiz in available_quizzes(user).filter(locale=locale).order_by("path")[:50]
        if quiz.pk not in passed and quiz_status(quiz, timezone.now()) == "open"
    ]
    return {
        "continue_lesson": continue_where_left_off(user=user),
        # Where to start when nothing is under way: the list of modules.
        "curriculum": CurriculumIndexPage.objects.live().filter(locale=locale).first(),
        "modules": under_way,
        "quizzes": open_quizzes[:10],
        "results": hide_scores(
            Attempt.objects.of(user)
            .filter(submitted_at__isnull=False)
            .select_related("quiz")
            .defer("paper")
            .order_by("-submitted_at")[:10],
            timezone.now(),
        ),
        "certificates": Certificate.objects.filter(user=user).order_by("-issued_at"),
    }
