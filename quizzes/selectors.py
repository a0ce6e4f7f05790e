"""Reads of the quiz engine: what a student may see of their attempts, and when."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Case, F, JSONField, Q, Subquery, When
from django.utils import timezone
from wagtail.models import Locale

from courses.pages import CurriculumIndexPage, ModulePage
from courses.selectors import continue_where_left_off, module_progress
from lms.accounts.models import Classroom, ClassroomMembership, Role
from quizzes import errors, papers, scoring, services
from quizzes.models import Attempt, Certificate
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

    def as_dict(self) -> dict:
        """As the API's `ItemStatsSerializer` documents it, without its field-by-field pass."""
        return {
            "question_id": self.question_id,
            "stem": self.stem,
            "attempts": self.attempts,
            "facility": self.facility,
            "discrimination": self.discrimination,
            "unanswered": self.unanswered,
            "choices": [
                {"id": c.id, "text": c.text, "is_correct": c.is_correct, "count": c.count}
                for c in self.choices
            ],
        }


ITEM_ANALYSIS_ROLES = (Role.EDITOR, Role.REVIEWER, Role.ADMIN)


def may_read_item_analysis(user) -> bool:
    """The people who write and check questions; teachers see their class's view (teacher space)."""
    return user.is_authenticated and user.has_role(*ITEM_ANALYSIS_ROLES)


DISCRIMINATION_GROUP = 0.27
MIN_ATTEMPTS_FOR_DISCRIMINATION = 10


def item_analysis(*, quiz: QuizPage, attempts=None) -> list[ItemStats]:
    """How each question behaved across the quiz's submitted attempts, hardest first.

    `attempts` may narrow the set (e.g. one class's); by default every submitted attempt.
    One query in most cases: each attempt's score and `item_marks` (its questions as marked at
    submit: no paper is read or marked again), with the frozen paper of the first attempt for
    the questions' texts; a second one only when other attempts drew questions the first did
    not. Attempts scored before `item_marks` existed get theirs first (`services.mark_items`)."""
    attempts = attempts if attempts is not None else Attempt.objects.filter(quiz=quiz)
    submitted = attempts.filter(submitted_at__isnull=False)
    rows = _marks_and_first_paper(submitted)
    missing = [pk for pk, _percent, marks, _paper in rows if marks is None]
    if missing:
        services.mark_items(attempt_ids=missing)
        rows = _marks_and_first_paper(submitted)
    ranked = sorted(rows, key=lambda row: (row[1] or 0, row[0]))
    group = max(1, int(round(len(ranked) * DISCRIMINATION_GROUP)))
    lower, upper = {row[0] for row in ranked[:group]}, {row[0] for row in ranked[-group:]}
    totals: dict[int, list] = {}  # question id: [n, right, unanswered, upper, lower, picks]
    first_holder: dict[int, int] = {}  # question id: the first attempt that has it
    for pk, _percent, marks, _paper in rows:
        in_upper, in_lower = pk in upper, pk in lower
        for question_id, correct, answered, chosen in marks:
            item = totals.get(question_id)
            if item is None:
                item = totals[question_id] = [0, 0, 0, [0, 0], [0, 0], defaultdict(int)]
                first_holder[question_id] = pk
            item[0] += 1
            item[1] += correct
            item[2] += not answered
            if in_upper:
                item[3][0] += correct
                item[3][1] += 1
            if in_lower:
                item[4][0] += correct
                item[4][1] += 1
            for choice_id in chosen:
                item[5][choice_id] += 1
    entries = _question_entries(rows, first_holder)
    enough = len(rows) >= MIN_ATTEMPTS_FOR_DISCRIMINATION
    result = []
    for question_id, (n, right, unanswered, top, bottom, picks) in totals.items():
        entry = entries[question_id]
        correct = set(entry["key"]["correct_choice_ids"])
        upper_share = top[0] / top[1] if top[1] else 0
        lower_share = bottom[0] / bottom[1] if bottom[1] else 0
        result.append(
            ItemStats(
                question_id=question_id,
                stem=entry["stem"],
                attempts=n,
                facility=right / n,
                discrimination=round(upper_share - lower_share, 3) if enough else None,
                unanswered=unanswered,
                choices=tuple(
                    ChoiceCount(c["id"], c["text"], c["id"] in correct, picks[c["id"]])
                    for c in entry["choices"]
                ),
            )
        )
    return sorted(result, key=lambda s: (s.facility, s.question_id))


def _marks_and_first_paper(submitted) -> list[tuple]:
    """(attempt id, percent, item marks, paper of the first attempt else None), by id."""
    first = submitted.order_by("pk").values("pk")[:1]
    return list(
        submitted.annotate(
            first_paper=Case(
                When(pk=Subquery(first), then=F("paper")), default=None, output_field=JSONField()
            )
        )
        .values_list("pk", "percent", "item_marks", "first_paper")
        .order_by("pk")
    )


def _question_entries(rows: list[tuple], first_holder: dict[int, int]) -> dict[int, dict]:
    """Each question's frozen entry (stem, choices, key) from the first attempt that has it."""
    entries = {}
    for _pk, _percent, _marks, paper in rows[:1]:
        entries = {entry["question_id"]: entry for entry in paper or []}
    others = {pk for question_id, pk in first_holder.items() if question_id not in entries}
    for paper in Attempt.objects.filter(pk__in=others).values_list("paper", flat=True):
        for entry in paper:
            entries.setdefault(entry["question_id"], entry)
    return entries


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
