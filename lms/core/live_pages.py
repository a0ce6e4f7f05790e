"""What every worker may keep of the site's pages, and for how long: until any page changes.

On contest day a whole school opens the same round page within a minute. Finding a Wagtail page
for a request costs several queries (the site for the host name, the locale, the root page, the
page and its specific type), all for data that changes only when an editor saves something. So
each worker keeps what it found, named by a shared version that any change of a page, a site or
a locale renews (`forget_pages`, connected in cms/apps.py); a change made through any server is
seen by every worker at its next request. Without the shared cache nothing is kept.

Kept objects are shared by the requests of a worker: read them, never change them.
"""

import logging
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site

logger = logging.getLogger(__name__)
PAGES_VERSION_KEY = "pages:version"
KEPT_CHANGES = (Page, Site, Locale, PageViewRestriction)


# The version as this worker last read it, and until when it may trust that reading: every
# request would otherwise ask the shared cache (a round trip) before anything else.
_known: tuple[str | None, float] = (None, 0.0)
TRUST_SECONDS = 1.0


def pages_version() -> str | None:
    """A name for the state of all pages, shared by every worker (a change made elsewhere is seen
    within TRUST_SECONDS); None when the shared cache does not answer (then nothing is kept)."""
    global _known
    version, until = _known
    if version is not None and time.monotonic() < until:
        return version
    try:
        version = cache.get(PAGES_VERSION_KEY)
        if version is None:
            cache.add(PAGES_VERSION_KEY, secrets.token_hex(8), None)
            version = cache.get(PAGES_VERSION_KEY)
    except Exception:
        logger.warning("page version unknown: the cache did not answer", exc_info=True)
        return None
    _known = (version, time.monotonic() + TRUST_SECONDS)
    return version


def forget_pages(**kwargs) -> None:
    """A page changed: what workers keep of pages is stale. Renewed at once (in this worker too)
    and again after the commit, so that a worker that read the old rows in between does not keep
    them."""

    def renew() -> None:
        global _known
        version = secrets.token_hex(8)
        _known = (version, time.monotonic() + TRUST_SECONDS)
        try:
            cache.set(PAGES_VERSION_KEY, version, None)
        except Exception:
            logger.warning("page version not renewed: the cache did not answer", exc_info=True)

    renew()
    transaction.on_commit(renew)


def forget_pages_if_one_changed(sender, instance, **kwargs) -> None:
    """For post_save and post_delete of any model: pages, sites, locales, view restrictions."""
    if isinstance(instance, KEPT_CHANGES):
        forget_pages()


class KeptRoutes:
    """What each worker keeps under the pages' version: sites by host, page routes by address,
    the sites' root paths, the site's chrome (cms.chrome), and the reach policy with the core
    modules it counts (lms.reach; a new policy renews the version too)."""

    def __init__(self, size: int = 5_000):
        self.size = size
        self._kept: OrderedDict[tuple, object] = OrderedDict()

    def get(self, key: tuple):
        return self._kept.get(key)

    def keep(self, key: tuple, value) -> None:
        self._kept[key] = value
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)

    def clear(self) -> None:
        global _known
        self._kept.clear()
        _known = (None, 0.0)


kept_routes = KeptRoutes()


class KeptRoutesMiddleware:
    """Hands Wagtail the site, the page route and the sites' root paths it found before for this
    address, through the attributes Wagtail itself caches them in for a request (`_wagtail_site`,
    `_wagtail_route_for_request`, `_wagtail_cached_site_root_paths`), and keeps what it finds for
    the next request. Only on the public site: the back office finds its pages itself. A post
    is given the site and the root paths (a submit answered with a result page links to pages)
    but finds its page route itself. After LocaleMiddleware: a route depends on the language."""

    SKIPPED = ("/admin/", "/static/", "/media/", "/documents/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reads = request.method in ("GET", "HEAD")
        # An API write (an autosave, the hottest path) links to no page.
        if request.path.startswith(self.SKIPPED) or not reads and request.path.startswith("/api/"):
            return self.get_response(request)
        version = pages_version()
        if version is None:
            return self.get_response(request)
        host = (request._get_raw_host(), request.get_port())
        site_key = ("site", *host, version)
        route_key = ("route", *host, translation.get_language(), request.path_info, version)
        roots_key = ("site root paths", version)
        site = kept_routes.get(site_key)
        if site is not None:
            request._wagtail_site = site
            route = kept_routes.get(route_key) if reads else None
            if route is not None:
                request._wagtail_route_for_request = route
        roots = kept_routes.get(roots_key)
        if roots is not None:  # for page URLs: Wagtail keeps them on the request it is given
            request._wagtail_cached_site_root_paths = roots
        response = self.get_response(request)
        if site is None and getattr(request, "_wagtail_site", None) is not None:
            kept_routes.keep(site_key, request._wagtail_site)
        if roots is None and getattr(request, "_wagtail_cached_site_root_paths", None):
            kept_routes.keep(roots_key, request._wagtail_cached_site_root_paths)
        found = getattr(request, "_wagtail_route_for_request", None)
        if reads and found is not None and response.status_code == 200:
            kept_routes.keep(route_key, found)
        return response


class KeptViewRestrictions:
    """For page models served on contest day: Wagtail checks a page's view restrictions (and its
    ancestors') on every request, two queries for what is nearly always "none". The restrictions
    found are kept per worker under the pages' version (a restriction saved or deleted renews it).
    What is returned is still a queryset: iterated, it answers from what was kept; refined (the
    back office orders it), it queries as before."""

    def get_view_restrictions(self):
        version = pages_version()
        if version is None:
            return super().get_view_restrictions()
        key = ("view restrictions", version, self.pk)
        kept = kept_routes.get(key)
        if kept is None:
            kept = list(super().get_view_restrictions())
            kept_routes.keep(key, kept)
        restrictions = PageViewRestriction.objects.filter(pk__in=[each.pk for each in kept])
        restrictions._result_cache = list(kept)
        restrictions._prefetch_done = True
        return restrictions
