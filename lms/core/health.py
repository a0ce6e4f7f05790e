"""`/healthz`: for load balancers (the status code) and operators (what each service says)."""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def database_answers(alias: str = "default") -> bool:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def cache_answers() -> bool:
    """A write read back: the Redis cache ignores its errors (a miss, a skipped write), so
    only a round trip tells whether it is there. A key of its own, so that two load balancers
    checking at once do not read each other's token."""
    key = f"healthz:{secrets.token_hex(8)}"
    cache.set(key, 1, 10)
    return cache.get(key) == 1


def task_backlog() -> dict:
    """Tasks waiting for the worker and how long the oldest has waited (a stopped worker shows
    here first); with the immediate backend there is no queue."""
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db"):
        return {"queue": "none (tasks run in the request)"}
    # A model: this module loads with the logging set-up (through metrics), before the apps.
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.ready().order_by("run_after", "enqueued_at")
    oldest = waiting.values_list("enqueued_at", "run_after").first()
    age = 0
    if oldest is not None:
        ready_since = oldest[0] if oldest[1] is None else max(oldest)
        age = max(0, int((timezone.now() - ready_since).total_seconds()))
    return {"waiting": waiting.count(), "oldest_waiting_seconds": age}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 while the site can serve, 503 when it cannot: only the database is needed for that.
    Without the cache the site is slower and its limits looser ("degraded"), never down."""
    database = database_answers()
    body = {
        "status": "ok",
        "database": "ok" if database else "unreachable",
        "cache": "ok" if cache_answers() else "unreachable",
    }
    if database:
        body["tasks"] = task_backlog()
    if not database:
        body["status"] = "unavailable"
    elif body["cache"] != "ok":
        body["status"] = "degraded"
    return JsonResponse(body, status=200 if database else 503)
