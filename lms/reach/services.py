"""Keeping reached records: one person at a time when something happens, everyone on demand."""

import time
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Locale, Page

from courses.models import LessonProgress
from courses.pages import FAMILY_QUIZ, ModulePage
from lms.accounts.models import AgeBand, ClassroomMembership, Role, User
from lms.core.live_pages import kept_routes, pages_version
from lms.reach.models import Channel, FamilyEntry, PendingRecount, Reached, ReachPolicy, Rule
from lms.reach.policy import (
    Channels,
    CoreModule,
    Facts,
    Person,
    family_counts,
    population_reach,
)
from lms.reach.tasks import refresh_pending_task
from quizzes.contests.pages import ContestRound
from quizzes.contests.records import ContestEntry
from quizzes.models import Attempt


def core_modules() -> list[CoreModule]:
    """The live core modules, with lesson and check translation keys, kept by each worker until
    any page changes (every lesson completed and attempt scored asks for them)."""
    version = pages_version()
    if version is None:
        return _core_modules()
    modules = kept_routes.get(("core modules", version))
    if modules is None:
        modules = _core_modules()
        kept_routes.keep(("core modules", version), modules)
    return modules


def _core_modules() -> list[CoreModule]:
    modules = list(
        ModulePage.objects.live()
        .filter(is_core=True, locale=Locale.get_default())
        .values_list("path", "depth")
    )
    found = module_keys(modules)
    return [found[path] for path, _depth in modules]


def module_keys(modules: list[tuple[str, int]]) -> dict[str, CoreModule]:
    """The lesson and check translation keys of each module given as (path, depth), by path: one
    query for any number of modules."""
    if not modules:
        return {}
    lessons: dict[str, set] = defaultdict(set)
    checks: dict[str, set] = defaultdict(set)
    steplen = ModulePage.steplen

    under = Q()
    for path, depth in modules:
        under |= Q(path__startswith=path, depth=depth + 1)
    for path, key, kind in (
        Page.objects.live()
        .filter(under)
        .exclude(FAMILY_QUIZ)  # a quiz for families is no check of the pupil's
        .values_list("path", "translation_key", "content_type__model")
    ):
        target = lessons if kind == "lessonpage" else checks if kind == "quizpage" else None
        if target is not None:
            target[path[:-steplen]].add(key)
    return {
        path: CoreModule(frozenset(lessons[path]), frozenset(checks[path]))
        for path, _depth in modules
    }


def concerns_reach(*, lesson_key=None, quiz_key=None, contest_round: bool = False) -> bool:
    """Whether this lesson or quiz can change anyone's reach under the current policy: most
    quizzes and lessons cannot, and their events then cost nothing more. A contest round can
    (public participants count toward the population measure) while the policy counts them."""
    policy = ReachPolicy.current()
    if quiz_key is not None and (
        policy.rule == Rule.ANY_QUIZ_SCORE or (contest_round and policy.counts_contests)
    ):
        return True
    modules = core_modules()
    if lesson_key is not None:
        return any(lesson_key in module.lesson_keys for module in modules)
    return any(quiz_key in module.check_keys for module in modules)


def facts_of(user_ids: list[int]) -> dict[int, Facts]:
    """Everyone's facts in two queries."""
    lessons: dict[int, dict] = defaultdict(dict)
    for user_id, key, at in (
        LessonProgress.objects.filter(user__in=user_ids, completed_at__isnull=False)
        .values_list("user_id", "lesson_key", "completed_at")
        .iterator(chunk_size=5000)
    ):
        lessons[user_id][key] = at
    results: dict[int, list] = defaultdict(list)
    contests: dict[int, list] = defaultdict(list)
    round_type = ContentType.objects.get_for_model(ContestRound).pk
    for user_id, key, percent, mark, at, kind in (
        Attempt.objects.filter(user__in=user_ids, submitted_at__isnull=False, percent__isnull=False)
        .values_list(
            "user_id",
            "quiz__translation_key",
            "percent",
            "quiz__pass_mark_percent",
            "submitted_at",
            "quiz__content_type_id",
        )
        .iterator(chunk_size=5000)
    ):
        results[user_id].append((key, percent, mark, at))
        if kind == round_type:
            contests[user_id].append((percent, at))
    return {pk: Facts(lessons[pk], tuple(results[pk]), tuple(contests[pk])) for pk in user_ids}


