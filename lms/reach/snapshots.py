"""Weekly figures per area, for the trend and the projections: both measures in a few grouped
queries in all (pupils through their school's area; people through their ward or school)."""

from collections import Counter
from datetime import date

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from lms.accounts.models import Area, School, SchoolEnrolment, school_year_of
from lms.reach.models import Reached, ReachPolicy, ReachSnapshot
from lms.reach.people import people_by, population_rows
from lms.reach.selectors import end_of


def take_snapshot(*, day: date | None = None, policy: ReachPolicy | None = None) -> int:
    """Count reached and enrolled pupils, and reached people and the population, under every
    area as of the day (today by default); replaces that day's rows."""
    day = day or timezone.localdate()
    policy = policy or ReachPolicy.current()
    areas = list(Area.objects.only("pk", "path", "numchild"))
    reached = Reached.objects.filter(policy=policy, reached_at__lte=end_of(day))
    reached_by_path = dict(
        reached.values_list("school__area__path")
        .annotate(n=Count("id"))
        .values_list("school__area__path", "n")
    )
    enrolled_by_path = dict(
        SchoolEnrolment.objects.filter(school_year=school_year_of(day))
        .values_list("school__area__path")
        .annotate(n=Sum("pupils"))
        .values_list("school__area__path", "n")
    )
    people_by_path = _people_reached(reached, {a.pk: a.path for a in areas})
    wards = [area.path for area in areas if area.numchild == 0]
    population = people_by(population_rows(wards, day.year), lambda path, _sex, _band: path)
    rows = []
    for area in areas:
        pupils = sum(n for path, n in reached_by_path.items() if (path or "").startswith(area.path))
        enrolled = [n for path, n in enrolled_by_path.items() if path.startswith(area.path)]
        people = [n for path, n in population.items() if path.startswith(area.path)]
        rows.append(
            ReachSnapshot(
                policy=policy,
                area=area,
                taken_on=day,
                reached=pupils,
                enrolled=sum(enrolled) if enrolled else None,
                people_reached=sum(
                    n for path, n in people_by_path.items() if path.startswith(area.path)
                ),
                population=sum(people) if people else None,
            )
        )
    with transaction.atomic():
        ReachSnapshot.objects.filter(policy=policy, taken_on=day).delete()
        ReachSnapshot.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _people_reached(reached, area_paths: dict[int, str]) -> Counter:
    """People reached by ward path: their own ward, else their school's."""
    schools = dict(School.objects.values_list("pk", "area__path"))
    counts: Counter = Counter()
    grouped = reached.values_list("area_id", "school_id").annotate(n=Count("id"))
    for area_id, school_id, n in grouped.values_list("area_id", "school_id", "n"):
        path = area_paths.get(area_id) if area_id else schools.get(school_id)
        if path:
            counts[path] += n
    return counts
