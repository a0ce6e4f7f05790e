from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """Question bank, quizzes and contests, attempts, scoring and rankings."""

    name = "quizzes"
    verbose_name = _("Quizzes and contests")

    def ready(self) -> None:
        from quizzes import personal_data  # noqa: F401 (registers its sections)
