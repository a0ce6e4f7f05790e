"""What the quiz engine asks of whoever gives quizzes as class work (lms.teaching, which sits
above the engine and answers through `provide` in its AppConfig.ready()): a student's own
deadline on a quiz, and whether the quiz is assigned to them. Until it answers, no student has a
deadline of their own and nothing is assigned."""

from collections.abc import Callable
from datetime import datetime
from typing import Protocol


class StudentDeadline(Protocol):
    """More time for one student: a later close, and minutes added to the time limit."""

    due_at: datetime
    extra_minutes: int


def _no_deadline(*, quiz, user) -> StudentDeadline | None:
    return None


def _not_assigned(*, quiz, user) -> bool:
    return False


_answers: dict[str, Callable] = {"deadline": _no_deadline, "is_assigned": _not_assigned}


def provide(
    *,
    deadline: Callable[..., StudentDeadline | None],
    is_assigned: Callable[..., bool],
) -> None:
    """Called once, by the app that gives work, with its answers to the two questions."""
    _answers.update(deadline=deadline, is_assigned=is_assigned)


def student_deadline(*, quiz, user) -> StudentDeadline | None:
    """The student's own deadline on this quiz (a teacher's extension), or None."""
    return _answers["deadline"](quiz=quiz, user=user)


def is_assigned(*, quiz, user) -> bool:
    """Whether the quiz (or the module holding it) is given to this student as class work."""
    return _answers["is_assigned"](quiz=quiz, user=user)
