"""The community for tests/bench/bench_reach.py, and the event path's queries: wards with
population figures by sex and age band; public contest participants, light accounts that passed
the core checks and family entries, written with COPY; one submit with and without the reach
receivers."""

import random
from datetime import timedelta

SHARES = {"contest": 0.7, "lessons": 0.1, "family": 0.2}


def seed_wards(count: int) -> list:
    """The city's wards, up to `count`, each with last year's figures by sex and age band."""
    from django.utils import timezone

    from lms.accounts.models import AgeBand, Area, AreaPopulation, Sex

    root = Area.get_root_nodes().first()
    for n in range(root.get_children_count(), count):
        Area.objects.get(pk=root.pk).add_child(name=f"Phường Bench {n:03d}", kind="phường")
    wards = list(Area.objects.get(pk=root.pk).get_children())
    rng = random.Random(17)
    year = timezone.localdate().year - 1
    AreaPopulation.objects.filter(area__in=wards).delete()
    AreaPopulation.objects.bulk_create(
        AreaPopulation(
            area=ward, year=year, sex=sex, age_band=band, people=rng.randint(1_000, 6_000)
        )
        for ward in wards
        for sex in (Sex.FEMALE, Sex.MALE)
        for band in AgeBand.values
    )
    return wards


def seed_community(count: int, wards) -> None:
    """Contest participants and light accounts (users with a ward and attempts), and family
    entries with consent, straight into PostgreSQL (COPY)."""
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Locale

    from courses.pages import ModulePage
    from lms.accounts.models import Role, Sex, User
    from quizzes.contests.records import ContestEntry
    from quizzes.models import Attempt
    from quizzes.pages import QuizPage
    from tests.bench.bench_contest import _seed_pages
    from tests.bench.rows import CopyInto

    rng = random.Random(170)
    now = timezone.now()
    _judge, contest, round_ = _seed_pages()
    modules = list(ModulePage.objects.live().filter(is_core=True, locale=Locale.get_default()))
    checks = [q.pk for m in modules for q in QuizPage.objects.child_of(m)]
    families = int(count * SHARES["family"])
    light = int(count * SHARES["lessons"])
    users = count - families
    table = User._meta.db_table
    people = CopyInto(
        User,
        ["password", "username", "date_joined", "display_name", "birth_year", "sex"]
        + ["public_sign_up"],
    )
    sexes = [Sex.FEMALE, Sex.MALE]
    with connection.cursor() as cursor:
        with cursor.cursor.copy(people.statement) as copy:
            for n in range(users):
                born, sex = rng.randint(1945, 2010), rng.choice(sexes)
                copy.write_row(people.row(("!", f"cd{n:07d}", now, "Bạn", born, sex, True)))
        group = Group.objects.get_or_create(name=Role.STUDENT)[0]
        cursor.execute(
            f"INSERT INTO {User.groups.through._meta.db_table} (user_id, group_id) "
            f"SELECT id, %s FROM {table} WHERE username LIKE 'cd%%'",
            [group.pk],
        )
        cursor.execute(f"SELECT id FROM {table} WHERE username LIKE 'cd%%' ORDER BY id")
        ids = [row[0] for row in cursor.fetchall()]
        entries = CopyInto(ContestEntry, ["contest_id", "user_id", "ward_id", "signed_up_at"])
        attempts = CopyInto(
            Attempt,
            ["quiz_id", "user_id", "number", "started_at", "submitted_at", "score", "maximum"]
            + ["percent", "duration_seconds"],
        )
        with cursor.cursor.copy(entries.statement) as copy:
            for pk in ids:
                at = now - timedelta(days=rng.uniform(1, 120))
                copy.write_row(entries.row((contest.pk, pk, rng.choice(wards).pk, at)))
        with cursor.cursor.copy(attempts.statement) as copy:
            for index, pk in enumerate(ids):
                at = now - timedelta(days=rng.uniform(0, 100))
                quizzes = checks if index < light else [round_.pk]
                for quiz in quizzes:
                    copy.write_row(attempts.row((quiz, pk, 1, at, at, 3, 3, 100, 300)))
        _families(cursor, rng, families, modules[0].translation_key, wards, now)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _families(cursor, rng, count: int, module_key, wards, now) -> None:
    """`count` family entries with consent, passed, each from a different pupil's invitation."""
    from lms.accounts.models import AgeBand, Role, Sex, User
    from lms.reach.models import FamilyEntry, FamilyInvite
    from tests.bench.rows import CopyInto

    pupils = list(
        User.objects.filter(groups__name=Role.STUDENT, school__isnull=False).values_list(
            "pk", flat=True
        )[:count]
    )
    invites = CopyInto(FamilyInvite, ["pupil_id", "module_key", "token", "created_at"])
    with cursor.cursor.copy(invites.statement) as copy:
        for pk in pupils:
            copy.write_row(invites.row((pk, module_key, f"bench-{pk}", now)))
    cursor.execute(
        f"SELECT id FROM {FamilyInvite._meta.db_table} WHERE token LIKE 'bench-%%' ORDER BY id"
    )
    entries = CopyInto(
        FamilyEntry,
        ["invite_id", "ward_id", "age_band", "sex", "consent_given_at", "answers", "score"]
        + ["percent", "passed", "submitted_at"],
    )
    invite_ids = [row[0] for row in cursor.fetchall()]
    with cursor.cursor.copy(entries.statement) as copy:
        for invite in invite_ids:
            at = now - timedelta(days=rng.uniform(0, 100))
            band, sex = rng.choice(AgeBand.values), rng.choice([Sex.FEMALE, Sex.MALE])
            ward = rng.choice(wards).pk
            copy.write_row(entries.row((invite, ward, band, sex, at, {}, 3, 100, True, at)))


def event_queries() -> int:
    """Queries of one submit of a core check with the reach receivers, less without them (both
    after a warm-up, with the task backend that production uses, which defers the recount)."""
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.db.models.signals import post_save
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from wagtail.models import Locale

    from courses.pages import ModulePage
    from lms.accounts.models import Role, School, User
    from lms.reach import receivers
    from quizzes import services
    from quizzes.models import Attempt
    from quizzes.pages import QuizPage

    module = ModulePage.objects.live().filter(is_core=True, locale=Locale.get_default()).first()
    check = QuizPage.objects.child_of(module).first().specific
    school = School.objects.first()
    group = Group.objects.get(name=Role.STUDENT)

    def submit(n: int) -> int:
        pupil = User.objects.create(username=f"event{n}", password="!", school=school)
        pupil.groups.add(group)
        attempt = services.start_attempt(quiz=check, user=pupil, now=timezone.now())
        with CaptureQueriesContext(connection) as queries:
            services.submit_attempt(attempt_id=attempt.pk, now=timezone.now())
        return len(queries)

    deferring = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=deferring):
        submit(0)  # warm-up: the policy and core modules kept, the window's task queued
        with_reach = submit(1)
        post_save.disconnect(receivers.attempt_saved, sender=Attempt)
        try:
            submit(2)
            without = submit(3)
        finally:
            post_save.connect(receivers.attempt_saved, sender=Attempt)
    print(f"  one submit: {with_reach} queries with reach, {without} without", flush=True)
    return with_reach - without
