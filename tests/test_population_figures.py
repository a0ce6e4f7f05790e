"""Population figures as the population measure reads them (latest year up to the one asked
about, bands or all ages but never both, "no data" as None, one query), the area list showing
each area's latest year without a query per area, and the migration that moved the old columns
into figures."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.accounts.models import AreaPopulation, Role
from lms.reach.population import latest_population, population_of
from tests.factories import UserFactory, make_area

pytestmark = pytest.mark.django_db

BANDS = ("0-14", "15-24", "25-44", "45-64", "65+")


def _banded(year, sex, people=(10, 20, 30, 40, 5)):
    return [(year, sex, band, n) for band, n in zip(BANDS, people, strict=True)]


ALL_AGES_2020 = [(2020, "female", "", 100), (2020, "male", "", 90)]
BANDS_2024 = _banded(2024, "female") + _banded(2024, "male", (1, 2, 3, 4, 5))


@pytest.mark.parametrize(
    ("figures", "year", "by", "expected"),
    [
        ([], 2025, None, None),  # no figures: "no data", never 0
        (ALL_AGES_2020, 2025, None, 190),
        (ALL_AGES_2020, 2019, None, None),  # only later figures
        (ALL_AGES_2020, 2025, "sex", {"female": 100, "male": 90}),
        (ALL_AGES_2020, 2025, "age_band", {"": 190}),
        (BANDS_2024, 2025, None, 120),
        (
            BANDS_2024,
            2025,
            "age_band",
            {"0-14": 11, "15-24": 22, "25-44": 33, "45-64": 44, "65+": 10},
        ),
        (ALL_AGES_2020 + BANDS_2024, 2023, None, 190),  # the latest year up to 2023
        (ALL_AGES_2020 + BANDS_2024, 2024, None, 120),
        (ALL_AGES_2020 + BANDS_2024, None, "sex", {"female": 105, "male": 15}),
        # Bands and an all-ages figure of the same year and sex: the bands, never both.
        (BANDS_2024 + [(2024, "female", "", 999)], 2024, "sex", {"female": 105, "male": 15}),
        # Women by band, men for all ages only: each as given.
        (
            _banded(2024, "female") + [(2024, "male", "", 100)],
            2024,
            "age_band",
            {"0-14": 10, "15-24": 20, "25-44": 30, "45-64": 40, "65+": 5, "": 100},
        ),
        ([(2024, "female", "", 0), (2024, "male", "", 0)], 2024, None, 0),
    ],
)
def test_population_of_a_ward(figures, year, by, expected):
    ward, neighbour = make_area("Phường A"), make_area("Phường B")
    AreaPopulation.objects.bulk_create(
        AreaPopulation(area=ward, year=y, sex=sex, age_band=band, people=n)
        for y, sex, band, n in figures
    )
    AreaPopulation.objects.create(area=neighbour, year=2024, sex="female", people=5000)
    assert population_of([ward.pk], year, by=by) == {ward.pk: expected}
    assert population_of([ward.path], year, by=by) == {ward.path: expected}


def test_many_wards_in_one_query(django_assert_num_queries):
    city = make_area()
    wards = [make_area(f"Phường {n:02d}", parent=city) for n in range(30)]
    AreaPopulation.objects.bulk_create(
        AreaPopulation(area=ward, year=year, sex=sex, age_band=band, people=n)
        for n, ward in enumerate(wards[:20])
        for year in (2023, 2024)
        for _y, sex, band, _n in _banded(year, "female") + _banded(year, "male")
    )
    ids = [ward.pk for ward in wards]
    with django_assert_num_queries(1):
        figures = latest_population(ids, 2025)
    assert sum(figures[pk] is None for pk in ids) == 10
    assert {figures[pk].year for pk in ids[:20]} == {2024}
    assert figures[ids[3]].people == 30 and figures[ids[3]].by_sex == {"female": 15, "male": 15}
    with django_assert_num_queries(0):
        assert population_of([], 2025) == {}


def test_ids_and_paths_are_not_mixed_and_by_is_checked():
    ward = make_area()
    with pytest.raises(TypeError):
        population_of([ward.pk, ward.path])
    with pytest.raises(ValueError):
        population_of([ward.pk], by="school")


def test_area_list_shows_each_areas_latest_figures_year_without_a_query_per_area(client):
    city = make_area()
    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True, is_superuser=True))

    def add_wards(first: int) -> int:
        for n in range(first, first + 6):
            ward = make_area(f"Phường {n:02d}", parent=city)
            for year in (2023, 2024):
                AreaPopulation.objects.create(area=ward, year=year, sex="female", people=n)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("area:index"))
        assert page.status_code == 200 and "2024" in page.content.decode()
        return len(queries)

    add_wards(0)  # the admin's own caches fill on the first view
    assert add_wards(6) == add_wards(12)
    figures = client.get(reverse("areapopulation:index"))
    assert figures.status_code == 200 and "Phường 03" in figures.content.decode()


BEFORE = [("accounts", "0006_population_by_sex_and_age_band")]
AFTER = [("accounts", "0007_area_population_to_figures")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_old_columns_become_all_ages_figures_and_come_back():
    apps = _migrate(BEFORE)
    Area = apps.get_model("accounts", "Area")
    Area.objects.create(
        path="0901", depth=1, name="Phường A", kind="phường",
        population_female=9000, population_male=8800, population_year=2024,
    )  # fmt: skip
    Area.objects.create(path="0902", depth=1, name="Phường B", kind="phường")
    apps = _migrate(AFTER)
    Area, Figure = apps.get_model("accounts", "Area"), apps.get_model("accounts", "AreaPopulation")
    a, b = Area.objects.get(path="0901"), Area.objects.get(path="0902")
    assert set(Figure.objects.values_list("area", "year", "sex", "age_band", "people")) == {
        (a.pk, 2024, "female", "", 9000),
        (a.pk, 2024, "male", "", 8800),
    }
    Figure.objects.bulk_create(
        Figure(area_id=b.pk, year=year, sex=sex, age_band=band, people=n)
        for year, sex, band, n in _banded(2025, "female") + _banded(2023, "male")
    )
    apps = _migrate(BEFORE)
    Area = apps.get_model("accounts", "Area")
    back = {
        area.name: (area.population_female, area.population_male, area.population_year)
        for area in Area.objects.filter(path__in=["0901", "0902"])
    }
    assert back == {"Phường A": (9000, 8800, 2024), "Phường B": (105, None, 2025)}
    _migrate(AFTER)
