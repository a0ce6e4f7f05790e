"""Writes about the curriculum: recording how far a student got in a lesson."""

from datetime import datetime

from django.db import IntegrityError, transaction

from courses.models import LessonProgress
from courses.pages import LessonPage
from lms.accounts.models import User

# Nobody spends more than four hours on one short lesson; larger figures are a broken client.
MAX_SECONDS_PER_LESSON = 4 * 60 * 60


def record_lesson_progress(
    *,
    user: User,
    lesson: LessonPage,
    now: datetime,
    seconds_spent: int | None = None,
    completed: bool = False,
) -> LessonProgress:
    """Idempotent: repeating a report changes nothing, and a completion is never undone.

    `seconds_spent` is the reader's running total for the lesson; the larger figure wins, so a
    replayed or out-of-order report cannot count the same time twice.
    """
    current = LessonProgress.objects.filter(user=user, lesson_key=lesson.translation_key).first()
    if current is not None and not _changes(current, lesson, seconds_spent, completed):
        return current  # re-reading a lesson writes nothing
    with transaction.atomic():
        return _record(user, lesson, now, seconds_spent, completed)


def _changes(progress: LessonProgress, lesson, seconds_spent, completed) -> bool:
    return (
        (
            seconds_spent is not None
            and min(seconds_spent, MAX_SECONDS_PER_LESSON) > progress.seconds_spent
        )
        or (completed and progress.completed_at is None)
        or progress.lesson_id != lesson.pk
    )


def _record(user, lesson, now, seconds_spent, completed) -> LessonProgress:
    progress = (
        LessonProgress.objects.select_for_update()
        .filter(user=user, lesson_key=lesson.translation_key)
        .first()
    )
    if progress is None:
        try:
            with transaction.atomic():
                progress = LessonProgress.objects.create(
                    user=user,
                    lesson=lesson,
                    lesson_key=lesson.translation_key,
                    started_at=now,
                    updated_at=now,
                )
        except IntegrityError:  # a second tab created it a moment ago
            progress = LessonProgress.objects.select_for_update().get(
                user=user, lesson_key=lesson.translation_key
            )
    changed = []
    if seconds_spent is not None:
        seconds = min(max(seconds_spent, 0), MAX_SECONDS_PER_LESSON)
        if seconds > progress.seconds_spent:
            progress.seconds_spent = seconds
            changed.append("seconds_spent")
    if completed and progress.completed_at is None:
        progress.completed_at = now
        changed.append("completed_at")
    if progress.lesson_id != lesson.pk:
        progress.lesson = lesson  # the language read last
        changed.append("lesson")
    if changed:
        progress.updated_at = now
        progress.save(update_fields=[*changed, "updated_at"])
    return progress
