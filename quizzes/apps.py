from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """The quiz engine: question bank, quiz pages, attempts, scoring, certificates. Contests are
    built on it in their own app, `quizzes.contests`."""

    name = "quizzes"
    verbose_name = _("Quizzes and contests")

    def ready(self) -> None:
        from quizzes import personal_data  # noqa: F401 (registers its sections)
