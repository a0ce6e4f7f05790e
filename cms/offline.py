"""The installable app around the public site: its manifest, and what its service worker keeps.

The worker keeps two caches. The shell (styles, scripts, icons, the offline page and the help
pages, fetched without cookies so that nobody's name is in them) is named after a version drawn
from the files it holds and the worker's own source, so a deploy that changes any of them
replaces it. Saved modules live in a cache of their own that a deploy leaves alone (a pupil saved
them on purpose); the phone clears it at sign-out.
"""

import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import get_template, render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.models import HelpPage
from lms.core.live_pages import kept_routes, pages_version

SAVED_CACHE = "hbd-saved-v1"
# A phone keeps at most this much of saved modules before it asks.
SAVED_BUDGET_BYTES = 25 * 1024 * 1024
SHELL_FILES = (
    "css/site.css",
    "js/site.js",
    "js/offline.js",
    "icons/icon-192.png",
)
# Never touched by the worker, in either language: the back office, the spaces of teachers,
# judges and programme officers, the API, sign-in and the quiz player (which keeps its own copy).
# Other pages reach it only to be answered from the network, or by the offline page without one:
# it keeps nothing but the shell and what a pupil saved, so a pupil's own pages are never kept.
PRIVATE_PREFIXES = (
    "/admin/",
    "/api/",
    "/accounts/",
    "/teacher/",
    "/judge/",
    "/reach/",
    "/attempts/",
    "/i18n/",
)
THEME_COLOUR = "#5b2a86"  # --brand in frontend/static/css/site.css


def offline_version() -> str:
    """Changes whenever a kept file or the worker's source changes: read once per process, or
    every time in development, where the files change under a running server."""
    return _version() if settings.DEBUG else _deployed_version()


@cache
def _deployed_version() -> str:
    return _version()


def _version() -> str:
    digest = hashlib.sha256()
    digest.update(get_template("cms/sw.js").template.source.encode())
    for name in SHELL_FILES:
        found = finders.find(name)
        digest.update(name.encode())
        if found:
            with open(found, "rb") as file:
                digest.update(file.read())
        digest.update(static(name).encode())  # hashed names in production
    return digest.hexdigest()[:12]


def offline_page_urls() -> dict[str, str]:
    """{language: the offline page's address}."""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls[code] = reverse("offline")
    return urls


def help_page_urls() -> list[str]:
    return [page.url for page in HelpPage.objects.live().public().order_by("path") if page.url]


def service_worker_config() -> str:
    """The worker's settings, as JSON written into its script."""
    offline = offline_page_urls()
    helps = help_page_urls()
    return json.dumps(
        {
            "version": offline_version(),
            "saved": SAVED_CACHE,
            "shell": [static(name) for name in SHELL_FILES] + list(offline.values()) + helps,
            "offline": offline,
            "help": helps,
            "private": list(PRIVATE_PREFIXES),
        },
        separators=(",", ":"),
    )


def manifest() -> dict:
    """The web app manifest: installable, opening on the pupil's own page."""
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "name": "Học Bình Đẳng",
            "short_name": "Học Bình Đẳng",
            "description": str(_("Lessons and quizzes on gender equality for schools in Cần Thơ.")),
            "lang": settings.LANGUAGE_CODE,
            "start_url": reverse("quizzes:student-home"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": THEME_COLOUR,
            "icons": [
                {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
                {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
                {
                    "src": static("icons/maskable-512.png"),
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "maskable",
                },
            ],
        }


def service_worker_script() -> str:
    """The worker's script, rendered once per worker for each version of the pages: browsers
    ask for it again after navigations, so it must cost next to nothing. (Not kept in
    development, where the files it names change under a running server.)"""
    version = None if settings.DEBUG else pages_version()
    script = kept_routes.get(("service worker", version)) if version else None
    if script is None:
        script = render_to_string("cms/sw.js", {"config": service_worker_config()})
        if version:
            kept_routes.keep(("service worker", version), script)
    return script
