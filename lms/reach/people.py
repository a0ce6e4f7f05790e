"""The population measure: people reached (every channel of the policy, each person once) against
the people who live there (`AreaPopulation`), by ward or commune, sex and age band, and when each
ward reaches the target at its recent weekly pace.

A person counts in a ward: a pupil through their school's area, anyone else through the ward they
gave (`Reached.area`). Population figures are read per ward (areas with no units under them): a
wider area's population is the sum of its wards that have figures, each ward at its latest year up
to the day's year, by age band or for all ages, never both (`population.latest_population`).
Reads group on plain columns of `Reached`
(ward, school, sex, age band) and place schools in wards in Python, so that no query joins the
reached rows to anything.
"""

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from math import ceil

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import AgeBand, Area, School, Sex
from lms.reach.models import Reached, ReachedCount, ReachPolicy, ReachSnapshot
from lms.reach.population import latest_population
from lms.reach.selectors import Counted, Figure, end_of

PACE_WEEKS = 4  # the recent pace: the last four weeks of snapshots
HORIZON_DAYS = 36_500  # further than this is "not at this pace"


def population_rows(ward_paths: list[str], year: int) -> list[tuple[str, str, str, int]]:
    """(ward path, sex, age band, people) of the wards, each at its latest year with figures up
    to `year`, as `population.latest_population` reads them (one query)."""
    return [
        (path, sex, band, people)
        for path, figures in latest_population(ward_paths, year).items()
        if figures is not None
        for (sex, band), people in figures.cells.items()
    ]


def people_by(
    rows: list[tuple[str, str, str, int]], key: Callable[[str, str, str], object], *, bands=False
) -> dict:
    """Population summed by `key(path, sex, band)` (None: left out). Totals take a ward's all-ages
    row for a sex when it has one, else its rows by age band; `bands` reads the banded rows only
    (the age-band breakdown)."""
    all_ages = {(path, sex) for path, sex, band, _people in rows if not band}
    sums: dict = defaultdict(int)
    for path, sex, band, people in rows:
        if bands:
            used = bool(band)
        else:
            used = not band or (path, sex) not in all_ages
        if not used:
            continue
        group = key(path, sex, band)
        if group is not None:
            sums[group] += people
    return dict(sums)


class PeopleMeasure:
    """Everything the population measure of one place needs, read once (four queries): the areas
    under it, its schools' wards, the people reached by ward, sex and age band (and the pupils
    by school, grade and sex) and the wards' population."""

    def __init__(self, *, policy: ReachPolicy, area: Area, as_of: date):
        self.policy, self.area, self.as_of = policy, area, as_of
        self.areas = list(
            Area.objects.filter(path__startswith=area.path)
            .only("pk", "path", "name", "depth", "numchild")
            .order_by("path")
        )
        paths = {a.pk: a.path for a in self.areas}
        self.school_paths = dict(
            School.objects.filter(area__path__startswith=area.path).values_list("pk", "area__path")
        )
        # One grouped read serves every figure of the page, both measures: by ward or school,
        # sex, age band and grade (a few thousand groups for a whole city, `groups`).
        self.population = population_rows([a.path for a in self.wards()], as_of.year)
        self.with_figures = {path for path, _sex, _band, _people in self.population}
        banded = {path for path, _sex, band, _people in self.population if band}
        self.reached_by_path: Counter = Counter()
        self.by_sex: Counter = Counter()
        self.by_band: Counter = Counter()
        # The same, of wards with figures (by age band: with figures by age band).
        self.counted_by_sex: Counter = Counter()
        self.counted_by_band: Counter = Counter()
        pupils: Counter = Counter()
        for area_id, school_id, sex, band, grade, n in self.groups():
            path = paths.get(area_id) if area_id else self.school_paths.get(school_id)
            if path:
                self.reached_by_path[path] += n
                self.by_sex[sex] += n
                self.by_band[band] += n
                if path in self.with_figures:
                    self.counted_by_sex[sex] += n
                if path in banded:
                    self.counted_by_band[band] += n
            if school_id in self.school_paths:
                pupils[(school_id, grade, sex)] += n
        # The pupils measure's counts come with this read (a pupil is a record with a school).
        self.pupils = Counted(pupils, self.school_paths)

    def groups(self) -> list[tuple]:
        """(ward, school, sex, age band, grade, n) of the people reached under the place. Today's
        are kept counted by the database (`ReachedCount`, a few thousand rows for a city); a past
        day's, or SQLite's, are grouped from the records, answered from their covering index."""
        if self.as_of >= timezone.localdate() and ReachedCount.kept():
            areas = [a.pk for a in self.areas]
            return ReachedCount.objects.groups(
                policy=self.policy, areas=areas, schools=list(self.school_paths)
            )
        grouped = (
            self.rows()
            .values_list("area_id", "school_id", "sex", "age_band", "grade")
            .annotate(n=Count("*"))
        )
        return list(grouped.values_list("area_id", "school_id", "sex", "age_band", "grade", "n"))

    def rows(self):
        """The reached records under the place, as of the day: a ward's own or its schools'.
        The ids are given as lists, not subqueries: PostgreSQL can then read a ward's records
        through the (policy, area) and (policy, school) indexes, where an OR of two subqueries
        would make it read every record of the city."""
        areas = [a.pk for a in self.areas]
        rows = Reached.objects.filter(policy=self.policy, reached_at__lte=end_of(self.as_of))
        return rows.filter(Q(area__in=areas) | Q(school__in=list(self.school_paths)))

    def _counted(self, prefix: str) -> int:
        """People reached under `prefix` in wards with population figures: what a share of
        their population may divide."""
        return sum(
            n
            for path, n in self.reached_by_path.items()
            if path.startswith(prefix) and path in self.with_figures
        )

    def wards_without_figures(self) -> int:
        return sum(1 for ward in self.wards() if ward.path not in self.with_figures)

    def headline(self) -> Figure:
        reached = sum(self.reached_by_path.values())
        people = people_by(self.population, lambda *_row: "all").get("all")
        counted = self._counted(self.area.path)
        return Figure(str(self.area.pk), self.area.name, reached, people, counted)

    def children(self) -> list[Area]:
        return [a for a in self.areas if a.depth == self.area.depth + 1]

    def wards(self) -> list[Area]:
        """The wards and communes under the place (the place itself if it is one)."""
        return [a for a in self.areas if a.numchild == 0]

    def _by_prefix(self, places: list[Area]) -> list[Figure]:
        if not places:
            return []
        length = len(places[0].path)
        reached: Counter = Counter()
        for path, n in self.reached_by_path.items():
            reached[path[:length]] += n
        people = people_by(self.population, lambda path, _sex, _band: path[:length])
        return [
            Figure(str(a.pk), a.name, reached[a.path], people.get(a.path), self._counted(a.path))
            for a in places
        ]

    def breakdown(self, group: str) -> list[Figure]:
        """One figure per child area, sex or age band; a group with no population figures has
        no percent ("no data")."""
        if group == "area":
            return self._by_prefix(self.children())
        counts = self.by_sex if group == "sex" else self.by_band
        counted = self.counted_by_sex if group == "sex" else self.counted_by_band
        if group == "sex":
            people = people_by(self.population, lambda _path, sex, _band: sex)
            choices = Sex.choices
        else:
            people = people_by(self.population, lambda _path, _sex, band: band, bands=True)
            choices = [*AgeBand.choices, ("", _("Age not known"))]
        return [
            Figure(
                value or "unknown",
                str(label),
                counts.get(value, 0),
                people.get(value),
                counted.get(value, 0),
            )
            for value, label in choices
            if counts.get(value) or people.get(value)
        ]

    def ward_figures(self) -> list[Figure]:
        wards = self.wards()
        reached = {a.path: self.reached_by_path.get(a.path, 0) for a in wards}
        people = people_by(self.population, lambda path, _sex, _band: path)
        return [Figure(str(a.pk), a.name, reached[a.path], people.get(a.path)) for a in wards]


