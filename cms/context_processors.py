from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from cms.chrome import site_chrome


def site_help(request: HttpRequest) -> dict:
    """`chrome`: the footer hotline, help link and quick exit, read only when a template uses it."""
    language = get_language()
    return {"chrome": SimpleLazyObject(lambda: site_chrome(language))}
