"""Headers and client addresses: the small security pieces Django does not ship."""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# Our own pages load nothing from elsewhere and run no inline script.
SITE_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        # Lesson videos are embedded from these players, and only these.
        "frame-src https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Wagtail's admin and the interactive API docs need inline styles and scripts of their own.
BACK_OFFICE_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "style-src 'self' 'unsafe-inline'",
        "script-src 'self' 'unsafe-inline'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'self'",
    ]
)
BACK_OFFICE_PREFIXES = ("/admin/", "/api/v1/docs/")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            back_office = request.path.startswith(BACK_OFFICE_PREFIXES)
            response["Content-Security-Policy"] = BACK_OFFICE_POLICY if back_office else SITE_POLICY
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


def client_ip(request: HttpRequest) -> str:
    """The caller's address; X-Forwarded-For is believed only behind as many proxies as we run.

    Trusting the header blindly would let anyone dodge the login lock-out by inventing addresses.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def account_reference(username: str) -> str:
    """The same account however it is typed, hashed: usernames may hold any character, and a
    username must never be written in a log (pupils are minors)."""
    folded = " ".join(username.split()).casefold()
    return hashlib.sha256(folded.encode()).hexdigest()[:20]
