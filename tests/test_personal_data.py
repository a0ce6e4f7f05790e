"""Children's data as Decree 13/2023 asks: export with a reason, erasure that keeps the figures,
the school's consent per year, and inactive public accounts erased after 24 months."""

import io
import json
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from rest_framework.authtoken.models import Token

from lms.accounts.models import (
    ERASED_NAME,
    PersonalDataAction,
    Role,
    SchoolConsent,
    User,
    current_school_year,
)
from lms.accounts.personal_data import AlreadyErased, erase_person, person_data
from lms.reach.models import Reached
from lms.reach.services import refresh_people
from quizzes.contests import awards, finalising, snapshots
from quizzes.contests.models import JudgeDecision, RankingRow
from quizzes.models import Answer, Attempt, Certificate
from tests.factories import (
    AFTER,
    PASSWORD,
    ClassroomFactory,
    SchoolFactory,
    StudentFactory,
    UserFactory,
    enrol,
    make_area,
    make_question,
    worked_example,
)
from tests.pages import make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return make_area()


@pytest.fixture
def officer(city):
    return UserFactory(role=Role.OFFICER, area=city, display_name="Cán bộ Hạnh")


@pytest.fixture
def pupil(city):
    school = SchoolFactory(area=make_area("Phường An Hòa", parent=city))
    pupil = StudentFactory(display_name="Nguyễn Thị Lan", school=school, birth_year=2013)
    enrol(pupil, ClassroomFactory(school=school, name="7A1"))
    return pupil


def export(client, person, kind: str, reason: str = "Mẹ của em Lan đề nghị, đơn ngày 03/12"):
    url = reverse("accounts:person-export", args=[person.pk, kind])
    return client.post(url, {"export-reason": reason})


def erase(client, person, *, confirm: str | None = None, reason="Phụ huynh đề nghị xoá"):
    url = reverse("accounts:person-erase", args=[person.pk])
    data = {
        "erase-reason": reason,
        "erase-confirm": person.username if confirm is None else confirm,
    }
    return client.post(url, data)


def test_an_officer_finds_a_pupil_by_username_in_any_letter_case(client, officer, pupil):
    client.force_login(officer)
    response = client.get(reverse("accounts:people"), {"username": pupil.username.upper()})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:person", args=[pupil.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Nguyễn Thị Lan" in page and 'id="export-form"' in page and 'id="erase-form"' in page


