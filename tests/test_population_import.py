"""Population figures by ward, sex and age band from an officer's spreadsheet: every row right or
nothing saved, each problem named by row and column, only the officer's own areas, a new figure
replacing the old, the former file (women and men of all ages) still read, and the sample file
kept in the repository importing as the demo figures."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.accounts.demo_areas import population_figures, seed_areas
from lms.accounts.demo_content import POPULATION_YEAR, WARDS
from lms.accounts.models import AreaPopulation, Role
from lms.core.spreadsheets import read_table, xlsx_bytes
from lms.reach import enrolment
from lms.reach.population import population_of
from lms.reach.population_sample import SAMPLE_FILE, SAMPLE_STATIC, sample_rows
from tests.factories import UserFactory, make_area

pytestmark = pytest.mark.django_db

URL = "/reach/enrolment/"
HEADER = ["Mã địa bàn", "Năm", "Giới tính", "Nhóm tuổi", "Số người"]
BANDS = ["0-14", "15-24", "25-44", "45-64", "65+"]


def _sheet(rows, name="dan-so.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(rows, title="Dân số"))


def _bands(code, sex, people=(100, 200, 300, 400, 50), year=2025):
    return [[code, year, sex, band, n] for band, n in zip(BANDS, people, strict=True)]


@pytest.fixture
def wards():
    """A city of two wards coded 31117 and 31120, and a third ward of another city (31999)."""
    city = make_area()
    for name in ("Phường Ninh Kiều", "Phường Cái Khế"):
        make_area(name, parent=city)
    other, own = city.get_children()  # siblings are ordered by name
    elsewhere = make_area("Phường Khác", parent=make_area("Thành phố Khác"))
    for area, code in ((own, "31117"), (other, "31120"), (elsewhere, "31999")):
        area.code = code
        area.save()
    return {"city": city, "own": own, "other": other, "elsewhere": elsewhere}


@pytest.fixture
def officer(client, wards):
    client.force_login(UserFactory(role=Role.OFFICER, area=wards["city"]))
    return client


def _import(client, rows):
    """Check then confirm; the check's page."""
    page = client.post(URL, {"file": _sheet(rows)})
    assert page.context["result"].is_valid, page.context["result"].row_errors
    client.post(URL, {"stored": page.context["stored"]})
    return page


def _kept(area):
    return {
        (row.year, row.sex, row.age_band): row.people
        for row in AreaPopulation.objects.filter(area=area)
    }


def test_officer_imports_people_by_sex_and_age_band(officer, wards):
    page = _import(officer, [HEADER, *_bands("31117", "nữ"), *_bands("31117", "nam")])
    assert "Phường Ninh Kiều" in page.content.decode()
    kept = _kept(wards["own"])
    assert len(kept) == 10 and kept[(2025, "female", "65+")] == 50
    assert population_of([wards["own"].pk], 2025) == {wards["own"].pk: 2100}


def test_a_new_file_replaces_the_figures_of_its_area_year_and_sex_only(officer, wards):
    _import(officer, [HEADER, *_bands("31117", "nữ"), *_bands("31117", "nam")])
    _import(officer, [HEADER, ["31117", 2025, "nữ", "", 1000]])  # women, now for all ages
    kept = _kept(wards["own"])
    assert {key: n for key, n in kept.items() if key[1] == "female"} == {(2025, "female", ""): 1000}
    assert sum(n for key, n in kept.items() if key[1] == "male") == 1050  # men untouched
    _import(officer, [HEADER, *_bands("31117", "nữ", (1, 2, 3, 4, 5))])
    assert population_of([wards["own"].pk], 2025, by="sex") == {
        wards["own"].pk: {"female": 15, "male": 1050}
    }


@pytest.mark.parametrize(
    ("sex", "band", "expected"),
    [
        ("Nữ", "0-14", ("female", "0-14")),
        ("nu", "0–14", ("female", "0-14")),
        ("NAM", "15 - 24", ("male", "15-24")),
        ("khác", "65+", ("other", "65+")),
        ("nam", "65 trở lên", ("male", "65+")),
        ("male", "65 TRỞ LÊN", ("male", "65+")),
        ("female", "", ("female", "")),
    ],
)
def test_sexes_and_age_bands_are_read_as_people_write_them(wards, sex, band, expected):
    rows = [HEADER, ["31117", 2025, sex, band, 10]]
    if expected[1]:  # every band of the sex, or the file is refused as incomplete
        rows += [["31117", 2025, sex, other, 1] for other in BANDS if other != expected[1]]
    result = enrolment.preview_population(
        read_table("f.xlsx", _sheet(rows).read()), scope=wards["city"]
    )
    assert result.is_valid, result.row_errors
    assert (result.rows[0].sex, result.rows[0].age_band) == expected


def test_english_headers_and_no_age_band_column_mean_all_ages(officer, wards):
    _import(officer, [["area_code", "year", "sex", "people"], ["31120", 2024, "female", 9000]])
    assert _kept(wards["other"]) == {(2024, "female", ""): 9000}


