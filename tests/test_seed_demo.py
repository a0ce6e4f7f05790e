from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Revision

from cms.demo import seed_home_pages
from cms.models import HomePage
from lms.accounts import demo
from lms.accounts.models import (
    AgeBand,
    Area,
    AreaPopulation,
    Classroom,
    ClassroomMembership,
    Role,
    School,
    SchoolEnrolment,
    Sex,
    User,
    current_school_year,
)
from lms.reach.population import latest_population

STUDENTS = 30


@pytest.fixture
def seed(db):
    """The accounts part of the seed; the site content has its own tests (test_demo_content)."""

    def run(students: int = STUDENTS) -> str:
        return "\n".join(demo.seed_demo(students=students).lines())

    return run


@pytest.fixture
def seed_command(db, settings):
    """Run the command as `make run` does; it refuses without DEBUG (published passwords)."""
    settings.DEBUG = True

    def run(students: int = STUDENTS) -> str:
        out = StringIO()
        call_command("seed_demo", students=students, stdout=out)
        return out.getvalue()

    return run


def demo_students():
    return User.objects.filter(username__startswith="hs")


def row_counts() -> dict[str, int]:
    return {
        "areas": Area.objects.count(),
        "population figures": AreaPopulation.objects.count(),
        "schools": School.objects.count(),
        "enrolment": SchoolEnrolment.objects.count(),
        "classrooms": Classroom.objects.count(),
        "teacher links": Classroom.teachers.through.objects.count(),
        "users": User.objects.count(),
        "group links": User.groups.through.objects.count(),
        "memberships": ClassroomMembership.objects.count(),
        "revisions": Revision.objects.count(),
    }


def test_seeding_creates_one_demo_user_per_role_with_that_role(seed):
    seed()
    for spec in demo.DEMO_USERS:
        user = User.objects.get(username=spec.username)
        assert user.roles == {spec.role}
        assert user.display_name == spec.display_name
        assert user.is_staff == (spec.role in (Role.EDITOR, Role.REVIEWER, Role.ADMIN))
        assert user.is_superuser == (spec.role == Role.ADMIN)
        assert user.check_password(demo.DEMO_PASSWORD)
        if spec.role == Role.STUDENT:
            assert user.email == ""
        else:
            assert user.email == f"{spec.username}@demo.hocbinhdang.vn"
    assert User.objects.get(username="giaovien").taught_classrooms.count() >= 2


def test_students_hold_only_the_minimum_about_themselves(seed):
    seed()
    students = User.objects.filter(groups__name=Role.STUDENT)
    assert students.count() == STUDENTS + 1  # and hocsinh
    for student in students:
        assert (student.first_name, student.last_name, student.email) == ("", "", "")
        assert not student.is_staff and not student.is_superuser
        # A given name only, from the list matching the stated sex; never a family name.
        names = {
            Sex.FEMALE: demo.FEMALE_NAMES,
            Sex.MALE: demo.MALE_NAMES,
            Sex.NOT_STATED: demo.SHARED_NAMES,
        }[student.sex]
        assert student.display_name in names
        assert student.display_name.split()[0] not in demo.FAMILY_NAMES


def test_students_are_roughly_half_girls_half_boys():
    sexes = [demo.student_profile(n)[1] for n in range(1, 10_001)]
    assert 0.45 < sexes.count(Sex.FEMALE) / len(sexes) < 0.53
    assert 0.45 < sexes.count(Sex.MALE) / len(sexes) < 0.53
    assert 0 < sexes.count(Sex.NOT_STATED) / len(sexes) < 0.05


def test_running_twice_creates_no_duplicates(seed):
    seed()
    first = row_counts()
    out = seed()
    assert row_counts() == first
    assert "(0 new)" in out


def test_a_larger_count_adds_students_and_keeps_the_earlier_ones(seed):
    seed(students=10)
    earlier = dict(demo_students().values_list("username", "pk"))
    seed(students=25)
    now = dict(demo_students().values_list("username", "pk"))
    assert len(now) == 25
    assert earlier.items() <= now.items()
    seed(students=5)  # a smaller count deletes nobody
    assert demo_students().count() == 25


def test_students_are_spread_over_classrooms_of_the_current_year_with_their_school(seed):
    seed()
    year = current_school_year()
    memberships = ClassroomMembership.objects.filter(student__in=demo_students()).select_related(
        "classroom", "student"
    )
    assert memberships.count() == STUDENTS
    classrooms = {membership.classroom for membership in memberships}
    assert len(classrooms) == Classroom.objects.count()
    for membership in memberships:
        classroom, student = membership.classroom, membership.student
        assert membership.school_year == classroom.school_year == year
        assert membership.left_at is None
        assert student.school_id == classroom.school_id
        assert student.birth_year == year - classroom.grade - 5  # grade 1 in the year one turns 6


