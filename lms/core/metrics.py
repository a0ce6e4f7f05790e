"""What operators watch on contest day, in Prometheus' text format (README, "Watching contest day").

Each app server answers `/metrics` for all of its gunicorn workers: `deploy/gunicorn.conf.py`
gives every server a fresh folder where each worker writes its counters (prometheus_client's
multi-process mode), and the scrape adds them up. The task worker (with the every-minute
commands it runs) writes to a folder of its own under a fixed name (`METRICS_PROCESS`), so that a
restarted worker adds to the same file instead of leaving one per run; it serves that folder
(`task_worker --metrics-address`). Elsewhere (runserver, tests) the counters live in the process.

Every figure a dashboard or an alert reads is named in `METRIC_NAMES`; deploy/prometheus and
deploy/grafana are checked against it.
"""

import hmac
import ipaddress
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def _writable_folder() -> str:
    """The multi-process folder, if there is one to write to: a timer started while the worker
    (which makes the folder) is stopped keeps its counts in memory rather than fail."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
    if folder and not (os.path.isdir(folder) and os.access(folder, os.W_OK)):
        os.environ.pop("PROMETHEUS_MULTIPROC_DIR")
        logging.getLogger(__name__).warning("metrics kept in memory: %s cannot be written", folder)
        return ""
    return folder


# prometheus_client picks its kind of value when imported: the folder must be settled first.
MULTIPROCESS_FOLDER = _writable_folder()

from prometheus_client import (  # noqa: E402
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    start_http_server,
    values,
)
from prometheus_client.core import GaugeMetricFamily  # noqa: E402
from prometheus_client.multiprocess import MultiProcessCollector  # noqa: E402

from lms.core.health import cache_answers, database_answers, task_backlog  # noqa: E402
from lms.core.security import client_ip  # noqa: E402

if MULTIPROCESS_FOLDER and os.environ.get("METRICS_PROCESS"):
    _process = os.environ["METRICS_PROCESS"]
    values.ValueClass = values.MultiProcessValue(process_identifier=lambda: _process)

audit = logging.getLogger("lms.audit")

SECONDS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

REQUESTS = Counter(
    "hocbinhdang_http_requests", "Requests answered, by view, method and status.",
    ["view", "method", "status"],
)  # fmt: skip
REQUEST_SECONDS = Histogram(
    "hocbinhdang_http_request_duration_seconds", "Time to answer a request, by view.",
    ["view", "method"], buckets=SECONDS,
)  # fmt: skip
DB_QUERIES = Counter("hocbinhdang_db_queries", "Database queries made by requests.", ["view"])
DB_SECONDS = Counter(
    "hocbinhdang_db_query_seconds", "Time requests spent waiting for the database.", ["view"]
)
CACHE_REQUESTS = Counter(
    "hocbinhdang_cache_requests", "Reads from the shared cache, hit or miss.", ["result"]
)
CACHE_ERRORS = Counter(
    "hocbinhdang_cache_errors", "Cache calls that failed and were ignored (Redis down or slow)."
)
SIGN_INS = Counter(
    "hocbinhdang_sign_ins",
    "Sign-ins by outcome (ok, refused: wrong password, paused: a sign-in limit, locked: "
    "django-axes) and way (password, class_code, sign_up).",
    ["outcome", "way"],
)
# Every outcome shown from the start, so that the first refusal after a restart is an increase.
for _outcome in ("ok", "refused", "paused", "locked"):
    SIGN_INS.labels(_outcome, "password")
for _way in ("class_code", "sign_up"):
    SIGN_INS.labels("ok", _way)
ATTEMPTS_STARTED = Counter("hocbinhdang_attempts_started", "Attempts started (not resumed).")
ANSWERS_SAVED = Counter("hocbinhdang_answers_saved", "Answers saved (autosaves that were kept).")
ATTEMPTS_SUBMITTED = Counter("hocbinhdang_attempts_submitted", "Attempts submitted by pupils.")
ATTEMPTS_CLOSED_OVERDUE = Counter(
    "hocbinhdang_attempts_closed_overdue", "Attempts closed and scored when their time ran out."
)
LIVE_FIGURES_SECONDS = Histogram(
    "hocbinhdang_live_figures_duration_seconds",
    "Computations of a contest round's live figures and provisional ranks, by duration.",
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80),
)
TASKS_FINISHED = Counter(
    "hocbinhdang_tasks_finished", "Background tasks finished, by task and status.",
    ["task", "status"],
)  # fmt: skip
TASK_SECONDS = Histogram(
    "hocbinhdang_task_duration_seconds", "Time a background task ran, by task.", ["task"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120, 300),
)  # fmt: skip

METRIC_NAMES = frozenset(
    {
        "hocbinhdang_http_requests_total",
        "hocbinhdang_http_request_duration_seconds",
        "hocbinhdang_db_queries_total",
        "hocbinhdang_db_query_seconds_total",
        "hocbinhdang_cache_requests_total",
        "hocbinhdang_cache_errors_total",
        "hocbinhdang_sign_ins_total",
        "hocbinhdang_attempts_started_total",
        "hocbinhdang_answers_saved_total",
        "hocbinhdang_attempts_submitted_total",
        "hocbinhdang_attempts_closed_overdue_total",
        "hocbinhdang_live_figures_duration_seconds",
        "hocbinhdang_tasks_finished_total",
        "hocbinhdang_task_duration_seconds",
        # Read from the shared services when scraped (every app server says the same).
        "hocbinhdang_database_up",
        "hocbinhdang_cache_up",
        "hocbinhdang_tasks_waiting",
        "hocbinhdang_tasks_oldest_waiting_seconds",
    }
)


# What happened, counted; the events worth auditing are also one log line each (lms.audit),
# with ids only: never a name or a username.


@contextmanager
def audit_paused() -> Iterator[None]:
    """No audit lines meanwhile (demo data: sign-ins and attempts that never happened)."""
    was, audit.disabled = audit.disabled, True
    try:
        yield
    finally:
        audit.disabled = was


def request_answered(
    *, view: str, method: str, status: int, seconds: float, queries: int, query_seconds: float
) -> None:
    method = method if method in METHODS else "other"
    REQUESTS.labels(view, method, str(status)).inc()
    REQUEST_SECONDS.labels(view, method).observe(seconds)
    if queries:
        DB_QUERIES.labels(view).inc(queries)
        DB_SECONDS.labels(view).inc(query_seconds)


def cache_read(*, hits: int, misses: int) -> None:
    if hits:
        CACHE_REQUESTS.labels("hit").inc(hits)
    if misses:
        CACHE_REQUESTS.labels("miss").inc(misses)


def sign_in(outcome: str, *, way: str = "password", user_id: int | None = None) -> None:
    """outcome: ok, refused (wrong username or password), paused (a sign-in limit), locked."""
    SIGN_INS.labels(outcome, way).inc()
    audit.info(
        "sign-in %s (%s)", outcome, way,
        extra={"event": "sign_in", "outcome": outcome, "way": way, "user_id": user_id},
    )  # fmt: skip


def attempt_started(*, attempt_id: int, quiz_id: int, user_id: int) -> None:
    ATTEMPTS_STARTED.inc()
    audit.info(
        "attempt %s started", attempt_id,
        extra={"event": "attempt_started", "attempt_id": attempt_id, "quiz_id": quiz_id,
               "user_id": user_id},
    )  # fmt: skip


def answer_saved() -> None:
    ANSWERS_SAVED.inc()  # too many for a log line each: the request line has them


def attempt_finished(*, attempt_id: int, user_id: int, by_deadline: bool) -> None:
    (ATTEMPTS_CLOSED_OVERDUE if by_deadline else ATTEMPTS_SUBMITTED).inc()
    event = "attempt_closed_overdue" if by_deadline else "attempt_submitted"
    audit.info(
        "attempt %s %s", attempt_id, "closed by its deadline" if by_deadline else "submitted",
        extra={"event": event, "attempt_id": attempt_id, "user_id": user_id},
    )  # fmt: skip


def live_figures_computed(*, round_id: int, seconds: float) -> None:
    LIVE_FIGURES_SECONDS.observe(seconds)
    audit.info(
        "live figures of round %s computed in %.2f s", round_id, seconds,
        extra={"event": "live_figures", "round_id": round_id, "seconds": round(seconds, 3)},
    )  # fmt: skip


def task_finished(sender, task_result, **kwargs) -> None:
    """Receives django-tasks' `task_finished` in the task worker (`task_worker`)."""
    task = task_result.task.name
    TASKS_FINISHED.labels(task, str(task_result.status).lower()).inc()
    started, finished = task_result.started_at, task_result.finished_at
    if started and finished:
        TASK_SECONDS.labels(task).observe((finished - started).total_seconds())


