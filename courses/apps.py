from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Curriculum as Wagtail pages (module → lesson), lesson progress."""

    name = "courses"
    verbose_name = _("Curriculum")

    def ready(self) -> None:
        from courses import personal_data  # noqa: F401 (registers its section)
