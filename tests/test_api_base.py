import pytest
from django.db import ConnectionHandler
from rest_framework.test import APIClient

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
    monkeypatch.setattr("lms.core.health.connections", handler)
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
    from lms.core.api import UserRateThrottle

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


def test_on_redis_the_throttle_counts_per_window_outlives_a_restart_and_lets_all_through_if_down(
    settings, redis_url
):
    import uuid

    from rest_framework.test import APIRequestFactory

    from lms.core.api import UserRateThrottle
    from lms.core.cache import ObservedRedisCache

    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    settings.DJANGO_REDIS_LOGGER = "lms.core.cache"
    options = {"OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.25}}
    student = StudentFactory()
    request = APIRequestFactory().put("/api/v1/attempts/1/answers/1/")
    request.user = student
    throttle = UserRateThrottle()
    throttle.num_requests, throttle.duration = 3, 60
    # A prefix of this test's own: CI runs may share the Redis, so it is never flushed.
    throttle.cache = redis = ObservedRedisCache(
        redis_url, options | {"KEY_PREFIX": uuid.uuid4().hex}
    )
    now = 1_800_000_000.0
    throttle.timer = lambda: now
    assert [throttle.allow_request(request, None) for _ in range(4)] == [True, True, True, False]
    window = f"{throttle.key}:{int(now // 60)}"
    assert redis.get(window) == 4  # a plain integer, as django-redis reads and writes counters
    assert 0 < redis.ttl(window) <= 61  # gone with its window: a counter never outlives it
    now += 60
    redis.client.get_client(write=True).script_flush()  # as after a Redis restart
    assert throttle.allow_request(request, None)  # a new window, a new count (script loaded)
    assert redis.get(f"{throttle.key}:{int(now // 60)}") == 1
    throttle.cache = ObservedRedisCache("redis://127.0.0.1:1/0", options)  # nothing listens
    assert all(throttle.allow_request(request, None) for _ in range(5))
    redis.delete_many([window, f"{throttle.key}:{int(now // 60)}"])


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


def test_the_first_call_with_a_new_token_finds_the_user_kept(api_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    student = StudentFactory()
    student.set_password("mat-khau-cua-em")
    student.save()
    response = api_client.post(
        "/api/v1/auth/token/",
        {"username": student.username, "password": "mat-khau-cua-em"},
        format="json",
    )
    assert response.status_code == 200, response.content
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    with CaptureQueriesContext(connection) as queries:
        assert api_client.get("/api/v1/me/").json()["username"] == student.username
    tables = [q["sql"].split(" WHERE ")[0] for q in queries.captured_queries]
    assert not any("accounts_user" in table or "authtoken" in table for table in tables), tables


def test_a_cold_token_reads_the_user_and_their_roles_in_one_query(api_client, admin_user):
    """A pupil's first request of a round (its start, or its submit on another app server)
    finds nothing kept: on PostgreSQL the roles come in the token's query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.authtoken.models import Token

    from lms.accounts.models import Role
    from lms.accounts.signed_in import user_by_token

    for user, roles in ((StudentFactory(), {Role.STUDENT}), (admin_user, {Role.ADMIN})):
        key = Token.objects.create(user=user).key
        with CaptureQueriesContext(connection) as queries:
            found = user_by_token(key)
            assert found.roles == roles
        assert len(queries) == (1 if connection.vendor == "postgresql" else 2)
        assert user_by_token(key).roles == roles  # kept, with its roles
    inactive = StudentFactory(is_active=False)
    assert user_by_token(Token.objects.create(user=inactive).key).roles == frozenset()


# The error responses in the OpenAPI schema --------------------------------------------------------


@pytest.fixture(scope="module")
def api_schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def _operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield f"{method.upper()} {path}", operation


def _errors(operation: dict) -> dict[int, str]:
    """{status: description} of the operation's error responses."""
    responses = operation["responses"]
    return {
        int(code): response["description"] for code, response in responses.items() if code >= "4"
    }


def test_every_operation_documents_the_errors_it_can_answer_in_the_error_shape(api_schema):
    for name, operation in _operations(api_schema):
        errors = _errors(operation)
        where = {parameter["in"] for parameter in operation.get("parameters", [])}
        expected = {503}  # the database restarting
        if "requestBody" in operation:
            expected |= {400, 413, 415}
        if "path" in where:
            expected.add(404)
        if name != "POST /api/v1/auth/token/":  # the one that authenticates no one
            expected |= {401, 429}
        assert expected <= set(errors), (name, expected - set(errors))
        if where:
            assert 414 in errors, name  # an address longer than gunicorn reads
        for code in errors.keys() - {414}:  # 414 is gunicorn's page: Django never sees it
            response = operation["responses"][str(code)]
            assert response["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"
            }, (name, code)
        for code, header in [(401, "WWW-Authenticate"), (429, "Retry-After"), (503, "Retry-After")]:
            if code in errors:
                assert operation["responses"][str(code)]["headers"][header]["required"], name


@pytest.mark.parametrize(
    "operation, status, codes",
    [
        ("POST /api/v1/auth/token/", 400, ["sign_in_failed"]),
        ("POST /api/v1/auth/token/", 429, ["locked_out", "sign_in_paused"]),
        ("POST /api/v1/classrooms/join/", 404, ["join_code_unknown"]),
        ("POST /api/v1/classrooms/join/", 409, ["already_member", "in_another_class"]),
        ("POST /api/v1/classrooms/join/", 410, ["join_code_expired"]),
        ("POST /api/v1/classrooms/join/", 429, ["join_code_paused", "throttled"]),
        ("POST /api/v1/quizzes/{quiz_id}/attempts/", 403, ["not_in_audience", "not_signed_up"]),
        ("POST /api/v1/quizzes/{quiz_id}/attempts/", 409, ["quiz_closed", "attempts_used_up"]),
        ("PUT /api/v1/attempts/{attempt_id}/answers/{slot}/", 409, ["attempt_closed"]),
        ("PUT /api/v1/attempts/{attempt_id}/answers/{slot}/", 400, ["bad_answer", "not_on_paper"]),
        ("GET /api/v1/attempts/{attempt_id}/review/", 409, ["review_not_available"]),
        ("GET /api/v1/me/attempts/", 400, ["invalid"]),  # a page size of -1
        ("GET /api/v1/me/attempts/", 404, ["not_found"]),  # a page past the last
        ("GET /api/v1/quizzes/{quiz_id}/item-analysis/", 403, ["permission_denied"]),
        (
            "GET /api/v1/classes/{classroom_id}/quizzes/{quiz_id}/item-analysis/",
            404,
            ["class_not_found", "quiz_not_given"],
        ),
        ("POST /api/v1/contests/{contest_id}/entries/", 409, ["already_signed_up"]),
        ("GET /api/v1/contests/{contest_id}/rankings/", 400, ["round_not_in_contest"]),
        ("GET /api/v1/judge/rounds/{round_id}/dashboard/", 404, ["contest_not_found"]),
        ("GET /api/v1/judge/rounds/{round_id}/dashboard/", 503, ["figures_not_ready"]),
        ("POST /api/v1/judge/entries/{entry_id}/decisions/", 400, ["unknown_flag", "invalid"]),
        ("POST /api/v1/judge/rounds/{round_id}/finalise/", 409, ["round_still_open"]),
        ("POST /api/v1/judge/snapshots/{snapshot_id}/publish/", 409, ["already_published"]),
        ("GET /api/v1/reach/", 400, ["bad_query"]),
    ],
)
def test_an_operation_names_the_codes_of_its_own_errors(api_schema, operation, status, codes):
    described = dict(_operations(api_schema))[operation]["responses"][str(status)]["description"]
    assert all(f"`{code}`" in described for code in codes), described


def test_only_what_can_happen_is_documented(api_schema):
    operations = dict(_operations(api_schema))
    # Judges' endpoints answer 404 to everyone else, so the judge space discloses nothing.
    assert 403 not in _errors(operations["GET /api/v1/judge/rounds/{round_id}/dashboard/"])
    # No body, no path parameter, no role: nothing to refuse but a missing sign-in.
    assert set(_errors(operations["GET /api/v1/me/"])) == {401, 429, 503}
    assert 409 not in _errors(operations["PATCH /api/v1/me/"])
    assert 401 not in _errors(operations["POST /api/v1/auth/token/"])


def test_the_documented_error_shape_is_what_the_api_answers(api_schema, student_client):
    from openapi_schema_validator import validate

    components = api_schema["components"]["schemas"]
    shape = {**components["Error"], "properties": {"error": components["ErrorDetail"]}}
    answers = [
        student_client.patch("/api/v1/me/", {"display_name": "  "}, format="json"),  # fields
        student_client.patch("/api/v1/me/", "{", content_type="application/json"),
        student_client.get("/api/v1/attempts/1/"),
        APIClient().get("/api/v1/me/"),
    ]
    for answer in answers:
        assert answer.status_code >= 400
        validate(answer.json(), shape)


def test_the_documented_bound_of_a_prediction_is_the_one_enforced(api_schema):
    from quizzes.pages import MAX_PREDICTION

    prediction = api_schema["components"]["schemas"]["SubmitRequest"]["properties"]["prediction"]
    assert (prediction["minimum"], prediction["maximum"]) == (0, MAX_PREDICTION)


def test_the_schema_is_generated_without_a_warning(tmp_path):
    """A warning here is a warning in `check --deploy`, which CI fails on."""
    from django.core.management import call_command

    call_command("spectacular", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
