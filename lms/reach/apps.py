from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReachConfig(AppConfig):
    name = "lms.reach"
    label = "reach"
    verbose_name = _("Reach toward the 80% target")

    def ready(self) -> None:
        from lms.reach import receivers  # noqa: F401 (keeps reached records up to date)
