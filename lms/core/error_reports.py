"""Error reports to Sentry when SENTRY_DSN is set, with nothing in them that names a person.

Most people behind an error here are pupils, minors. Decree 13/2023/NĐ-CP asks for a parent's
consent to process a child's personal data (Article 20) and an impact assessment before personal
data leaves Vietnam (Article 25); Sentry's servers are abroad. So a report says what broke and for
which account (its numeric id, meaningless outside our database), never who: no name, username,
e-mail, network address, cookie, session id, API token, request body or query string.

Three layers, because each misses something: the SDK is told to collect less (no default PII, no
local variables, no request bodies); `scrub_event` keeps an allow-list of the request and only the
user's id; `redact` blanks personal values in free text (exception messages quote what was
typed). During a request, `CurrentRequestMiddleware` lets `redact` also blank that request's own
username, names, session id and API token wherever they appear, which no pattern could recognise
("boom for an.nguyen"); log lines (lms.core.log) get the same.

Imported while settings load: nothing here may touch Django models or settings at import time.
"""

import re
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from functools import partial
from ipaddress import ip_address
from typing import Any

import sentry_sdk
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import LoggingIntegration
from sentry_sdk.transport import Transport

REDACTED = "[redacted]"

# Request headers worth a report. Anything else may identify someone or sign them in: Cookie,
# Authorization, X-Forwarded-For and X-Real-IP, Referer (a page with a join code), User-Agent
# (with Accept-Language and a school's address range, enough to single out a pupil).
KEPT_HEADERS = frozenset(
    {"host", "content-type", "content-length", "accept-language", "x-request-id"}
)
# Top-level parts of an event that hold no free text from a person: left as they are, so that
# package names (phonenumbers...) and the SDK's own annotations are not blanked.
_NOT_FREE_TEXT = frozenset({"modules", "sdk", "debug_meta", "_meta"})

# Fields whose value is personal whatever it holds: structured data keyed by them is blanked.
_PERSONAL_FIELD = re.compile(
    r"user_?name|display_?name|full_?name|first_?name|last_?name|e-?mail|phone|passw(?:or)?d"
    r"|ip_?address|remote_?addr|forwarded|real_?ip|cookie|session_?(?:id|key)",
    re.IGNORECASE,
)
# `username=an.nguyen`, `"display_name": "Ngọc Anh"`, `username__iexact='an'`, `email: a@b.vn`.
_PERSONAL_PAIR = re.compile(
    r"""(?P<key>["']?\b[\w-]*(?:user_?name|display_?name|full_?name|first_?name|last_?name
            |e-?mail|phone|passw(?:or)?d)[\w-]*["']?\s*[:=](?!:)\s*)
        (?P<value>"[^"]*"|'[^']*'|[^\s,;&)}\]]+)""",
    re.IGNORECASE | re.VERBOSE,
)
# PostgreSQL's DETAIL for unique, foreign-key and exclusion violations quotes the values:
# `Key (username)=(an.nguyen) already exists.` The columns stay, they help; the values go.
_KEY_VALUES = re.compile(
    r"(?P<head>\bkey \((?:.+?)\)=\()(?P<value>.*?)"
    r"(?P<tail>\)(?= already exists| is not present| is still referenced| conflicts with|\.?$))",
    re.IGNORECASE | re.MULTILINE,
)
# ... and for NOT NULL and CHECK violations, the whole row (a password hash among it).
_FAILING_ROW = re.compile(r"(?P<head>Failing row contains \().*(?P<tail>\))")
# A model's repr is its __str__, and ours name people (`<User: Ngọc Anh>`, `<Attempt: an / 3>`).
_MODEL_REPR = re.compile(r"<(?P<model>[A-Z]\w*): [^<>\n]*>")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = re.compile(rf"(?<![\w.])(?:{_OCTET}\.){{3}}{_OCTET}(?!\w|\.\d)")
# Candidates only (`12:30:45` looks the same); the ipaddress module decides.
_IPV6_LIKE = re.compile(
    r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?(?!\w|\.\d)"
)

# The request under way, so that a report made during it can find its user (see the middleware).
_request: ContextVar[HttpRequest | None] = ContextVar("error_reports_request", default=None)


