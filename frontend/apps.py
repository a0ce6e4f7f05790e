from django.apps import AppConfig


class FrontendConfig(AppConfig):
    """Templates, CSS and the little JavaScript the site needs."""

    name = "frontend"