def _wards(users: list[User]) -> dict[int, int]:
    """The ward each person without a school gave at their latest public contest sign-up."""
    return dict(
        ContestEntry.objects.filter(
            user__in=[u.pk for u in users if u.school_id is None], ward__isnull=False
        )
        .order_by("signed_up_at")
        .values_list("user_id", "ward_id")
    )


def _attributes(users: list[User], wards: dict[int, int]) -> dict[int, dict]:
    """Where each person counts: school (and through it the area) or ward, grade, sex, birth
    year and age band."""
    grades = dict(
        ClassroomMembership.objects.current()
        .filter(student__in=[u.pk for u in users])
        .values_list("student_id", "classroom__grade")
    )
    year = timezone.localdate().year
    return {
        user.pk: {
            "school_id": user.school_id,
            "area_id": None if user.school_id else wards.get(user.pk),
            "grade": grades.get(user.pk),
            "sex": user.sex,
            "birth_year": user.birth_year,
            "age_band": AgeBand.of(user.birth_year, year),
        }
        for user in users
    }


def is_contest_round(quiz) -> bool:
    """Without a query: the page's own content type says whether it is a contest round."""
    return quiz.content_type_id == ContentType.objects.get_for_model(ContestRound).pk


def channels_of(policy: ReachPolicy) -> Channels:
    return Channels(
        contests=policy.counts_contests,
        light_accounts=policy.counts_light_accounts,
        families=policy.counts_families,
    )


def refresh_person(user_id: int, *, policy: ReachPolicy | None = None) -> Reached | None:
    """Recount one person under the current policy: add, update or remove their record."""
    policy = policy or ReachPolicy.current()
    user = User.objects.select_related("school").filter(pk=user_id).first()
    if user is None or not user.has_role(Role.STUDENT):
        return None  # reach counts pupils and light accounts, never staff
    record = _records(policy, core_modules(), [user]).get(user.pk)
    if record is None:
        Reached.objects.filter(policy=policy, user=user).delete()
        return None
    fields = {f: getattr(record, f) for f in RECORD_FIELDS}
    record, _created = Reached.objects.update_or_create(policy=policy, user=user, defaults=fields)
    return record


RECORD_FIELDS = ["channel", "reached_at", "school_id", "area_id", "grade", "sex", "birth_year"]
RECORD_FIELDS += ["age_band"]


def queue_recount(user_id: int) -> None:
    """Ask for this person's recount, once however many of their attempts are scored before it
    runs: a row and, once per app worker and window, a deferred task that takes every row queued
    meanwhile; both in the caller's transaction, so they exist exactly when the score does. (A
    window whose task was rolled back leaves its rows to the worker's every-minute run.) A
    backend that cannot defer (the immediate one, in development) recounts at once."""
    global _batch_asked_until
    _queue_row(user_id)
    if not refresh_pending_task.get_backend().supports_defer:
        refresh_pending()
        return
    now = time.monotonic()
    if now >= _batch_asked_until:
        window = settings.REACH_RECOUNT_WINDOW_SECONDS
        _batch_asked_until = now + window
        refresh_pending_task.using(run_after=timezone.now() + timedelta(seconds=window)).enqueue()


_batch_asked_until = 0.0


def _queue_row(user_id: int) -> None:
    """PendingRecount's row, or nothing if it is there: written out, as every submit of a round
    runs it and the ORM's building of the statement cost more than the statement."""
    table = connection.ops.quote_name(PendingRecount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (user_id, queued_at) VALUES (%s, %s) ON CONFLICT DO NOTHING",
            [user_id, connection.ops.adapt_datetimefield_value(timezone.now())],
        )