def start(
    *,
    dsn: str,
    environment: str,
    release: str = "",
    traces_sample_rate: float = 0.0,
    transport: Transport | type[Transport] | None = None,
) -> bool:
    """Reports on, scrubbed, when a DSN is given; nothing at all otherwise (returns whether on).

    `transport` is for tests, which capture what would be sent."""
    if not dsn:
        return False
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,  # None: the SDK's guess (SENTRY_RELEASE, the git commit)
        traces_sample_rate=traces_sample_rate or None,  # None: no tracing at all, not 0 %
        # ERROR records become events, INFO and above breadcrumbs (the integration's defaults).
        integrations=[DjangoIntegration(), LoggingIntegration()],
        # send_default_pii is left unset, which means False: no user, cookies or client address
        # from the SDK. sentry-sdk 2.x deprecates passing it (in favour of `data_collection`,
        # which needs a newer SDK than we require and turns off its default EventScrubber).
        include_local_variables=False,  # locals hold usernames, answers, passwords being checked
        max_request_body_size="never",  # sign-in forms, answers
        before_send=scrub_event,
        before_send_transaction=scrub_event,  # with tracing on, transactions carry requests too
        before_breadcrumb=scrub_breadcrumb,
        # server_name (the host name) is kept: it names our app server, not a pupil or a school,
        # and tells which of the servers behind the load balancer failed.
        transport=transport,
    )
    return True


def redact(text: str) -> str:
    """`text` with e-mails, IP addresses, database DETAIL values, `username=...`-shaped pairs
    and model reprs blanked: exception messages and log lines quote what people typed. During a
    request (see `CurrentRequestMiddleware`), also its user's username and names, its session id
    and API token, wherever they appear."""
    return _redact(text, _known_values(_request.get()))


def _redact(text: str, known: re.Pattern | None) -> str:
    # Each pattern only where its telltale character is: most text has none, and SQL and log
    # lines pass through here often.
    if known is not None:
        text = known.sub(REDACTED, text)
    if "<" in text:
        text = _MODEL_REPR.sub(rf"<\g<model>: {REDACTED}>", text)
    if ")=(" in text:
        text = _KEY_VALUES.sub(rf"\g<head>{REDACTED}\g<tail>", text)
    if "row contains (" in text:
        text = _FAILING_ROW.sub(rf"\g<head>{REDACTED}\g<tail>", text)
    if "=" in text or ":" in text:
        text = _PERSONAL_PAIR.sub(_blank_value, text)
    if "@" in text:
        text = _EMAIL.sub("[email]", text)
    if ":" in text:
        text = _IPV6_LIKE.sub(_blank_ipv6, text)
    if "." in text:
        text = _IPV4.sub("[ip]", text)
    return text


