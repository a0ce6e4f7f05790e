"""What every page shows around its content: the footer hotline, the help link, the quick-exit
address, the organisation and its social links.

It costs three queries to gather, on every page, so it is cached per language for a few minutes,
kept by each worker under the pages' version, and forgotten as soon as an editor publishes a page
or changes a hotline or the site settings.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Value, When

from cms.models import HelpPage, SiteSettings
from cms.snippets import Hotline
from lms.core.live_pages import forget_pages, kept_routes, pages_version

CACHE_SECONDS = 300


def _key(language: str) -> str:
    return f"site-chrome:v1:{language}"


def _gather(language: str) -> dict:
    in_language = Case(When(locale__language_code=language, then=Value(0)), default=Value(1))
    hotline = (
        Hotline.objects.filter(show_in_footer=True)
        .order_by(in_language, "sort_order", "pk")
        .first()
    ) or Hotline(number=settings.HOTLINE_NUMBER)  # before anyone has entered one
    help_page = HelpPage.objects.live().filter(locale__language_code=language).first()
    site_settings = SiteSettings.load()
    return {
        "hotline": {
            "number": hotline.number,
            "tel": hotline.tel,
            "description": hotline.description,
        },
        "help_url": help_page.url if help_page else "",
        "organisation_name": site_settings.organisation_name,
        "quick_exit_url": site_settings.quick_exit_url,
        "social": [
            (name, url)
            for name, url in (
                ("Facebook", site_settings.facebook_url),
                ("YouTube", site_settings.youtube_url),
                ("Zalo", site_settings.zalo_url),
            )
            if url
        ],
    }


def site_chrome(language: str) -> dict:
    """From what this worker keeps under the pages' version, else from the shared cache."""
    version = pages_version()
    kept = kept_routes.get(("chrome", language, version)) if version else None
    if kept is None:
        kept = cache.get_or_set(_key(language), lambda: _gather(language), CACHE_SECONDS)
        if version:
            kept_routes.keep(("chrome", language, version), kept)
    return kept


def forget_site_chrome(**kwargs) -> None:
    cache.delete_many([_key(code) for code, _name in settings.LANGUAGES])
    forget_pages()  # and what each worker keeps