@dataclass(frozen=True)
class Outlook:
    """When a ward reaches the target at its recent pace. `status`: "reached" (already), "date"
    (on `on`), "not_at_this_pace" (flat or falling), "too_early" (fewer than two weekly figures),
    "no_data" (no population figures)."""

    status: str
    on: date | None = None
    weekly_pace: Decimal | None = None  # people reached per week, recently


def outlook(
    points: list[tuple[date, int]], *, population: int | None, target: int, weeks: int = PACE_WEEKS
) -> Outlook:
    """A straight line from the first to the last count of the recent `weeks` weeks, read forward
    from the last count to the number of people that makes `target` percent."""
    if not population:
        return Outlook("no_data")
    needed = ceil(Decimal(population) * target / 100)
    if points and points[-1][1] >= needed:
        return Outlook("reached")
    if not points:
        return Outlook("too_early")
    last_day, last = points[-1]
    recent = [(day, n) for day, n in points if day >= last_day - timedelta(weeks=weeks)]
    if len(recent) < 2 or recent[0][0] == last_day:
        return Outlook("too_early")
    first_day, first = recent[0]
    per_day = Decimal(last - first) / (last_day - first_day).days
    pace = (per_day * 7).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if per_day <= 0:
        return Outlook("not_at_this_pace", weekly_pace=pace)
    days = ceil((needed - last) / per_day)
    if days > HORIZON_DAYS:
        return Outlook("not_at_this_pace", weekly_pace=pace)
    return Outlook("date", on=last_day + timedelta(days=days), weekly_pace=pace)


@dataclass
class WardRow:
    figure: Figure
    outlook: Outlook
    as_of: date

    @property
    def days_left(self) -> int | None:
        """Days until the target at the recent pace, for sorting: 0 when reached, past the
        horizon when not at this pace, None without figures."""
        if self.outlook.status == "reached":
            return 0
        if self.outlook.on is not None:
            return (self.outlook.on - self.as_of).days
        return HORIZON_DAYS + 1 if self.outlook.status == "not_at_this_pace" else None


def ward_outlooks(measure: PeopleMeasure, *, target: int) -> list[WardRow]:
    """Every ward under the place with its share reached and when it reaches the target, the
    furthest behind first (wards without figures last): one query besides the measure's."""
    figures = measure.ward_figures()
    since = measure.as_of - timedelta(weeks=PACE_WEEKS)
    points: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for area_id, day, n in ReachSnapshot.objects.filter(
        policy=measure.policy,
        area__in=[int(f.key) for f in figures],
        taken_on__gte=since,
        taken_on__lt=measure.as_of,
        people_reached__isnull=False,
    ).values_list("area_id", "taken_on", "people_reached"):
        points[area_id].append((day, n))
    rows = []
    for figure in figures:
        series = sorted(points[int(figure.key)]) + [(measure.as_of, figure.reached)]
        found = outlook(series, population=figure.enrolled, target=target)
        rows.append(WardRow(figure, found, measure.as_of))
    return sorted(
        rows,
        key=lambda row: (
            row.figure.percent is None,
            row.figure.percent if row.figure.percent is not None else 0,
            row.figure.label,
        ),
    )
