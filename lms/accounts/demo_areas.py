"""The demo city's areas: Cần Thơ and its wards, with their codes and their people by sex and age
band, from `content/demo/areas.yaml` (read by `demo_content`). Found by name before they are made,
so seeding twice changes nothing; `demo.seed_demo` calls these first.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from lms.accounts.demo_content import (
    AGE_BANDS,
    AGE_SHARES,
    CITY_CODE,
    CITY_KIND,
    CITY_NAME,
    POPULATION_YEAR,
    WARDS,
    WardSpec,
)
from lms.accounts.models import Area, AreaPopulation, Sex


@dataclass(frozen=True)
class Tally:
    """What a step of the seed found (total) and added (new)."""

    total: int
    new: int


def population_figures(spec: WardSpec) -> Iterator[tuple[str, str, int]]:
    """(sex, age band, people) of a ward: each sex's people shared among the age bands as is
    usual for its kind of unit; the oldest band takes what the rounding leaves, so the bands add
    up to the ward's people."""
    for sex, people in ((Sex.FEMALE, spec.female), (Sex.MALE, spec.male)):
        shares = AGE_SHARES[spec.kind][sex]
        left = people
        for band, share in zip(AGE_BANDS[:-1], shares[:-1], strict=True):
            count = round(people * share / 100)
            left -= count
            yield sex, band, count
        yield sex, AGE_BANDS[-1], left


def seed_areas() -> tuple[Tally, dict[str, Area]]:
    """The city with its wards; unit codes filled in where they are missing."""
    new = 0
    city = Area.get_root_nodes().filter(name=CITY_NAME).first()
    if city is None:
        city = Area.add_root(name=CITY_NAME, kind=CITY_KIND, code=CITY_CODE)
        new += 1
    _fill_code(city, CITY_CODE)
    existing = {area.name: area for area in city.get_children()}
    wards: dict[str, Area] = {}
    for spec in WARDS:
        area = existing.get(spec.name)
        if area is None:
            # Re-read the parent: treebeard computes the new child's path from it.
            city = Area.objects.get(pk=city.pk)
            area = city.add_child(name=spec.name, kind=spec.kind, code=spec.code)
            new += 1
        _fill_code(area, spec.code)
        wards[spec.name] = area
    return Tally(1 + len(wards), new), wards


def _fill_code(area: Area, code: str) -> None:
    if not area.code:
        area.code = code
        area.save(update_fields=["code"])


def seed_population_figures(*, wards: dict[str, Area]) -> Tally:
    """Each ward's people by sex and age band in POPULATION_YEAR (the city's are its wards'
    sum, so it has none of its own); figures already there, imported or corrected, are kept."""
    kept = AreaPopulation.objects.filter(area__in=list(wards.values()), year=POPULATION_YEAR)
    before = kept.count()
    wanted = [
        AreaPopulation(
            area=wards[spec.name], year=POPULATION_YEAR, sex=sex, age_band=band, people=people
        )
        for spec in WARDS
        for sex, band, people in population_figures(spec)
    ]
    AreaPopulation.objects.bulk_create(wanted, ignore_conflicts=True)
    return Tally(len(wanted), kept.count() - before)
