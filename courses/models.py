from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.pages import CurriculumIndexPage, LessonPage, ModulePage  # noqa: F401 (page models)


class LessonProgress(models.Model):
    """How far one person got in one lesson, in whichever language they read it.

    Keyed by the lesson's translation key, so reading the English copy counts for the lesson.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="progress")
    lesson_key = models.UUIDField(_("lesson translation key"))
    started_at = models.DateTimeField(_("started"))
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    seconds_spent = models.PositiveIntegerField(_("seconds spent"), default=0)
    updated_at = models.DateTimeField(_("last activity"))

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson_key"], name="one_progress_per_lesson")
        ]
        indexes = [models.Index(fields=["user", "-updated_at"])]

    def __str__(self) -> str:
        return f"{self.user} / {self.lesson_id}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None
