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


class AssignmentQuerySet(models.QuerySet):
    def for_student(self, user) -> "AssignmentQuerySet":
        """Assignments given to the student's current classes: to all of it, or to them by name."""
        from lms.accounts.models import ClassroomMembership

        classes = ClassroomMembership.objects.current().filter(student=user).values("classroom")
        return (
            self.filter(classroom__in=classes)
            .filter(models.Q(students__isnull=True) | models.Q(students=user))
            .distinct()
        )


class Assignment(models.Model):
    """A module (its lessons and knowledge check) or a quiz given to a class, or to some of it."""

    classroom = models.ForeignKey(
        "accounts.Classroom", on_delete=models.CASCADE, related_name="assignments"
    )
    module = models.ForeignKey(
        ModulePage,
        verbose_name=_("module"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    quiz = models.ForeignKey(
        "quizzes.QuizPage",
        verbose_name=_("quiz"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
    )
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("students"),
        blank=True,
        related_name="+",
        help_text=_("None chosen: the whole class."),
    )
    opens_at = models.DateTimeField(_("opens"))
    due_at = models.DateTimeField(_("due"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(module__isnull=False, quiz__isnull=True)
                | models.Q(module__isnull=True, quiz__isnull=False),
                name="assignment_is_a_module_or_a_quiz",
            ),
            models.CheckConstraint(
                condition=models.Q(due_at__gt=models.F("opens_at")),
                name="assignment_due_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        return str(self.item.title if self.item else self.pk)

    @property
    def item(self):
        return self.module or self.quiz


class Extension(models.Model):
    """More time for one student: a later due date, and minutes added to a quiz's time limit."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="extensions")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="extensions"
    )
    due_at = models.DateTimeField(_("new due date"))
    extra_minutes = models.PositiveSmallIntegerField(
        _("extra minutes on the time limit"), default=0
    )

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "student"], name="one_extension_per_student"
            )
        ]

    def __str__(self) -> str:
        return f"{self.student} / {self.assignment_id}"
