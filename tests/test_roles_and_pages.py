import pytest
from django.contrib.auth.models import Group

from lms.accounts.models import Role
from tests.factories import (
    PASSWORD,
    ClassroomFactory,
    StudentFactory,
    TeacherFactory,
    UserFactory,
    make_area,
)

pytestmark = pytest.mark.django_db


def test_every_role_has_a_group_with_explicit_permissions():
    groups = {g.name: g for g in Group.objects.prefetch_related("permissions")}
    assert set(Role.values) <= set(groups)
    perms = {name: {p.codename for p in g.permissions.all()} for name, g in groups.items()}
    assert perms["student"] == set()
    assert "access_admin" in perms["editor"]
    assert "access_admin" not in perms["teacher"]
    assert "view_classroom" in perms["teacher"]
    assert {"add_schoolenrolment", "view_area"} <= perms["officer"]
    assert {"add_classroom", "change_user", "access_admin"} <= perms["admin"]


def test_anonymous_visitor_is_sent_to_login_from_teacher_space(client):
    response = client.get("/teacher/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/teacher/")


def test_student_gets_403_on_teacher_space(client):
    client.force_login(StudentFactory())
    response = client.get("/teacher/")
    assert response.status_code == 403
    assert "không dành cho tài khoản" in response.content.decode()


def test_student_cannot_enter_the_back_office(client):
    client.force_login(StudentFactory())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_editor_enters_the_back_office(client):
    client.force_login(UserFactory(role=Role.EDITOR))
    assert client.get("/admin/").status_code == 200


def test_teacher_sees_only_the_classes_they_teach(client):
    teacher, other = TeacherFactory(), TeacherFactory()
    mine = ClassroomFactory(name="8A1", teachers=[teacher])
    theirs = ClassroomFactory(name="9B9", teachers=[other])
    client.force_login(teacher)
    page = client.get("/teacher/").content.decode()
    assert mine.join_code in page
    assert theirs.join_code not in page


def test_teacher_space_makes_a_constant_number_of_queries(client, django_assert_max_num_queries):
    teacher = TeacherFactory()
    for n in range(12):
        ClassroomFactory(name=f"7A{n}", teachers=[teacher])
    client.force_login(teacher)
    with django_assert_max_num_queries(8):
        assert client.get("/teacher/").status_code == 200


# Issue 16 moved the student's landing from the public home ("/") to their own home.
ROLE_LANDINGS = [
    (Role.STUDENT, "/student/"),
    (Role.TEACHER, "/teacher/"),
    (Role.JUDGE, "/judge/"),
    (Role.OFFICER, "/reach/"),
    (Role.EDITOR, "/admin/"),
    (Role.REVIEWER, "/admin/"),
    (Role.ADMIN, "/admin/"),
]


@pytest.mark.parametrize(("role", "target"), ROLE_LANDINGS)
def test_after_login_each_role_lands_where_it_works(client, role, target):
    client.force_login(UserFactory(role=role, area=make_area()))  # an officer follows an area
    assert client.get("/accounts/after-login/")["Location"] == target


@pytest.mark.parametrize(
    ("roles", "target"),
    [
        ((Role.TEACHER, Role.JUDGE), "/judge/"),
        ((Role.STUDENT, Role.JUDGE), "/judge/"),
        ((Role.EDITOR, Role.TEACHER), "/teacher/"),
        ((Role.ADMIN, Role.OFFICER), "/reach/"),
        ((Role.STUDENT, Role.EDITOR), "/admin/"),
    ],
)
def test_a_user_with_several_roles_lands_on_the_most_specific_work(client, roles, target):
    user = UserFactory(area=make_area())
    user.groups.add(*[Group.objects.get_or_create(name=str(role))[0] for role in roles])
    client.force_login(user)
    assert client.get("/accounts/after-login/")["Location"] == target


def test_an_officer_without_an_area_yet_lands_on_the_next_page_not_an_empty_dashboard(client):
    client.force_login(UserFactory(role=Role.OFFICER))
    assert client.get("/accounts/after-login/")["Location"] == "/"


def test_a_user_without_a_role_lands_on_the_public_home(client):
    client.force_login(UserFactory())
    assert client.get("/accounts/after-login/")["Location"] == "/"


@pytest.mark.parametrize(("role", "target"), ROLE_LANDINGS)
def test_signing_in_lands_each_role_on_its_page(client, role, target):
    # An officer follows the figures of their own area: without one the dashboard has nothing.
    user = UserFactory(role=role, area=make_area() if role == Role.OFFICER else None)
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == target
    assert response.status_code == 200


def test_a_safe_next_wins_over_the_landing_page_and_an_unsafe_one_does_not(client):
    student = StudentFactory()
    form = {"username": student.username, "password": PASSWORD}
    response = client.post("/accounts/login/?next=/search/", form)
    assert response["Location"] == "/search/"
    client.logout()
    response = client.post("/accounts/login/?next=https://evil.example/", form, follow=True)
    assert response.redirect_chain[-1][0] == "/student/"
