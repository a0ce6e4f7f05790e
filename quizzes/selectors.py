"""Reads of the quiz engine: what a student may see of their attempts, and when."""

from datetime import datetime

from django.db import transaction

from quizzes import errors, papers, scoring, services
from quizzes.models import Attempt
from quizzes.pages import QuizPage, ReviewWhen


def attempt_of(*, user, attempt_id: int, now: datetime) -> Attempt:
    """The user's own attempt, closed first if its time ran out; anyone else's is not found."""
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_for_update()
            .select_related("quiz")
            .filter(pk=attempt_id, user=user)
            .first()
        )
        if attempt is None:
            raise errors.AttemptNotFound()
        services.close_if_overdue(attempt=attempt, now=now)
    return attempt


def review_allowed(quiz: QuizPage, attempt: Attempt, now: datetime) -> bool:
    if not attempt.is_submitted or quiz.review_when == ReviewWhen.NEVER:
        return False
    if quiz.review_when == ReviewWhen.AFTER_CLOSE:
        return quiz.closes_at is not None and now >= quiz.closes_at
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
