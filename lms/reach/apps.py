from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReachConfig(AppConfig):
    name = "lms.reach"
    label = "reach"
    verbose_name = _("Reach toward the 80% target")

    def ready(self) -> None:
        # Registers its section of a person's data; keeps reached records up to date.
        from lms.reach import personal_data, receivers  # noqa: F401
