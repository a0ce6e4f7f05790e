"""Reading reach: headline, breakdowns for the drill-down, trend and projection, suppression.

The pupils measure is read here: a count over `Reached` (by policy, through the school's area
path) against the enrolment of the school year. The population measure (people reached against
the population) is in lms/reach/people.py, on the same `Figure`. No attempt is ever read.
"""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import Area, School, SchoolEnrolment, Sex, User, school_year_of
from lms.accounts.permissions import area_in_charge
from lms.core.errors import DomainError, NotFound
from lms.core.input import whole_number
from lms.reach.models import Reached, ReachPolicy, ReachSnapshot

GROUPS = ("area", "school", "grade", "sex")  # the pupils measure's breakdowns
PEOPLE_GROUPS = ("area", "sex", "age_band")  # the population measure's
SMALL_GROUP = 5  # groups smaller than this are hidden in public figures and exports


class BadQuery(DomainError):
    code = "bad_query"


class AreaNotFound(NotFound):
    code = "area_not_found"
    message = _("There is no such area in the part of the city you follow.")


class NoAreaInCharge(DomainError):
    """An officer the back office has not given an area yet: nothing to show, and a way out."""

    status = 403
    code = "no_area_in_charge"
    message = _(
        "Your account does not follow an area yet. Ask the platform's administrator to set the "
        "area you follow in the back office; its figures appear here at once."
    )


@dataclass
class Figure:
    key: str
    label: str
    reached: int
    enrolled: int | None
    # Those of `reached` whom the denominator covers, when not all: people of wards that have
    # population figures. A share never divides people of a ward without figures.
    counted: int | None = None

    @property
    def percent(self) -> Decimal | None:
        if not self.enrolled:
            return None
        reached = self.reached if self.counted is None else self.counted
        return (Decimal(100) * reached / self.enrolled).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def suppressed(self) -> bool:
        return 0 < self.reached < SMALL_GROUP

    @property
    def reached_shown(self) -> int | None:
        """What the page, the API and exports show: nothing for a group small enough that its
        pupils could be singled out."""
        return None if self.suppressed else self.reached

    @property
    def percent_shown(self) -> Decimal | None:
        return None if self.suppressed else self.percent


def resolve(*, user: User, params) -> dict:
    """Check the query parameters `area`, `school`, `group` (pupils), `people_group` (population)
    and `date` (400 naming the one at fault, 404 outside one's scope). The page and the API share
    them."""
    area_id, school_id = params.get("area"), params.get("school")
    group, day = params.get("group"), params.get("date")
    people_group = params.get("people_group")
    scope = area_in_charge(user)  # whose figures this person may read
    if scope is None:
        raise AreaNotFound()
    problems: dict[str, list[str]] = {}
    area = scope
    if area_id:
        if whole_number(area_id) is None:
            problems["area"] = [_("Give an area number.")]
        else:
            area = scope.with_descendants().filter(pk=area_id).first()
            if area is None:
                raise AreaNotFound()
    school = None
    if school_id:
        if whole_number(school_id) is None:
            problems["school"] = [_("Give a school number.")]
        else:
            school = School.objects.filter(pk=school_id, area__path__startswith=scope.path).first()
            if school is None:
                raise AreaNotFound()
            area = school.area
    group = group or default_group(area=area, school=school)
    if group not in GROUPS:
        problems["group"] = [_("Group by one of: %(names)s.") % {"names": ", ".join(GROUPS)}]
    people_group = people_group or default_people_group(area)
    if people_group not in PEOPLE_GROUPS:
        names = ", ".join(PEOPLE_GROUPS)
        problems["people_group"] = [_("Group by one of: %(names)s.") % {"names": names}]
    as_of = timezone.localdate()
    if day:
        try:
            as_of = date.fromisoformat(day)
        except ValueError:
            problems["date"] = [_("Give the date as YYYY-MM-DD.")]
    if problems:
        raise BadQuery(_("Some query parameters are not valid."), fields=problems)
    return {
        "scope": scope,
        "area": area,
        "school": school,
        "group": group,
        "people_group": people_group,
        "as_of": as_of,
    }


def default_group(*, area: Area, school=None) -> str:
    """The next level down, so that opening a place shows its parts without choosing: a city
    its wards, a ward (no areas under it) its schools, a school its grades."""
    if school:
        return "grade"
    return "school" if area.is_leaf() else "area"


def default_people_group(area: Area) -> str:
    """The population measure's next level down: a wider area its wards, a ward its sexes."""
    return "sex" if area.is_leaf() else "area"


def end_of(day: date) -> datetime:
    """The last moment of the day, in the site's time zone: figures "as of" a day include it."""
    return timezone.make_aware(datetime.combine(day, time.max))


def _reached(policy, area: Area, school, as_of: date):
    rows = Reached.objects.filter(
        policy=policy, school__area__path__startswith=area.path, reached_at__lte=end_of(as_of)
    )
    return rows.filter(school=school) if school else rows


def _enrolment(area: Area, school, as_of: date):
    rows = SchoolEnrolment.objects.filter(
        school_year=school_year_of(as_of), school__area__path__startswith=area.path
    )
    return rows.filter(school=school) if school else rows


