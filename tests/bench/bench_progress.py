"""The teacher's progress matrix: server time and queries for 40 × 30 and 200 × 30.

Run on demand (pytest collects it only when named), on PostgreSQL as in production:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hbd_bench \\
        .venv/bin/python -m pytest tests/bench/bench_progress.py -s -p no:cacheprovider

A class gets 30 assignments (20 quizzes, 10 modules of 3 lessons and a check); every student has
read some lessons and submitted some attempts. The page (`/teacher/classes/<id>/progress/`,
rendered through Django's test client, DEBUG off) is timed over 15 requests after a warm-up;
also the XLSX export and the matrix alone (`class_progress`). Goal: under 100 ms for 40 × 30.
With BENCH_SMOKE=1 (CI's size): 40 × 30 only, 3 requests, no time judged.
"""

import random
import statistics
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import LessonProgress
from lms.accounts.models import ClassroomMembership, Role, User
from lms.accounts.services import assign_role
from lms.teaching import assignments
from lms.teaching.models import Assignment
from quizzes.models import Attempt
from tests import pages
from tests.bench.smoke import SMOKE
from tests.factories import ClassroomFactory, TeacherFactory, make_question
from tests.pages import make_quiz

pytestmark = pytest.mark.django_db

NOW = timezone.now()
GOAL_MS = 100


def _class(teacher, size: int, items: list) -> object:
    classroom = ClassroomFactory(teachers=[teacher])
    students = User.objects.bulk_create(
        User(username=f"b{classroom.pk}-{n}", display_name=f"Học sinh {n}", password="!")
        for n in range(size)
    )
    ClassroomMembership.objects.bulk_create(
        ClassroomMembership(classroom=classroom, student=s, school_year=classroom.school_year)
        for s in students
    )
    for kind, item in items:
        Assignment.objects.create(
            classroom=classroom,
            opens_at=NOW - timedelta(days=3),
            due_at=NOW + timedelta(days=random.choice([-1, 4])),
            **{kind: item},
        )
    rng = random.Random(size)
    progress, attempts = [], []
    for student in students:
        for kind, item in items:
            if kind == "module":
                for lesson in item.lessons:
                    if rng.random() < 0.6:
                        progress.append(
                            LessonProgress(
                                user=student,
                                lesson=lesson,
                                lesson_key=lesson.translation_key,
                                started_at=NOW,
                                completed_at=NOW,
                                updated_at=NOW,
                            )
                        )
            elif rng.random() < 0.7:
                percent = rng.choice([40, 60, 80, 100])
                attempts.append(
                    Attempt(
                        quiz=item,
                        user=student,
                        number=1,
                        paper=[],
                        started_at=NOW,
                        submitted_at=NOW,
                        score=percent / 100,
                        maximum=1,
                        percent=percent,
                        duration_seconds=300,
                    )
                )
    LessonProgress.objects.bulk_create(progress, batch_size=2000)
    Attempt.objects.bulk_create(attempts, batch_size=2000)
    return classroom


def _median_ms(call, runs: int = 3 if SMOKE else 15) -> tuple[float, int]:
    call()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        call()
    return statistics.median(times), len(queries)


def test_progress_matrix_speed(client):
    teacher = TeacherFactory()
    assign_role(user=teacher, role=Role.TEACHER)
    client.force_login(teacher)
    items = []
    for n in range(10):
        module = pages.module(title=f"Học phần {n}")
        module.lessons = [pages.lesson(module, title=f"Bài {n}.{k}") for k in range(3)]
        make_quiz(make_question(f"Kiểm tra {n}"), parent=module)
        items.append(("module", module))
    for n in range(20):
        items.append(("quiz", make_quiz(make_question(f"Câu {n}"))))

    print(f"\nprogress matrix on {connection.vendor}, 30 assignments (20 quizzes, 10 modules):")
    results = {}
    for size in (40,) if SMOKE else (40, 200):
        classroom = _class(teacher, size, items)
        url = f"/teacher/classes/{classroom.pk}/progress/"
        page_ms, page_queries = _median_ms(lambda url=url: client.get(url))
        xlsx_ms, _ = _median_ms(lambda url=url: client.get(url + "?format=xlsx"), runs=3)
        matrix_ms, matrix_queries = _median_ms(
            lambda c=classroom: assignments.class_progress(classroom=c, now=NOW)
        )
        results[size] = page_ms
        print(
            f"  {size:>3} students × 30: page median {page_ms:.0f} ms, {page_queries} queries; "
            f"matrix alone {matrix_ms:.0f} ms, {matrix_queries} queries; XLSX {xlsx_ms:.0f} ms"
        )
    if not SMOKE:
        assert results[40] < GOAL_MS * 3  # the goal is printed; a slow box should not fail here
