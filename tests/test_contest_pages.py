"""The public side of contests without a browser: the contest and round pages, signing up (a
visitor's light account or a signed-in person's click), starting a round, the player's prediction
without its script, and the published results (only published, never a full name)."""

import re
from datetime import timedelta

import pytest
from django.contrib.messages import constants, get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import SchoolEnrolment, Sex, User
from lms.reach.models import ReachPolicy
from quizzes import services
from quizzes.contests import entries as contest_entries
from quizzes.contests import finalising, flags, snapshots
from quizzes.contests import pages as contest_pages
from quizzes.contests import views as contest_views
from quizzes.contests.models import ContestEntry
from quizzes.contests.pages import ContestAudienceSchool
from quizzes.models import Answer, Attempt
from tests import pages
from tests.factories import (
    AFTER,
    SchoolFactory,
    StudentFactory,
    five_question_round,
    make_area,
    make_question,
    right_choice,
    scored_attempt,
)
from tests.pages import make_quiz

pytestmark = pytest.mark.django_db

QUESTION = "Bao nhiêu bạn trả lời đúng cả 5 câu?"
FAMILIES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ"]
MIDDLES = ["Văn", "Thị", "Minh", "Ngọc", "Gia", "Bảo", "Thanh", "Quốc"]
GIVENS = ["An", "Bình", "Chi", "Dũng", "Em", "Giang", "Hà", "Khoa", "Lan", "Mai"]
BIRTH_YEARS = [1953, 1967, 1978]


@pytest.fixture
def open_round(contest):
    now = timezone.now()
    return pages.contest_round(
        contest,
        make_question(),
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=1),
        prediction_question=QUESTION,
    )


def signed_up_student(contest, client=None, **fields) -> ContestEntry:
    fields.setdefault("display_name", "Trần Thị Mai")
    fields.setdefault("school", SchoolFactory(name="Trường THCS Lê Lợi"))
    student = StudentFactory(**fields)
    entry = contest_entries.sign_up(contest=contest, user=student, now=timezone.now())
    if client is not None:
        client.force_login(student)
    return entry


def visitor_form(**changes) -> dict:
    ward = make_area("Phường Cái Khế", parent=make_area())
    form = {
        "display_name": "Huỳnh Ngọc Trâm",
        "birth_year": "2011",
        "sex": Sex.FEMALE,
        "school": "",
        "ward": str(ward.pk),
        "password1": "mat-khau-manh-2026",
        "password2": "mat-khau-manh-2026",
        "data_notice": "on",
        "guardian_agreed": "on",
    }
    return {key: value for key, value in (form | changes).items() if value is not None}


def error_messages(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request) if m.level == constants.ERROR]


# The contest page ----------------------------------------------------------------------------


def test_a_visitor_sees_the_rules_the_rounds_and_a_sign_up_link(client, contest, open_round):
    html = client.get(contest.url).content.decode()
    assert contest.organiser in html
    assert reverse("quizzes:contest-sign-up", args=[contest.pk]) in html
    assert f'id="round-{open_round.pk}"' in html and open_round.url in html
    assert 'id="taking-part"' not in html and 'id="judge-link"' not in html


def test_a_student_with_a_school_signs_up_in_one_click(client, contest, open_round):
    student = StudentFactory(school=SchoolFactory())
    client.force_login(student)
    html = client.get(contest.url).content.decode()
    assert 'id="sign-up-form"' in html
    response = client.post(reverse("quizzes:contest-sign-up", args=[contest.pk]))
    assert response.status_code == 302 and response["Location"] == contest.url
    entry = ContestEntry.objects.get(contest=contest, user=student)
    assert entry.school == student.school


def test_a_participant_sees_their_name_unit_and_provisional_place(client, contest, open_round):
    entry = signed_up_student(contest, client)
    attempt = services.start_attempt(quiz=open_round, user=entry.user, now=timezone.now())
    services.submit_attempt(attempt_id=attempt.pk, now=timezone.now(), prediction=3)
    html = client.get(contest.url).content.decode()
    assert 'id="taking-part"' in html
    assert "Trần Thị Mai" in html and "Trường THCS Lê Lợi" in html
    place = re.search(r'<dd class="own-place">([^<]*)</dd>', html).group(1)
    assert re.search(r"\b1\b", place)
    assert 'id="sign-up-form"' not in html and 'id="sign-up-link"' not in html


