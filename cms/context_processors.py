from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from cms.chrome import site_chrome
from cms.offline import SAVED_BUDGET_BYTES, SAVED_CACHE


def site_help(request: HttpRequest) -> dict:
    """`chrome`: the footer hotline, help link and quick exit, read only when a template uses it;
    `saved_cache`, `saved_budget`: where the phone keeps the modules a pupil saved, and how much
    (cms/offline.py)."""
    language = get_language()
    return {
        "chrome": SimpleLazyObject(lambda: site_chrome(language)),
        "saved_cache": SAVED_CACHE,
        "saved_budget": SAVED_BUDGET_BYTES,
    }
