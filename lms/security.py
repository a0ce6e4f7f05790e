"""Headers and client addresses: the small security pieces Django does not ship."""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

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


def axes_client_str(username, ip_address, user_agent, path_info, request) -> str:
    """How django-axes names a client in its log lines: by reference, without the username or
    the address it would write otherwise."""
    return f"account {account_reference(username or '')[:12]} at {path_info}"


def lockout_username(request: HttpRequest, credentials: dict | None) -> str:
    """The name django-axes counts failures under: one account however it is typed, by its
    username or its e-mail, in any case ("LOCKSTAFF@demo.vn", "lockstaff@DEMO.vn", "LockStaff"),
    as sign-in itself finds it."""
    if credentials and credentials.get("username") is not None:
        typed = credentials["username"]
    else:
        typed = getattr(request, "data", request.POST).get("username", "")
    typed = " ".join(str(typed or "").split())
    if "@" in typed:  # staff sign in with e-mail too: count it under the account's username
        from lms.accounts.models import User

        username = User.objects.filter(email__iexact=typed).values_list("username", flat=True)
        typed = username.first() or typed
    return typed.casefold()


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """What a locked-out sign-in gets: the API's error shape, or a page that explains."""
    from lms.accounts.errors import SignInLocked
    from lms.api import API_PREFIX, error_body

    if request.path.startswith(API_PREFIX):
        response = JsonResponse(error_body(SignInLocked.code, SignInLocked.message), status=429)
    else:
        response = render(request, "accounts/locked_out.html", status=429)
    response["Retry-After"] = str(SignInLocked.retry_after)
    return response
