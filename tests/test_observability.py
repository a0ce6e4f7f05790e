"""What operators see: /metrics (who may read it, what moves it), one JSON log line per request
with its id, audit lines for sign-ins and attempts, and never a pupil's name in any of it."""

import json
import logging
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from lms.core import metrics
from lms.core.cache import ObservedRedisCache
from lms.core.log import ConsoleFormatter, JsonFormatter, logging_config
from quizzes.models import Attempt
from quizzes.services import close_overdue_attempts, start_attempt
from tests.bench.stack import parse_metrics, total
from tests.factories import PASSWORD, StudentFactory, make_question
from tests.pages import make_quiz

pytestmark = pytest.mark.django_db

OUTSIDE = "203.0.113.7"  # an address Prometheus is not on
TOKEN_URL = "/api/v1/auth/token/"


def scraped(client, **headers) -> dict[tuple, float]:
    response = client.get("/metrics", **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain")
    return parse_metrics(response.content.decode())


class Moves:
    """Metric values before and after: `moves(name, **labels)` is the difference."""

    def __init__(self, client):
        self.client, self.before = client, scraped(client)

    def __call__(self, name: str, **labels) -> float:
        return total(scraped(self.client), name, **labels) - total(self.before, name, **labels)


@pytest.fixture
def pupil():
    return StudentFactory(username="an.nguyen.2012", display_name="Nguyễn Thị Bình An")


# /metrics: for Prometheus only


def test_metrics_refuse_a_caller_from_outside_without_the_token(client, settings):
    settings.METRICS_TOKEN = "s3cret-token-for-prometheus"
    refused = client.get("/metrics", REMOTE_ADDR=OUTSIDE)
    assert refused.status_code == 403
    assert b"METRICS_TOKEN" in refused.content and b"hocbinhdang_" not in refused.content
    wrong = client.get("/metrics", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer guess")
    assert wrong.status_code == 403


def test_metrics_answer_the_token_and_the_allowed_addresses(client, settings):
    settings.METRICS_TOKEN = "s3cret-token-for-prometheus"
    settings.METRICS_ALLOWED_ADDRESSES = ["10.0.0.0/24"]
    with_token = scraped(
        client, REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer s3cret-token-for-prometheus"
    )
    assert total(with_token, "hocbinhdang_database_up") == 1
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.9").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.0.1.9").status_code == 403


def test_metrics_are_not_reachable_through_the_proxy_even_from_the_machine(client, settings):
    """Behind nginx the caller is the address it forwards, never nginx's own loopback."""
    settings.TRUSTED_PROXY_COUNT = 1
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR=OUTSIDE).status_code == 403
    assert client.post("/metrics").status_code == 405