def test_a_judge_of_the_contest_gets_a_link_to_the_judge_space(client, contest, judge):
    client.force_login(judge)
    html = client.get(contest.url).content.decode()
    assert 'id="judge-link"' in html and f"/judge/contests/{contest.pk}/" in html


def test_a_school_only_contest_refuses_others_with_a_reason(client, judge):
    school = SchoolFactory()
    contest = pages.contest(audience="schools", judges=[judge])
    ContestAudienceSchool.objects.create(contest=contest, school=school)
    url = reverse("quizzes:contest-sign-up", args=[contest.pk])

    assert client.get(url).status_code == 403  # a visitor cannot make an account here
    outsider = StudentFactory(school=SchoolFactory())
    client.force_login(outsider)
    html = client.get(contest.url).content.decode()
    assert 'id="not-in-audience"' in html and url not in html
    response = client.post(url)
    assert response.status_code == 403 and 'id="refused"' in response.content.decode()
    assert not ContestEntry.objects.exists()

    insider = StudentFactory(school=school)
    client.force_login(insider)
    assert client.post(url).status_code == 302
    assert ContestEntry.objects.get().user == insider


def test_an_unknown_or_unpublished_contest_is_not_found(client, contest):
    contest.unpublish()
    for name in ("quizzes:contest-sign-up", "quizzes:contest-results"):
        assert client.get(reverse(name, args=[contest.pk])).status_code == 404
        assert client.get(reverse(name, args=[contest.pk + 999])).status_code == 404


# Signing up ----------------------------------------------------------------------------------


def test_a_visitor_signs_up_is_signed_in_and_is_shown_their_username(client, contest):
    url = reverse("quizzes:contest-sign-up", args=[contest.pk])
    assert client.get(url).status_code == 200
    users = User.objects.count()
    response = client.post(url, visitor_form())
    assert response.status_code == 302 and response["Location"] == contest.url
    entry = ContestEntry.objects.select_related("user").get()
    user = entry.user
    assert User.objects.count() == users + 1
    assert (user.display_name, user.birth_year, user.sex) == ("Huỳnh Ngọc Trâm", 2011, Sex.FEMALE)
    assert entry.ward.name == "Phường Cái Khế" and user.is_student
    assert client.session["_auth_user_id"] == str(user.pk)
    html = client.get(contest.url).content.decode()
    assert user.username in html and 'id="taking-part"' in html


def test_a_minor_signs_up_only_with_a_guardians_agreement_and_it_is_recorded(client, contest):
    url = reverse("quizzes:contest-sign-up", args=[contest.pk])
    page = client.get(url).content.decode()
    assert 'id="data-notice"' in page and "/accounts/data-notice/2026-12/" in page
    refused = client.post(url, visitor_form(guardian_agreed=None))
    assert refused.status_code == 400 and "guardian_agreed" in refused.context["form"].errors
    assert not ContestEntry.objects.exists()
    before = timezone.now()
    assert client.post(url, visitor_form()).status_code == 302
    user = ContestEntry.objects.get().user
    assert user.public_sign_up and user.consent_by_guardian
    assert user.consent_version == "2026-12" and user.consent_given_at >= before


def test_an_adult_signs_up_with_their_own_consent(client, contest):
    adult = str(timezone.localdate().year - 30)
    url = reverse("quizzes:contest-sign-up", args=[contest.pk])
    response = client.post(url, visitor_form(birth_year=adult, guardian_agreed=None))
    assert response.status_code == 302
    user = ContestEntry.objects.get().user
    assert user.consent_version == "2026-12" and not user.consent_by_guardian


