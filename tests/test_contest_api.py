"""The contest API: live contests, sign-up, published rankings without a full name in sight, the
prediction sent with a submit, and the judges' endpoints, which answer 404 to everyone else."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from lms.accounts.models import Role
from quizzes.contests import entries, figures, finalising
from quizzes.contests import pages as contest_pages
from quizzes.contests.models import ContestEntry, JudgeDecision, RankingSnapshot
from quizzes.models import Attempt
from tests import pages
from tests.factories import (
    SchoolFactory,
    StudentFactory,
    UserFactory,
    enter,
    five_question_round,
    make_area,
    make_question,
    right_choice,
    scored_attempt,
    worked_example,
)

pytestmark = pytest.mark.django_db

PUBLIC_ROW_KEYS = {"rank", "public_name", "unit", "score", "prediction_distance"}


@pytest.fixture
def closed(contest):
    """The worked example, its round closed an hour ago (finalising uses the real clock)."""
    round_, people = worked_example(contest)
    now = timezone.now()
    round_.opens_at, round_.closes_at = now - timedelta(hours=3), now - timedelta(hours=1)
    round_.save()
    return round_, people


@pytest.fixture
def open_round(contest):
    now = timezone.now()
    return pages.contest_round(
        contest,
        make_question(),
        number=2,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=1),
        prediction_question="Bao nhiêu bạn đúng hết?",
    )


def as_user(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body["error"]) == {"code", "message", "fields"} and body["error"]["message"]
    return body["error"]


def strings_in(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
    elif value is not None:
        yield str(value)


# Contests, sign-up ---------------------------------------------------------------------------


def test_live_contests_are_listed_for_anyone_with_their_round_count(
    api_client, contest, django_assert_max_num_queries
):
    five_question_round(contest)
    pages.contest(title="Hội thi thứ hai")
    draft = pages.contest(title="Bản nháp")
    draft.unpublish()
    with django_assert_max_num_queries(8):
        response = api_client.get("/api/v1/contests/")
    assert response.status_code == 200
    listed = {row["title"]: row for row in response.json()}
    assert set(listed) == {contest.title, "Hội thi thứ hai"}
    row = listed[contest.title]
    assert (row["id"], row["round_count"], row["audience"]) == (contest.pk, 1, "public")
    assert row["organiser"] == contest.organiser and row["url"]


def test_a_contest_shows_its_rules_rounds_and_the_callers_own_entry(api_client, contest, closed):
    round_, people = closed
    anonymous = api_client.get(f"/api/v1/contests/{contest.pk}/").json()
    assert anonymous["my_entry"] is None
    assert "<p>" in anonymous["rules"]
    assert anonymous["tie_breaks"] == ["score", "prediction", "submitted"]
    assert anonymous["overall_method"] == "sum"
    (shown,) = anonymous["rounds"]
    assert (shown["id"], shown["number"], shown["status"]) == (round_.pk, 1, "closed")
    assert shown["prediction_question"] == round_.prediction_question
    assert shown["ranking_published"] is False
    mine = as_user(api_client, people["An"].user).get(f"/api/v1/contests/{contest.pk}/").json()
    assert mine["my_entry"]["school"] == people["An"].school_id
    assert mine["my_entry"]["disqualified"] is False


def test_an_unknown_or_unpublished_contest_is_404(api_client, contest):
    contest.unpublish()
    response = api_client.get(f"/api/v1/contests/{contest.pk}/")
    assert error_of(response, 404)["code"] == "contest_not_found"


def test_sign_up_names_unknown_ids_and_counts_once(api_client, contest):
    student = StudentFactory(school=SchoolFactory())
    as_user(api_client, student)
    url = f"/api/v1/contests/{contest.pk}/entries/"
    assert (
        "school" in error_of(api_client.post(url, {"school": 999999}, format="json"), 400)["fields"]
    )
    assert "ward" in error_of(api_client.post(url, {"ward": 999999}, format="json"), 400)["fields"]
    ward = make_area("Phường An Hòa", parent=make_area())
    created = api_client.post(url, {"ward": ward.pk}, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["school"] == student.school_id
    assert created.json()["ward"] == ward.pk
    again = api_client.post(url, {}, format="json")
    assert error_of(again, 409)["code"] == "already_signed_up"
    assert ContestEntry.objects.filter(contest=contest, user=student).count() == 1


def test_sign_up_outside_the_audience_is_403_and_anonymous_is_401(api_client, judge):
    school_only = pages.contest(audience="schools", judges=[judge])
    school_only.audience_schools.create(school=SchoolFactory())
    url = f"/api/v1/contests/{school_only.pk}/entries/"
    assert error_of(api_client.post(url, {}, format="json"), 401)["code"] == "not_authenticated"
    as_user(api_client, StudentFactory(school=SchoolFactory()))
    assert error_of(api_client.post(url, {}, format="json"), 403)["code"] == (
        "not_in_contest_audience"
    )
    assert not ContestEntry.objects.exists()


# Published rankings --------------------------------------------------------------------------


@pytest.fixture
def published(closed, judge):
    round_, people = closed
    snapshot = finalising.finalise_round(round_=round_, by=judge, now=timezone.now())
    finalising.publish(snapshot=snapshot, by=judge, now=timezone.now())
    return round_, people, snapshot


def test_a_published_ranking_shows_no_full_name_username_or_birth_year(
    api_client, contest, published
):
    round_, people, _snapshot = published
    url = f"/api/v1/contests/{contest.pk}/rankings/?round={round_.pk}"
    for caller in (None, people["Em"].user):
        if caller is not None:
            as_user(api_client, caller)
        body = api_client.get(url).json()
        assert [row["public_name"] for row in body["rows"]][:2] == ["Lê T. B.", "Võ T. E."]
        assert all(set(row) == PUBLIC_ROW_KEYS for row in body["rows"])
        found = list(strings_in(body))
        for entry in people.values():
            user = entry.user
            for secret in (user.display_name, user.username, str(user.birth_year)):
                assert not any(secret in text for text in found), secret
        assert "entry_id" not in found and "attempt_id" not in found


def test_the_ranking_shows_the_callers_own_row_and_pages(api_client, contest, published):
    round_, people, snapshot = published
    url = f"/api/v1/contests/{contest.pk}/rankings/"
    anonymous = api_client.get(url, {"round": round_.pk}).json()
    assert anonymous["me"] is None
    assert (anonymous["version"], anonymous["actual_value"], anonymous["participants"]) == (1, 4, 5)
    assert anonymous["published_at"] and anonymous["round"] == round_.pk
    as_user(api_client, people["An"].user)
    body = api_client.get(url, {"round": round_.pk, "limit": 2, "offset": 1}).json()
    assert [row["rank"] for row in body["rows"]] == [2, 3]
    assert body["me"] == {
        "rank": 3,
        "public_name": "Nguyễn V. A.",
        "unit": people["An"].school.name,
        "score": "5.00",
        "prediction_distance": 1,
    }


def test_an_unpublished_ranking_is_404_with_its_own_code(api_client, contest, closed, judge):
    round_, _people = closed
    finalising.finalise_round(round_=round_, by=judge, now=timezone.now())
    url = f"/api/v1/contests/{contest.pk}/rankings/"
    assert error_of(api_client.get(url, {"round": round_.pk}), 404)["code"] == (
        "ranking_not_published"
    )
    assert error_of(api_client.get(url), 404)["code"] == "ranking_not_published"


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"limit": "abc"}, "limit"),
        ({"limit": 0}, "limit"),
        ({"limit": 201}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": "1.5"}, "offset"),
        ({"round": "vòng-1"}, "round"),
        ({"round": "another contest's"}, "round"),
    ],
)
def test_bad_ranking_parameters_are_400_naming_the_parameter(
    api_client, contest, published, judge, params, name
):
    if params.get("round") == "another contest's":
        params = {"round": five_question_round(pages.contest(judges=[judge])).pk}
    response = api_client.get(f"/api/v1/contests/{contest.pk}/rankings/", params)
    assert list(error_of(response, 400)["fields"]) == [name]


# Start and submit with a prediction ----------------------------------------------------------


def test_a_contest_round_needs_a_sign_up_and_keeps_hashed_origins(api_client, contest, open_round):
    student = StudentFactory(school=SchoolFactory())
    as_user(api_client, student)
    start = f"/api/v1/quizzes/{open_round.pk}/attempts/"
    assert error_of(api_client.post(start), 403)["code"] == "not_signed_up"
    api_client.post(f"/api/v1/contests/{contest.pk}/entries/", {}, format="json")
    api_client.cookies["hbd_device"] = "may-tinh-bang-1"
    response = api_client.post(start)
    assert response.status_code == 201, response.content
    attempt = Attempt.objects.get(pk=response.json()["id"])
    assert attempt.origin_device == contest_pages.origin_hash("may-tinh-bang-1")
    assert attempt.origin_address == contest_pages.origin_hash("127.0.0.1")


@pytest.mark.parametrize("bad", [-1, 2.5, 2.0, "x", True, [3], {"n": 3}])
def test_a_bad_prediction_is_400_and_leaves_the_attempt_open(api_client, contest, open_round, bad):
    entry = enter(contest, "Phan Thị Giang")
    as_user(api_client, entry.user)
    attempt_id = api_client.post(f"/api/v1/quizzes/{open_round.pk}/attempts/").json()["id"]
    response = api_client.post(
        f"/api/v1/attempts/{attempt_id}/submit/", {"prediction": bad}, format="json"
    )
    assert "prediction" in error_of(response, 400)["fields"]
    assert not Attempt.objects.get(pk=attempt_id).is_submitted


def test_a_prediction_is_kept_once_and_a_repeat_submit_changes_nothing(
    api_client, contest, open_round
):
    entry = enter(contest, "Phan Thị Giang")
    as_user(api_client, entry.user)
    attempt_id = api_client.post(f"/api/v1/quizzes/{open_round.pk}/attempts/").json()["id"]
    submit = f"/api/v1/attempts/{attempt_id}/submit/"
    assert api_client.post(submit, {"prediction": "x"}, format="json").status_code == 400
    first = api_client.post(submit, {"prediction": 3}, format="json")
    assert first.status_code == 200, first.content
    again = api_client.post(submit, {"prediction": 7}, format="json")
    assert again.json() == first.json()
    assert Attempt.objects.get(pk=attempt_id).prediction == 3


def test_a_submit_body_that_is_not_an_object_is_400(api_client, contest, open_round):
    entry = enter(contest, "Phan Thị Giang")
    as_user(api_client, entry.user)
    attempt_id = api_client.post(f"/api/v1/quizzes/{open_round.pk}/attempts/").json()["id"]
    response = api_client.post(
        f"/api/v1/attempts/{attempt_id}/submit/", "[3]", content_type="application/json"
    )
    assert "non_field_errors" in error_of(response, 400)["fields"]
    assert not Attempt.objects.get(pk=attempt_id).is_submitted


def test_a_submit_without_a_prediction_keeps_none(api_client, contest, open_round):
    entry = enter(contest, "Phan Thị Giang")
    as_user(api_client, entry.user)
    attempt_id = api_client.post(f"/api/v1/quizzes/{open_round.pk}/attempts/").json()["id"]
    response = api_client.post(
        f"/api/v1/attempts/{attempt_id}/submit/", {"prediction": None}, format="json"
    )
    assert response.status_code == 200
    attempt = Attempt.objects.get(pk=attempt_id)
    assert attempt.is_submitted and attempt.prediction is None


# Judges --------------------------------------------------------------------------------------


@pytest.fixture
def finalised(closed, judge):
    round_, people = closed
    return round_, people, finalising.finalise_round(round_=round_, by=judge, now=timezone.now())


JUDGE_ENDPOINTS = [
    ("get", "/api/v1/judge/rounds/{round}/dashboard/", None, 200),
    ("get", "/api/v1/judge/rounds/{round}/flags/", None, 200),
    ("get", "/api/v1/judge/attempts/{attempt}/", None, 200),
    (
        "post",
        "/api/v1/judge/entries/{entry}/decisions/",
        {"action": "disqualify", "reason": "Hai tài khoản"},
        201,
    ),
    ("post", "/api/v1/judge/rounds/{round}/finalise/", {"reason": "Lần nữa"}, 409),
    ("post", "/api/v1/judge/contests/{contest}/finalise-overall/", {}, 201),
    ("get", "/api/v1/judge/snapshots/{snapshot}/", None, 200),
    ("post", "/api/v1/judge/snapshots/{snapshot}/publish/", None, 201),
]


def test_a_snapshot_whose_rows_were_changed_is_not_verified(api_client, finalised, judge, tamper):
    _round, _people, snapshot = finalised
    tamper("DELETE FROM quizzes_rankingrow WHERE snapshot_id = %s AND position = 5", [snapshot.pk])
    body = as_user(api_client, judge).get(f"/api/v1/judge/snapshots/{snapshot.pk}/").json()
    assert body["checksum"] == snapshot.checksum and body["verified"] is False
    assert len(body["rows"]) == 4


@pytest.mark.parametrize(("method", "template", "body", "judge_status"), JUDGE_ENDPOINTS)
def test_judge_endpoints_answer_only_the_judges_of_the_contest(
    api_client, contest, finalised, judge, method, template, body, judge_status
):
    round_, people, snapshot = finalised
    entry = people["Bình"]
    url = template.format(
        round=round_.pk,
        attempt=Attempt.objects.get(user=entry.user).pk,
        entry=entry.pk,
        contest=contest.pk,
        snapshot=snapshot.pk,
    )

    def call():
        return getattr(api_client, method)(url, body, format="json")

    assert error_of(call(), 404)["code"].endswith("not_found")  # anonymous: nothing disclosed
    other_judge = UserFactory(role=Role.JUDGE)
    pages.contest(title="Hội thi khác", judges=[other_judge])
    token = Token.objects.create(user=people["An"].user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert error_of(call(), 404)["code"].endswith("not_found")  # a participant, by token
    api_client.credentials()
    for outsider in (other_judge, StudentFactory(), UserFactory(role=Role.TEACHER)):
        as_user(api_client, outsider)
        assert error_of(call(), 404)["code"].endswith("not_found")
    assert not JudgeDecision.objects.exists()
    assert RankingSnapshot.objects.count() == 1
    assert not RankingSnapshot.objects.filter(publication__isnull=False).exists()
    as_user(api_client, judge)
    response = call()
    assert response.status_code == judge_status, response.content


def test_the_dashboard_shows_live_figures_with_names_for_judges(api_client, closed, judge):
    round_, people = closed
    body = as_user(api_client, judge).get(f"/api/v1/judge/rounds/{round_.pk}/dashboard/").json()
    assert (body["participants"], body["signed_up"], body["attempts"]) == (5, 5, 5)
    assert body["open_attempts"] == 0 and body["computed_at"]
    assert len(body["histogram"]) == 10 and body["histogram"][-1] == {
        "from_percent": 90,
        "participants": 4,
    }
    assert body["top"][0] == {
        "rank": 1,
        "entry_id": people["Bình"].pk,
        "display_name": "Lê Thị Bình",
        "unit": people["Bình"].school.name,
        "score": "5.00",
    }
    assert {line["id"] for line in body["schools"]} == {e.school_id for e in people.values()}
    assert set(body["schools"][0]) == {"id", "name", "participants", "average", "enrolment", "rate"}


def test_flags_list_quick_attempts_with_their_ids(api_client, contest, judge):
    round_ = five_question_round(contest)
    quick = scored_attempt(
        round_, enter(contest, "Nhanh"), score=5, prediction=1, submitted="10:00", seconds=8
    )
    body = as_user(api_client, judge).get(f"/api/v1/judge/rounds/{round_.pk}/flags/").json()
    assert body == [
        {
            "kind": "quick",
            "key": f"quick:{quick.pk}",
            "detail": body[0]["detail"],
            "entry_ids": [ContestEntry.objects.get(user=quick.user).pk],
            "attempt_ids": [quick.pk],
            "open": True,
        }
    ]


def test_a_judge_marks_a_flag_valid_through_the_api_and_bad_input_is_a_clear_400(
    api_client, contest, judge
):
    round_ = five_question_round(contest)
    quick = scored_attempt(
        round_, enter(contest, "Nhanh"), score=5, prediction=1, submitted="10:00", seconds=8
    )
    other = enter(contest, "Khác")
    as_user(api_client, judge)
    entry = ContestEntry.objects.get(user=quick.user)
    url = f"/api/v1/judge/entries/{entry.pk}/decisions/"
    key = f"quick:{quick.pk}"
    missing = api_client.post(url, {"action": "valid"}, format="json")
    assert {"round", "flag"} <= set(error_of(missing, 400)["fields"])
    unknown = api_client.post(
        url, {"action": "valid", "round": round_.pk, "flag": "quick:1"}, format="json"
    )
    assert error_of(unknown, 400)["code"] == "unknown_flag"
    not_theirs = api_client.post(
        f"/api/v1/judge/entries/{other.pk}/decisions/",
        {"action": "valid", "round": round_.pk, "flag": key},
        format="json",
    )
    assert "flag" in error_of(not_theirs, 400)["fields"]
    wrong_round = api_client.post(
        url, {"action": "valid", "round": 999999, "flag": key}, format="json"
    )
    assert "round" in error_of(wrong_round, 400)["fields"]
    assert not JudgeDecision.objects.exists()
    done = api_client.post(url, {"action": "valid", "round": round_.pk, "flag": key}, format="json")
    assert done.status_code == 201, done.content
    assert (done.json()["action"], done.json()["flag"], done.json()["round"]) == (
        "valid",
        key,
        round_.pk,
    )
    assert not ContestEntry.objects.get(pk=entry.pk).is_disqualified
    flags = api_client.get(f"/api/v1/judge/rounds/{round_.pk}/flags/").json()
    assert [(f["key"], f["open"]) for f in flags] == [(key, False)]
    again = api_client.post(
        url, {"action": "valid", "round": round_.pk, "flag": key}, format="json"
    )
    assert error_of(again, 409)["code"] == "bad_decision"


def test_the_attempt_audit_shows_answers_and_the_keyed_paper(
    api_client, contest, open_round, judge
):
    entry = enter(contest, "Đặng Thu Hà")
    as_user(api_client, entry.user)
    attempt_id = api_client.post(f"/api/v1/quizzes/{open_round.pk}/attempts/").json()["id"]
    right = right_choice(Attempt.objects.get(pk=attempt_id), 1)
    api_client.put(
        f"/api/v1/attempts/{attempt_id}/answers/1/", {"value": right, "sequence": 4}, format="json"
    )
    api_client.post(f"/api/v1/attempts/{attempt_id}/submit/", {"prediction": 2}, format="json")
    body = as_user(api_client, judge).get(f"/api/v1/judge/attempts/{attempt_id}/").json()
    assert (body["round"], body["contest"], body["score"], body["prediction"]) == (
        open_round.pk,
        contest.pk,
        "1.00",
        2,
    )
    assert body["participant"]["entry_id"] == entry.pk
    assert body["participant"]["display_name"] == "Đặng Thu Hà"
    (answer,) = body["answers"]
    assert (answer["slot"], answer["value"], answer["sequence"]) == (1, right, 4)
    assert body["paper"][0]["key"]["correct_choice_ids"] == [right]


def test_decisions_need_a_reason_and_the_right_state(api_client, closed, judge):
    _round, people = closed
    as_user(api_client, judge)
    url = f"/api/v1/judge/entries/{people['Chi'].pk}/decisions/"
    blank = api_client.post(url, {"action": "disqualify", "reason": "  "}, format="json")
    assert "reason" in error_of(blank, 400)["fields"]
    wrong = api_client.post(url, {"action": "ban", "reason": "?"}, format="json")
    assert "action" in error_of(wrong, 400)["fields"]
    not_yet = api_client.post(url, {"action": "reinstate", "reason": "Nhầm"}, format="json")
    assert error_of(not_yet, 409)["code"] == "bad_decision"
    done = api_client.post(url, {"action": "disqualify", "reason": "Hai tài khoản"}, format="json")
    assert done.status_code == 201
    assert done.json()["decided_by"] == judge.display_name
    assert (done.json()["entry_id"], done.json()["action"]) == (people["Chi"].pk, "disqualify")
    again = api_client.post(url, {"action": "disqualify", "reason": "Lần nữa"}, format="json")
    assert error_of(again, 409)["code"] == "bad_decision"
    assert ContestEntry.objects.get(pk=people["Chi"].pk).is_disqualified


def test_finalising_publishing_and_comparing_versions(api_client, contest, closed, judge):
    round_, people = closed
    as_user(api_client, judge)
    finalise = f"/api/v1/judge/rounds/{round_.pk}/finalise/"
    first = api_client.post(finalise, {}, format="json")
    assert first.status_code == 201, first.content
    first = first.json()
    assert (first["version"], first["actual_value"], first["participants"]) == (1, 4, 5)
    assert first["verified"] and len(first["checksum"]) == 64
    assert (first["created_by"], first["published_at"], first["round"]) == (
        judge.display_name,
        None,
        round_.pk,
    )
    assert error_of(api_client.post(finalise, {}, format="json"), 409)["code"] == (
        "nothing_changed"
    )
    api_client.post(
        f"/api/v1/judge/entries/{people['Bình'].pk}/decisions/",
        {"action": "disqualify", "reason": "Hai tài khoản"},
        format="json",
    )
    assert "reason" in error_of(api_client.post(finalise, {}, format="json"), 400)["fields"]
    second = api_client.post(finalise, {"reason": "Loại một thí sinh"}, format="json").json()
    assert second["version"] == 2
    detail = api_client.get(f"/api/v1/judge/snapshots/{second['id']}/", {"limit": 2}).json()
    assert detail["previous_version"] == 1 and detail["reason"] == "Loại một thí sinh"
    assert [(c["public_name"], c["old_rank"], c["new_rank"]) for c in detail["changes"]][-1] == (
        "Lê T. B.",
        1,
        None,
    )
    assert [row["entry_id"] for row in detail["rows"]] == [people["Em"].pk, people["An"].pk]
    bad = api_client.get(f"/api/v1/judge/snapshots/{second['id']}/", {"offset": -3})
    assert list(error_of(bad, 400)["fields"]) == ["offset"]
    publish = "/api/v1/judge/snapshots/{}/publish/"
    old = api_client.post(publish.format(first["id"]))
    assert error_of(old, 409)["code"] == "not_latest_version"
    published = api_client.post(publish.format(second["id"]))
    assert published.status_code == 201
    assert published.json()["version"] == 2 and published.json()["published_by"] == "Giám khảo Hòa"
    assert error_of(api_client.post(publish.format(second["id"])), 409)["code"] == (
        "already_published"
    )
    assert api_client.get(f"/api/v1/judge/snapshots/{second['id']}/").json()["published_at"]
    ranking = api_client.get(f"/api/v1/contests/{contest.pk}/rankings/", {"round": round_.pk})
    assert ranking.json()["version"] == 2


def test_an_open_round_cannot_be_finalised(api_client, open_round, judge):
    response = as_user(api_client, judge).post(
        f"/api/v1/judge/rounds/{open_round.pk}/finalise/", {}, format="json"
    )
    assert error_of(response, 409)["code"] == "round_still_open"
    assert not RankingSnapshot.objects.exists()


def test_the_overall_ranking_follows_the_finalised_rounds(api_client, contest, closed, judge):
    round_, _people = closed
    as_user(api_client, judge)
    overall = f"/api/v1/judge/contests/{contest.pk}/finalise-overall/"
    assert error_of(api_client.post(overall, {}, format="json"), 409)
    api_client.post(f"/api/v1/judge/rounds/{round_.pk}/finalise/", {}, format="json")
    response = api_client.post(overall, {}, format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["round"], response.json()["participants"]) == (None, 5)
    assert error_of(api_client.post(overall, {}, format="json"), 409)["code"] == "nothing_changed"


# Schema --------------------------------------------------------------------------------------

NEW_PATHS = [
    "/api/v1/contests/",
    "/api/v1/contests/{contest_id}/",
    "/api/v1/contests/{contest_id}/entries/",
    "/api/v1/contests/{contest_id}/rankings/",
    "/api/v1/judge/rounds/{round_id}/dashboard/",
    "/api/v1/judge/rounds/{round_id}/flags/",
    "/api/v1/judge/rounds/{round_id}/finalise/",
    "/api/v1/judge/contests/{contest_id}/finalise-overall/",
    "/api/v1/judge/attempts/{attempt_id}/",
    "/api/v1/judge/entries/{entry_id}/decisions/",
    "/api/v1/judge/snapshots/{snapshot_id}/",
    "/api/v1/judge/snapshots/{snapshot_id}/publish/",
]


def test_every_contest_endpoint_is_in_the_valid_schema(client):
    from openapi_spec_validator import validate

    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    schema = response.json()
    validate(schema)
    assert set(NEW_PATHS) <= set(schema["paths"])
    params = schema["paths"]["/api/v1/contests/{contest_id}/rankings/"]["get"]["parameters"]
    assert {"round", "limit", "offset"} <= {p["name"] for p in params}
    submit = schema["paths"]["/api/v1/attempts/{attempt_id}/submit/"]["post"]
    body = submit["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    prediction = schema["components"]["schemas"][body.rsplit("/", 1)[1]]["properties"]
    assert prediction["prediction"]["type"] == "integer"


def test_the_schema_of_the_contest_views_generates_without_warnings():
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        SchemaGenerator().get_schema(request=None, public=True)
    problems = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    mine = [p for p in problems if any(n in p for n in ("contest_api", "Submit", '"audience"'))]
    assert mine == []


def test_the_dashboard_answers_503_until_its_first_figures_are_computed(
    api_client, judge, closed, monkeypatch
):
    from django.core.cache import cache

    from quizzes.contests import tasks

    cache.clear()

    class Worker:  # the figures wait for a separate worker
        enqueue = staticmethod(lambda round_id: None)

    monkeypatch.setattr(tasks, "refresh_live_figures", Worker)
    round_, _people = closed
    url = f"/api/v1/judge/rounds/{round_.pk}/dashboard/"
    assert error_of(as_user(api_client, judge).get(url), 503)["code"] == "figures_not_ready"
    figures.refresh_live(round_.pk)
    assert as_user(api_client, judge).get(url).json()["participants"] == 5


def test_a_prediction_in_odd_digits_is_refused_not_crashed(api_client, contest, open_round):
    student = StudentFactory()
    entries.sign_up(
        contest=contest, user=student, now=timezone.now(), ward=None, school=SchoolFactory()
    )
    client = as_user(api_client, student)
    attempt_id = client.post(f"/api/v1/quizzes/{open_round.pk}/attempts/").json()["id"]
    response = client.post(
        f"/api/v1/attempts/{attempt_id}/submit/", {"prediction": "²"}, format="json"
    )
    assert error_of(response, 400)["fields"]["prediction"]
