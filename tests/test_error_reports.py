"""Error reports to Sentry carry the account's id and what broke, never who the pupil is."""

import json
from datetime import UTC, datetime

import pytest
import sentry_sdk
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport

from lms.accounts.models import User
from lms.core import error_reports
from lms.core.error_reports import CurrentRequestMiddleware, redact, scrub_breadcrumb, scrub_event
from tests.factories import UserFactory

PUPIL_ADDRESS = "203.0.113.77"
PROXY_ADDRESS = "198.51.100.23"


class CapturingTransport(Transport):
    """Keeps what would be sent to Sentry."""

    def __init__(self, options=None):
        super().__init__(options)
        self.envelopes: list[Envelope] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        self.envelopes.append(envelope)

    def everything_sent(self) -> str:
        """The envelopes as sent, and again with their JSON unescaped (Vietnamese names are sent
        as \\u escapes, which a plain search would not find)."""
        raw = b"".join(envelope.serialize() for envelope in self.envelopes).decode()
        items = [item.payload.json for envelope in self.envelopes for item in envelope.items]
        return raw + json.dumps(items, ensure_ascii=False, default=str)

    def events(self) -> list[dict]:
        return [event for envelope in self.envelopes if (event := envelope.get_event())]


@pytest.fixture
def sentry_transport():
    """A transport for `start`; Sentry is shut down after the test, so others run without it."""
    transport = CapturingTransport()
    with sentry_sdk.isolation_scope():  # breadcrumbs and the user stay within this test
        yield transport
        sentry_sdk.get_client().close()
        sentry_sdk.get_global_scope().set_client(None)  # None: a client that records nothing
    assert not sentry_sdk.get_client().is_active()


def exception_event(message: str, **parts) -> dict:
    return {
        "level": "error",
        "exception": {
            "values": [
                {
                    "type": "IntegrityError",
                    "value": message,
                    "stacktrace": {
                        "frames": [
                            {
                                "function": "sign_up",
                                "context_line": "    user.save()",
                                "vars": {"username": "'an.nguyen.2012'", "password": "'x'"},
                            }
                        ]
                    },
                }
            ]
        },
        **parts,
    }


# redact: free text


def test_a_unique_violation_keeps_the_column_and_loses_the_username():
    text = redact(
        'duplicate key value violates unique constraint "accounts_user_username_key"\n'
        "DETAIL:  Key (username)=(an.nguyen.2012) already exists.\n"
    )
    assert "an.nguyen.2012" not in text
    assert "Key (username)=([redacted]) already exists." in text
    assert "accounts_user_username_key" in text


@pytest.mark.django_db
def test_postgresql_own_detail_for_a_taken_username_is_redacted():
    if connection.vendor != "postgresql":
        pytest.skip("the DETAIL line is PostgreSQL's")
    UserFactory(username="ly.thu.ha.2013")
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        User.objects.create(username="ly.thu.ha.2013")
    assert "ly.thu.ha.2013" in str(caught.value)  # what would have been sent
    assert "ly.thu.ha.2013" not in redact(str(caught.value))
    assert "DETAIL" in redact(str(caught.value))


def test_a_row_that_breaks_a_constraint_is_not_quoted():
    text = redact("DETAIL:  Failing row contains (7, pbkdf2_sha256$abc, an.nguyen, Ngọc Anh).")
    assert text == "DETAIL:  Failing row contains ([redacted])."


def test_a_log_line_loses_its_email_and_addresses_but_keeps_its_times():
    text = redact(
        "Sign-in refused for lan.tran@truong.edu.vn from 203.0.113.9 (via 2001:db8::7) "
        "at 08:15:42, proxy ::ffff:10.1.2.3"
    )
    assert text == "Sign-in refused for [email] from [ip] (via [ip]) at 08:15:42, proxy [ip]"


