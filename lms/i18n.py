from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language


def home_url(language: str | None = None) -> str:
    """Vietnamese lives at the root, every other language under its prefix."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return "/" if language == settings.LANGUAGE_CODE else f"/{language}/"


def context(request: HttpRequest) -> dict:
    return {"home_url": home_url()}


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, told which language the page we came from is in.

    With Vietnamese unprefixed, Django resolves `next` in Vietnamese and so cannot translate an
    /en/ address back; activating the language of `next` first lets it.
    """
    next_path = urlsplit(request.POST.get("next", "")).path
    translation.activate(translation.get_language_from_path(next_path) or settings.LANGUAGE_CODE)
    return set_language(request)


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