def scrub_event(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    """Sentry's before_send: the user's id and nothing else about them, an allow-list of the
    request (no cookies, body, query string, client address or identifying headers), no local
    variables, and free text redacted."""
    event = dict(event)
    user_id = _numeric_id(event.get("user"))
    signed_in = signed_in_user(_request.get())
    if signed_in is not None:
        user_id = _numeric_id({"id": signed_in.pk})
    event.pop("user", None)
    if user_id is not None:
        event["user"] = {"id": user_id}
    if isinstance(event.get("request"), Mapping):
        event["request"] = _kept_request(event["request"])
    for frame in _frames(event):
        frame.pop("vars", None)
    text = partial(_redact, known=_known_values(_request.get()))
    return {
        key: value if key in _NOT_FREE_TEXT or key == "user" else _scrubbed(value, text)
        for key, value in event.items()
    }


def scrub_breadcrumb(crumb: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    """Sentry's before_breadcrumb: messages and data redacted, as in events. Except the SQL of
    query breadcrumbs, one per query: it has %s where the values go (the SDK records them only
    with default PII), and matching patterns in it would cost tens of µs a query."""
    text = partial(_redact, known=_known_values(_request.get()))
    if crumb.get("category") == "query" and isinstance(crumb.get("message"), str):
        return {**_scrubbed({**crumb, "message": ""}, text), "message": crumb["message"]}
    return _scrubbed(crumb, text)


class CurrentRequestMiddleware:
    """Keeps the request for the length of the call, so that a report made during it carries
    its user's id, and `redact` blanks that user's username and names, the session id and the
    API token (in reports and in log lines alike).

    Put it first in MIDDLEWARE, so that it spans the others. The user is read only when a report
    or a line is made, and only if the request has already loaded it: no query then, when the
    database may be the thing that failed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def _blank_value(match: re.Match) -> str:
    value = match["value"]
    quote = value[0] if value[0] in "\"'" else ""
    return f"{match['key']}{quote}{REDACTED}{quote}"


def _blank_ipv6(match: re.Match) -> str:
    text = match.group()
    for end in (len(text), len(text) - 1):  # `fe80::1:` at the end of a sentence
        try:
            if ip_address(text[:end]).version == 6:
                return "[ip]" + text[end:]
        except ValueError:
            continue
    return text


def _numeric_id(user: object) -> str | None:
    user_id = user.get("id") if isinstance(user, Mapping) else None
    return str(user_id) if user_id is not None and str(user_id).isdigit() else None


def _kept_request(request: Mapping[str, Any]) -> dict[str, Any]:
    kept = {key: request[key] for key in ("url", "method") if key in request}
    headers = request.get("headers")
    if isinstance(headers, Mapping):
        kept["headers"] = {
            name: value for name, value in headers.items() if name.lower() in KEPT_HEADERS
        }
    return kept


def _frames(event: Mapping[str, Any]) -> list[dict[str, Any]]:
    frames = []
    for part in ("exception", "threads"):
        values = event[part].get("values", []) if isinstance(event.get(part), Mapping) else []
        for value in values:
            stacktrace = value.get("stacktrace") if isinstance(value, Mapping) else None
            if isinstance(stacktrace, Mapping):
                frames += [
                    frame for frame in stacktrace.get("frames", []) if isinstance(frame, dict)
                ]
    return frames


def signed_in_user(request: HttpRequest | None) -> Any:
    """The request's user if it is signed in and already loaded; never a query."""
    if request is None:
        return None
    user = getattr(request, "user", None)
    if isinstance(user, SimpleLazyObject):  # not evaluated by this check
        user = getattr(request, "_cached_user", None)
    return user if getattr(user, "is_authenticated", False) else None


def _known_values(request: HttpRequest | None) -> re.Pattern | None:
    """The request's session id and API token, and its user's username and names: personal
    values no pattern could recognise ("boom for an.nguyen")."""
    if request is None:
        return None
    known = [request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")]
    known += request.headers.get("Authorization", "").split()[1:]  # "Token abc…", "Bearer abc…"
    if (user := signed_in_user(request)) is not None:
        known += [user.get_username(), getattr(user, "email", "")]
        known += [getattr(user, field, "") for field in ("display_name", "first_name", "last_name")]
    known = sorted({value.strip() for value in known if value and value.strip()}, key=len)[::-1]
    if not known:
        return None
    # Whole words only: a pupil called "An" blanks the word "An" (rather too much), not "Any".
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, known)) + r")(?!\w)", re.IGNORECASE)


def _scrubbed(value: Any, text: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return text(value)
    if isinstance(value, Mapping):
        value = _without_cache_keys(value)
        return {
            key: REDACTED
            if isinstance(key, str) and _PERSONAL_FIELD.search(key)
            else _scrubbed(item, text)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_scrubbed(item, text) for item in value]
    return value


def _without_cache_keys(item: Mapping[str, Any]) -> Mapping[str, Any]:
    """A Redis or cache breadcrumb or span with its command and without its key: keys hold
    session ids (django.contrib.sessions.cached_db…), API tokens (signed-in:token:…) and client
    addresses (sign-in:fail:addr:…), and the Redis integration records them whatever the PII
    setting says."""
    kind = item.get("category") or item.get("op") or ""
    if not (isinstance(kind, str) and (kind == "redis" or kind.startswith(("db.redis", "cache.")))):
        return item
    data = item.get("data") if isinstance(item.get("data"), Mapping) else {}
    command = data.get("redis.command") or data.get("db.operation") or kind
    item = dict(item)
    for text_field in ("message", "description"):
        if text_field in item:
            item[text_field] = str(command)
    if "data" in item:
        item["data"] = {
            key: value
            for key, value in data.items()
            if "key" not in key.lower() and "commands" not in key.lower()
        }
    return item
