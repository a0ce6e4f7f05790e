from django.conf import settings
from django.db.models import Case, Value, When
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language


def _footer_hotline():
    from cms.snippets import Hotline

    # The hotline in the reader's language, else any: one query either way.
    in_language = Case(When(locale__language_code=get_language(), then=Value(0)), default=Value(1))
    hotline = (
        Hotline.objects.filter(show_in_footer=True)
        .order_by(in_language, "sort_order", "pk")
        .first()
    )
    if hotline is None:  # before anyone has entered one, the city's line from the settings
        hotline = Hotline(number=settings.HOTLINE_NUMBER)
    return hotline


def _help_url() -> str:
    from cms.models import HelpPage

    page = HelpPage.objects.live().filter(locale__language_code=get_language()).first()
    return page.url if page else ""


def site_help(request) -> dict:
    """The hotline and the help page every page links to, fetched only when a template uses them."""
    return {
        "footer_hotline": SimpleLazyObject(_footer_hotline),
        "help_url": SimpleLazyObject(_help_url),
    }
