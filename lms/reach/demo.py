"""Demo reach: some demo pupils read the core modules and pass their checks over the past
weeks, so that the officer's dashboard, trend and projection show something real."""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from courses.models import LessonProgress
from courses.pages import LessonPage, ModulePage
from lms.accounts.models import Role, User
from lms.reach.models import ReachPolicy, ReachSnapshot
from lms.reach.services import recompute
from lms.reach.snapshots import take_snapshot
from quizzes.models import Attempt
from quizzes.pages import QuizPage

WEEKS = 8
SHARE = 0.35  # of the demo pupils, reached over the weeks


def seed_reach(*, limit: int = 3000) -> int:
    """Idempotent: once the weekly figures exist, the demo activity is not added again."""
    if ReachSnapshot.objects.exists():
        return ReachPolicy.current().reached.count()
    locale = Locale.get_default()
    modules = list(ModulePage.objects.live().filter(is_core=True, locale=locale))
    if not modules:
        return 0
    lessons = [
        lesson for module in modules for lesson in LessonPage.objects.live().child_of(module)
    ]
    checks = [
        quiz
        for module in modules
        for quiz in QuizPage.objects.live().child_of(module).filter(for_families=False)
    ]
    pupils = list(
        User.objects.filter(groups__name=Role.STUDENT, school__isnull=False)
        .exclude(lesson_progress__isnull=False)
        .exclude(username="hocsinh")  # the demo login lives the real journey
        .order_by("pk")[:limit]
    )
    rng = random.Random(2026)
    now = timezone.now()
    progress, attempts = [], []
    for pupil in pupils:
        if rng.random() > SHARE:
            continue
        at = now - timedelta(days=rng.uniform(0, WEEKS * 7))
        for lesson in lessons:
            progress.append(
                LessonProgress(
                    user=pupil,
                    lesson=lesson,
                    lesson_key=lesson.translation_key,
                    started_at=at,
                    completed_at=at,
                    updated_at=at,
                    seconds_spent=240,
                )
            )
        for quiz in checks:
            percent = Decimal(rng.choice([67, 100]))
            attempts.append(
                Attempt(
                    quiz=quiz,
                    user=pupil,
                    number=1,
                    paper=[],
                    started_at=at,
                    submitted_at=at + timedelta(minutes=4),
                    score=percent / 100 * 3,
                    maximum=3,
                    percent=percent,
                    duration_seconds=240,
                )
            )
    with transaction.atomic():
        LessonProgress.objects.bulk_create(progress, batch_size=2000)
        Attempt.objects.bulk_create(attempts, batch_size=2000)
    reached = recompute()
    today = timezone.localdate()
    for week in range(WEEKS, -1, -1):
        take_snapshot(day=today - timedelta(weeks=week))
    return reached
