"""Reached records follow the events: a lesson completed, an attempt scored or regraded."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from courses.models import LessonProgress
from lms.core.live_pages import forget_pages
from lms.reach.models import ReachPolicy
from lms.reach.services import concerns_reach, is_contest_round, queue_recount, refresh_person
from quizzes.models import Attempt


@receiver(post_save, sender=LessonProgress)
def lesson_progress_saved(sender, instance: LessonProgress, **kwargs) -> None:
    if instance.completed_at is not None and concerns_reach(lesson_key=instance.lesson_key):
        refresh_person(instance.user_id)


@receiver(post_save, sender=Attempt)
def attempt_saved(sender, instance: Attempt, update_fields=None, **kwargs) -> None:
    # Scored at submit, at the deadline or by a regrade: each saves the score. The recount is
    # queued in the scoring transaction and done in batches by the task worker, off the hot path.
    scored = instance.score is not None and (update_fields is None or "score" in update_fields)
    if not scored:
        return  # a start or a paper change: the quiz is not even read
    quiz = instance.quiz
    if concerns_reach(quiz_key=quiz.translation_key, contest_round=is_contest_round(quiz)):
        queue_recount(instance.user_id)


@receiver(post_save, sender=ReachPolicy)
@receiver(post_delete, sender=ReachPolicy)
def policy_changed(sender, **kwargs) -> None:
    # What workers keep of the policy is named by the pages' version; core modules follow the
    # pages themselves (publishing or unpublishing saves the page).
    forget_pages()
