from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeachingConfig(AppConfig):
    """Teaching in one place, above courses and quizzes: assignments and extensions, where each
    student stands, and the teacher space (classes, rosters, work and progress).

    Its tables kept the names they had in the `courses` app (`courses_assignment`…)."""

    name = "lms.teaching"
    label = "teaching"
    verbose_name = _("Teaching")

    def ready(self) -> None:
        # Imported here, once Django has loaded the models these modules use: answers the quiz
        # engine's questions about assigned work (quizzes/assigned_work.py), and registers its
        # section of a person's data.
        from lms.teaching import assignments, personal_data  # noqa: F401
        from quizzes import assigned_work

        assigned_work.provide(
            deadline=assignments.extension_for_quiz, is_assigned=assignments.is_assigned
        )
