"""The counts PostgreSQL keeps beside the reached records (`ReachedCount`) always equal the
records grouped, whatever wrote them: events, batches, recomputes, cascades and SET_NULL; and
today's dashboards read them with the same figures as grouping the records."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.accounts.models import Sex
from lms.reach import services
from lms.reach.models import Reached, ReachedCount, ReachPolicy
from lms.reach.people import PeopleMeasure
from quizzes.contests import entries
from quizzes.contests.pages import ContestAudience
from tests import pages
from tests.factories import build_city, city_student, reach_some, read_lessons, take_check

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite keeps no counts: it groups the records"
    ),
]

GROUP = ("policy_id", "area_id", "school_id", "grade", "sex", "age_band")


def records_grouped() -> dict:
    rows = Reached.objects.values_list(*GROUP).annotate(n=Count("*")).values_list(*GROUP, "n")
    return {(p, a or 0, s or 0, g or 0, sex, band): n for p, a, s, g, sex, band, n in rows}


def counts_kept() -> dict:
    assert not ReachedCount.objects.filter(n__lt=0).exists()
    rows = ReachedCount.objects.filter(n__gt=0).values_list(*GROUP, "n")
    return {row[:-1]: row[-1] for row in rows}


@pytest.fixture
def city():
    city = build_city()
    reach_some(city, per_ward=(4, 3))
    return city


def participant(city, ward: int):
    """A grown-up who passes a public round, counted in the ward they gave."""
    contest = pages.contest(audience=ContestAudience.PUBLIC)
    round_ = pages.contest_round(contest, city["question"], pass_mark_percent=50)
    person = entries.sign_up_visitor(
        contest=contest,
        display_name="Chú Tư",
        birth_year=1970,
        sex=Sex.MALE,
        password="mat-khau-dai-2026",
        now=timezone.now(),
        ward=city["wards"][ward],
    ).user
    take_check(person, round_, right=True)
    return person


def test_events_and_batches_keep_the_counts_equal_to_the_records(city):
    participant(city, 1)
    assert sum(counts_kept().values()) == Reached.objects.count() == 8
    assert counts_kept() == records_grouped()

    pupil = Reached.objects.filter(school__isnull=False).first().user
    pupil.sex = Sex.FEMALE if pupil.sex == Sex.MALE else Sex.MALE
    pupil.school = city["schools"][1]
    pupil.save()
    services.refresh_person(pupil.pk)  # one record updated: its old group down, its new one up
    assert counts_kept() == records_grouped()

    services.refresh_people(list(Reached.objects.values_list("user_id", flat=True)))
    assert counts_kept() == records_grouped()
    assert sum(counts_kept().values()) == 8


def test_cascades_and_bulk_updates_keep_the_counts_equal_to_the_records(city):
    pupil = Reached.objects.filter(school=city["schools"][0]).first().user
    pupil.delete()  # its record goes by cascade
    assert counts_kept() == records_grouped()

    # What SET_NULL does when a school goes: one UPDATE of many records.
    assert Reached.objects.filter(school=city["schools"][1]).update(school=None, grade=None) == 3
    assert counts_kept() == records_grouped()


def test_a_recompute_and_a_new_policy_leave_each_policy_its_own_counts(city):
    participant(city, 0)
    services.recompute()
    assert counts_kept() == records_grouped()

    newer = ReachPolicy.objects.create()
    services.recompute(policy=newer)
    kept = counts_kept()
    assert kept == records_grouped()
    older = ReachPolicy.objects.exclude(pk=newer.pk).get()
    assert {group[0] for group in kept} == {newer.pk, older.pk}

    newer.delete()  # its records go by cascade; its counts stand in nobody's way
    assert counts_kept() == records_grouped()


def test_today_reads_the_counts_and_gives_the_figures_of_the_records_grouped(city, monkeypatch):
    participant(city, 1)
    student = city_student(city, 1, sex=Sex.MALE)
    read_lessons(student, city)
    take_check(student, city["check"], right=True)
    policy, today = ReachPolicy.current(), timezone.localdate()

    def figures(measure):
        return (
            measure.headline(),
            measure.breakdown("area"),
            measure.breakdown("sex"),
            measure.pupils.cells,
        )

    with CaptureQueriesContext(connection) as read:
        kept = figures(PeopleMeasure(policy=policy, area=city["root"], as_of=today))
    sql = " ".join(q["sql"] for q in read.captured_queries)
    assert "reach_reachedcount" in sql and '"reach_reached"' not in sql

    monkeypatch.setattr(ReachedCount, "kept", staticmethod(lambda: False))
    with CaptureQueriesContext(connection) as read:
        grouped = figures(PeopleMeasure(policy=policy, area=city["root"], as_of=today))
    assert '"reach_reached"' in " ".join(q["sql"] for q in read.captured_queries)
    assert kept == grouped
    assert kept[0].reached == 9


def test_a_past_day_is_grouped_from_the_records_reached_by_then(city):
    policy = ReachPolicy.current()
    yesterday = timezone.localdate() - timedelta(days=1)
    measure = PeopleMeasure(policy=policy, area=city["root"], as_of=yesterday)
    assert measure.headline().reached == 0  # everyone was reached today


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_counts_the_records_already_there_and_unwinds():
    apps = _migrate([("reach", "0007_reached_counts_covering_index")])
    Policy, Reached_ = apps.get_model("reach", "ReachPolicy"), apps.get_model("reach", "Reached")
    User = apps.get_model("accounts", "User")
    policy = Policy.objects.create()
    now = timezone.now()
    for n, sex in enumerate(["female", "female", "male"]):
        user = User.objects.create(username=f"hs-dem-{n}", password="!")
        Reached_.objects.create(policy=policy, user=user, reached_at=now, sex=sex, grade=8)
    apps = _migrate([("reach", "0008_reached_counts_kept_by_triggers")])
    Count_ = apps.get_model("reach", "ReachedCount")
    counted = set(Count_.objects.values_list("sex", "grade", "n"))
    assert counted == {("female", 8, 2), ("male", 8, 1)}
    apps = _migrate([("reach", "0007_reached_counts_covering_index")])
    Reached_ = apps.get_model("reach", "Reached")
    Reached_.objects.filter(sex="male").delete()  # no trigger left to find its counts gone
    assert Reached_.objects.count() == 2
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