def test_username_shaped_pairs_and_model_reprs_are_blanked():
    text = redact(
        "User.objects.get(username__iexact='an.nguyen') failed; sent "
        '{"username": "an.nguyen", "display_name": "Ngọc Anh"} from /join/?username=an.nguyen&x=1 '
        'and could not assign "<User: Ngọc Anh>"'
    )
    assert "an.nguyen" not in text and "Ngọc Anh" not in text
    assert "&x=1" in text and "<User: [redacted]>" in text


def test_code_and_versions_are_left_alone():
    text = "SELECT lower(username::text) FROM t -- Django 5.2.1, trace 4bf92f3577b34da6a3ce929d0e"
    assert redact(text) == text


# scrub_event: whole events


def test_an_integrity_error_event_keeps_the_id_only():
    event = scrub_event(
        exception_event(
            "DETAIL:  Key (username)=(an.nguyen.2012) already exists.",
            user={
                "id": "41",
                "username": "an.nguyen.2012",
                "email": "an@example.vn",
                "ip_address": "203.0.113.5",
            },
        ),
        {},
    )
    assert event["user"] == {"id": "41"}
    (value,) = event["exception"]["values"]
    assert value["value"] == "DETAIL:  Key (username)=([redacted]) already exists."
    (frame,) = value["stacktrace"]["frames"]
    assert "vars" not in frame and frame["context_line"] == "    user.save()"
    assert "an.nguyen.2012" not in json.dumps(event)


def test_a_user_without_a_numeric_id_is_not_reported_at_all():
    event = scrub_event({"message": "x", "user": {"id": "an@example.vn", "username": "an"}}, {})
    assert "user" not in event


def test_a_log_event_loses_emails_and_addresses_in_its_message_and_params():
    event = scrub_event(
        {
            "logentry": {
                "message": "Password reset for %s from %s",
                "params": ["lan.tran@truong.edu.vn", "203.0.113.9"],
                "formatted": "Password reset for lan.tran@truong.edu.vn from 203.0.113.9",
            },
            "extra": {"client": "2001:db8::7", "email": "lan.tran@truong.edu.vn", "attempts": 3},
            "tags": {"school": "THCS Lê Quý Đôn", "contact": "lan.tran@truong.edu.vn"},
            "contexts": {"runtime": {"name": "CPython", "version": "3.11.2"}},
        },
        {},
    )
    assert event["logentry"] == {
        "message": "Password reset for %s from %s",
        "params": ["[email]", "[ip]"],
        "formatted": "Password reset for [email] from [ip]",
    }
    assert event["extra"] == {"client": "[ip]", "email": "[redacted]", "attempts": 3}
    assert event["tags"] == {"school": "THCS Lê Quý Đôn", "contact": "[email]"}
    assert event["contexts"]["runtime"]["version"] == "3.11.2"


def test_a_request_keeps_its_address_method_and_a_few_headers():
    event = scrub_event(
        {
            "message": "boom",
            "request": {
                "url": "https://hocbinhdang.vn/accounts/join/",
                "method": "POST",
                "query_string": "username=an.nguyen&code=8A1-XYZ",
                "cookies": {"sessionid": "k3y", "csrftoken": "t0k"},
                "data": {"username": "an.nguyen", "password": "mat-khau"},
                "env": {"REMOTE_ADDR": "203.0.113.9", "SERVER_NAME": "app-1"},
                "headers": {
                    "Host": "hocbinhdang.vn",
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept-Language": "vi",
                    "X-Request-Id": "a1b2c3",
                    "Cookie": "sessionid=k3y; csrftoken=t0k",
                    "Authorization": "Token 9f8e7d",
                    "X-Forwarded-For": "203.0.113.9, 10.0.0.2",
                    "User-Agent": "Mozilla/5.0 (Linux; Android 10; SM-A105F)",
                    "Referer": "https://hocbinhdang.vn/accounts/join/8A1-XYZ/",
                },
            },
        },
        {},
    )
    assert event["request"] == {
        "url": "https://hocbinhdang.vn/accounts/join/",
        "method": "POST",
        "headers": {
            "Host": "hocbinhdang.vn",
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept-Language": "vi",
            "X-Request-Id": "a1b2c3",
        },
    }