def test_the_data_notice_is_readable_by_version_and_an_unknown_one_is_not_found(client):
    page = client.get(reverse("accounts:consent-text", args=["2026-12"]))
    assert page.status_code == 200 and "24" in page.content.decode()
    assert client.get(reverse("accounts:consent-text", args=["1999-01"])).status_code == 404


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"data_notice": None}, "data_notice"),
        ({"ward": "", "school": ""}, "school"),
        ({"birth_year": "1900"}, "birth_year"),
        ({"birth_year": str(timezone.localdate().year + 1)}, "birth_year"),
        ({"birth_year": "hai nghìn"}, "birth_year"),
        ({"password2": "mat-khau-khac-2026"}, "password2"),
        ({"password1": "12345678", "password2": "12345678"}, "password1"),
        ({"display_name": "   "}, "display_name"),
        ({"display_name": "x" * 61}, "display_name"),
    ],
)
def test_a_visitor_sign_up_with_a_problem_shows_it_and_creates_nothing(
    client, contest, changes, field
):
    users = User.objects.count()
    response = client.post(
        reverse("quizzes:contest-sign-up", args=[contest.pk]), visitor_form(**changes)
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert User.objects.count() == users and not ContestEntry.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_second_sign_up_is_refused_and_nothing_is_duplicated(client, contest):
    entry = signed_up_student(contest, client)
    url = reverse("quizzes:contest-sign-up", args=[contest.pk])
    response = client.post(url)
    assert response.status_code == 409 and 'id="refused"' in response.content.decode()
    assert client.get(url)["Location"] == contest.url
    assert list(ContestEntry.objects.all()) == [entry]


def test_a_signed_in_person_without_a_school_chooses_a_ward(client, contest):
    person = StudentFactory(school=None)
    client.force_login(person)
    url = reverse("quizzes:contest-sign-up", args=[contest.pk])
    assert 'id="sign-up-link"' in client.get(contest.url).content.decode()
    response = client.post(url)
    assert response.status_code == 400 and "school" in response.context["form"].errors
    assert not ContestEntry.objects.exists()
    ward = make_area("Xã Thới Lai", parent=make_area())
    assert client.post(url, {"ward": ward.pk}).status_code == 302
    assert ContestEntry.objects.get(user=person).ward == ward


# Rounds: start and the prediction ------------------------------------------------------------


def test_a_round_starts_only_after_signing_up(client, contest, open_round):
    student = StudentFactory(school=SchoolFactory())
    client.force_login(student)
    html = client.get(open_round.url).content.decode()
    assert 'id="sign-up-first"' in html and QUESTION in html
    start = reverse("quizzes:start", args=[open_round.pk])
    response = client.post(start)
    assert response["Location"] == open_round.url and error_messages(response)
    assert not Attempt.objects.exists()

    contest_entries.sign_up(contest=contest, user=student, now=timezone.now())
    assert 'id="start-form"' in client.get(open_round.url).content.decode()
    response = client.post(start)
    attempt = Attempt.objects.get()
    assert response.status_code == 200 and f'data-attempt="{attempt.pk}"' in response.text


def test_start_keeps_hashed_origins_and_a_long_lived_device_cookie(client, contest, open_round):
    entry = signed_up_student(contest, client)
    start = reverse("quizzes:start", args=[open_round.pk])
    response = client.post(start, REMOTE_ADDR="203.0.113.9")
    cookie = response.cookies["hbd_device"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 365 * 24 * 3600
    attempt = Attempt.objects.get(user=entry.user)
    assert attempt.origin_address == contest_pages.origin_hash("203.0.113.9")
    assert attempt.origin_device == contest_pages.origin_hash(cookie.value)
    assert "203.0.113.9" not in (attempt.origin_address, attempt.origin_device)
    again = client.post(start, REMOTE_ADDR="203.0.113.9")  # the browser sends its cookie back
    assert "hbd_device" not in again.cookies
    assert Attempt.objects.get(user=entry.user).origin_device == attempt.origin_device


def test_the_player_asks_the_rounds_prediction_question_only(client, contest, open_round):
    entry = signed_up_student(contest, client)
    attempt = services.start_attempt(quiz=open_round, user=entry.user, now=timezone.now())
    html = client.get(reverse("quizzes:player", args=[attempt.pk])).content.decode()
    assert 'id="prediction"' in html and 'name="prediction"' in html and QUESTION in html
    quiz = make_quiz(make_question(), audience="public")
    other = services.start_attempt(quiz=quiz, user=entry.user, now=timezone.now())
    assert (
        'id="prediction"'
        not in client.get(reverse("quizzes:player", args=[other.pk])).content.decode()
    )


@pytest.mark.parametrize("bad", ["-1", "2.5", "abc"])
def test_a_bad_prediction_without_script_keeps_the_answers_and_does_not_submit(
    client, contest, open_round, bad
):
    entry = signed_up_student(contest, client)
    attempt = services.start_attempt(quiz=open_round, user=entry.user, now=timezone.now())
    submit = reverse("quizzes:submit", args=[attempt.pk])
    answer = right_choice(attempt, 1)
    response = client.post(submit, {"slot-1": answer, "prediction": bad})
    assert response["Location"].startswith(reverse("quizzes:player", args=[attempt.pk]))
    assert error_messages(response)
    attempt.refresh_from_db()
    assert not attempt.is_submitted and attempt.prediction is None
    assert Answer.objects.get(attempt=attempt, slot=1).value == answer
    html = client.get(reverse("quizzes:player", args=[attempt.pk])).content.decode()
    assert f'value="{answer}" checked' in html  # the answer is still there to submit

    response = client.post(submit, {"slot-1": answer, "prediction": " 12 "})
    assert response["Location"] == reverse("quizzes:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.prediction == 12 and attempt.score == 1


def test_the_players_submit_refuses_a_bad_prediction_with_a_message_and_keeps_the_answers(
    client, contest, open_round
):
    entry = signed_up_student(contest, client)
    attempt = services.start_attempt(quiz=open_round, user=entry.user, now=timezone.now())
    answer = right_choice(attempt, 1)
    services.save_answer(
        attempt_id=attempt.pk,
        user=entry.user,
        slot=1,
        value=answer,
        sequence=1,
        now=timezone.now(),
    )
    submit = reverse("quizzes:submit", args=[attempt.pk])
    response = client.post(submit, {"answers_sent": "1", "prediction": "2.5"})
    assert response.status_code == 400 and response["Content-Type"].startswith("text/plain")
    assert "số nguyên" in response.content.decode()
    attempt.refresh_from_db()
    assert not attempt.is_submitted and Answer.objects.get(attempt=attempt).value == answer

    response = client.post(submit, {"answers_sent": "1", "prediction": "12"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.prediction == 12 and attempt.score == 1


# Results -------------------------------------------------------------------------------------


def ranked_contest(judge, people: int, *, publish: bool = True, schools=None):
    """A contest whose first round ranks `people` participants, finalised (and published)."""
    contest = pages.contest(judges=[judge])
    round_ = five_question_round(contest)
    schools = schools or [SchoolFactory(), SchoolFactory()]
    entries = []
    for n in range(people):
        student = StudentFactory(
            username=f"thisinh-z{contest.pk}q{n:03d}",
            display_name=f"{FAMILIES[n % 8]} {MIDDLES[n // 8 % 8]} {GIVENS[n % 10]}",
            birth_year=BIRTH_YEARS[n % 3],
            school=schools[n % len(schools)],
        )
        entry = contest_entries.sign_up(
            contest=contest, user=student, now=AFTER - timedelta(days=2)
        )
        scored_attempt(
            round_, entry, score=n % 6, prediction=n % 7, submitted="10:00", seconds=60 + n
        )
        entries.append(entry)
    snapshot = finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    if publish:
        finalising.publish(snapshot=snapshot, by=judge, now=AFTER)
    return contest, round_, entries


def assert_no_personal_details(html: str, entries) -> None:
    for entry in entries:
        user = entry.user
        assert user.display_name not in html
        assert user.username not in html
        assert str(user.birth_year) not in html


def test_nothing_is_shown_before_a_judge_publishes(client, judge):
    contest, _round, entries = ranked_contest(judge, 6, publish=False)
    response = client.get(reverse("quizzes:contest-results", args=[contest.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and 'id="no-results"' in html
    assert "<tbody>" not in html
    assert_no_personal_details(html, entries)


def test_published_results_show_abbreviated_names_and_nothing_personal(client, judge):
    contest, round_, entries = ranked_contest(judge, 12)
    response = client.get(reverse("quizzes:contest-results", args=[contest.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and "private" in response["Cache-Control"]
    rows = list(snapshots.published_snapshot(contest, round_).rows.order_by("position"))
    assert len(rows) == 12
    for row in rows:
        assert row.public_name in html
    assert 'id="col-prediction"' in html  # the round asked a prediction question
    assert_no_personal_details(html, entries)


def test_a_participant_sees_their_own_rank_on_top_and_highlighted(client, judge):
    contest, round_, entries = ranked_contest(judge, 12)
    mine = entries[5]
    client.force_login(mine.user)
    html = client.get(reverse("quizzes:contest-results", args=[contest.pk])).content.decode()
    row = snapshots.own_row(snapshots.published_snapshot(contest, round_), mine)
    assert 'id="own-rank"' in html and 'id="own-row"' in html
    assert html.index('id="own-rank"') < html.index("<table")
    assert f"{row.public_name} <span" in html.split('id="own-row"')[1][:300]
    assert_no_personal_details(html, [e for e in entries if e != mine])


def ranking_rows(html: str) -> int:
    table = html.split('<table class="ranking">')[1].split("</table>")[0]
    return table.split("<tbody>")[1].count("<tr")


def test_results_are_paginated_with_links(client, judge, monkeypatch):
    monkeypatch.setattr(contest_views, "PER_PAGE", 25)
    contest, round_, _entries = ranked_contest(judge, 60)
    rows = list(snapshots.published_snapshot(contest, round_).rows.order_by("position"))
    url = reverse("quizzes:contest-results", args=[contest.pk])
    first = client.get(url).content.decode()
    assert f"?round={round_.pk}&amp;page=2" in first
    assert ranking_rows(first) == 25
    last = client.get(url, {"round": round_.pk, "page": 3}).content.decode()
    assert ranking_rows(last) == 10 and f"?round={round_.pk}&amp;page=2" in last
    assert rows[-1].public_name in last
    for bad in ({"page": 4}, {"page": "0"}, {"page": "hai"}, {"round": "x"}, {"round": 99999}):
        assert client.get(url, bad).status_code == 404


def test_unit_rankings_show_aggregates_of_schools(client, judge):
    schools = [
        SchoolFactory(name="Trường THCS An Hòa"),
        SchoolFactory(name="Trường THCS Bình Thủy"),
    ]
    for school in schools:
        SchoolEnrolment.objects.create(
            school=school, school_year=2026, grade=8, sex="female", pupils=40
        )
    contest, _round, _entries = ranked_contest(judge, 12, schools=schools)
    html = client.get(reverse("quizzes:contest-results", args=[contest.pk])).content.decode()
    units = html.split('id="units-title"')[1]
    for school in schools:  # 6 participants of 40 pupils each
        assert re.search(rf"{school.name}</th><td>6</td><td>15[.,]0%", units)


def test_the_results_page_costs_the_same_queries_for_10_or_60_rows(client, judge, cold_caches):
    schools = [SchoolFactory(), SchoolFactory()]
    counts = []
    for people in (10, 60):
        contest, _round, entries = ranked_contest(judge, people, schools=schools)
        client.force_login(entries[3].user)
        url = reverse("quizzes:contest-results", args=[contest.pk])
        client.get(url)  # the site's settings row is made on the first page ever served
        cold_caches()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_visitor_signs_in_again_with_the_username_they_were_given(client, contest):
    client.post(reverse("quizzes:contest-sign-up", args=[contest.pk]), visitor_form())
    user = ContestEntry.objects.get().user
    client.logout()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": "mat-khau-manh-2026"}
    )
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_too_many_new_accounts_from_one_address_are_refused(client, contest, monkeypatch):
    monkeypatch.setattr(contest_views, "SIGN_UPS_PER_ADDRESS_AND_HOUR", 1)
    url = reverse("quizzes:contest-sign-up", args=[contest.pk])
    assert client.post(url, visitor_form()).status_code == 302
    client.logout()
    refused = client.post(url, visitor_form(display_name="Lê Văn Tư"))
    assert refused.status_code == 429
    assert not User.objects.filter(display_name="Lê Văn Tư").exists()


def test_results_parameters_in_odd_digits_are_not_found_not_a_crash(client, judge):
    contest, _round, _entries = ranked_contest(judge, 3)
    url = reverse("quizzes:contest-results", args=[contest.pk])
    for query in ("?round=%C2%B2", "?page=%C2%B2", "?page=" + "9" * 5000):
        assert client.get(url + query).status_code == 404


# Keys kept until the close -------------------------------------------------------------------


def _submitted(round_, student, *, right: bool):
    attempt = services.start_attempt(quiz=round_, user=student, now=timezone.now())
    entry = attempt.entry(1)
    choice = (
        right_choice(attempt, 1)
        if right
        else next(c["id"] for c in entry["choices"] if c["id"] != right_choice(attempt, 1))
    )
    services.save_answer(
        attempt_id=attempt.pk, user=student, slot=1, value=choice, sequence=1, now=timezone.now()
    )
    return services.submit_attempt(attempt_id=attempt.pk, now=timezone.now())


def test_an_open_round_with_several_attempts_shows_no_score_anywhere_until_it_closes(
    client, api_client, contest, open_round, judge
):
    from quizzes.api import AttemptSummarySerializer

    entry = signed_up_student(contest, client)
    student = entry.user
    first = _submitted(open_round, student, right=True)
    second = _submitted(open_round, student, right=False)
    for url in (reverse("quizzes:result", args=[first.pk]), open_round.url, "/student/"):
        html = client.get(url).content.decode()
        assert "100%" not in html and "1 of 1" not in html and "1 trên 1" not in html, url
    assert (
        "khi vòng thi kết thúc"
        in client.get(reverse("quizzes:result", args=[first.pk])).content.decode()
    )
    api_client.force_authenticate(student)
    mine = api_client.get("/api/v1/me/attempts/").json()["results"]
    assert {(a["score"], a["percent"], a["passed"]) for a in mine} == {(None, None, None)}
    assert all(a["scores_hidden_until"] for a in mine)
    review = api_client.get(f"/api/v1/attempts/{second.pk}/review/")
    assert review.status_code == 409
    # The judge is told why, and sees the repeated attempts among the flags.
    assert open_round.scores_hidden_until(timezone.now()) == open_round.closes_at
    client.force_login(judge)
    page = client.get(reverse("judge:round", args=[open_round.pk])).content.decode()
    assert 'id="scores-hidden"' in page
    # After the close every score is there again.
    after = open_round.closes_at + timedelta(minutes=1)
    assert open_round.scores_hidden_until(after) is None
    assert AttemptSummarySerializer(first).data["score"] == "1.00"


def test_a_round_of_one_attempt_or_drawn_from_a_large_bank_shows_scores_at_once(contest):
    from quizzes.pages import QuizDraw

    now = timezone.now()
    one_go = pages.contest_round(
        contest, make_question(), number=2, attempts_allowed=1, closes_at=now + timedelta(hours=1)
    )
    assert one_go.scores_hidden_until(now) is None
    drawn = pages.contest_round(contest, number=3, closes_at=now + timedelta(hours=1))
    QuizDraw.objects.create(quiz=drawn, tag="vong-3", count=2)
    pages.publish(drawn)
    questions = [make_question() for _ in range(5)]
    for question in questions:
        question.tags.add("vong-3")
        question.save()
    drawn = type(drawn).objects.get(pk=drawn.pk)
    assert drawn.scores_hidden_until(now) == drawn.closes_at  # 5 for a draw of 2: too few
    questions.append(make_question())
    questions[-1].tags.add("vong-3")
    questions[-1].save()
    assert type(drawn).objects.get(pk=drawn.pk).scores_hidden_until(now) is None  # 6 = 3 x 2


def test_many_attempts_by_one_participant_are_flagged_for_the_judges(contest, open_round):
    entry = signed_up_student(contest)
    for _ in range(flags.MANY_ATTEMPTS):
        _submitted(open_round, entry.user, right=False)
    flagged = [flag for flag in flags.flags(open_round) if flag.kind == "attempts"]
    assert [(f.number, f.entry_ids) for f in flagged] == [(flags.MANY_ATTEMPTS, (entry.pk,))]
    assert "5" in flagged[0].detail


def test_the_start_answers_with_the_player_in_three_queries(client, contest, open_round):
    """A school's start minute: the pupil's attempts (locked), the questions' current versions
    and the insert; the sign-up is kept in the cache since the round's page, and the player comes
    in the same answer, its paper unread. (The session, read from Redis in production, comes
    from the database here.)"""
    start = reverse("quizzes:start", args=[open_round.pk])
    signed_up_student(contest, client, username="hs-dau-tien")
    client.get(open_round.url)  # the first page ever makes the site's settings row
    client.post(start)  # the worker keeps the round, its contest and its questions from now
    entry = signed_up_student(contest, client, username="hs-thu-hai", display_name="Lê Văn An")
    client.get(open_round.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(start)
    attempt = Attempt.objects.get(user=entry.user)
    assert response.status_code == 200 and f'data-attempt="{attempt.pk}"' in response.text
    statements = _statements(queries)
    assert len(statements) == 3, "\n".join(statements)


def test_the_players_submit_answers_with_the_round_result_in_few_queries(
    client, contest, open_round, settings
):
    """A school's deadline minute: one request per pupil scores the attempt and shows the round's
    result. The attempt locked among the pupil's own, its answers, the scored row, the reach
    recount queued; then the pupil's attempts in the round (the list, the place so far, another
    try); the sign-up is kept in the cache since the round's page. The worker has served others
    before."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ReachPolicy.objects.create()  # as on any day after the first
    start = reverse("quizzes:start", args=[open_round.pk])
    for username in ("hs-dau-tien", "hs-thu-hai"):
        signed_up_student(contest, client, username=username)
        client.get(open_round.url)
        client.post(start)
        attempt = Attempt.objects.get(user__username=username)
        submit = reverse("quizzes:submit", args=[attempt.pk])
        with CaptureQueriesContext(connection) as queries:
            response = client.post(submit, {"answers_sent": "1", "prediction": "7"})
    assert response.status_code == 200 and f"/attempts/{attempt.pk}/result/" in response.text
    statements = _statements(queries)
    assert len(statements) == 5, "\n".join(statements)


def test_the_result_of_a_one_attempt_round_lists_its_attempt_without_reading_others(
    client, contest
):
    """With one attempt allowed, the submitted one is the pupil's only attempt in the round: the
    deadline minute's result page does not read the list again."""
    now = timezone.now()
    round_ = pages.contest_round(
        contest, make_question(), attempts_allowed=1, closes_at=now + timedelta(hours=1)
    )
    for username in ("hs-dau-tien", "hs-thu-hai"):
        signed_up_student(contest, client, username=username)
        client.get(round_.url)
        client.post(reverse("quizzes:start", args=[round_.pk]))
        attempt = Attempt.objects.get(user__username=username)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(
                reverse("quizzes:submit", args=[attempt.pk]), {"answers_sent": "1"}
            )
    # Rows of the pupil's attempts: the locked one, and no list after it (reach's recount, run
    # in the request by the tests' task backend, reads other columns).
    attempts_read = [
        sql for sql in _statements(queries) if sql.startswith('SELECT "quizzes_attempt"."id"')
    ]
    assert len(attempts_read) == 1, attempts_read
    assert response.text.count(reverse("quizzes:result", args=[attempt.pk])) == 1
    assert 'id="try-again-form"' not in response.text


def test_a_judges_decision_reaches_the_kept_sign_up_at_once(
    client, contest, judge, open_round, django_assert_num_queries
):
    """The sign-up read by a round's pages is kept in the cache: a disqualification, a
    reinstatement or a removed entry shows on the very next read, not minutes later."""
    entry = signed_up_student(contest, client)
    client.get(open_round.url)  # keeps the sign-up
    with django_assert_num_queries(0):
        kept = ContestEntry.objects.signed_up(contest_id=contest.pk, user_id=entry.user_id)
    assert kept == entry and not kept.is_disqualified
    contest_entries.decide(
        entry=entry, action="disqualify", reason="Làm bài hộ", by=judge, now=timezone.now()
    )
    assert contest.entry_of(entry.user).is_disqualified
    contest_entries.decide(
        entry=entry, action="reinstate", reason="Đã xác minh", by=judge, now=timezone.now()
    )
    assert not contest.entry_of(entry.user).is_disqualified
    ContestEntry.objects.get(pk=entry.pk).delete()
    assert contest.entry_of(entry.user) is None
    client.post(reverse("quizzes:start", args=[open_round.pk]))  # refused: no sign-up
    assert not Attempt.objects.filter(user=entry.user).exists()


def _statements(queries) -> list[str]:
    """What the page read and wrote, shortened; the session (from Redis in production) and the
    savepoints left out."""
    return [
        q["sql"].split(" (")[0].split(" WHERE")[0][:60]
        for q in queries
        if "django_session" not in q["sql"] and "SAVEPOINT" not in q["sql"]
    ]
