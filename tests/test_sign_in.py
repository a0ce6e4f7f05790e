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


# Sign-in limits: a whole school from one address gets in, guessing does not -------------------

TOKEN = "/api/v1/auth/token/"


@pytest.fixture
def still_clock(monkeypatch):
    """The limits count in fixed windows: hold the clock inside one, a minute after it starts."""
    from lms.accounts import sign_in_limits

    moment = 1_800_000_000 + 60.0  # a multiple of every window below, plus a minute
    monkeypatch.setattr(sign_in_limits, "clock", lambda: moment)
    return moment


def _token(api_client, username, password, address):
    return api_client.post(
        TOKEN, {"username": username, "password": password}, format="json", REMOTE_ADDR=address
    )


def _school(count: int) -> list[User]:
    from tests.load_quiz import make_students

    return make_students(count, prefix="hs", password=make_password(PASSWORD))


def test_a_whole_school_signs_in_from_one_address(api_client, client, still_clock):
    students = _school(500)
    for student in students[:450]:
        assert _token(api_client, student.username, PASSWORD, "203.0.113.7").status_code == 200
    for student in students[450:]:  # the sign-in page counts the same way, and lets them in too
        assert _login(client, student.username, PASSWORD, address="203.0.113.7").status_code == 302
        client.post("/accounts/logout/")


def test_typos_in_a_big_school_do_not_lock_its_address(api_client, still_clock):
    """Failures allowed grow with the accounts signed in from the address: 30 + 200 / 2."""
    students = _school(200)
    for student in students:
        assert _token(api_client, student.username, PASSWORD, "203.0.113.8").status_code == 200
    for student in students[:100]:  # half the school mistypes once, then gets it right
        assert _token(api_client, student.username, "sai", "203.0.113.8").status_code == 400
        assert _token(api_client, student.username, PASSWORD, "203.0.113.8").status_code == 200


def test_fifty_failed_usernames_from_one_address_are_refused(api_client, still_clock):
    students = _school(50)
    answers = [_token(api_client, s.username, "123456", "198.51.100.9") for s in students]
    assert [a.status_code for a in answers[:30]] == [400] * 30
    assert {a.status_code for a in answers[30:]} == {429}
    # Even a right password is refused from there until the window ends, and the reply says when.
    refused = _token(api_client, students[0].username, PASSWORD, "198.51.100.9")
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(9 * 60)
    body = refused.json()["error"]
    assert body["code"] == "sign_in_paused"
    assert "9 phút" in body["message"]
    # Other addresses are not touched.
    assert _token(api_client, students[0].username, PASSWORD, "198.51.100.10").status_code == 200


def test_six_wrong_passwords_lock_one_username_whatever_the_address(api_client, still_clock):
    victim, other = _school(2)
    for n in range(10):  # a guesser spreading tries across addresses
        assert _token(api_client, victim.username, f"doan-{n}", f"192.0.2.{n}").status_code == 400
    refused = _token(api_client, victim.username, PASSWORD, "192.0.2.200")
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "sign_in_paused"
    assert int(refused["Retry-After"]) == 14 * 60
    # However it is typed, and only this account.
    assert _token(api_client, victim.username.upper(), PASSWORD, "192.0.2.201").status_code == 429
    assert _token(api_client, other.username, PASSWORD, "192.0.2.200").status_code == 200


def test_a_refused_sign_in_page_says_when_to_try_again_in_the_readers_language(
    client, settings, still_clock
):
    settings.SIGN_IN_LIMITS = settings.SIGN_IN_LIMITS | {"failures_per_address": (3, 600)}
    student = StudentFactory()
    for n in range(3):
        assert _login(client, f"khong-co-{n}", "sai", address="10.9.9.9").status_code == 200
    refused = _login(client, student.username, PASSWORD, address="10.9.9.9")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "540"
    assert "Thử lại sau 9 phút" in refused.content.decode()
    english = client.post(
        "/en/accounts/login/",
        {"username": student.username, "password": PASSWORD},
        REMOTE_ADDR="10.9.9.9",
    )
    assert english.status_code == 429
    assert "Try again in 9 minutes" in english.content.decode()


def test_the_page_and_the_api_share_one_count(client, api_client, settings, still_clock):
    settings.SIGN_IN_LIMITS = settings.SIGN_IN_LIMITS | {"failures_per_address": (4, 600)}
    student = StudentFactory()
    for n in range(2):
        _login(client, f"khong-co-{n}", "sai", address="10.8.8.8")
        _token(api_client, f"cung-khong-co-{n}", "sai", "10.8.8.8")
    assert _token(api_client, student.username, PASSWORD, "10.8.8.8").status_code == 429
    assert _login(client, student.username, PASSWORD, address="10.8.8.8").status_code == 429