def refresh_people(user_ids: list[int], *, policy: ReachPolicy | None = None) -> int:
    """`refresh_person` for many at once, in a few queries; returns how many are reached."""
    policy = policy or ReachPolicy.current()
    students = list(
        User.objects.filter(pk__in=user_ids, groups__name=Role.STUDENT).select_related("school")
    )
    reached = _records(policy, core_modules(), students)
    with transaction.atomic():
        Reached.objects.filter(policy=policy, user__in=user_ids).exclude(
            user__in=list(reached)
        ).delete()
        Reached.objects.bulk_create(
            reached.values(),
            update_conflicts=True,
            unique_fields=["policy", "user"],
            update_fields=[f.removesuffix("_id") for f in RECORD_FIELDS],
        )
    return len(reached)


def refresh_pending(*, batch: int = 1000) -> int:
    """Recount everyone queued by a scored attempt, in batches; returns how many were taken.

    Rows are taken with SKIP LOCKED, so a batch task and the every-minute run may both run
    it without doing anyone twice."""
    taken = 0
    while True:
        with transaction.atomic():
            rows = PendingRecount.objects.select_for_update(skip_locked=True).order_by("pk")
            user_ids = list(rows.values_list("user_id", flat=True)[:batch])
            if not user_ids:
                return taken
            refresh_people(user_ids)
            PendingRecount.objects.filter(user_id__in=user_ids).delete()
        taken += len(user_ids)


def recompute(*, policy: ReachPolicy | None = None, batch: int = 5000) -> int:
    """Everyone again under a policy (after a policy change): same result as the events give."""
    policy = policy or ReachPolicy.current()
    modules = core_modules()
    students = (
        User.objects.filter(groups__name=Role.STUDENT).select_related("school").order_by("pk")
    )
    total = 0
    with transaction.atomic():
        Reached.objects.filter(policy=policy).delete()
        chunk: list[User] = []
        for user in students.iterator(chunk_size=batch):
            chunk.append(user)
            if len(chunk) == batch:
                total += _recompute_chunk(policy, modules, chunk)
                chunk = []
        if chunk:
            total += _recompute_chunk(policy, modules, chunk)
        families = [_family_record(policy, entry) for entry in FamilyEntry.objects.iterator()]
        counted = [record for record in families if record is not None]
        Reached.objects.bulk_create(counted, batch_size=2000)
    return total + len(counted)


def _recompute_chunk(policy, modules, users: list[User]) -> int:
    rows = _records(policy, modules, users)
    Reached.objects.bulk_create(rows.values(), batch_size=2000)
    return len(rows)


def _records(policy, modules, users: list[User]) -> dict[int, Reached]:
    """The reached record of each of `users` who is reached under `policy`, by user id."""
    facts = facts_of([u.pk for u in users])
    wards = _wards(users)
    attributes = _attributes(users, wards)
    channels = channels_of(policy)
    records = {}
    for user in users:
        person = Person(
            pupil=user.school_id is not None,
            light_account=user.public_sign_up,
            has_ward=user.pk in wards,
        )
        found = population_reach(
            rule=policy.rule,
            min_percent=policy.min_percent,
            core_modules=modules,
            facts=facts[user.pk],
            person=person,
            channels=channels,
        )
        if found is not None:
            channel, when = found
            records[user.pk] = Reached(
                policy=policy, user=user, channel=channel, reached_at=when, **attributes[user.pk]
            )
    return records


def _family_record(policy: ReachPolicy, entry: FamilyEntry) -> Reached | None:
    counts = family_counts(
        passed=entry.passed,
        consented=entry.consent_given_at is not None,
        duplicate=entry.duplicate_of_id is not None,
        channels=channels_of(policy),
    )
    if not counts:
        return None
    return Reached(
        policy=policy,
        family=entry,
        channel=Channel.FAMILY,
        reached_at=entry.submitted_at,
        area_id=entry.ward_id,
        sex=entry.sex,
        age_band=entry.age_band,
    )


def refresh_family(entry: FamilyEntry, *, policy: ReachPolicy | None = None) -> Reached | None:
    """Count (or stop counting) one family entry under the current policy."""
    policy = policy or ReachPolicy.current()
    record = _family_record(policy, entry)
    if record is None:
        Reached.objects.filter(policy=policy, family=entry).delete()
        return None
    fields = {f: getattr(record, f) for f in RECORD_FIELDS}
    record, _created = Reached.objects.update_or_create(
        policy=policy, family=entry, defaults=fields
    )
    return record
