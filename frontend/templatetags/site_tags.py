import re

from django import template
from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from lms.core.live_pages import KeptRoutes, pages_version

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ progress|get_item:module.pk }}`: look up a dict by a variable key."""
    if not mapping:
        return None
    return mapping.get(key)


# The header and footer of every page, rendered once per worker for each kind of visitor. A whole
# school opens its round page, its paper and its result within a minute or two; rendered each
# time, these two fragments were a third of each page's work. They depend only on the language,
# the site's chrome (hotline, help page: renewed with the pages' version) and the visitor's roles;
# what is someone's own (the CSRF token, the address to come back to, the name on "Sign out") is
# written into the kept HTML per request, escaped.
CSRF_MARK, NEXT_MARK, NAME_MARK = "csrf-token-d41f7c", "next-path-d41f7c", "short-name-d41f7c"
MARKS = re.compile("(csrf-token|next-path|short-name)-d41f7c")
kept_chrome = KeptRoutes(size=200)


def _visitor(user) -> tuple:
    if not user.is_authenticated:
        return ("visitor",)
    return (
        "signed in",
        user.is_student,
        user.follows_reach,
        user.is_teacher,
        user.judges_contests,
        user.hosts_live_games,
        user.is_staff,
    )


def _kept_fragment(context, template_name: str, key: tuple, extra: dict) -> str:
    version = pages_version()
    full_key = (template_name, version, get_language(), *key)
    html = kept_chrome.get(full_key) if version else None
    if html is None:
        html = render_to_string(
            template_name,
            {
                "chrome": context.get("chrome"),
                "home_url": context.get("home_url"),
                "LANGUAGE_CODE": get_language(),
                **extra,
            },
        )
        if version:
            kept_chrome.keep(full_key, html)
    return html


@register.simple_tag(takes_context=True)
def site_header(context) -> str:
    request, user = context.get("request"), context.get("user") or AnonymousUser()
    if request is None:  # rendered outside a request (a test, a message): nothing to keep
        return render_to_string(
            "chrome/header.html",
            {
                "chrome": context.get("chrome"),
                "home_url": context.get("home_url"),
                "user": user,
                "LANGUAGE_CODE": get_language(),
                "short_name": user.get_short_name() if user.is_authenticated else "",
            },
        )
    html = _kept_fragment(
        context,
        "chrome/header.html",
        _visitor(user),
        {"user": user, "csrf_token": CSRF_MARK, "next_path": NEXT_MARK, "short_name": NAME_MARK},
    )
    own = {
        "csrf-token": get_token(request),
        "next-path": request.get_full_path(),
        "short-name": user.get_short_name() if user.is_authenticated else "",
    }
    # In one pass: a name or an address that holds a mark is written as it is.
    html = MARKS.sub(lambda mark: escape(own[mark[1]]), html)
    return mark_safe(html)  # noqa: S308 - rendered by the template engine, marks escaped above


@register.simple_tag(takes_context=True)
def site_footer(context) -> str:
    return mark_safe(_kept_fragment(context, "chrome/footer.html", (), {}))  # noqa: S308


@register.simple_tag(takes_context=True)
def offline_owner(context) -> str:
    """Who this page was made for, as a token that names nobody: the phone's script clears what a
    previous pupil saved when someone else signs in on the same phone (family phones are shared).
    """
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return ""
    return salted_hmac("offline-owner", str(user.pk)).hexdigest()[:16]
