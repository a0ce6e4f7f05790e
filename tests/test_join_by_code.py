from datetime import timedelta

import pytest
from django.utils import timezone

from lms.accounts import errors, services
from lms.accounts.models import ClassroomMembership, Role, User
from tests.factories import ClassroomFactory, StudentFactory, TeacherFactory, enrol

pytestmark = pytest.mark.django_db


def _signup(client, code, **overrides):
    data = {
        "display_name": "Ngọc  Lan",
        "birth_year": timezone.localdate().year - 13,
        "sex": "female",
        "password1": "hoa-sen-2026",
        "password2": "hoa-sen-2026",
    }
    return client.post(f"/accounts/join/{code}/", data | overrides)


def test_newcomer_creates_an_account_inside_the_class(client):
    classroom = ClassroomFactory()
    response = _signup(client, classroom.join_code.lower())
    assert response.status_code == 302
    assert response["Location"] == "/accounts/welcome/"
    student = User.objects.get(display_name="Ngọc Lan")
    assert student.has_role(Role.STUDENT)
    assert student.school == classroom.school
    assert (student.first_name, student.last_name, student.email) == ("", "", "")
    membership = student.memberships.get()
    assert membership.classroom == classroom
    assert membership.school_year == classroom.school_year
    welcome = client.get(response["Location"]).content.decode()
    assert student.username in welcome


def test_signup_with_bad_birth_year_saves_nothing(client):
    classroom = ClassroomFactory()
    response = _signup(client, classroom.join_code, birth_year=1950)
    assert response.status_code == 200
    assert "năm sinh" in response.content.decode().lower()
    assert not User.objects.filter(display_name="Ngọc Lan").exists()


def test_wrong_code_gets_a_clear_message(client):
    ClassroomFactory()
    response = client.post("/accounts/join/", {"code": "ZZZZZZ"})
    assert response.status_code == 200
    assert "Không có lớp nào có mã này" in response.content.decode()


def test_good_code_leads_to_the_class_page(client):
    classroom = ClassroomFactory()
    response = client.post("/accounts/join/", {"code": f" {classroom.join_code.lower()} "})
    assert response["Location"] == f"/accounts/join/{classroom.join_code}/"


def test_expired_code_is_refused_with_410_and_saves_nothing(client):
    classroom = ClassroomFactory(join_code_expires_at=timezone.now() - timedelta(minutes=1))
    response = _signup(client, classroom.join_code)
    assert response.status_code == 410
    assert "hết hạn" in response.content.decode()
    assert not ClassroomMembership.objects.exists()


def test_code_of_a_past_school_year_has_expired():
    classroom = ClassroomFactory(school_year=timezone.localdate().year - 3)
    with pytest.raises(errors.JoinCodeExpired):
        services.join_classroom(
            student=StudentFactory(), code=classroom.join_code, now=timezone.now()
        )


def test_signed_in_student_joins_with_one_click(client):
    student, classroom = StudentFactory(), ClassroomFactory()
    client.force_login(student)
    assert client.post(f"/accounts/join/{classroom.join_code}/").status_code == 302
    assert student.memberships.get().classroom == classroom


def test_joining_twice_says_already_a_member(client):
    student, classroom = StudentFactory(), ClassroomFactory()
    enrol(student, classroom)
    client.force_login(student)
    response = client.post(f"/accounts/join/{classroom.join_code}/")
    assert response.status_code == 409
    assert "đã là thành viên" in response.content.decode()
    assert student.memberships.count() == 1


def test_student_in_another_class_this_year_must_be_moved_by_the_teacher():
    student = StudentFactory()
    enrol(student, ClassroomFactory())
    with pytest.raises(errors.InClassThisYear):
        services.join_classroom(
            student=student, code=ClassroomFactory().join_code, now=timezone.now()
        )


def test_api_join_returns_201_then_409(api_client):
    student, classroom = StudentFactory(), ClassroomFactory()
    api_client.force_authenticate(student)
    first = api_client.post(
        "/api/v1/classrooms/join/", {"code": classroom.join_code}, format="json"
    )
    assert first.status_code == 201
    assert first.json()["classroom"] == classroom.name
    again = api_client.post(
        "/api/v1/classrooms/join/", {"code": classroom.join_code}, format="json"
    )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_member"


def test_api_join_with_unknown_code_is_404_with_error_shape(api_client):
    api_client.force_authenticate(StudentFactory())
    response = api_client.post("/api/v1/classrooms/join/", {"code": "QQQQQQ"}, format="json")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "join_code_unknown"


def test_teacher_cannot_join_a_class_as_a_student(api_client):
    api_client.force_authenticate(TeacherFactory())
    response = api_client.post(
        "/api/v1/classrooms/join/", {"code": ClassroomFactory().join_code}, format="json"
    )
    assert response.status_code == 403


def test_class_codes_cannot_be_tried_one_after_another_from_one_network(client, api_client):
    classroom = ClassroomFactory()
    for n in range(20):  # a school's typos pass
        page = client.get(f"/accounts/join/ZZZZ{n:02d}/", REMOTE_ADDR="203.0.113.9")
        assert page.status_code == 404
    refused = client.get(f"/accounts/join/{classroom.join_code}/", REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429
    assert classroom.name not in refused.content.decode()  # even a right code shows nothing now
    typed = client.post("/accounts/join/", {"code": classroom.join_code}, REMOTE_ADDR="203.0.113.9")
    assert "Quá nhiều mã lớp sai" in typed.content.decode()
    api_client.force_authenticate(StudentFactory())
    api = api_client.post(
        "/api/v1/classrooms/join/", {"code": "ZZZZZZ"}, format="json", REMOTE_ADDR="203.0.113.9"
    )
    assert api.status_code == 429 and int(api["Retry-After"]) > 0
    # Another network is not held back.
    other = client.get(f"/accounts/join/{classroom.join_code}/", REMOTE_ADDR="198.51.100.4")
    assert other.status_code == 200 and classroom.name in other.content.decode()
