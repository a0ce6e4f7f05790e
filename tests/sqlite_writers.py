"""Many students start, answer and submit at once on a SQLite file: run in its own process by
`test_sqlite_concurrency.py` (the suite's own database may be PostgreSQL or in memory).

    python -m tests.sqlite_writers <file> <students> <threads>

Prints one JSON line: how many students finished, the errors by kind, attempts scored.
"""

import json
import os
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor


def main(path: str, students: int, threads: int) -> dict:
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from quizzes import services
    from quizzes.models import Attempt
    from tests.load_quiz import make_load_quiz, make_students

    call_command("migrate", verbosity=0)
    quiz = make_load_quiz()
    people = make_students(students, prefix="sqlite")
    connection.close()
    barrier = threading.Barrier(min(threads, students))
    errors: Counter = Counter()

    def take(student) -> bool:
        try:
            try:
                barrier.wait(timeout=5)  # the first ones start in the same instant
            except threading.BrokenBarrierError:
                pass
            attempt = services.start_attempt(quiz=quiz, user=student, now=timezone.now())
            for number, entry in enumerate(attempt.paper, start=1):
                services.save_answer(
                    attempt_id=attempt.pk,
                    user=student,
                    slot=entry["slot"],
                    value=entry["choices"][0]["id"],
                    sequence=number,
                    now=timezone.now(),
                )
            services.submit_attempt(attempt_id=attempt.pk, now=timezone.now())
            return True
        except Exception as error:  # counted by kind: the caller asserts there are none
            errors[f"{type(error).__name__}: {error}"[:120]] += 1
            return False
        finally:
            connection.close()

    with ThreadPoolExecutor(threads) as pool:
        finished = sum(pool.map(take, people))
    scored = Attempt.objects.filter(submitted_at__isnull=False, score__isnull=False).count()
    return {"finished": finished, "errors": dict(errors), "scored": scored}


if __name__ == "__main__":
    file, count, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(main(file, count, workers)))