def test_metrics_need_no_allowed_host_nor_https(client, settings):
    """Prometheus calls http://127.0.0.1:8001/metrics: not a host the site serves, not HTTPS."""
    settings.ALLOWED_HOSTS = ["hocbinhdang.example.vn"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/metrics", HTTP_HOST="127.0.0.1:8001").status_code == 200
    assert client.get("/", HTTP_HOST="127.0.0.1:8001").status_code == 400


def test_every_name_the_dashboards_may_read_is_served(client):
    client.get("/healthz")  # a request's labels appear once it has been counted
    names = {key[0] for key in scraped(client)}
    for name in metrics.METRIC_NAMES:
        base = name.removesuffix("_total")
        assert any(n == name or n.startswith(f"{base}_") for n in names) or name in {
            # Labelled counters appear once they have counted something; the task ones on the
            # worker's page (tests/bench/bench_contest_day.py checks those).
            "hocbinhdang_sign_ins_total",
            "hocbinhdang_tasks_finished_total",
            "hocbinhdang_task_duration_seconds",
            "hocbinhdang_cache_requests_total",
            "hocbinhdang_tasks_waiting",
            "hocbinhdang_tasks_oldest_waiting_seconds",
        }, name


# The counters move with what pupils do


def test_sign_ins_are_counted_by_outcome(client, api_client, pupil, settings):
    moves = Moves(client)
    ok = api_client.post(
        TOKEN_URL, {"username": pupil.username, "password": PASSWORD}, format="json"
    )
    assert ok.status_code == 200
    for _ in range(5):
        api_client.post(TOKEN_URL, {"username": pupil.username, "password": "wrong"}, format="json")
    locked = api_client.post(
        TOKEN_URL, {"username": pupil.username, "password": PASSWORD}, format="json"
    )
    assert locked.json()["error"]["code"] == "locked_out"
    assert moves("hocbinhdang_sign_ins_total", outcome="ok", way="password") == 1
    assert moves("hocbinhdang_sign_ins_total", outcome="refused") == 4
    assert moves("hocbinhdang_sign_ins_total", outcome="locked") == 2  # the fifth, then this one
    settings.SIGN_IN_LIMITS = {**settings.SIGN_IN_LIMITS, "successes_per_address": (0, 600)}
    paused = api_client.post(TOKEN_URL, {"username": "someone", "password": "x"}, format="json")
    assert paused.status_code == 429
    assert moves("hocbinhdang_sign_ins_total", outcome="paused") == 1


def test_a_pupils_attempt_moves_started_saved_and_submitted(
    client, api_client, pupil, django_capture_on_commit_callbacks
):
    quiz = make_quiz(make_question(), make_question("Câu hai"), time_limit_minutes=10)
    api_client.force_authenticate(pupil)
    moves = Moves(client)
    with django_capture_on_commit_callbacks(execute=True):
        attempt_id = api_client.post(f"/api/v1/quizzes/{quiz.pk}/attempts/").json()["id"]
        api_client.post(f"/api/v1/quizzes/{quiz.pk}/attempts/")  # resumed, not started again
        choice = Attempt.objects.get(pk=attempt_id).entry(1)["key"]["correct_choice_ids"][0]
        answer = f"/api/v1/attempts/{attempt_id}/answers/1/"
        for sequence in (1, 2):
            api_client.put(answer, {"value": choice, "sequence": sequence}, format="json")
        stale = api_client.put(answer, {"value": choice, "sequence": 1}, format="json")
        assert stale.json()["saved"] is False, stale.json()
        api_client.post(f"/api/v1/attempts/{attempt_id}/submit/")
        api_client.post(f"/api/v1/attempts/{attempt_id}/submit/")  # a repeat changes nothing
    assert moves("hocbinhdang_attempts_started_total") == 1
    assert moves("hocbinhdang_answers_saved_total") == 2
    assert moves("hocbinhdang_attempts_submitted_total") == 1
    assert moves("hocbinhdang_attempts_closed_overdue_total") == 0
    assert moves("hocbinhdang_http_requests_total", view="api:attempt-answer", status="200") == 3
    assert moves("hocbinhdang_http_request_duration_seconds_count", view="api:quiz-start") == 2
    assert moves("hocbinhdang_db_queries_total", view="api:attempt-submit") > 0


def test_an_attempt_closed_by_its_deadline_counts_as_overdue_not_submitted(
    client, pupil, django_capture_on_commit_callbacks
):
    quiz = make_quiz(make_question(), time_limit_minutes=1)
    moves = Moves(client)
    with django_capture_on_commit_callbacks(execute=True):
        attempt = start_attempt(quiz=quiz, user=pupil, now=timezone.now() - timedelta(minutes=10))
        assert close_overdue_attempts(now=timezone.now()) == 1
    assert Attempt.objects.get(pk=attempt.pk).closed_by_deadline
    assert moves("hocbinhdang_attempts_closed_overdue_total") == 1
    assert moves("hocbinhdang_attempts_submitted_total") == 0


def test_a_request_that_fails_is_counted_with_its_status(client):
    moves = Moves(client)
    client.get("/api/v1/no-such-endpoint/")
    client.get("/no-such-page/")
    assert moves("hocbinhdang_http_requests_total", status="404") == 2


def test_the_shared_cache_counts_hits_misses_and_errors(client, settings, redis_url):
    settings.DJANGO_REDIS_LOGGER = "lms.core.cache"
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    options = {"OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.25}}
    # Keys of this test's own: CI runs may share the Redis, so it is never flushed.
    redis = ObservedRedisCache(redis_url, options | {"KEY_PREFIX": uuid.uuid4().hex})
    moves = Moves(client)
    redis.set("kept", 1)
    assert redis.get("kept") == 1 and redis.get("absent", "default") == "default"
    assert redis.get_many(["kept", "absent"]) == {"kept": 1}
    assert moves("hocbinhdang_cache_requests_total", result="hit") == 2
    assert moves("hocbinhdang_cache_requests_total", result="miss") == 2
    down = ObservedRedisCache("redis://127.0.0.1:1/0", options)  # nothing listens there
    assert down.get("kept", "default") == "default"
    down.set("kept", 2)
    assert moves("hocbinhdang_cache_errors_total") == 2
    redis.delete("kept")


# One log line per request, in JSON, with the request's id


def json_lines(records) -> list[dict]:
    formatter = JsonFormatter()
    return [json.loads(formatter.format(record)) for record in records]


def test_each_request_is_one_json_line_with_its_id_user_and_queries(client, caplog, pupil):
    caplog.set_level(logging.INFO, logger="lms.requests")
    client.force_login(pupil)
    response = client.get("/student/")
    assert response.status_code == 200
    rid = response["X-Request-ID"]
    assert len(rid) == 32
    (line,) = [line for line in json_lines(caplog.records) if line.get("event") == "request"]
    assert line["request_id"] == rid
    assert (line["method"], line["path"], line["status"]) == ("GET", "/student/", 200)
    assert line["view"] == "quizzes:student-home"
    assert line["user_id"] == pupil.pk
    assert line["queries"] > 0 and line["duration_ms"] > 0 and line["slow"] is False
    assert line["level"] == "INFO" and line["time"].endswith("+00:00")


def test_the_load_balancers_request_id_is_kept_and_a_forged_one_replaced(client, caplog):
    caplog.set_level(logging.INFO, logger="lms.requests")
    given = "0f8e6d4c2b0a19283746556473829101"
    kept = client.get("/healthz", HTTP_X_REQUEST_ID=given)
    assert kept["X-Request-ID"] == given
    forged = client.get("/healthz", HTTP_X_REQUEST_ID='x"}\n{"level": "ERROR"')
    assert forged["X-Request-ID"] != 'x"}\n{"level": "ERROR"' and len(forged["X-Request-ID"]) == 32
    ids = [line["request_id"] for line in json_lines(caplog.records)]
    assert ids == [given, forged["X-Request-ID"]]


def test_a_slow_request_is_a_warning_and_passes_the_warning_level(client, caplog, settings):
    settings.SLOW_REQUEST_SECONDS = 0.0
    caplog.set_level(logging.WARNING, logger="lms.requests")
    client.get("/healthz")
    (line,) = json_lines(caplog.records)
    assert line["level"] == "WARNING" and line["slow"] is True
    assert line["message"].endswith("(slow)")


def test_an_anonymous_request_does_not_read_the_session_to_log_a_user(client, caplog):
    caplog.set_level(logging.INFO, logger="lms.requests")
    client.get("/healthz")
    (line,) = json_lines(caplog.records)
    assert line["user_id"] is None and line["queries"] >= 1  # the health check's own SELECT 1


def test_no_log_line_carries_a_pupils_name_username_or_address(
    client, api_client, caplog, pupil, django_capture_on_commit_callbacks
):
    """Sign-ins that work, fail and lock (django-axes logs each), an attempt, a 404: every line
    any logger writes, at every level."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="lms.requests")
    address = "198.51.100.23"
    api_client.post(TOKEN_URL, {"username": pupil.username, "password": PASSWORD}, format="json")
    for _ in range(6):
        api_client.post(
            TOKEN_URL,
            {"username": pupil.username, "password": "wrong"},
            format="json",
            REMOTE_ADDR=address,
        )
    client.post("/accounts/login/", {"username": pupil.username.upper(), "password": "x"})
    quiz = make_quiz(make_question())
    api_client.force_authenticate(pupil)
    with django_capture_on_commit_callbacks(execute=True):
        attempt_id = api_client.post(f"/api/v1/quizzes/{quiz.pk}/attempts/").json()["id"]
        api_client.post(f"/api/v1/attempts/{attempt_id}/submit/")
    api_client.get(f"/api/v1/attempts/{attempt_id + 1000}/")
    lines = [json.dumps(line, ensure_ascii=False) for line in json_lines(caplog.records)]
    events = {json.loads(line).get("event") for line in lines}
    assert {"sign_in", "attempt_started", "attempt_submitted", "request"} <= events
    assert any("AXES" in line for line in lines)  # django-axes did log, by reference only
    text = "\n".join(lines).casefold()
    for secret in (pupil.username, pupil.display_name, "bình an", address):
        assert secret.casefold() not in text, secret


def test_audit_lines_name_ids_only(api_client, caplog, pupil):
    caplog.set_level(logging.INFO, logger="lms.audit")
    api_client.post(TOKEN_URL, {"username": pupil.username, "password": PASSWORD}, format="json")
    (line,) = json_lines(caplog.records)
    assert (line["event"], line["outcome"], line["way"], line["user_id"]) == (
        "sign_in",
        "ok",
        "password",
        pupil.pk,
    )


def test_an_exception_in_a_json_line_is_redacted():
    try:
        raise ValueError("DETAIL:  Key (username)=(an.nguyen.2012) already exists. from 10.1.2.3")
    except ValueError:
        record = logging.makeLogRecord(
            {"msg": "failed for %s", "args": ("an@example.vn",), "levelno": 40}
        )
        import sys

        record.exc_info = sys.exc_info()
    line = json.loads(JsonFormatter().format(record))
    assert "an@example.vn" not in line["message"]
    assert "an.nguyen.2012" not in line["exception"] and "10.1.2.3" not in line["exception"]
    assert "ValueError" in line["exception"]


def test_the_console_format_stays_readable_for_developers():
    record = logging.makeLogRecord({"name": "lms.requests", "msg": "GET / 200 in 3 ms"})
    record.levelname = "INFO"
    assert ConsoleFormatter().format(record).endswith("INFO lms.requests GET / 200 in 3 ms")


def test_an_unknown_log_format_stops_start_up_with_its_name():
    with pytest.raises(ValueError, match="LOG_FORMAT"):
        logging_config(format="xml", level="INFO", request_level="INFO")


# Transactional: the worker closes its connection between tasks. Serialized, as every
# transactional test here is, so the site's rows keep their ids for the next one.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_task_worker_counts_its_tasks_on_its_own_metrics_page(settings):
    """`task_worker` (deploy/systemd/hocbinhdang-worker.service) is db_worker with a page of its
    own on a loopback port: the app servers' /metrics do not see the worker's process."""
    from django.core.management import call_command

    from quizzes.contests.tasks import refresh_live_figures
    from tests.bench.stack import free_port, scrape

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    refresh_live_figures.enqueue(999_999)  # no such round: done at once, with 0 participants
    port = free_port()
    call_command(
        "task_worker", "--batch", "--no-startup-delay", "--metrics-address", f"127.0.0.1:{port}"
    )
    page = scrape(f"http://127.0.0.1:{port}/metrics")
    done = total(page, "hocbinhdang_tasks_finished_total", status="successful")
    assert done >= 1
    assert total(page, "hocbinhdang_task_duration_seconds_count") >= 1


def test_an_export_and_an_erasure_are_audit_lines_with_ids_only(caplog, pupil):
    from lms.accounts.models import Role
    from lms.accounts.personal_data import erase_person, export
    from tests.factories import UserFactory

    admin = UserFactory(role=Role.ADMIN)
    caplog.set_level(logging.INFO, logger="lms.audit")
    now = timezone.now()
    export(person=pupil, by=admin, reason="Phụ huynh yêu cầu", now=now, extension="json")
    erase_person(person=pupil, by=admin, reason="Phụ huynh yêu cầu", now=now)
    lines = json_lines(caplog.records)
    assert [line["event"] for line in lines] == ["personal_data_export_json", "personal_data_erase"]
    assert {(line["user_id"], line["by_user_id"]) for line in lines} == {(pupil.pk, admin.pk)}
    assert "Bình An" not in json.dumps(lines, ensure_ascii=False)
