"""The demo city and its people: Cần Thơ's wards, the named schools, one login per role, names.

The figures and names live in `lms/accounts/content/demo/` (README.md there says how to keep them),
so that they can be read and changed without Python; `lms/accounts/demo.py` seeds them. They are
proper names and figures, the same in every language, so the files hold no English beside them.
Names and figures are plausible, not official statistics.
"""

from dataclasses import dataclass
from pathlib import Path

from lms.accounts.models import AgeBand, Role, School, Sex
from lms.core.content_files import load_data

FILES = Path(__file__).resolve().parent / "content" / "demo"


@dataclass(frozen=True)
class WardSpec:
    name: str
    kind: str
    code: str
    female: int  # people of all ages
    male: int


@dataclass(frozen=True)
class SchoolSpec:
    name: str
    level: str
    ward: str
    pupils_per_grade: int
    female_share: float
    classrooms: tuple[tuple[int, str], ...]  # (grade, name)


@dataclass(frozen=True)
class DemoUserSpec:
    username: str
    role: Role
    display_name: str
    sex: str
    is_staff: bool = False


_areas = load_data(FILES / "areas.yaml")
CITY_NAME: str = _areas["city"]["name"]
CITY_KIND: str = _areas["city"]["kind"]
CITY_CODE: str = _areas["city"]["code"]
POPULATION_YEAR: int = _areas["population"]["year"]
AGE_BANDS: tuple[AgeBand, ...] = tuple(AgeBand(band) for band in _areas["population"]["age_bands"])
# Per cent of a sex's people in each of AGE_BANDS, by kind of unit then sex.
AGE_SHARES: dict[str, dict[Sex, tuple[int, ...]]] = {
    kind: {Sex(sex): shares for sex, shares in by_sex.items()}
    for kind, by_sex in _areas["population"]["shares"].items()
}
WARDS: tuple[WardSpec, ...] = tuple(WardSpec(**ward) for ward in _areas["wards"])

_schools = load_data(FILES / "schools.yaml")
SCHOOLS: tuple[SchoolSpec, ...] = tuple(
    SchoolSpec(**{**school, "level": School.Level(school["level"])})
    for school in _schools["schools"]
)
# (level, name with `{}` for the number) of the large seed's extra schools, taking turns.
GENERATED_LEVELS: tuple[tuple[str, str], ...] = tuple(
    (School.Level(school["level"]), school["name"]) for school in _schools["generated_schools"]
)
# The demo teacher teaches every class of this school; the demo student sits in its first class.
DEMO_SCHOOL = SCHOOLS[0]

_people = load_data(FILES / "people.yaml")
DEMO_USERS: tuple[DemoUserSpec, ...] = tuple(
    DemoUserSpec(**{**user, "role": Role(user["role"]), "sex": Sex(user["sex"])})
    for user in _people["demo_users"]
)
# Given names, some with a middle name. Students are minors: never a family name.
FEMALE_NAMES: tuple[str, ...] = _people["given_names"]["female"]
MALE_NAMES: tuple[str, ...] = _people["given_names"]["male"]
# For the few who prefer not to state their sex: names used for girls and boys alike.
SHARED_NAMES: tuple[str, ...] = _people["given_names"]["shared"]
# Teachers are adults and staff: a family name is fine for them.
FAMILY_NAMES: tuple[str, ...] = _people["family_names"]