def test_classrooms_fit_their_school_and_each_has_a_teacher(seed):
    seed()
    for classroom in Classroom.objects.select_related("school"):
        assert classroom.grade in classroom.school.grades
        assert classroom.teachers.filter(groups__name=Role.TEACHER).exists()
    levels = set(School.objects.values_list("level", flat=True))
    assert levels == set(School.Level.values)


def test_every_school_has_enrolment_figures_for_each_grade_and_sex(seed):
    seed()
    year = current_school_year()
    for school in School.objects.all():
        figures = SchoolEnrolment.objects.filter(school=school, school_year=year)
        assert {(row.grade, row.sex) for row in figures} == {
            (grade, sex) for grade in school.grades for sex in (Sex.FEMALE, Sex.MALE)
        }


def test_wards_of_can_tho_sit_under_the_city_with_population_figures(seed):
    seed()
    city = Area.get_root_nodes().get(name="Thành phố Cần Thơ")
    wards = city.get_children()
    assert {ward.kind for ward in wards} == {"phường", "xã"}
    assert len(wards) == len(demo.WARDS)
    assert len({ward.code for ward in wards}) == len(wards) and all(ward.code for ward in wards)
    figures = latest_population([ward.pk for ward in wards], 2026)
    assert {ward.pk for ward in wards} == set(figures) and None not in figures.values()
    for spec in demo.WARDS:
        ward = figures[next(w.pk for w in wards if w.name == spec.name)]
        assert ward.year == 2025 and ward.by_sex == {"female": spec.female, "male": spec.male}
        assert set(ward.by_age_band) == set(AgeBand.values)  # every band, no all-ages figure
        assert 20_000 <= ward.people <= 60_000
    assert latest_population([city.pk]) == {city.pk: None}  # the city is the sum of its wards


def test_large_seeds_add_schools_so_classes_stay_near_forty():
    schools = demo.plan_schools(students=300_000)
    classrooms = demo.plan_classrooms(schools)
    assert 35 <= 300_000 / len(classrooms) <= 45
    assert len({(spec.name, spec.ward) for spec in schools}) == len(schools)
    for spec in classrooms:
        assert spec.grade in School.GRADES[spec.school.level]
    # A larger seed extends the plan and never reorders it: earlier students keep their class.
    smaller = demo.plan_classrooms(demo.plan_schools(students=10_000))
    assert classrooms[: len(smaller)] == smaller


@pytest.mark.parametrize("username", ["hocsinh", "hs000001", "giaovien", "quantri"])
def test_demo_logins_sign_in_with_the_demo_password(seed, username):
    seed()
    response = Client().post(
        "/accounts/login/", {"username": username, "password": demo.DEMO_PASSWORD}
    )
    assert response.status_code == 302


def test_home_pages_get_vietnamese_and_english_content_as_published_revisions(db):
    assert seed_home_pages() == 2
    vi = HomePage.objects.get(locale__language_code="vi", slug="trang-chu")
    en = HomePage.objects.get(locale__language_code="en", slug="home")
    assert "Tháng hành động vì bình đẳng giới" in vi.body
    assert "80%" in vi.body and "1800 8065" in vi.body
    assert "Month of Action" in en.body
    assert "80%" in en.body and "1800 8065" in en.body
    for page in (vi, en):
        assert page.live and page.live_revision is not None
        assert page.live_revision.content["body"] == page.body
    revisions = Revision.objects.count()
    assert seed_home_pages() == 0
    assert Revision.objects.count() == revisions


def test_home_page_an_editor_has_written_is_left_alone(db):
    vi = HomePage.objects.get(locale__language_code="vi", slug="trang-chu")
    vi.body = "<p>Nội dung do biên tập viên viết.</p>"
    vi.save_revision().publish()
    assert seed_home_pages() == 1  # the English one only
    vi.refresh_from_db()
    assert vi.body == "<p>Nội dung do biên tập viên viết.</p>"


def test_command_prints_counts_and_the_demo_logins(seed_command):
    out = seed_command()
    assert "students" in out
    for spec in demo.DEMO_USERS:
        assert f"{spec.username} " in out
    assert out.count(demo.DEMO_PASSWORD) >= len(demo.DEMO_USERS)
    assert "hs000001…hs000030" in out


def test_command_refuses_outside_development(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("seed_demo", students=1, stdout=StringIO())
    assert not User.objects.filter(username="quantri").exists()


def test_the_demo_schools_consent_for_the_year_is_recorded_once(seed):
    from lms.accounts.models import SchoolConsent, current_school_year

    seed()
    seed()
    consent = SchoolConsent.objects.get()
    assert consent.school.name == demo.DEMO_SCHOOL.name
    assert consent.school_year == current_school_year()
