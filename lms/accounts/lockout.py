"""What django-axes asks of us: how it names an account and a client, and what a locked-out
sign-in gets back. Named in settings (`AXES_*_CALLABLE`)."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from lms.accounts.errors import SignInLocked
from lms.accounts.models import User
from lms.core.api import API_PREFIX, error_body
from lms.core.security import account_reference


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
        username = User.objects.filter(email__iexact=typed).values_list("username", flat=True)
        typed = username.first() or typed
    return typed.casefold()


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """What a locked-out sign-in gets: the API's error shape, or a page that explains."""
    if request.path.startswith(API_PREFIX):
        response = JsonResponse(error_body(SignInLocked.code, SignInLocked.message), status=429)
    else:
        response = render(request, "accounts/locked_out.html", status=429)
    response["Retry-After"] = str(SignInLocked.retry_after)
    return response
