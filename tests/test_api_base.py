import pytest
from django.db import ConnectionHandler

from tests.factories import StudentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def student_client(api_client):
    api_client.force_authenticate(StudentFactory(display_name="Lan", birth_year=2012))
    return api_client


def _error(response):
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["message"]
    return body["error"]


def test_malformed_json_is_400_with_the_error_shape(student_client):
    response = student_client.patch(
        "/api/v1/me/", data='{"display_name": "Lan",', content_type="application/json"
    )
    assert response.status_code == 400
    assert _error(response)["code"] == "malformed_request"


def test_wrong_content_type_is_415(student_client):
    response = student_client.patch(
        "/api/v1/me/", data="display_name=Lan", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 415
    assert _error(response)["code"] == "unsupported_media_type"


def test_body_over_one_megabyte_is_413(student_client):
    big = '{"display_name": "' + "a" * (1024 * 1024) + '"}'
    response = student_client.patch("/api/v1/me/", data=big, content_type="application/json")
    assert response.status_code == 413
    assert _error(response)["code"] == "body_too_large"


def test_invalid_field_names_the_field(student_client):
    response = student_client.patch("/api/v1/me/", {"display_name": "   "}, format="json")
    assert response.status_code == 400
    error = _error(response)
    assert error["code"] == "invalid"
    assert "display_name" in error["fields"]


def test_anonymous_call_is_401_with_the_error_shape(api_client):
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 401
    assert _error(response)["code"] == "not_authenticated"


def test_unknown_endpoint_is_a_json_404(api_client):
    response = api_client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert _error(response)["code"] == "not_found"


def test_messages_follow_the_language_asked_for(api_client):
    vietnamese = _error(api_client.get("/api/v1/me/"))["message"]
    english = _error(api_client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en"))["message"]
    assert english == "Please sign in to continue."
    assert vietnamese != english
    assert "đăng nhập" in vietnamese


def test_me_shows_only_the_minimum_about_a_student(student_client):
    body = student_client.get("/api/v1/me/").json()
    assert set(body) == {
        "id",
        "username",
        "display_name",
        "birth_year",
        "sex",
        "school",
        "classrooms",
        "roles",
    }
    assert body["roles"] == ["student"]


def test_me_updates_the_display_name_and_nothing_else(student_client):
    response = student_client.patch(
        "/api/v1/me/", {"display_name": " Ngọc  Lan ", "birth_year": 1990}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["display_name"] == "Ngọc Lan"
    assert response.json()["birth_year"] == 2012


def test_list_of_methods_is_enforced(student_client):
    response = student_client.delete("/api/v1/me/")
    assert response.status_code == 405
    assert _error(response)["code"] == "method_not_allowed"


def test_healthz_is_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["database"], body["cache"]) == ("ok", "ok", "ok")
    assert "tasks" in body


def test_healthz_is_503_when_the_database_is_unreachable(client, monkeypatch, settings):
    # A real connection attempt to a database that is not there: nothing is mocked but the address.
    broken = dict(settings.DATABASES["default"])
    if broken["ENGINE"].endswith("sqlite3"):
        broken["NAME"] = "/nonexistent-folder/nowhere.sqlite3"
    else:
        broken.update(HOST="127.0.0.1", PORT="1", OPTIONS={"connect_timeout": 2})
    handler = ConnectionHandler({"default": broken})
    monkeypatch.setattr("lms.health.connections", handler)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
    handler.close_all()


def test_openapi_schema_is_valid(client):
    from openapi_spec_validator import validate

    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert "/api/v1/me/" in schema["paths"]
    assert "/api/v1/classrooms/join/" in schema["paths"]


def test_interactive_docs_are_served_without_outside_network(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger" in page.lower()
    assert "cdn." not in page


def test_user_throttle_counts_requests_per_window_and_says_when_to_retry(api_client, settings):
    from lms.api import UserRateThrottle

    student = StudentFactory()
    api_client.force_authenticate(student)
    throttle = UserRateThrottle()
    throttle.num_requests, throttle.duration = 3, 60

    class View:
        pass

    from rest_framework.test import APIRequestFactory

    request = APIRequestFactory().get("/api/v1/me/")
    request.user = student
    assert [throttle.allow_request(request, View()) for _ in range(4)] == [True, True, True, False]
    assert 0 < throttle.wait() <= 60


def test_a_signed_in_users_cached_copy_is_dropped_when_they_change(api_client):
    from rest_framework.authtoken.models import Token

    student = StudentFactory()
    token = Token.objects.create(user=student)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api_client.get("/api/v1/me/").status_code == 200  # now cached
    student.is_active = False
    student.save()
    assert api_client.get("/api/v1/me/").status_code == 401
    student.is_active = True
    student.save()
    assert api_client.get("/api/v1/me/").status_code == 200
    token.delete()
    assert api_client.get("/api/v1/me/").status_code == 401


def test_a_new_role_takes_effect_on_the_next_page_despite_the_cached_user(client):
    from django.contrib.auth.models import Group

    from lms.accounts.models import Role
    from lms.accounts.services import assign_role

    user = StudentFactory()
    client.force_login(user)
    assert client.get("/teacher/").status_code in (302, 403)
    user.groups.remove(Group.objects.get(name=Role.STUDENT))
    assign_role(user=user, role=Role.TEACHER)
    assert client.get("/teacher/").status_code == 200


def test_the_first_call_after_signing_in_finds_the_user_kept(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    student = StudentFactory()
    student.set_password("mat-khau-cua-em")
    student.save()
    response = client.post(
        "/accounts/login/", {"username": student.username, "password": "mat-khau-cua-em"}
    )
    assert response.status_code == 302
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/me/").status_code == 200
    tables = [q["sql"].split(" WHERE ")[0] for q in queries.captured_queries]
    assert not any("accounts_user" in table for table in tables), tables
