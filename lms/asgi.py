"""The ASGI application: the live games' WebSockets under /ws/ (nginx sends those to daphne,
and everything else to gunicorn's WSGI servers); `runserver` serves both from here."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
django_application = get_asgi_application()  # sets Django up before the routes are imported

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from quizzes.contests.game_urls import websocket_patterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_application,
        # A page of another site may not open a socket with a visitor's session cookie.
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_patterns))
        ),
    }
)
