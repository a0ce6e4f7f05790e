from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContestsConfig(AppConfig):
    """Contests built on the quiz engine: contest pages and their rounds (a kind of quiz),
    sign-ups, standings, judges' decisions, finalised rankings and awards.

    Its tables kept the names they had in the `quizzes` app (`quizzes_contestentry`…)."""

    name = "quizzes.contests"
    label = "contests"
    verbose_name = _("Contests")

    def ready(self) -> None:
        from quizzes.contests import personal_data  # noqa: F401 (registers its section)
