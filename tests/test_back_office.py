"""The organisation is managed in Wagtail's admin by administrators."""

import pytest
from django.urls import reverse

from lms.accounts.models import Area, ClassroomMembership, Role, User
from tests.factories import ClassroomFactory, StudentFactory, UserFactory, make_area

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True))
    return client


@pytest.mark.parametrize(
    "model",
    ["area", "areapopulation", "school", "schoolenrolment", "classroom", "classroommembership"],
)
def test_administrator_lists_the_organisation(admin_client, model):
    ClassroomFactory()
    response = admin_client.get(reverse(f"{model}:index"))
    assert response.status_code == 200


def test_teacher_has_no_back_office(client):
    client.force_login(UserFactory(role=Role.TEACHER))
    assert client.get(reverse("classroom:index")).status_code == 302


def test_new_ward_is_placed_under_its_city(admin_client):
    city = make_area()
    response = admin_client.post(
        reverse("area:add"),
        {"name": "Phường Ninh Kiều", "kind": "phường", "code": "31117", "parent": city.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    ward = Area.objects.get(name="Phường Ninh Kiều")
    assert ward.get_parent() == city
    assert list(city.with_descendants()) == [city, ward]


def test_merged_ward_moves_under_its_new_parent(admin_client):
    city = make_area()
    old, new = make_area("Phường Cũ", parent=city), make_area("Phường Mới", parent=city)
    hamlet = make_area("Khu vực 1", parent=old, kind="khu vực")
    response = admin_client.post(
        reverse("area:edit", args=[hamlet.pk]),
        {"name": "Khu vực 1", "kind": "khu vực", "code": "", "parent": new.pk},
    )
    assert response.status_code == 302
    hamlet.refresh_from_db()
    assert hamlet.get_parent() == new
    assert hamlet in new.with_descendants()


def test_an_area_cannot_be_put_under_itself(admin_client):
    city = make_area()
    ward = make_area("Phường Cái Khế", parent=city)
    response = admin_client.post(
        reverse("area:edit", args=[city.pk]),
        {"name": city.name, "kind": "thành phố", "code": "", "parent": ward.pk},
    )
    assert response.status_code == 200
    assert Area.objects.get(pk=city.pk).is_root()


def test_membership_is_added_by_username(admin_client):
    student, classroom = StudentFactory(username="lan2014"), ClassroomFactory()
    response = admin_client.post(
        reverse("classroommembership:add"),
        {"classroom": classroom.pk, "student_username": "lan2014", "left_at": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = ClassroomMembership.objects.get()
    assert (membership.student, membership.school_year) == (student, classroom.school_year)


def test_user_form_asks_for_a_display_name_not_a_full_name(admin_client):
    page = admin_client.get(reverse("wagtailusers_users:add")).content.decode()
    assert 'name="display_name"' in page
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "giaovien.hoa",
            "display_name": "Cô Hoa",
            "sex": "female",
            "email": "",
            "first_name": "",
            "last_name": "",
            "password1": "mat-khau-dai-2026",
            "password2": "mat-khau-dai-2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.get(username="giaovien.hoa").display_name == "Cô Hoa"
