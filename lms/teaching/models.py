"""Work a class is given: assignments (a module or a quiz, to a class or some of it) and the
extensions a teacher grants one student.

Their tables kept the names they had in the `courses` app (`courses_assignment`…)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.pages import ModulePage
from lms.accounts.models import ClassroomMembership


class AssignmentQuerySet(models.QuerySet):
    def for_student(self, user) -> "AssignmentQuerySet":
        """Assignments given to the student's current classes: to all of it, or to them by name."""
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
        db_table = "courses_assignment"
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
        db_table = "courses_extension"
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "student"], name="one_extension_per_student"
            )
        ]

    def __str__(self) -> str:
        return f"{self.student} / {self.assignment_id}"
