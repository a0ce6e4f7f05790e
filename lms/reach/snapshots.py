"""Weekly figures per area, for the trend and the projection: two grouped queries in all."""

from datetime import date, datetime, time

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from lms.accounts.models import Area, SchoolEnrolment, school_year_of
from lms.reach.models import Reached, ReachPolicy, ReachSnapshot


def _end_of(day: date):
    return timezone.make_aware(datetime.combine(day, time.max))


def take_snapshot(*, day: date | None = None, policy: ReachPolicy | None = None) -> int:
    """Count reached and enrolled pupils under every area as of the day (today by default);
    replaces that day's rows."""
    day = day or timezone.localdate()
    policy = policy or ReachPolicy.current()
    areas = list(Area.objects.only("pk", "path"))
    reached_by_path = dict(
        Reached.objects.filter(policy=policy, reached_at__lte=_end_of(day))
        .values_list("school__area__path")
        .annotate(n=Count("id"))
        .values_list("school__area__path", "n")
    )
    enrolled_by_path = dict(
        SchoolEnrolment.objects.filter(school_year=school_year_of(day))
        .values_list("school__area__path")
        .annotate(n=Sum("pupils"))
        .values_list("school__area__path", "n")
    )
    rows = []
    for area in areas:
        reached = sum(
            n for path, n in reached_by_path.items() if path and path.startswith(area.path)
        )
        enrolled = [n for path, n in enrolled_by_path.items() if path.startswith(area.path)]
        rows.append(
            ReachSnapshot(
                policy=policy,
                area=area,
                taken_on=day,
                reached=reached,
                enrolled=sum(enrolled) if enrolled else None,
            )
        )
    with transaction.atomic():
        ReachSnapshot.objects.filter(policy=policy, taken_on=day).delete()
        ReachSnapshot.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