@dataclass(frozen=True)
class Counted:
    """Pupils reached under a place, as of a day, by (school, grade, sex), already read by a
    wider grouped read (the population measure's): the headline and every breakdown then add
    them up instead of counting the reached records again."""

    cells: Mapping[tuple[int, int | None, str], int]
    school_paths: Mapping[int, str]  # each school's area path

    @property
    def by_school(self) -> Counter:
        found: Counter = Counter()
        for (school_id, _grade, _sex), n in self.cells.items():
            found[school_id] += n
        return found

    def by(self, group: str, school=None) -> Counter:
        """Pupils by school, grade or sex (of one school when given)."""
        index = {"school": 0, "grade": 1, "sex": 2}[group]
        found: Counter = Counter()
        for cell, n in self.cells.items():
            if school is None or cell[0] == school.pk:
                found[cell[index]] += n
        return found


def headline(
    *, policy: ReachPolicy, area: Area, school=None, as_of: date, counted: Counted | None = None
) -> Figure:
    if counted is not None:
        by_school = counted.by_school
        reached = by_school.get(school.pk, 0) if school else sum(by_school.values())
    else:
        reached = _reached(policy, area, school, as_of).count()
    enrolled = _enrolment(area, school, as_of).aggregate(n=Sum("pupils"))["n"]
    label = school.name if school else area.name
    return Figure(str(school.pk if school else area.pk), label, reached, enrolled)


def breakdown(
    *,
    policy: ReachPolicy,
    area: Area,
    group: str,
    as_of: date,
    school=None,
    counted: Counted | None = None,
) -> list[Figure]:
    """One figure per child area, school, grade or sex: two grouped queries (only the
    enrolment's when the pupils reached are `counted` already)."""
    reached = _reached(policy, area, school, as_of)
    enrolment = _enrolment(area, school, as_of)
    if group == "area":
        children = list(area.get_children())
        if not children:
            return []
        length = len(children[0].path)
        if counted is not None:
            counts: dict = Counter()
            for school_id, n in counted.by_school.items():
                counts[counted.school_paths[school_id][:length]] += n
        else:
            counts = dict(
                reached.annotate(prefix=Substr("school__area__path", 1, length))
                .values_list("prefix")
                .annotate(n=Count("id"))
                .values_list("prefix", "n")
            )
        pupils = dict(
            enrolment.annotate(prefix=Substr("school__area__path", 1, length))
            .values_list("prefix")
            .annotate(n=Sum("pupils"))
            .values_list("prefix", "n")
        )
        return [
            Figure(str(c.pk), c.name, counts.get(c.path, 0), pupils.get(c.path)) for c in children
        ]
    field = {"school": "school_id", "grade": "grade", "sex": "sex"}[group]
    if counted is not None:
        counts = dict(counted.by(group, school))
    else:
        counts = dict(reached.values_list(field).annotate(n=Count("id")).values_list(field, "n"))
    source = "school_id" if group == "school" else field
    pupils = dict(enrolment.values_list(source).annotate(n=Sum("pupils")).values_list(source, "n"))
    if group == "school":
        schools = School.objects.filter(area__path__startswith=area.path).order_by("name")
        if school:
            schools = schools.filter(pk=school.pk)
        return [Figure(str(s.pk), s.name, counts.get(s.pk, 0), pupils.get(s.pk)) for s in schools]
    if group == "grade":
        grades = sorted({g for g in [*counts, *pupils] if g is not None})
        return [
            Figure(str(g), _("Grade %(grade)s") % {"grade": g}, counts.get(g, 0), pupils.get(g))
            for g in grades
        ]
    return [
        Figure(value, str(label), counts.get(value, 0), pupils.get(value))
        for value, label in Sex.choices
        if counts.get(value) or pupils.get(value)
    ]


@dataclass
class Projection:
    projected_percent: Decimal | None
    on_track: bool | None
    weeks: int


def project(points: list[tuple[date, Decimal]], *, target: int, target_year: int) -> Projection:
    """A straight line through the recent weekly percentages, read at the end of the target
    year. Fewer than two points: no projection ("not enough data")."""
    recent = points[-12:]
    if len(recent) < 2:
        return Projection(None, None, len(recent))
    xs = [(day - recent[0][0]).days for day, _p in recent]
    ys = [float(p) for _d, p in recent]
    n = len(recent)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = (
        sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
        if spread
        else 0.0
    )
    at = (date(target_year, 12, 31) - recent[0][0]).days
    value = max(0.0, min(100.0, mean_y + slope * (at - mean_x)))
    projected = Decimal(str(round(value, 1)))
    return Projection(projected, projected >= target, n)


def trend(*, policy: ReachPolicy, area: Area) -> list[tuple[date, int, int | None]]:
    return list(
        ReachSnapshot.objects.filter(policy=policy, area=area).values_list(
            "taken_on", "reached", "enrolled"
        )
    )


def public_summary() -> dict | None:
    """The city's figure for the home page: one number and one percentage, nothing finer, of the
    population measure when the city has population figures, else of the pupils measure; `measure`
    says which ("people" or "pupils")."""
    # Imported here: the population measure builds on this module's figures.
    from lms.reach.people import PeopleMeasure

    root = Area.get_root_nodes().first()
    if root is None:
        return None
    policy = ReachPolicy.current()
    as_of = timezone.localdate()
    figure = PeopleMeasure(policy=policy, area=root, as_of=as_of).headline()
    measure = "people"
    if figure.enrolled is None:
        figure, measure = headline(policy=policy, area=root, as_of=as_of), "pupils"
    return {
        "measure": measure,
        "reached": figure.reached,
        "percent": figure.percent,
        "target": policy.target_percent,
        "target_year": policy.target_year,
        "area": root.name,
    }
