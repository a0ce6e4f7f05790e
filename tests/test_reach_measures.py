"""Reach's two measures side by side: pupils reached / enrolment and people reached / population
(every channel, by ward, sex and age band, against the latest population figures, never counting
a ward's all-ages and age-band rows twice), on the page, in the API and the export; small groups
withheld; each ward's date for the target at the recent pace; an officer sees only their wards."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone
from openpyxl import load_workbook

from lms.accounts.models import AgeBand, AreaPopulation, Role, Sex
from lms.reach import people, selectors
from lms.reach.models import Channel, Reached, ReachPolicy, ReachSnapshot
from lms.reach.snapshots import take_snapshot
from tests.factories import UserFactory, build_city, reach_some

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


@pytest.fixture
def city():
    return build_city()


def residents(ward, count: int, *, channel=Channel.CONTEST, sex=Sex.FEMALE, band=AgeBand.ADULTS):
    """`count` people counted in `ward` without a school (public participants, by default)."""
    policy = ReachPolicy.current()
    for _n in range(count):
        Reached.objects.create(
            policy=policy,
            user=UserFactory(role=Role.STUDENT),
            channel=channel,
            reached_at=timezone.now(),
            area=ward,
            sex=sex,
            age_band=band,
        )


def population(ward, year, sex, people_count, band=""):
    AreaPopulation.objects.create(area=ward, year=year, sex=sex, age_band=band, people=people_count)


@pytest.fixture
def counted(city):
    """Ward 0: 6 pupils and 4 residents reached, 50 + 50 people (all-ages rows of last year, with
    age-band rows for women beside them, older and future figures that must not be read). Ward 1:
    3 pupils reached and no population figures."""
    reach_some(city)
    ward, other = city["wards"]
    residents(ward, 4)
    population(ward, YEAR - 1, Sex.FEMALE, 50)
    population(ward, YEAR - 1, Sex.MALE, 50)
    population(ward, YEAR - 1, Sex.FEMALE, 30, AgeBand.ADULTS)
    population(ward, YEAR - 1, Sex.FEMALE, 20, AgeBand.CHILDREN)
    population(ward, YEAR - 3, Sex.FEMALE, 999)
    population(ward, YEAR + 1, Sex.FEMALE, 999)
    return city


def measure(city, area=None):
    return people.PeopleMeasure(
        policy=ReachPolicy.current(), area=area or city["root"], as_of=timezone.localdate()
    )


def test_people_are_counted_by_ward_against_the_latest_figures_never_twice(counted):
    city_figure = measure(counted).headline()
    assert (city_figure.reached, city_figure.enrolled) == (13, 100)  # 9 pupils + 4 residents
    by_ward = {f.label: f for f in measure(counted).breakdown("area")}
    assert (by_ward["Phường Ninh Kiều"].reached, by_ward["Phường Ninh Kiều"].percent) == (
        10,
        Decimal("10.0"),
    )
    no_figures = by_ward["Phường Cái Răng"]
    assert (no_figures.enrolled, no_figures.percent) == (None, None)  # "no data", no division


def test_by_sex_and_by_age_band_read_the_matching_rows_only(counted):
    by_sex = {f.key: (f.reached, f.enrolled) for f in measure(counted).breakdown("sex")}
    assert by_sex["female"] == (4 + 4, 50) and by_sex["male"] == (5, 50)
    by_band = {f.key: (f.reached, f.enrolled) for f in measure(counted).breakdown("age_band")}
    assert by_band[AgeBand.ADULTS] == (4, 30) and by_band[AgeBand.CHILDREN] == (9, 20)


def test_a_share_divides_only_the_people_of_wards_that_have_figures(counted):
    place = measure(counted)
    head = place.headline()
    # 13 reached, of whom the 10 of the ward with figures are its 100 people's share.
    assert (head.reached, head.enrolled, head.percent) == (13, 100, Decimal("10.0"))
    assert place.wards_without_figures() == 1
    by_band = {f.key: f for f in place.breakdown("age_band")}
    assert (by_band[AgeBand.CHILDREN].reached, by_band[AgeBand.CHILDREN].percent) == (
        9,
        Decimal("30.0"),  # the ward's 6 pupils of its 20 children
    )


def test_a_ward_with_only_banded_rows_sums_its_bands(city):
    ward = city["wards"][1]
    population(ward, YEAR, Sex.MALE, 10, AgeBand.YOUTH)
    population(ward, YEAR, Sex.MALE, 15, AgeBand.OLDER)
    assert measure(city, ward).headline().enrolled == 25


@pytest.mark.parametrize(
    ("points", "population_count", "expected"),
    [
        ([(date(2026, 1, 1), 5)], None, people.Outlook("no_data")),
        ([(date(2026, 1, 1), 5)], 0, people.Outlook("no_data")),
        ([(date(2026, 1, 1), 80)], 100, people.Outlook("reached")),
        ([(date(2026, 1, 1), 79), (date(2026, 1, 8), 90)], 100, people.Outlook("reached")),
        ([(date(2026, 1, 8), 10)], 100, people.Outlook("too_early")),
        ([], 100, people.Outlook("too_early")),
        (
            [(date(2026, 1, 1), 10), (date(2026, 1, 8), 10)],
            100,
            people.Outlook("not_at_this_pace", weekly_pace=Decimal("0.0")),
        ),
        (
            [(date(2026, 1, 1), 20), (date(2026, 1, 8), 10)],
            100,
            people.Outlook("not_at_this_pace", weekly_pace=Decimal("-10.0")),
        ),
        (  # 10 a week; 70 to go: 7 weeks after the last count
            [(date(2026, 1, 1), 0), (date(2026, 1, 8), 10)],
            100,
            people.Outlook("date", on=date(2026, 2, 26), weekly_pace=Decimal("10.0")),
        ),
        (  # only the last four weeks set the pace (the early burst is left out)
            [(date(2025, 6, 1), 0), (date(2025, 12, 4), 50), (date(2026, 1, 1), 52)],
            100,
            people.Outlook("date", on=date(2027, 1, 28), weekly_pace=Decimal("0.5")),
        ),
        (  # 1 person a week toward 80,000: past the horizon
            [(date(2026, 1, 1), 0), (date(2026, 1, 8), 1)],
            100_000,
            people.Outlook("not_at_this_pace", weekly_pace=Decimal("1.0")),
        ),
    ],
)
def test_when_a_ward_reaches_the_target_at_the_recent_pace(points, population_count, expected):
    assert people.outlook(points, population=population_count, target=80) == expected


def test_wards_furthest_behind_come_first_and_wards_without_figures_last(counted, client):
    ward, other = counted["wards"]
    today = timezone.localdate()
    ReachSnapshot.objects.create(
        policy=ReachPolicy.current(),
        area=ward,
        taken_on=today - timedelta(days=14),
        reached=0,
        people_reached=2,
        population=100,
    )
    rows = people.ward_outlooks(measure(counted), target=80)
    assert [row.figure.label for row in rows] == ["Phường Ninh Kiều", "Phường Cái Răng"]
    first, last = rows
    assert first.outlook.status == "date" and first.outlook.weekly_pace == Decimal("4.0")
    assert first.outlook.on == today + timedelta(days=123)  # 70 more at 4 a week
    assert last.outlook.status == "no_data"
    client.force_login(UserFactory(role=Role.OFFICER, area=counted["root"]))
    page = client.get("/reach/").content.decode()
    grid = page[page.index('class="ward-grid"') : page.index("</ul>", page.index("ward-grid"))]
    assert "10,0%" in grid and "Khoảng " in grid and "ít hơn 5" in grid  # 3 people: withheld


def test_the_page_shows_both_measures_labelled_with_the_target_on_the_population(client, counted):
    client.force_login(UserFactory(role=Role.OFFICER, area=counted["root"]))
    response = client.get("/reach/")
    page = response.content.decode()
    assert "Người dân đã tiếp cận / dân số" in page and "Học sinh đã tiếp cận / sĩ số" in page
    assert "13 người đã tiếp cận" in page and "trên 100 người" in page
    # The 10 of the ward with figures, of its 100 people; the other ward's 3 are not divided.
    assert response.context["people_head"].percent == Decimal("10.0")
    assert "22,5%" in page  # the pupils: 9 of 40 enrolled
    by_sex = client.get("/reach/", {"people_group": "sex"}).context["people_bars"]
    assert {figure.key for figure, _width in by_sex} == {"female", "male"}
    assert client.get("/reach/", {"people_group": "tinh"}).status_code == 400


def test_the_export_has_a_sheet_for_each_measure(client, counted):
    client.force_login(UserFactory(role=Role.OFFICER, area=counted["root"]))
    book = load_workbook(io.BytesIO(client.get("/reach/", {"format": "xlsx"}).content))
    assert book.sheetnames == ["Học sinh", "Người dân"]
    sheet = list(book["Người dân"].iter_rows(values_only=True))
    assert sheet[0][0].startswith("Người dân đã tiếp cận / dân số tại ")
    assert sheet[1] == ("Nhóm", "Đã tiếp cận", "Dân số", "Tỉ lệ")
    rows = {row[0]: row[1:] for row in sheet[2:]}
    assert rows["Phường Ninh Kiều"] == (10, 100, 10)
    assert rows["Phường Cái Răng"] == ("ít hơn 5", None, None)  # 3 people: withheld


def test_the_api_names_both_measures_and_withholds_small_groups(api_client, counted):
    api_client.force_authenticate(UserFactory(role=Role.OFFICER, area=counted["root"]))
    data = api_client.get("/api/v1/reach/").json()
    assert data["groups"] == data["pupils"]["groups"]  # older clients read the pupils
    assert data["people"]["headline"]["population"] == 100
    wards = {g["label"]: g for g in data["people"]["groups"]}
    small = wards["Phường Cái Răng"]
    assert (small["reached"], small["percent"], small["suppressed"]) == (None, None, True)
    assert wards["Phường Ninh Kiều"]["reached"] == 10
    outlooks = [w["label"] for w in data["people"]["wards"]]
    assert outlooks == ["Phường Ninh Kiều", "Phường Cái Răng"]
    assert data["people"]["wards"][1]["outlook"] == "no_data"


def test_an_officer_of_one_ward_sees_no_other_wards_people(client, api_client, counted):
    ward, other = counted["wards"]
    residents(other, 6)
    officer = UserFactory(role=Role.OFFICER, area=ward)
    api_client.force_authenticate(officer)
    data = api_client.get("/api/v1/reach/").json()
    assert data["people"]["headline"]["reached"] == 10
    assert [w["label"] for w in data["people"]["wards"]] == [ward.name]
    assert api_client.get("/api/v1/reach/", {"area": other.pk}).status_code == 404
    client.force_login(officer)
    page = client.get("/reach/", {"people_group": "sex"})
    assert other.name not in page.content.decode()
    assert sum(f.reached for f, _w in page.context["people_bars"]) == 10
    assert client.get("/reach/", {"area": other.pk}).status_code == 404


def test_the_home_page_says_which_measure_it_shows(client, counted):
    cache.delete("reach:public")
    page = client.get("/").content.decode()
    assert "Người dân đã tiếp cận / dân số" in page and "10,0%" in page
    AreaPopulation.objects.all().delete()
    cache.delete("reach:public")
    page = client.get("/").content.decode()
    assert "Học sinh đã tiếp cận / sĩ số" in page and "22,5%" in page


def test_the_public_summary_withholds_fewer_than_five_people(client, city):
    residents(city["wards"][0], 4)
    population(city["wards"][0], YEAR, Sex.FEMALE, 100)
    cache.delete("reach:public")
    assert selectors.public_summary()["measure"] == "people"
    assert "reach-summary" not in client.get("/").content.decode()


def test_a_snapshot_keeps_the_population_measure_for_every_area(counted):
    take_snapshot()
    snapshots = {s.area_id: s for s in ReachSnapshot.objects.all()}
    ward, other = counted["wards"]
    assert (snapshots[ward.pk].people_reached, snapshots[ward.pk].population) == (10, 100)
    assert (snapshots[other.pk].people_reached, snapshots[other.pk].population) == (3, None)
    root = snapshots[counted["root"].pk]
    assert (root.reached, root.people_reached, root.population) == (9, 13, 100)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"people_group": "sex"},
        {"people_group": "age_band", "group": "sex"},
        {"ward": True},
        {"school": True},
    ],
)
def test_every_level_reads_a_bounded_number_of_queries(
    client, counted, django_assert_max_num_queries, params
):
    for n in range(3):
        residents(counted["wards"][n % 2], 2, sex=Sex.MALE)
        take_snapshot(day=timezone.localdate() - timedelta(days=7 * (n + 1)))
    if params.pop("ward", False):
        params["area"] = counted["wards"][0].pk
    if params.pop("school", False):
        params["school"] = counted["schools"][0].pk
    client.force_login(UserFactory(role=Role.OFFICER, area=counted["root"]))
    client.get("/reach/", params)  # the session, the policy and the pages' version kept
    with django_assert_max_num_queries(16):  # 12 to 16 today, whatever the size
        assert client.get("/reach/", params).status_code == 200


def test_pupils_counted_with_the_population_read_equal_their_own_count(counted):
    """The page reads the reached records once: the pupils' headline and their breakdowns by
    area and school are added up from the population measure's read, to the same figures."""
    policy, today = ReachPolicy.current(), timezone.localdate()
    for area, school, group in (
        (counted["root"], None, "area"),
        (counted["wards"][0], None, "school"),
        (counted["wards"][0], counted["schools"][0], "school"),
    ):
        shared = measure(counted, area).pupils
        place = {"policy": policy, "area": area, "school": school, "as_of": today}
        assert selectors.headline(**place) == selectors.headline(**place, counted=shared)
        assert selectors.breakdown(**place, group=group) == selectors.breakdown(
            **place, group=group, counted=shared
        )


def test_the_api_reads_a_bounded_number_of_queries(
    api_client, counted, django_assert_max_num_queries
):
    api_client.force_authenticate(UserFactory(role=Role.OFFICER, area=counted["root"]))
    api_client.get("/api/v1/reach/")
    with django_assert_max_num_queries(12):
        assert api_client.get("/api/v1/reach/", {"people_group": "age_band"}).status_code == 200