def test_every_bad_row_is_named_and_nothing_is_saved(officer, wards):
    rows = [
        HEADER,
        ["00000", 2025, "nữ", "", 10],  # 2: no such area
        ["31999", 2025, "nữ", "", 10],  # 3: another city's ward
        ["31117", 2025, "gái", "", 10],  # 4: not a sex
        ["31117", 2025, "nam", "15-20", 10],  # 5: not a band
        ["31120", 2025, "nữ", "", -5],  # 6: negative
        ["31120", 2025, "nam", "", "nhiều"],  # 7: not a number
        ["31117", 2025, "khác", "", 3],  # 8: right
        ["31117", 2025, "khác", "", 4],  # 9: the same figure as row 8
        ["", 2025, "nữ", "", 1],  # 10: no code
        ["31120", 1890, "khác", "", 1],  # 11: not a year
    ]
    page = officer.post(URL, {"file": _sheet(rows)})
    result = page.context["result"]
    problems = {row.row: row.errors for row in result.rows}
    assert problems[2]["area_code"] == "Không có địa bàn nào có mã này."
    assert problems[3]["area_code"] == "Địa bàn này nằm ngoài các địa bàn bạn theo dõi."
    assert set(problems[4]) == {"sex"} and set(problems[5]) == {"age_band"}
    assert set(problems[6]) == {"people"} and set(problems[7]) == {"people"}
    assert problems[8] == {} and "8" in problems[9]["area_code"]
    assert set(problems[10]) == {"area_code"} and set(problems[11]) == {"year"}
    assert "stored" not in page.context and not AreaPopulation.objects.exists()
    html = page.content.decode()
    assert "Số người:" in html and "Nhóm tuổi:" in html  # the file's own column names


def test_a_missing_column_is_named(officer):
    page = officer.post(
        URL, {"file": _sheet([["Mã địa bàn", "Năm", "Giới tính"], ["31117", 2025, "nữ"]])}
    )
    assert page.context["result"].file_errors == ["Thiếu các cột: people."]
    assert not AreaPopulation.objects.exists()


def test_an_area_sex_and_year_is_given_for_all_ages_or_for_every_band(officer):
    mixed = [HEADER, ["31117", 2025, "nữ", "", 1000], *_bands("31117", "nữ")]
    result = officer.post(URL, {"file": _sheet(mixed)}).context["result"]
    assert "age_band" in result.rows[0].errors and "7" in result.rows[0].errors["age_band"]
    partial = [HEADER, *_bands("31117", "nam")[:3]]
    result = officer.post(URL, {"file": _sheet(partial)}).context["result"]
    assert "45-64, 65+" in result.rows[0].errors["age_band"]
    assert not AreaPopulation.objects.exists()


def test_a_file_that_goes_wrong_between_check_and_confirm_saves_nothing(officer, wards):
    AreaPopulation.objects.create(area=wards["own"], year=2025, sex="female", people=7)
    page = officer.post(
        URL,
        {"file": _sheet([HEADER, ["31117", 2025, "nữ", "", 10], ["31120", 2025, "nữ", "", 20]])},
    )
    wards["other"].code = "31121"  # renumbered by someone else meanwhile
    wards["other"].save()
    confirm = officer.post(URL, {"stored": page.context["stored"]})
    assert not confirm.context["result"].is_valid
    assert list(AreaPopulation.objects.values_list("people", flat=True)) == [7]


def test_the_former_file_of_women_and_men_is_read_as_all_ages(officer, wards):
    _import(officer, [HEADER, *_bands("31117", "nữ")])
    page = _import(officer, [["Mã địa bàn", "Năm", "Nữ", "Nam giới"], ["31117", 2025, 9000, 8800]])
    assert "Phường Ninh Kiều" in page.content.decode()
    assert _kept(wards["own"]) == {(2025, "female", ""): 9000, (2025, "male", ""): 8800}
    twice = [["Mã địa bàn", "Năm", "Nữ", "Nam giới"], ["31120", 2025, 1, 2], ["31120", 2025, 3, 4]]
    result = officer.post(URL, {"file": _sheet(twice)}).context["result"]
    assert result.rows[1].errors["area_code"] == "Trùng với hàng 2."


def test_the_page_explains_both_files_and_offers_the_sample(officer):
    html = officer.get(URL).content.decode()
    assert "nhóm tuổi" in html and "số học sinh" in html and SAMPLE_STATIC in html


def test_the_sample_file_in_the_repository_is_the_demo_figures():
    """After a change to the demo figures, `manage.py population_sample` makes it again."""
    expected = [[str(cell) for cell in row] for row in sample_rows()]
    width = len(expected[0])
    table = read_table(SAMPLE_FILE.name, SAMPLE_FILE.read_bytes())
    assert [row[:width] for row in table] == expected
    assert not any(cell for row in table for cell in row[width:])


def test_the_sample_file_imports_through_the_upload_page_as_the_demo_figures(client):
    _tally, wards = seed_areas()
    city = wards[WARDS[0].name].get_parent()
    client.force_login(UserFactory(role=Role.OFFICER, area=city))
    with SAMPLE_FILE.open("rb") as sample:
        page = client.post(URL, {"file": sample})
    assert page.context["result"].is_valid, page.context["result"].row_errors[:3]
    saved = client.post(URL, {"stored": page.context["stored"]})
    assert saved.context["imported"] == len(WARDS) * 10
    ids = [wards[spec.name].pk for spec in WARDS]
    assert population_of(ids, POPULATION_YEAR) == {
        wards[spec.name].pk: spec.female + spec.male for spec in WARDS
    }
    first = WARDS[0]
    by_band = population_of([wards[first.name].pk], POPULATION_YEAR, by="age_band")
    expected: dict[str, int] = {}
    for _sex, band, people in population_figures(first):
        expected[band] = expected.get(band, 0) + people
    assert by_band == {wards[first.name].pk: expected}
    assert 20_000 <= min(spec.female + spec.male for spec in WARDS)
    assert max(spec.female + spec.male for spec in WARDS) <= 60_000
