"""Schools and wards: their participants, participation rate against enrolment and average score,
in a round's live figures and in a finalised ranking, with the units' awards."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Sum
from django.utils import timezone

from lms.accounts.models import Area, School, SchoolEnrolment, school_year_of
from quizzes.contests.records import RankingSnapshot

MIN_UNIT_PARTICIPANTS = 5  # a unit's average score is ranked only from this many participants


@dataclass(frozen=True)
class UnitLine:
    unit_id: int
    name: str
    participants: int
    average: Decimal | None
    enrolment: int | None

    @property
    def rate(self) -> Decimal | None:
        if not self.enrolment:
            return None
        return (Decimal(100) * self.participants / self.enrolment).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class UnitRankings:
    schools: list[UnitLine]
    areas: list[UnitLine]
    by_rate: list[UnitLine]
    by_score: list[UnitLine]


def unit_rankings(snapshot: RankingSnapshot, *, places: int = 3) -> UnitRankings:
    """Schools and wards: participants, participation rate against enrolment, average score;
    awards by rate and by average score (from MIN_UNIT_PARTICIPANTS participants). Kept for an
    hour per version: a snapshot never changes once written."""
    key = f"contest:units:v2:{snapshot.pk}:{places}"  # v2: see figures.live_key
    held = cache.get(key)
    if held is None:
        held = _unit_rankings(snapshot, places=places)
        cache.set(key, held, 3600)
    return held


def _unit_rankings(snapshot: RankingSnapshot, *, places: int) -> UnitRankings:
    rows = snapshot.rows.values("school_id", "area_id").annotate(
        people=Count("pk"), total=Sum("score")
    )
    school_people: dict[int, tuple[int, Decimal]] = defaultdict(lambda: (0, Decimal(0)))
    area_people: dict[int, tuple[int, Decimal]] = defaultdict(lambda: (0, Decimal(0)))
    for row in rows:
        if row["school_id"]:
            n, t = school_people[row["school_id"]]
            school_people[row["school_id"]] = (n + row["people"], t + row["total"])
        if row["area_id"]:
            n, t = area_people[row["area_id"]]
            area_people[row["area_id"]] = (n + row["people"], t + row["total"])
    enrolment = school_enrolment(snapshot.created_at)
    school_lines = [
        UnitLine(pk, name, school_people[pk][0], _average(*school_people[pk]), enrolment.get(pk))
        for pk, name in School.objects.filter(pk__in=list(school_people)).values_list("pk", "name")
    ]
    areas = list(Area.objects.filter(pk__in=list(area_people)))
    by_area = area_enrolment(areas, enrolment)
    area_lines = [
        UnitLine(
            a.pk,
            a.name,
            area_people[a.pk][0],
            _average(*area_people[a.pk]),
            by_area[a.pk],
        )
        for a in areas
    ]
    units = school_lines + area_lines
    by_rate = sorted(
        (u for u in school_lines if u.rate is not None),
        key=lambda u: (-u.rate, -u.participants, u.name),
    )[:places]
    by_score = sorted(
        (u for u in units if u.participants >= MIN_UNIT_PARTICIPANTS and u in school_lines),
        key=lambda u: (-u.average, -u.participants, u.name),
    )[:places]
    order = lambda u: (-(u.rate or -1), -u.participants, u.name)  # noqa: E731
    return UnitRankings(
        sorted(school_lines, key=order), sorted(area_lines, key=order), by_rate, by_score
    )


def _average(people: int, total: Decimal) -> Decimal | None:
    return (total / people).quantize(Decimal("0.01")) if people else None


def school_names(ids: Iterable[int]) -> dict[int, str]:
    return dict(School.objects.filter(pk__in=list(ids)).values_list("pk", "name"))


def school_enrolment(at: datetime) -> dict[int, int]:
    year = school_year_of(timezone.localdate(at))
    rows = (
        SchoolEnrolment.objects.filter(school_year=year)
        .values("school")
        .annotate(pupils=Sum("pupils"))
        .values_list("school", "pupils")
    )
    return dict(rows)


def area_enrolment(areas: list[Area], enrolment: dict[int, int]) -> dict[int, int | None]:
    """Each area's pupils: its schools' and those of the areas under it (one query)."""
    school_paths = list(School.objects.values_list("pk", "area__path"))
    found = {}
    for area in areas:
        total = sum(
            enrolment.get(pk, 0) for pk, path in school_paths if path and path.startswith(area.path)
        )
        found[area.pk] = total or None
    return found


def unit_lines(
    scores: dict[int, list[Decimal]], names: dict[int, str], enrolment: dict[int, int]
) -> list[UnitLine]:
    lines = [
        UnitLine(
            unit_id=unit,
            name=names.get(unit, "?"),
            participants=len(values),
            average=(sum(values) / len(values)).quantize(Decimal("0.01")) if values else None,
            enrolment=enrolment.get(unit),
        )
        for unit, values in scores.items()
    ]
    return sorted(lines, key=lambda line: (-line.participants, line.name))
