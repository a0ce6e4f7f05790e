from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import make_password

from lms.accounts.models import Role, User
from tests.factories import PASSWORD, StudentFactory, TeacherFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _login(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_student_signs_in_with_username(client):
    student = StudentFactory()
    response = _login(client, student.username, PASSWORD)
    assert response.status_code == 302
    assert client.get("/api/v1/me/").json()["username"] == student.username


def test_staff_may_sign_in_with_email(client):
    teacher = TeacherFactory(email="co.hoa@thcs.edu.vn")
    assert _login(client, "Co.Hoa@thcs.edu.vn", PASSWORD).status_code == 302
    assert client.get("/api/v1/me/").json()["username"] == teacher.username


def test_student_account_is_never_found_by_email(client):
    StudentFactory(email="em@example.com")
    response = _login(client, "em@example.com", PASSWORD)
    assert response.status_code == 200
    assert "không đúng" in response.content.decode()


def test_five_failures_lock_the_username_and_address_for_fifteen_minutes(client):
    student = StudentFactory()
    for _attempt in range(4):
        assert _login(client, student.username, "sai-mat-khau").status_code == 200
    locked = _login(client, student.username, "sai-mat-khau")
    assert locked.status_code == 429
    # Even the right password is refused while locked, with a message saying why and how long.
    again = _login(client, student.username, PASSWORD)
    assert again.status_code == 429
    assert "15 phút" in again.content.decode()
    # Another device is not locked out: the pair (username, address) is.
    assert _login(client, student.username, PASSWORD, address="10.0.0.2").status_code == 302


def test_lock_lifts_after_the_cool_off(client):
    student = StudentFactory()
    for _attempt in range(5):
        _login(client, student.username, "sai-mat-khau")
    assert _login(client, student.username, PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    assert _login(client, student.username, PASSWORD).status_code == 302


def test_token_endpoint_shares_the_lock_out(api_client):
    student = StudentFactory()
    for _attempt in range(5):
        bad = api_client.post(
            "/api/v1/auth/token/", {"username": student.username, "password": "x"}, format="json"
        )
    assert bad.status_code in (400, 429)
    locked = api_client.post(
        "/api/v1/auth/token/", {"username": student.username, "password": PASSWORD}, format="json"
    )
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "locked_out"


def test_token_gives_api_access(api_client):
    student = StudentFactory()
    token = api_client.post(
        "/api/v1/auth/token/", {"username": student.username, "password": PASSWORD}, format="json"
    ).json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/v1/me/").json()["username"] == student.username


def test_passwords_are_hashed_with_argon2id_at_owasp_parameters(settings):
    from django.conf import settings as live

    settings.PASSWORD_HASHERS = live.PASSWORD_HASHERS[1:]  # drop the test-speed MD5
    user = UserFactory(password=None)
    user.set_password("mot-mat-khau-dai")
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


def test_old_pbkdf2_hash_is_upgraded_at_login(client, settings):
    settings.PASSWORD_HASHERS = settings.PASSWORD_HASHERS[1:]
    student = StudentFactory()
    User.objects.filter(pk=student.pk).update(
        password=make_password(PASSWORD, hasher="pbkdf2_sha256")
    )
    assert _login(client, student.username, PASSWORD).status_code == 302
    student.refresh_from_db()
    assert student.password.startswith("argon2$argon2id$")


def test_password_change_works_in_both_languages(client):
    student = StudentFactory()
    client.force_login(student)
    assert "Đổi mật khẩu" in client.get("/accounts/password/").content.decode()
    assert "Change password" in client.get("/en/accounts/password/").content.decode()
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "mat-khau-moi-2026",
            "new_password2": "mat-khau-moi-2026",
        },
    )
    assert response.status_code == 302
    student.refresh_from_db()
    assert student.check_password("mat-khau-moi-2026")


def test_sign_out_is_a_post(client):
    client.force_login(UserFactory(role=Role.STUDENT))
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/api/v1/me/").status_code == 401


def test_argon2_hash_with_other_parameters_is_upgraded_at_login(client, settings):
    from django.contrib.auth.hashers import Argon2PasswordHasher

    settings.PASSWORD_HASHERS = settings.PASSWORD_HASHERS[1:]
    student = StudentFactory()
    User.objects.filter(pk=student.pk).update(
        password=Argon2PasswordHasher().encode(PASSWORD, "s" * 22)
    )
    assert _login(client, student.username, PASSWORD).status_code == 302
    student.refresh_from_db()
    assert "$m=19456,t=2,p=1$" in student.password
