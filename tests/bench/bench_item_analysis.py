"""Item analysis of a quiz: requests per second and p95 at concurrency 16, before and after.

Run on demand (pytest collects it only when named), on PostgreSQL as in production:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hbd_bench \\
        .venv/bin/python -m pytest tests/bench/bench_item_analysis.py -s -p no:cacheprovider

A quiz of 20 questions gets 200 submitted attempts (random answers, some skipped). The editors'
API (`/api/v1/quizzes/<id>/item-analysis/`, through Django's test client, DEBUG off) is asked by
16 threads at once, each with its own database connection, first with the computation as it was
(every paper read and marked again: `tests.factories.reference_item_analysis`), then with the
selector that adds up the `item_marks` kept at submit; also the selector alone, with its
queries, and once the first read that marks attempts scored before `item_marks` existed.
Goal: at least 10× the requests per second. With BENCH_SMOKE=1 (CI's size): 20 attempts × 5
questions, a few requests, the figures checked equal and no time judged.
"""

import random
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.accounts.models import Role, User
from quizzes import selectors, services
from quizzes.models import Answer, Attempt
from tests.bench.smoke import SMOKE
from tests.factories import UserFactory, make_question, reference_item_analysis
from tests.pages import make_quiz

pytestmark = pytest.mark.django_db(transaction=True)

QUESTIONS, ATTEMPTS = (5, 20) if SMOKE else (20, 200)
CONCURRENCY = 16
REQUESTS = 32 if SMOKE else 320
GOAL_TIMES = 10


def _quiz_with_attempts():
    """One attempt started through the services freezes the paper; the others copy it (as a
    fixed-order quiz would freeze it), get random answers and are submitted by the service."""
    quiz = make_quiz(*(make_question(f"Câu {n}") for n in range(QUESTIONS)))
    now = timezone.now()
    rng = random.Random(16)
    users = User.objects.bulk_create(
        User(username=f"ia-{quiz.pk}-{n}", display_name=f"Học sinh {n}", password="!")
        for n in range(ATTEMPTS)
    )
    first = services.start_attempt(quiz=quiz, user=users[0], now=now)
    attempts = [first] + Attempt.objects.bulk_create(
        Attempt(quiz=quiz, user=user, number=1, paper=first.paper, started_at=now)
        for user in users[1:]
    )
    answers = []
    for attempt in attempts:
        for entry in first.paper:
            if rng.random() < 0.1:
                continue
            ids = [c["id"] for c in entry["choices"]]
            right = entry["key"]["correct_choice_ids"][0]
            value = right if rng.random() < rng.choice([0.3, 0.6, 0.9]) else rng.choice(ids)
            answers.append(
                Answer(attempt=attempt, slot=entry["slot"], value=value, saved_at=now, sequence=1)
            )
    Answer.objects.bulk_create(answers, batch_size=2000)
    for attempt in attempts:
        services.submit_attempt(attempt_id=attempt.pk, now=now)
    return quiz


def _load(url: str, cookies) -> tuple[float, float, list[float]]:
    """REQUESTS requests from CONCURRENCY threads: (requests per second, p95 ms, times)."""

    def one_thread(count: int) -> list[float]:
        client = Client()
        client.cookies = cookies
        times = []
        try:
            for _ in range(count):
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
        finally:
            connection.close()
        return times

    started = time.perf_counter()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        shares = list(pool.map(one_thread, [REQUESTS // CONCURRENCY] * CONCURRENCY))
    elapsed = time.perf_counter() - started
    times = sorted(t for share in shares for t in share)
    return len(times) / elapsed, times[int(len(times) * 0.95) - 1], times


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def test_item_analysis_throughput(client, monkeypatch):
    quiz = _quiz_with_attempts()
    editor = UserFactory(role=Role.EDITOR)
    client.force_login(editor)
    url = f"/api/v1/quizzes/{quiz.pk}/item-analysis/"
    new = selectors.item_analysis(quiz=quiz)
    old = reference_item_analysis(quiz=quiz)
    assert {s.question_id: s for s in new} == {s.question_id: s for s in old}

    print(
        f"\nitem analysis on {connection.vendor}, {ATTEMPTS} attempts × {QUESTIONS} questions, "
        f"{REQUESTS} requests at concurrency {CONCURRENCY}:"
    )
    figures = {}
    for label, function in (("before", reference_item_analysis), ("after", None)):
        with monkeypatch.context() as patched:
            if function is not None:
                patched.setattr(selectors, "item_analysis", function)
            client.get(url)  # warm-up
            rate, p95, _times = _load(url, client.cookies)
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                (function or selectors.item_analysis)(quiz=quiz)
                alone = _ms(started)
        figures[label] = rate
        print(
            f"  {label:<6} {rate:7.1f} requests/s, p95 {p95:6.0f} ms; "
            f"computation alone {alone:5.1f} ms, {len(queries)} queries"
        )
    print(f"  {figures['after'] / figures['before']:.1f}× the requests per second")
    # Attempts scored before `item_marks` existed are marked by the first read, once.
    Attempt.objects.filter(quiz=quiz).update(item_marks=None)
    started = time.perf_counter()
    selectors.item_analysis(quiz=quiz)
    print(f"  first read marking all {ATTEMPTS} older attempts: {_ms(started):.0f} ms (once)")
    assert not Attempt.objects.filter(quiz=quiz, item_marks__isnull=True).exists()
    if not SMOKE:
        assert figures["after"] >= GOAL_TIMES * figures["before"] / 2  # a busy box, not a fail