def test_breadcrumbs_in_an_event_are_redacted_and_cache_keys_dropped():
    event = scrub_event(
        {
            "message": "boom",
            "breadcrumbs": {
                "values": [
                    {"category": "lms.audit", "message": "sign in from 203.0.113.9", "data": {}},
                    {
                        "type": "redis",
                        "category": "redis",
                        "message": "GET ':1:django.contrib.sessions.cached_dbq8w7e6r5t4'",
                        "data": {"redis.command": "GET", "redis.key": ":1:django...q8w7e6r5t4"},
                    },
                ]
            },
        },
        {},
    )
    audit, cache = event["breadcrumbs"]["values"]
    assert audit["message"] == "sign in from [ip]"
    assert cache["message"] == "GET" and cache["data"] == {"redis.command": "GET"}


def test_a_breadcrumb_keeps_its_shape_and_loses_personal_values():
    when = datetime(2026, 5, 4, 8, 15, tzinfo=UTC)
    crumb = scrub_breadcrumb(
        {
            "type": "log",
            "category": "lms.accounts",
            "level": "info",
            "message": "Welcome mail to lan.tran@truong.edu.vn",
            "timestamp": when,
            "data": {"username": "lan.tran", "classroom_id": 12},
        },
        {},
    )
    assert crumb == {
        "type": "log",
        "category": "lms.accounts",
        "level": "info",
        "message": "Welcome mail to [email]",
        "timestamp": when,
        "data": {"username": "[redacted]", "classroom_id": 12},
    }


def test_a_transaction_keeps_its_spans_without_cache_keys():
    sql = 'SELECT "accounts_user"."id" FROM "accounts_user" WHERE "accounts_user"."id" = %s'
    event = scrub_event(
        {
            "type": "transaction",
            "transaction": "/api/v1/attempts/{attempt_id}/answers/{slot}/",
            "spans": [
                {
                    "op": "db.redis",
                    "description": "GET 'signed-in:token:6b1f0c9d2e'",
                    "data": {"redis.command": "GET", "redis.key": "signed-in:token:6b1f0c9d2e"},
                },
                {
                    "op": "cache.get",
                    "description": ":1:sign-in:fail:addr:203.0.113.9:2936",
                    "data": {
                        "cache.key": [":1:sign-in:fail:addr:203.0.113.9:2936"],
                        "cache.hit": 0,
                    },
                },
                {"op": "db", "description": sql, "data": {"db.system": "postgresql"}},
            ],
        },
        {},
    )
    assert [span["description"] for span in event["spans"]] == ["GET", "cache.get", sql]
    assert "6b1f0c9d2e" not in json.dumps(event) and "203.0.113.9" not in json.dumps(event)


def test_during_a_request_redact_also_blanks_its_users_own_names_and_token():
    pupil = User(pk=7, username="bao.tran", display_name="Trần Gia Bảo")
    request = RequestFactory().get("/", HTTP_AUTHORIZATION="Token 9f8e7d6c")
    request.user = pupil
    line = "bao.tran (Trần Gia Bảo) sent token 9f8e7d6c; Bao.Tran again"

    response = CurrentRequestMiddleware(lambda request: HttpResponse(redact(line)))(request)

    assert (
        response.content.decode()
        == "[redacted] ([redacted]) sent token [redacted]; [redacted] again"
    )
    assert redact(line) == line  # after the request, nobody to know about


# start: off without a DSN, scrubbed with one


def test_without_a_dsn_nothing_starts():
    assert error_reports.start(dsn="", environment="test") is False
    assert not sentry_sdk.get_client().is_active()


@pytest.fixture
def pupil_signed_in(client, settings):
    """A pupil with a distinctive username and name, signed in; Sentry's scrubbing as in
    production (the middleware first)."""
    settings.MIDDLEWARE = ["lms.core.error_reports.CurrentRequestMiddleware", *settings.MIDDLEWARE]
    pupil = UserFactory(username="hs.vo.thi.lan.2013", display_name="Võ Thị Lan Chi")
    client.force_login(pupil)
    return pupil, client.cookies[settings.SESSION_COOKIE_NAME].value