def test_the_back_office_sign_in_has_the_same_limits(client, settings, still_clock):
    settings.SIGN_IN_LIMITS = settings.SIGN_IN_LIMITS | {"failures_per_address": (2, 600)}
    editor = UserFactory(role=Role.EDITOR)
    for n in range(2):
        client.post(
            "/admin/login/", {"username": f"x{n}", "password": "sai"}, REMOTE_ADDR="10.7.7.7"
        )
    refused = client.post(
        "/admin/login/", {"username": editor.username, "password": PASSWORD}, REMOTE_ADDR="10.7.7.7"
    )
    assert "_auth_user_id" not in client.session
    assert "Thử lại sau" in refused.content.decode()


def test_successes_from_one_address_have_a_ceiling(api_client, settings, still_clock):
    settings.SIGN_IN_LIMITS = settings.SIGN_IN_LIMITS | {"successes_per_address": (3, 600)}
    student = StudentFactory()
    for _ in range(3):
        assert _token(api_client, student.username, PASSWORD, "10.6.6.6").status_code == 200
    refused = _token(api_client, student.username, PASSWORD, "10.6.6.6")
    assert refused.status_code == 429
    assert "mạng này" in refused.json()["error"]["message"]


def test_the_windows_end_and_sign_in_opens_again(api_client, settings, monkeypatch):
    from lms.accounts import sign_in_limits

    settings.SIGN_IN_LIMITS = settings.SIGN_IN_LIMITS | {"failures_per_address": (1, 600)}
    student = StudentFactory()
    monkeypatch.setattr(sign_in_limits, "clock", lambda: 1_800_000_000.0)
    _token(api_client, "khong-co", "sai", "10.5.5.5")
    assert _token(api_client, student.username, PASSWORD, "10.5.5.5").status_code == 429
    monkeypatch.setattr(sign_in_limits, "clock", lambda: 1_800_000_600.0)
    assert _token(api_client, student.username, PASSWORD, "10.5.5.5").status_code == 200


def test_sign_in_goes_on_when_the_cache_is_down(api_client):
    """The limits fail open; the pair lock-out lives in the database and still holds."""
    from django.test import override_settings

    student = StudentFactory()
    unreachable = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2},
    }
    with override_settings(CACHES={"default": unreachable}):
        assert _token(api_client, student.username, PASSWORD, "10.4.4.4").status_code == 200
        for _ in range(5):
            _token(api_client, student.username, "sai", "10.4.4.4")
        assert _token(api_client, student.username, PASSWORD, "10.4.4.4").status_code == 429


@pytest.mark.parametrize("value", ["30", "30/10x", "0/10m", "30/0m", "ba mươi/10m"])
def test_a_misspelt_limit_stops_start_up(value, manage):
    result = manage("check", env={"DJANGO_DEBUG": "1", "SIGN_IN_FAILURES_PER_ADDRESS": value})
    assert result.returncode != 0
    assert "SIGN_IN_FAILURES_PER_ADDRESS" in result.stderr


def test_the_lock_out_counts_one_account_however_its_name_is_cased(client):
    TeacherFactory(username="lockstaff", email="lockstaff@demo.vn")
    for typed in [
        "lockstaff@demo.vn",
        "LOCKSTAFF@demo.vn",
        "lockstaff@DEMO.vn",
        "LockStaff@Demo.VN",
    ]:
        assert _login(client, typed, "sai-mat-khau").status_code == 200
    assert _login(client, "LOCKSTAFF@DEMO.VN", "sai-mat-khau").status_code == 429
    assert _login(client, "lockstaff@demo.vn", PASSWORD).status_code == 429  # locked, whatever case
    assert _login(client, "LockStaff", PASSWORD).status_code == 429


def test_usernames_are_one_account_whatever_the_case(client):
    from django.db import IntegrityError, transaction

    student = StudentFactory(username="an.nguyen")
    assert _login(client, "An.Nguyen", PASSWORD).status_code == 302
    assert client.get("/api/v1/me/").json()["username"] == student.username
    with pytest.raises(IntegrityError), transaction.atomic():
        StudentFactory(username="AN.NGUYEN")


def test_a_new_password_ends_the_old_api_token_and_other_sessions(api_client, client):
    from django.test import Client

    student = StudentFactory()
    token = _token(api_client, student.username, PASSWORD, "10.0.0.9").json()["token"]
    elsewhere = Client()
    elsewhere.force_login(student)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/v1/me/").status_code == 200
    student.set_password("mat-khau-moi-2026")  # as a teacher's reset does
    student.save(update_fields=["password"])
    assert api_client.get("/api/v1/me/").status_code == 401
    assert elsewhere.get("/api/v1/me/").status_code in (401, 403)
