"""The site with a service down, for real: the cache at an address where no Redis listens, the
database at a port where nothing answers. Nothing is mocked but the addresses."""

import logging

import pytest
from django.db import connection
from django.test import Client

from lms.core.log import OnceAMinute
from lms.settings import redis_cache
from quizzes import services
from tests import pages
from tests.factories import PASSWORD, StudentFactory, make_question
from tests.pages import make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:1/0")}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    settings.DJANGO_REDIS_LOGGER = "lms.core.cache"


def test_with_redis_down_people_still_read_sign_in_and_save_answers(client, redis_down):
    lesson = pages.lesson(title="Bình đẳng giới trong gia đình")
    assert client.get("/").status_code == 200
    assert client.get(lesson.url).status_code == 200
    student = StudentFactory()
    signed_in = client.post(
        "/accounts/login/", {"username": student.username, "password": PASSWORD}
    )
    assert signed_in.status_code == 302
    assert client.get("/student/").status_code == 200  # the session, read from the database
    quiz = make_quiz(make_question())
    started = client.post(f"/api/v1/quizzes/{quiz.pk}/attempts/")
    assert started.status_code == 201, started.content
    attempt_id = started.json()["id"]
    paper = client.get(f"/api/v1/attempts/{attempt_id}/").json()
    choice = paper["questions"][0]["choices"][0]["id"]
    saved = client.put(
        f"/api/v1/attempts/{attempt_id}/answers/1/",
        {"value": choice, "sequence": 1},
        content_type="application/json",
    )
    assert saved.status_code == 200 and saved.json()["saved"] is True
    submitted = client.post(
        f"/api/v1/attempts/{attempt_id}/submit/", {}, content_type="application/json"
    )
    assert submitted.status_code == 200 and submitted.json()["submitted_at"]


def test_healthz_says_degraded_but_serving_without_the_cache(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded" and response.json()["cache"] == "unreachable"


def test_a_cache_outage_is_logged_once_a_minute_not_per_request(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr("lms.core.log.time.monotonic", lambda: now[0])
    once = OnceAMinute()
    record = logging.LogRecord(
        "lms.core.cache", logging.ERROR, "", 0, "Exception ignored", (), None
    )
    passed = [once.filter(record) for _ in range(500)]
    assert passed.count(True) == 1
    now[0] += 61
    later = logging.LogRecord("lms.core.cache", logging.ERROR, "", 0, "Exception ignored", (), None)
    assert once.filter(later) and "499 more" in later.getMessage()


@pytest.fixture
def database_down(django_db_blocker):
    """The default connection pointed at nothing for the test, then put back."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-folder/nowhere.sqlite3"
    else:
        connection.settings_dict.update(PORT="1", OPTIONS={"connect_timeout": 2})
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_database_down_the_api_answers_json_503_and_pages_a_503_page(database_down):
    browser = Client(raise_request_exception=False)
    api = browser.get("/api/v1/me/", HTTP_AUTHORIZATION="Token 0123456789abcdef")
    assert api.status_code == 503 and api["Retry-After"] == "30"
    assert api.json()["error"]["code"] == "unavailable"
    page = browser.get("/")
    assert page.status_code == 503 and page["Retry-After"] == "30"
    assert "1800 8065" in page.content.decode()
    health = browser.get("/healthz")
    assert health.status_code == 503 and health.json()["database"] == "unreachable"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_database_down_one_line_a_minute_is_logged_not_a_traceback_per_request(
    database_down, caplog, monkeypatch
):
    monkeypatch.setattr("lms.core.log.time.monotonic", lambda: 10.0**9)  # a minute since any other
    browser = Client(raise_request_exception=False)
    with caplog.at_level(logging.INFO):
        for _ in range(20):
            api = browser.get("/api/v1/me/", HTTP_AUTHORIZATION="Token 0123456789abcdef")
            assert api.status_code == 503
            assert browser.get("/").status_code == 503
    said = [(record.name, record.exc_info is not None) for record in caplog.records]
    assert said == [("lms.core.outage", False)], said
    assert "The database does not answer" in caplog.records[0].getMessage()


def test_an_unexpected_api_error_is_json_in_the_error_shape(client, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(services, "start_attempt", broken)
    browser = Client(raise_request_exception=False)
    browser.force_login(StudentFactory())
    quiz = make_quiz(make_question())
    response = browser.post(f"/api/v1/quizzes/{quiz.pk}/attempts/")
    assert response.status_code == 500 and response.json()["error"]["code"] == "server_error"


@pytest.fixture
def kept_connection(settings):
    """A connection of its own, as an app worker keeps it from one request to the next, with
    the `SELECT 1` checks it makes counted."""
    if connection.vendor != "postgresql":
        pytest.skip("the check of a kept connection is PostgreSQL's backend (CI runs on it)")
    from django.db.utils import ConnectionHandler

    handler = ConnectionHandler({"default": dict(settings.DATABASES["default"])})
    kept = handler["default"]
    checks = []
    usable = kept.is_usable
    kept.is_usable = lambda: checks.append(1) or usable()
    yield kept, checks
    handler.close_all()


def _request(kept) -> int:
    """One request's use of the connection, between Django's signals; returns what it read."""
    kept.close_if_unusable_or_obsolete()  # request_started
    with kept.cursor() as cursor:
        cursor.execute("SELECT 2")
        (value,) = cursor.fetchone()
    kept.close_if_unusable_or_obsolete()  # request_finished
    return value


def test_a_connection_that_answered_a_moment_ago_is_used_without_a_check(kept_connection):
    kept, checks = kept_connection
    assert _request(kept) == 2  # connects: a new connection needs no check
    assert _request(kept) == 2 and _request(kept) == 2
    assert checks == []  # an autosave costs one round trip to the database, not two


def test_a_quiet_connection_is_checked_and_a_dead_one_replaced_without_failing(kept_connection):
    kept, checks = kept_connection
    _request(kept)
    kept.answered_at -= 2  # quiet for two seconds
    assert _request(kept) == 2 and len(checks) == 1
    # Then the server ends it (PostgreSQL restarting ends every connection, and takes longer).
    pid = kept.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    kept.answered_at -= 2
    assert _request(kept) == 2  # checked, found dead, replaced: the request never saw it
    assert len(checks) == 2 and kept.connection.info.backend_pid != pid