def start_reporting(transport: CapturingTransport) -> None:
    assert error_reports.start(
        dsn="https://public@o0.ingest.invalid/1",
        environment="test",
        release="test",
        transport=transport,
    )
    sdk = sentry_sdk.get_client()
    assert sdk.is_active() and not sdk.should_send_default_pii()
    assert sdk.options["include_local_variables"] is False


def through_wsgi(path: str, **meta) -> int:
    """A request as gunicorn makes it: through Django's WSGI handler, which Sentry wraps to read
    the URL, headers, client address and query string (the test client skips that layer)."""
    environ = RequestFactory().get(path, **meta).environ
    statuses = []
    respond = lambda status, headers, exc_info=None: statuses.append(status)  # noqa: E731
    # As the test client does: the request's start and end must not close the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = WSGIHandler()(environ, respond)
        b"".join(body)
        body.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return int(statuses[0].split()[0])


def assert_nothing_personal(sent: str, *values: str) -> None:
    for value in values:
        assert value.casefold() not in sent.casefold(), value


@pytest.mark.django_db
@pytest.mark.urls("tests.error_report_urls")
def test_a_failing_page_is_reported_with_the_user_id_and_nothing_that_names_the_pupil(
    client, pupil_signed_in, sentry_transport
):
    pupil, session_id = pupil_signed_in
    start_reporting(sentry_transport)

    client.raise_request_exception = False
    response = client.get(
        "/boom/?email=lan.vo@example.vn",
        REMOTE_ADDR=PUPIL_ADDRESS,
        HTTP_X_FORWARDED_FOR=PROXY_ADDRESS,
        HTTP_AUTHORIZATION="Token 6b1f0c9d2e",
    )
    sentry_sdk.flush()

    assert response.status_code == 500
    (event,) = sentry_transport.events()
    assert event["user"] == {"id": str(pupil.pk)}
    assert event["exception"]["values"][-1]["value"] == "boom for [redacted]"
    (crumb,) = [c for c in event["breadcrumbs"]["values"] if c["category"] == "tests.boom"]
    assert crumb["message"] == "Opening the page for [redacted]"
    assert_nothing_personal(
        sentry_transport.everything_sent(),
        *(pupil.username, pupil.display_name, session_id, "6b1f0c9d2e"),
        *(PUPIL_ADDRESS, PROXY_ADDRESS, "lan.vo@example.vn"),
    )


@pytest.mark.django_db
@pytest.mark.urls("tests.error_report_urls")
def test_a_failing_page_served_through_wsgi_sends_only_the_allowed_request_parts(
    pupil_signed_in, sentry_transport
):
    pupil, session_id = pupil_signed_in
    start_reporting(sentry_transport)

    status = through_wsgi(
        "/boom/?email=lan.vo@example.vn&lop=8A1",
        REMOTE_ADDR=PUPIL_ADDRESS,
        HTTP_X_FORWARDED_FOR=f"{PROXY_ADDRESS}, 10.0.0.2",
        HTTP_COOKIE=f"{django_settings.SESSION_COOKIE_NAME}={session_id}; django_language=vi",
        HTTP_AUTHORIZATION="Token 6b1f0c9d2e",
        HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 10; SM-A105F)",
        HTTP_REFERER="https://hocbinhdang.vn/accounts/join/8A1-XYZ/",
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    sentry_sdk.flush()

    assert status == 500
    (event,) = sentry_transport.events()
    assert event["user"] == {"id": str(pupil.pk)}
    assert event["request"] == {
        "url": "http://testserver/boom/",
        "method": "GET",
        "headers": {"Accept-Language": "vi"},
    }
    assert_nothing_personal(
        sentry_transport.everything_sent(),
        *(pupil.username, pupil.display_name, session_id, "6b1f0c9d2e", "lan.vo@example.vn"),
        *(PUPIL_ADDRESS, PROXY_ADDRESS, "SM-A105F", "8A1-XYZ", "lop=8A1"),
    )
