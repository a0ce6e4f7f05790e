from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language
from wagtail.models import Locale, Site


def home_url(language: str | None = None) -> str:
    """Vietnamese lives at the root, every other language under its prefix."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return "/" if language == settings.LANGUAGE_CODE else f"/{language}/"


def context(request: HttpRequest) -> dict:
    return {"home_url": home_url()}


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, landing on the translated page.

    With Vietnamese unprefixed, Django resolves `next` in Vietnamese and so cannot translate an
    /en/ address back; activating the language of `next` first lets it. Wagtail pages have their
    own slugs in each language, so they are looked up through their translations instead.
    """
    next_path = urlsplit(request.POST.get("next", "")).path
    source = translation.get_language_from_path(next_path) or settings.LANGUAGE_CODE
    translation.activate(source)
    response = set_language(request)
    target = request.POST.get("language", "")
    if response.status_code == 302 and target in dict(settings.LANGUAGES):
        page_url = translated_page_url(request, next_path, source=source, target=target)
        if page_url:
            response["Location"] = page_url
    return response


def translated_page_url(request: HttpRequest, path: str, *, source: str, target: str) -> str | None:
    """The address of the page at `path` in the target language, or that language's home page
    when the page has no published translation; None when `path` is not a Wagtail page."""
    site = Site.find_for_request(request)
    locales = {
        loc.language_code: loc for loc in Locale.objects.filter(language_code__in=[source, target])
    }
    if site is None or source not in locales or target not in locales:
        return None
    root = site.root_page.get_translation_or_none(locales[source])
    if root is None:
        return None
    if source != settings.LANGUAGE_CODE:
        path = path.removeprefix(f"/{source}")
    try:
        page = root.specific.route(request, [part for part in path.split("/") if part]).page
    except Http404:
        return None
    translated = page.get_translation_or_none(locales[target])
    if translated is not None and translated.live:
        return translated.get_url(request)
    return home_url(target)


class ApiLanguageMiddleware:
    """API answers follow Accept-Language (or the language cookie).

    LocaleMiddleware gives every unprefixed path the default language, which is right for pages
    (Vietnamese at the root) but not for an API called by apps that say which language they want.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
