"""URLs of the quiz load benchmark: the real site plus the floor (see load_site.py)."""

import json

from django.db import connection
from django.http import HttpResponseBadRequest, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from lms.urls import urlpatterns as site_patterns

UPSERT = """
INSERT INTO quizzes_answer (attempt_id, slot, value, sequence, saved_at)
VALUES (%s, %s, %s, %s, now())
ON CONFLICT (attempt_id, slot) DO UPDATE
SET value = EXCLUDED.value, sequence = EXCLUDED.sequence, saved_at = EXCLUDED.saved_at
WHERE quizzes_answer.sequence < EXCLUDED.sequence
"""


@csrf_exempt
def floor_upsert(request, attempt_id: int, slot: int):
    try:
        body = json.loads(request.body)
        value, sequence = body["value"], int(body["sequence"])
    except (ValueError, KeyError, TypeError):
        return HttpResponseBadRequest()
    with connection.cursor() as cursor:
        cursor.execute(UPSERT, [attempt_id, slot, json.dumps(value), sequence])
    return JsonResponse({"slot": slot, "saved": cursor.rowcount == 1, "sequence": sequence})


urlpatterns = [
    path("bench/floor/<int:attempt_id>/<int:slot>/", floor_upsert),
    *site_patterns,
]
