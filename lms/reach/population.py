"""The population measure's denominator: how many people live in each ward or commune, read from
the imported figures (AreaPopulation: lms.reach.enrolment imports them).

A ward's figures are those of the latest year, up to the year asked about, that has any. For each
sex they are either for every age band or for all ages (an empty band): bands when the year has
them, the all-ages figure otherwise, never both, so nothing is counted twice.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from django.db.models import F, OuterRef, Subquery

from lms.accounts.models import AgeBand, AreaPopulation

By = Literal["sex", "age_band"] | None


@dataclass(frozen=True)
class Population:
    """An area's people in `year`, by (sex, age band); a band "" holds a sex's people given for
    all ages only (its file had no bands)."""

    year: int
    cells: Mapping[tuple[str, str], int]

    @property
    def people(self) -> int:
        return sum(self.cells.values())

    @property
    def by_sex(self) -> dict[str, int]:
        people: dict[str, int] = {}
        for (sex, _band), count in self.cells.items():
            people[sex] = people.get(sex, 0) + count
        return people

    @property
    def by_age_band(self) -> dict[str, int]:
        """In the bands' order; "" (people of a sex given for all ages only) last."""
        people: dict[str, int] = {}
        for band in [*AgeBand.values, ""]:
            for (_sex, cell_band), count in self.cells.items():
                if cell_band == band:
                    people[band] = people.get(band, 0) + count
        return people


def latest_population(
    areas: Iterable[int] | Iterable[str], year: int | None = None
) -> dict[int | str, Population | None]:
    """Each area's figures of the latest year up to `year` (any year when None), keyed as asked:
    by area id, or by path when `areas` are paths. None for an area without figures ("no data").
    The figures of the area itself: a city's people are its wards', which the caller adds.
    One query."""
    keys = list(dict.fromkeys(areas))
    if not keys:
        return {}
    by_path = isinstance(keys[0], str)
    if any(isinstance(key, str) != by_path for key in keys):
        raise TypeError("Give area ids or area paths, not both.")
    field = "area__path" if by_path else "area_id"
    latest = AreaPopulation.objects.filter(area=OuterRef("area"))
    if year is not None:
        latest = latest.filter(year__lte=year)
    rows = (
        AreaPopulation.objects.filter(**{f"{field}__in": keys})
        .annotate(latest=Subquery(latest.order_by("-year").values("year")[:1]))
        .filter(year=F("latest"))
        .values_list(field, "year", "sex", "age_band", "people")
    )
    years: dict[int | str, int] = {}
    found: dict[int | str, dict[str, dict[str, int]]] = {}
    for key, row_year, sex, band, people in rows:
        years[key] = row_year
        found.setdefault(key, {}).setdefault(sex, {})[band] = people
    result: dict[int | str, Population | None] = {}
    for key in keys:
        if key not in found:
            result[key] = None
            continue
        cells = {}
        for sex, bands in found[key].items():
            banded = {band: people for band, people in bands.items() if band}
            for band, people in (banded or {"": bands[""]}).items():
                cells[(sex, band)] = people
        result[key] = Population(year=years[key], cells=cells)
    return result


def population_of(
    areas: Iterable[int] | Iterable[str], year: int | None = None, by: By = None
) -> dict[int | str, int | dict[str, int] | None]:
    """For each area (ids or paths, as keys): its people in the latest year up to `year` with
    figures (a whole number), or by sex or by age band (a dict; band "" for people given for all
    ages only); None when it has no figures. The people may add up to 0: a share of them is
    then as undefined as for None. One query."""
    if by not in (None, "sex", "age_band"):
        raise ValueError(f"by must be None, 'sex' or 'age_band', not {by!r}")
    result: dict[int | str, int | dict[str, int] | None] = {}
    for key, figures in latest_population(areas, year).items():
        if figures is None:
            result[key] = None
        elif by is None:
            result[key] = figures.people
        else:
            result[key] = figures.by_sex if by == "sex" else figures.by_age_band
    return result