class CountCacheErrors(logging.Filter):
    """On the logger django-redis reports its ignored errors to (settings.LOGGING, lms.core.cache):
    each record is one failed cache call."""

    def filter(self, record: logging.LogRecord) -> bool:
        CACHE_ERRORS.inc()
        return True


class SharedServices:
    """Read when scraped: whether the database and the cache answer, and the task queue."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        database = database_answers()
        yield GaugeMetricFamily(
            "hocbinhdang_database_up", "1 if the database answers.", value=int(database)
        )
        yield GaugeMetricFamily(
            "hocbinhdang_cache_up", "1 if the shared cache answers.", value=int(cache_answers())
        )
        backlog = task_backlog() if database else {}
        if "waiting" in backlog:
            yield GaugeMetricFamily(
                "hocbinhdang_tasks_waiting", "Tasks queued for the worker.", backlog["waiting"]
            )
            yield GaugeMetricFamily(
                "hocbinhdang_tasks_oldest_waiting_seconds",
                "How long the oldest queued task has waited.",
                backlog["oldest_waiting_seconds"],
            )


def counted_registry(folder: str = MULTIPROCESS_FOLDER) -> CollectorRegistry:
    """What this process (or, in multi-process mode, every process writing to the folder) has
    counted."""
    if not folder:
        return REGISTRY
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=folder)
    return registry


_shared = CollectorRegistry(auto_describe=False)
_shared.register(SharedServices())


def exposition() -> bytes:
    """The app server's page: its workers' counts, then the shared services."""
    return generate_latest(counted_registry()) + generate_latest(_shared)


def _allowed_networks() -> list:
    allowed = settings.METRICS_ALLOWED_ADDRESSES
    return [ipaddress.ip_network(entry, strict=False) for entry in allowed]


def may_read(request: HttpRequest) -> bool:
    """Prometheus on an allowed address (by default the machine itself), or with the token."""
    token = settings.METRICS_TOKEN
    given = request.META.get("HTTP_AUTHORIZATION", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return False
    return any(address in network for network in _allowed_networks())


def serve(request: HttpRequest) -> HttpResponse:
    """`/metrics`, answered before the rest of the middleware (no host check, no HTTPS redirect:
    Prometheus calls each app server directly); never through nginx, which refuses the path."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
    if not may_read(request):
        return HttpResponse(
            "Metrics are for the operators' monitoring: call from an address in "
            "METRICS_ALLOWED_ADDRESSES or with the METRICS_TOKEN as a Bearer token.\n",
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)


def serve_in_background(address: str) -> None:
    """The task worker's own metrics page (host:port, loopback only), in a thread."""
    host, _, port = address.rpartition(":")
    start_http_server(int(port), addr=host or "127.0.0.1", registry=counted_registry())
