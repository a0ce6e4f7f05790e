"""The ASGI application: the live games' WebSockets under /ws/ (nginx sends those to daphne,
and everything else to gunicorn's WSGI servers); `runserver` serves both from here."""

import gc
import os

import django
from django.apps import apps
from django.core.handlers.asgi import ASGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
# What get_asgi_application() does, but setting Django up only once: a second set-up (a test
# process importing this module) would configure logging again and count each cache error twice.
if not apps.ready:
    django.setup(set_prefix=False)
django_application = ASGIHandler()  # Django is set up before the routes below are imported

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

# What is loaded by now (Django, Wagtail, our code) stays for the life of the process: out of the
# collector's sight, a full collection walks the game's objects only, not the whole application
# (it would stop every phone's messages for a tenth of a second and more; gunicorn's workers do
# the same, deploy/gunicorn.conf.py).
gc.freeze()