def test_an_officer_exports_everything_kept_as_json_with_a_reason_and_it_is_audited(
    client, officer, pupil, django_assert_max_num_queries
):
    attempt = _attempt_with_answers(pupil)
    Certificate.objects.create(
        code="HBD-TEST-0001", user=pupil, display_name="Lan", title="Học phần 1", issued_at=AFTER
    )
    SchoolConsent.objects.create(
        school=pupil.school,
        school_year=pupil.memberships.get().school_year,
        reference="Công văn 12/THCS-AH",
        received_on=timezone.localdate(),
        recorded_at=timezone.now(),
    )
    client.force_login(officer)
    response = export(client, pupil, "json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["account"]["username"] == pupil.username
    assert data["account"]["display_name"] == "Nguyễn Thị Lan"
    assert data["sections"]["classes"][0]["school_consent"] == "Công văn 12/THCS-AH"
    [exported] = data["sections"]["attempts"]
    assert exported["number"] == attempt.number and exported["percent"] == "80.00"
    assert [a["value"] for a in exported["answers"]] == [[0], [1]]
    assert data["sections"]["certificates"][0]["code"] == "HBD-TEST-0001"
    assert {"lessons", "extensions", "contest_entries", "reach"} <= data["sections"].keys()
    action = PersonalDataAction.objects.get()
    assert (action.kind, action.person_id, action.done_by) == ("export_json", pupil.pk, officer)
    assert action.reason.startswith("Mẹ của em Lan")
    for _ in range(3):
        _attempt_with_answers(pupil)
    with django_assert_max_num_queries(20):  # a fixed number, however many attempts
        person_data(pupil, now=timezone.now())


def test_the_readable_copy_is_a_pdf_and_is_audited_too(client, officer, pupil):
    _attempt_with_answers(pupil)
    client.force_login(officer)
    response = export(client, pupil, "pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith(f'du-lieu-ca-nhan-{pupil.pk}.pdf"')
    [page] = PdfReader(io.BytesIO(response.content)).pages
    lines = [line.strip() for line in page.extract_text().splitlines()]

    def after(label: str) -> str:  # the cell that follows a label
        return lines[lines.index(label) + 1]

    assert lines[0] == "Dữ liệu cá nhân do Học Bình Đẳng lưu giữ"
    assert after("Tên đăng nhập") == pupil.username
    assert (after("Tên hiển thị"), after("Năm sinh")) == ("Nguyễn Thị Lan", "2013")
    assert "7A1" in lines  # the class
    attempt = lines[lines.index("Kiểm tra nhanh") :][:8]  # the quiz's row: number, …, percent
    assert attempt[1] == "1" and "80" in attempt and "slot: 1, value: 0," in lines
    assert PersonalDataAction.objects.get().kind == "export_pdf"


def test_an_export_without_a_reason_is_refused_and_nothing_is_recorded(client, officer, pupil):
    client.force_login(officer)
    response = export(client, pupil, "json", reason="  ")
    assert response.status_code == 400 and "reason" in response.context["export_form"].errors
    assert not PersonalDataAction.objects.exists()


def test_nobody_handles_a_pupil_outside_their_area_or_role(client, officer, pupil):
    stranger = StudentFactory(school=SchoolFactory())  # a school in another city
    client.force_login(officer)
    assert client.get(reverse("accounts:person", args=[stranger.pk])).status_code == 404
    assert export(client, stranger, "json").status_code == 404
    assert erase(client, stranger).status_code == 404
    found = client.get(reverse("accounts:people"), {"username": stranger.username})
    assert found.status_code == 404 and 'id="not-found"' in found.content.decode()
    assert client.get(reverse("accounts:person", args=[officer.pk])).status_code == 404  # staff
    client.force_login(UserFactory(role=Role.TEACHER))
    assert client.get(reverse("accounts:person", args=[pupil.pk])).status_code == 403
    assert export(client, pupil, "json").status_code == 403
    assert not PersonalDataAction.objects.exists()
    client.logout()
    assert erase(client, pupil).status_code == 302  # to the sign-in page
    assert not User.objects.get(pk=pupil.pk).is_erased


def test_erasure_needs_the_username_typed_and_a_reason(client, officer, pupil):
    client.force_login(officer)
    assert erase(client, pupil, confirm="someone.else").status_code == 400
    assert erase(client, pupil, reason="").status_code == 400
    assert not User.objects.get(pk=pupil.pk).is_erased
    assert not PersonalDataAction.objects.exists()


def test_erasure_removes_who_the_person_is_and_keeps_every_figure(
    client, contest, judge, city, api_client
):
    round_, people = worked_example(contest)
    snapshot = finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    finalising.publish(snapshot=snapshot, by=judge, now=AFTER)
    awards.award_certificates(snapshot=snapshot, now=AFTER)
    winner = people["Bình"]
    person = winner.user
    Attempt.objects.filter(user=person).update(origin_address="a1b2", origin_device="c3d4")
    JudgeDecision.objects.create(
        contest=contest,
        entry=winner,
        participant_name=person.display_name,
        action=JudgeDecision.Action.DISQUALIFY,
        reason="Thử",
        decided_by=judge,
        decided_at=AFTER,
    )
    token = Token.objects.create(user=person)
    refresh_people([person.pk])
    reached_before = list(Reached.objects.values_list("user_id", "school_id", "grade", "sex"))
    old_username = person.username
    admin = UserFactory(role=Role.ADMIN)
    client.force_login(admin)
    assert erase(client, person).status_code == 302

    person.refresh_from_db()
    assert person.display_name == ERASED_NAME and person.username != old_username
    assert not person.is_active and not person.has_usable_password() and person.is_erased
    assert not Token.objects.filter(key=token.key).exists()
    signing_in = Client().post(
        reverse("accounts:login"), {"username": old_username, "password": PASSWORD}
    )
    assert signing_in.status_code == 200 and not signing_in.wsgi_request.user.is_authenticated
    assert set(
        Attempt.objects.filter(user=person).values_list("origin_address", "origin_device")
    ) == {("", "")}
    assert JudgeDecision.objects.get().participant_name == ERASED_NAME
    certificate = Certificate.objects.get(user=person)
    assert certificate.is_revoked and certificate.display_name == ERASED_NAME
    verify = client.get(reverse("quizzes:verify", args=[certificate.code])).content.decode()
    assert 'id="revoked"' in verify and "Lê Thị Bình" not in verify
    # The figures: reach inputs and the finalised ranking are as they were.
    refresh_people([person.pk])
    after = list(Reached.objects.values_list("user_id", "school_id", "grade", "sex"))
    assert after == reached_before
    stored = RankingRow.objects.filter(snapshot=snapshot).values_list("public_name", flat=True)
    assert "Lê T. B." in stored and snapshots.verify(snapshot)
    # Wherever the ranking is read, the erased name shows.
    results = reverse("quizzes:contest-results", args=[contest.pk])
    html = client.get(results).content.decode()
    assert ERASED_NAME in html and "Lê T. B." not in html
    rankings = reverse("api:contest-rankings", args=[contest.pk])
    api = api_client.get(rankings, {"round": round_.pk}).json()
    assert api["rows"][0]["public_name"] == ERASED_NAME
    assert api["rows"][1]["public_name"] == "Võ T. E."
    action = PersonalDataAction.objects.get()
    assert (action.kind, action.person_id, action.done_by) == ("erase", person.pk, admin)
    # Erasing again changes nothing, and says so.
    with pytest.raises(AlreadyErased):
        erase_person(person=person, by=admin, reason="again", now=timezone.now())


def test_a_later_award_skips_an_erased_winner(contest, judge):
    round_, people = worked_example(contest)
    snapshot = finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    finalising.publish(snapshot=snapshot, by=judge, now=AFTER)
    erase_person(person=people["Bình"].user, by=None, reason="test", now=AFTER)
    issued = awards.award_certificates(snapshot=snapshot, now=AFTER)
    assert [c.display_name for c in issued] == ["Võ Thị Em", "Nguyễn Văn An"]


def test_public_accounts_idle_for_24_months_are_erased_by_the_daily_command():
    long_ago = timezone.now() - timedelta(days=25 * 30)
    idle = StudentFactory(public_sign_up=True, date_joined=long_ago, last_login=long_ago)
    still_playing = StudentFactory(public_sign_up=True, date_joined=long_ago)
    _attempt_with_answers(still_playing)  # started now
    school_account = StudentFactory(date_joined=long_ago)
    newcomer = StudentFactory(public_sign_up=True)
    dry = StringIO()
    call_command("erase_inactive_accounts", "--dry-run", stdout=dry)
    assert dry.getvalue().startswith("1 ") and not PersonalDataAction.objects.exists()
    out = StringIO()
    call_command("erase_inactive_accounts", stdout=out)
    assert out.getvalue().startswith("1 ")
    erased = {user.pk for user in User.objects.filter(erased_at__isnull=False)}
    assert erased == {idle.pk}
    assert {still_playing.pk, school_account.pk, newcomer.pk}.isdisjoint(erased)
    action = PersonalDataAction.objects.get()
    assert action.done_by is None and "24" in action.reason


def test_an_officer_records_a_schools_consent_once_per_school_year(client, officer, pupil):
    far = SchoolFactory()  # outside the officer's area
    client.force_login(officer)
    url = reverse("accounts:school-consents")
    page = client.get(url)
    assert page.status_code == 200 and pupil.school in [
        school for school, _c in page.context["rows"]
    ]
    assert far not in [school for school, _c in page.context["rows"]]
    year = current_school_year()
    data = {
        "school": pupil.school.pk,
        "school_year": year,
        "reference": "Công văn 12/THCS-AH",
        "received_on": timezone.localdate().isoformat(),
    }
    assert client.post(url, data).status_code == 302
    consent = SchoolConsent.objects.get()
    assert (consent.school, consent.school_year, consent.recorded_by) == (
        pupil.school,
        year,
        officer,
    )
    assert client.post(url, data).status_code == 400  # one per school and year
    assert client.post(url, data | {"school": far.pk}).status_code == 400
    assert SchoolConsent.objects.count() == 1


def _attempt_with_answers(user) -> Attempt:
    quiz = make_quiz(make_question("Câu 1"), make_question("Câu 2"))
    now = timezone.now()
    attempt = Attempt.objects.create(
        quiz=quiz,
        user=user,
        number=1,
        paper=[],
        started_at=now - timedelta(minutes=5),
        submitted_at=now,
        score=Decimal(4),
        maximum=Decimal(5),
        percent=Decimal(80),
        duration_seconds=300,
    )
    for slot, value in ((1, [0]), (2, [1])):
        Answer.objects.create(attempt=attempt, slot=slot, value=value, saved_at=now)
    return attempt


def test_a_teacher_is_told_when_their_schools_consent_for_the_year_is_missing(client):
    teacher = UserFactory(role=Role.TEACHER)
    classroom = ClassroomFactory(teachers=[teacher])
    client.force_login(teacher)
    page = client.get(reverse("teacher-home")).content.decode()
    assert 'id="consent-missing"' in page and classroom.school.name in page
    SchoolConsent.objects.create(
        school=classroom.school,
        school_year=classroom.school_year,
        reference="Công văn 3/THCS",
        received_on=timezone.localdate(),
        recorded_at=timezone.now(),
    )
    assert 'id="consent-missing"' not in client.get(reverse("teacher-home")).content.decode()
