"""Contests in the database: sign-up, rounds and their windows, predictions, standings (the issue's
worked example), judges' decisions and flags, immutable snapshot versions, units and awards."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from lms.accounts.models import SchoolEnrolment, Sex
from lms.core.errors import DomainError
from quizzes import errors, services
from quizzes import pages as quiz_pages
from quizzes.contests import awards, entries, finalising, flags, live, snapshots, standings
from quizzes.contests import errors as contest_errors
from quizzes.contests import figures as contest_figures
from quizzes.contests import pages as contest_pages
from quizzes.contests import units as contest_units
from quizzes.contests.models import ContestEntry, JudgeDecision, RankingRow
from quizzes.contests.ranking import TieBreak
from quizzes.contests.records import SnapshotIsFinal
from quizzes.models import Attempt, Certificate
from tests import pages
from tests.factories import (
    AFTER,
    CLOSES,
    OPENS,
    SchoolFactory,
    StudentFactory,
    at,
    enter,
    five_question_round,
    make_area,
    make_question,
    right_choice,
    scored_attempt,
    worked_example,
)

pytestmark = pytest.mark.django_db


def second_round(contest):
    """Round 2, a week after the worked example's round."""
    return five_question_round(
        contest, number=2, opens_at=OPENS + timedelta(days=7), closes_at=CLOSES + timedelta(days=7)
    )


def week_two_attempt(round_, entry, *, score, prediction, seconds) -> Attempt:
    return Attempt.objects.create(
        quiz=round_,
        user=entry.user,
        number=1,
        paper=[],
        started_at=OPENS + timedelta(days=7),
        submitted_at=OPENS + timedelta(days=7, minutes=5),
        score=score,
        maximum=5,
        percent=score * 20,
        duration_seconds=seconds,
        prediction=prediction,
    )


def finalise_overall_after(contest, judge, *rounds):
    """Finalise every round a week after the example, then the overall ranking."""
    later = AFTER + timedelta(days=7)
    for round_ in rounds:
        finalising.finalise_round(round_=round_, by=judge, now=later)
    overall = finalising.finalise_overall(contest=contest, by=judge, now=later)
    return list(overall.rows.order_by("position"))


def names(result, people) -> list[str]:
    by_entry = {entry.pk: name for name, entry in people.items()}
    return [by_entry[row.entry.participant] for row in result.ranked]


def test_the_worked_example_with_the_default_chain(contest):
    round_, people = worked_example(contest)
    result = standings.standing(round_, now=AFTER)
    assert result.final and result.actual == 4
    assert names(result, people) == ["Bình", "Em", "An", "Chi", "Dũng"]


def test_the_worked_example_with_duration_after_the_prediction(judge):
    chain = [TieBreak.SCORE, TieBreak.PREDICTION, TieBreak.DURATION]
    round_, people = worked_example(pages.contest(chain=chain, judges=[judge]))
    assert names(standings.standing(round_, now=AFTER), people) == [
        "Bình",
        "An",
        "Em",
        "Chi",
        "Dũng",
    ]


def test_while_the_round_is_open_the_ranking_is_provisional_without_the_prediction(contest):
    round_, people = worked_example(contest)
    result = standings.standing(round_, now=at("10:30"))
    assert not result.final and result.actual is None
    # Score, then submit time: Chi 09:59, Bình 10:01, Em 10:03, An 10:05; Dũng has 4.
    assert names(result, people) == ["Chi", "Bình", "Em", "An", "Dũng"]


def test_the_prediction_can_count_every_participant_of_the_round(contest):
    round_ = five_question_round(contest, prediction_counts="participants")
    for n, name in enumerate(["A", "B", "C"]):
        scored_attempt(
            round_, enter(contest, name), score=n, prediction=3, submitted="10:00", seconds=60
        )
    assert standings.standing(round_, now=AFTER).actual == 3


def test_the_best_attempt_counts_and_first_or_latest_when_the_round_says_so(contest):
    round_ = five_question_round(contest)
    entry = enter(contest, "Ngô Bảo Châu")
    scored_attempt(round_, entry, score=3, prediction=1, submitted="09:10", seconds=60, number=1)
    best = scored_attempt(
        round_, entry, score=5, prediction=1, submitted="09:20", seconds=60, number=2
    )
    latest = scored_attempt(
        round_, entry, score=4, prediction=1, submitted="09:30", seconds=60, number=3
    )
    (row,) = standings.standing(round_, now=AFTER).ranked
    assert row.entry.attempt == best.pk
    round_.counted_attempt = "latest"
    round_.save()
    (row,) = standings.standing(round_, now=AFTER).ranked
    assert row.entry.attempt == latest.pk


def test_a_participant_signs_up_once_and_takes_a_round_with_a_prediction(contest):
    question = make_question()
    round_ = pages.contest_round(
        contest,
        question,
        opens_at=timezone.now() - timedelta(hours=1),
        closes_at=timezone.now() + timedelta(hours=1),
        prediction_question="Bao nhiêu bạn đúng hết?",
    )
    student = StudentFactory(school=SchoolFactory())
    now = timezone.now()
    with pytest.raises(contest_errors.NotSignedUp):
        services.start_attempt(quiz=round_, user=student, now=now)
    entries.sign_up(contest=contest, user=student, now=now)
    with pytest.raises(contest_errors.AlreadySignedUp):
        entries.sign_up(contest=contest, user=student, now=now)
    attempt = services.start_attempt(
        quiz=round_.quizpage_ptr, user=student, now=now, address="10.0.0.7", device="tab-1"
    )
    assert attempt.origin_address and attempt.origin_address != "10.0.0.7"
    services.save_answer(
        attempt_id=attempt.pk,
        user=student,
        slot=1,
        value=right_choice(attempt, 1),
        sequence=1,
        now=now,
    )
    for bad in (-1, "3.5", "ba", 2.0, True):
        with pytest.raises(contest_errors.BadPrediction):
            services.submit_attempt(attempt_id=attempt.pk, now=now, prediction=bad)
    assert not Attempt.objects.get(pk=attempt.pk).is_submitted  # nothing half-done
    services.submit_attempt(attempt_id=attempt.pk, now=now, prediction="12")
    services.submit_attempt(
        attempt_id=attempt.pk, now=now, prediction=99
    )  # a repeat changes nothing
    attempt.refresh_from_db()
    assert (attempt.score, attempt.prediction) == (1, 12)


def test_a_round_outside_its_window_is_refused(contest):
    round_ = five_question_round(contest)
    entry = enter(contest, "Hồ Gia Hân")
    with pytest.raises(errors.QuizNotOpen):
        services.start_attempt(quiz=round_, user=entry.user, now=OPENS - timedelta(minutes=1))
    with pytest.raises(errors.QuizClosed):
        services.start_attempt(quiz=round_, user=entry.user, now=CLOSES)


def test_a_contest_for_chosen_schools_refuses_other_students(judge):
    school = SchoolFactory()
    contest = pages.contest(audience="schools", judges=[judge])
    contest.audience_schools.create(school=school)
    entries.sign_up(contest=contest, user=StudentFactory(school=school), now=OPENS)
    with pytest.raises(contest_errors.NotInContestAudience):
        entries.sign_up(contest=contest, user=StudentFactory(school=SchoolFactory()), now=OPENS)


def test_a_visitor_signs_up_with_the_minimum_and_must_name_a_school_or_ward(contest):
    ward = make_area("Phường Cái Khế", parent=make_area())
    with pytest.raises(DomainError) as refused:
        entries.sign_up_visitor(
            contest=contest,
            display_name="Trần Thị Mai",
            birth_year=2011,
            sex=Sex.FEMALE,
            password="mat-khau-manh-2026",
            now=OPENS,
        )
    assert "school" in refused.value.fields
    entry = entries.sign_up_visitor(
        contest=contest,
        display_name="Trần Thị Mai",
        birth_year=2011,
        sex=Sex.FEMALE,
        password="mat-khau-manh-2026",
        ward=ward,
        now=OPENS,
    )
    user = entry.user
    assert user.username.startswith("thisinh-") and not user.email and user.is_student
    assert entry.unit_name() == "Phường Cái Khế"


def test_finalising_waits_for_the_close_and_makes_a_checked_snapshot(contest, judge):
    round_, people = worked_example(contest)
    with pytest.raises(contest_errors.RoundStillOpen):
        finalising.finalise_round(round_=round_, by=judge, now=CLOSES + timedelta(seconds=30))
    snapshot = finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    assert (snapshot.version, snapshot.actual_value, snapshot.participants) == (1, 4, 5)
    rows = list(snapshot.rows.order_by("position"))
    assert [row.public_name for row in rows] == [
        "Lê T. B.",
        "Võ T. E.",
        "Nguyễn V. A.",
        "Trần M. C.",
        "Phạm V. D.",
    ]
    assert rows[0].prediction_distance == 0 and rows[2].prediction_distance == 1
    assert snapshots.verify(snapshot)
    with pytest.raises(contest_errors.NothingChanged):
        finalising.finalise_round(round_=round_, by=judge, now=AFTER, reason="again")


def test_a_snapshot_cannot_be_changed_by_any_path(contest, judge):
    round_, _people = worked_example(contest)
    snapshot = finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    row = snapshot.rows.first()
    row.score = Decimal(99)
    with pytest.raises(SnapshotIsFinal):
        row.save()
    with pytest.raises(SnapshotIsFinal):
        snapshot.rows.update(score=99)
    with pytest.raises(SnapshotIsFinal):
        snapshot.delete()
    with pytest.raises(SnapshotIsFinal):
        RankingRow.objects.filter(snapshot=snapshot).delete()
    if connection.vendor == "postgresql":  # even SQL typed by hand
        from django.db import DatabaseError, transaction

        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("UPDATE quizzes_rankingrow SET score = 99")
    assert snapshots.verify(snapshot, fresh=True)


def test_a_disqualification_is_audited_and_makes_a_new_version_with_its_difference(contest, judge):
    round_, people = worked_example(contest)
    first = finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    finalising.publish(snapshot=first, by=judge, now=AFTER)
    with pytest.raises(DomainError):
        entries.decide(entry=people["Bình"], action="disqualify", reason=" ", by=judge, now=AFTER)
    entries.decide(
        entry=people["Bình"], action="disqualify", reason="Hai tài khoản", by=judge, now=AFTER
    )
    with pytest.raises(contest_errors.BadDecision):
        entries.decide(
            entry=people["Bình"], action="disqualify", reason="Lần nữa", by=judge, now=AFTER
        )
    with pytest.raises(contest_errors.ReasonRequired):
        finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    second = finalising.finalise_round(
        round_=round_, by=judge, now=AFTER, reason="Loại một thí sinh"
    )
    # Without Bình, three answer all 5 correctly: Em and An (predicting 3) lead, then Chi.
    assert second.version == 2 and second.actual_value == 3
    previous, changes = snapshots.differences(second)
    assert previous == first
    assert [(c.public_name, c.old_rank, c.new_rank) for c in changes] == [
        ("Võ T. E.", 2, 1),
        ("Nguyễn V. A.", 3, 2),
        ("Trần M. C.", 4, 3),
        ("Phạm V. D.", 5, 4),
        ("Lê T. B.", 1, None),
    ]
    assert first.rows.count() == 5 and snapshots.verify(first)  # the old version stays readable
    assert snapshots.published_snapshot(contest, round_) == first  # until this one is published
    with pytest.raises(contest_errors.NotLatestVersion):
        finalising.publish(snapshot=first, by=judge, now=AFTER)
    finalising.publish(snapshot=second, by=judge, now=AFTER)
    assert snapshots.published_snapshot(contest, round_) == second
    decision = JudgeDecision.objects.get()
    assert (decision.decided_by, decision.reason) == (judge, "Hai tài khoản")


def test_flags_point_at_shared_devices_and_quick_attempts_without_deciding(contest):
    round_ = five_question_round(contest)
    for n in range(3):
        attempt = scored_attempt(
            round_, enter(contest, f"Bạn {n}"), score=5, prediction=1, submitted="10:00", seconds=90
        )
        Attempt.objects.filter(pk=attempt.pk).update(
            origin_device=contest_pages.origin_hash("máy-1")
        )
    quick = scored_attempt(
        round_, enter(contest, "Nhanh"), score=5, prediction=1, submitted="10:00", seconds=8
    )
    found = flags.flags(round_)
    kinds = sorted(flag.kind for flag in found)
    assert kinds == ["device", "quick"]
    assert next(f for f in found if f.kind == "quick").attempt_ids == (quick.pk,)
    assert not ContestEntry.objects.filter(disqualified_at__isnull=False).exists()


def test_flags_read_every_shared_device_in_a_fixed_number_of_queries(
    contest, django_assert_max_num_queries
):
    round_ = five_question_round(contest)
    for device in ("máy-1", "máy-2", "máy-3", "máy-4"):
        for n in range(3):
            attempt = scored_attempt(
                round_,
                enter(contest, f"{device} {n}"),
                score=5,
                prediction=1,
                submitted="10:00",
                seconds=90,
            )
            Attempt.objects.filter(pk=attempt.pk).update(
                origin_device=contest_pages.origin_hash(device)
            )
    with django_assert_max_num_queries(7):  # however many devices are shared
        found = flags.flags(round_)
    devices = [flag for flag in found if flag.kind == "device"]
    assert len(devices) == 4 and all(len(flag.attempt_ids) == 3 for flag in devices)
    assert all(len(flag.entry_ids) == 3 for flag in devices)


def test_units_are_ranked_by_participation_rate_and_by_average_score(contest, judge):
    round_ = five_question_round(contest)
    small, big = SchoolFactory(name="Trường nhỏ"), SchoolFactory(name="Trường lớn")
    year = 2026
    SchoolEnrolment.objects.create(school=small, school_year=year, grade=8, sex="female", pupils=10)
    SchoolEnrolment.objects.create(school=big, school_year=year, grade=8, sex="female", pupils=100)
    for n in range(6):
        scored_attempt(
            round_,
            enter(contest, f"Nhỏ {n}", small),
            score=3,
            prediction=1,
            submitted="10:00",
            seconds=90,
        )
    for n in range(8):
        scored_attempt(
            round_,
            enter(contest, f"Lớn {n}", big),
            score=5,
            prediction=1,
            submitted="10:00",
            seconds=90,
        )
    snapshot = finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    units = contest_units.unit_rankings(snapshot)
    assert [(u.name, u.participants, u.rate) for u in units.by_rate] == [
        ("Trường nhỏ", 6, Decimal("60.0")),
        ("Trường lớn", 8, Decimal("8.0")),
    ]
    assert [(u.name, u.average) for u in units.by_score] == [
        ("Trường lớn", Decimal("5.00")),
        ("Trường nhỏ", Decimal("3.00")),
    ]
    assert {u.name for u in units.areas} == {small.area.name, big.area.name}


def test_the_overall_ranking_sums_the_rounds(contest, judge):
    one = five_question_round(contest)
    two = second_round(contest)
    a, b = enter(contest, "Đỗ An"), enter(contest, "Mai Bình")
    scored_attempt(one, a, score=5, prediction=2, submitted="10:00", seconds=90)
    scored_attempt(one, b, score=3, prediction=2, submitted="10:00", seconds=90)
    week_two_attempt(two, b, score=5, prediction=1, seconds=300)
    rows = finalise_overall_after(contest, judge, one, two)
    assert [(r.public_name, r.score) for r in rows] == [("Mai B.", 8), ("Đỗ A.", 5)]


def test_award_certificates_for_a_published_ranking_once(contest, judge):
    round_, people = worked_example(contest)
    snapshot = finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    with pytest.raises(contest_errors.NotPublished):
        awards.award_certificates(snapshot=snapshot, now=AFTER)
    finalising.publish(snapshot=snapshot, by=judge, now=AFTER)
    issued = awards.award_certificates(snapshot=snapshot, now=AFTER)
    assert [c.display_name for c in issued] == ["Lê Thị Bình", "Võ Thị Em", "Nguyễn Văn An"]
    awards.award_certificates(snapshot=snapshot, now=AFTER)
    assert Certificate.objects.count() == 3


def test_editors_build_a_contest_and_its_rounds_in_the_back_office(admin_client, judge):
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    from quizzes.contests.pages import ContestPage, ContestRound

    data = nested_form_data(
        {
            "title": "Hội thi Tháng hành động",
            "slug": "hoi-thi-thang-hanh-dong",
            "organiser": "Đoàn trường",
            "rules": rich_text("<p>Mỗi tuần một vòng.</p>"),
            "audience": "public",
            "audience_schools": inline_formset([]),
            "audience_classes": inline_formset([]),
            "tie_breaks": inline_formset([{"rule": "score"}, {"rule": "score"}]),
            "overall_method": "sum",
            "award_places": 3,
            "suspicious_seconds": 30,
            "shared_origin_accounts": 3,
            "action-publish": "publish",
        }
    )
    data["judges"] = [str(judge.pk)]
    url = reverse("wagtailadmin_pages:add", args=["contests", "contestpage", pages.home().pk])
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the same tie-break twice is refused
    assert not ContestPage.objects.exists()
    data |= nested_form_data(
        {"tie_breaks": inline_formset([{"rule": "score"}, {"rule": "duration"}])}
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    contest = ContestPage.objects.get()
    assert contest.chain() == (TieBreak.SCORE, TieBreak.DURATION)
    assert list(contest.judges.all()) == [judge]

    round_url = reverse("wagtailadmin_pages:add", args=["contests", "contestround", contest.pk])
    assert admin_client.get(round_url).status_code == 200
    question = make_question()
    response = admin_client.post(
        round_url,
        nested_form_data(
            {
                "title": "Vòng 1",
                "slug": "vong-1",
                "number": 1,
                "counted_attempt": "best",
                "intro": rich_text(""),
                "fixed_questions": inline_formset([{"question": question.pk}]),
                "draws": inline_formset([]),
                "attempts_allowed": 0,
                "pass_mark_percent": 70,
                "review_when": "after_close",
                "prediction_question": "Bao nhiêu bạn đúng cả 5 câu?",
                "prediction_counts": "perfect",
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ContestRound.objects.child_of(contest).get().prediction_question


def test_the_back_office_refuses_to_delete_a_contest_with_finalised_rankings(
    admin_client, contest, judge
):
    from django.urls import reverse

    round_, _people = worked_example(contest)
    finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    for page in (round_, contest):
        response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        assert response.status_code == 302
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    response = admin_client.post(f"{bulk}?id={contest.pk}")
    assert response.status_code == 302
    assert type(contest).objects.filter(pk=contest.pk).exists()
    assert type(round_).objects.filter(pk=round_.pk).exists()


def test_live_figures_are_computed_in_the_background_and_read_from_the_cache(
    contest, monkeypatch, django_assert_num_queries
):
    """With a worker, a request never computes a standing: it asks for one (once) and shows the
    last figures meanwhile; a participant's provisional rank is two cache reads."""
    from django.core.cache import cache

    from quizzes.contests import tasks

    cache.clear()
    round_, people = worked_example(contest)
    asked = []

    class Worker:  # a queue that a separate worker would take from
        enqueue = staticmethod(asked.append)

    monkeypatch.setattr(tasks, "refresh_live_figures", Worker)
    now = at("10:30")
    monkeypatch.setattr(timezone, "now", lambda: now)  # the worker's clock, in the open round
    assert live.dashboard(round_, now=now) is None
    assert live.dashboard(round_, now=now) is None
    assert asked == [round_.pk]  # one computation asked for, not one per request
    assert contest_figures.refresh_live(round_.pk) == 5  # what the worker runs
    figures = live.dashboard(round_, now=now)
    assert (figures.participants, figures.attempts, figures.open_attempts) == (5, 5, 0)
    assert sum(n for _lower, n in figures.histogram) == 5
    with django_assert_num_queries(0):
        assert live.provisional_rank(round_, people["Chi"], now=now) == 1
    later = now + timedelta(minutes=1)
    assert live.dashboard(round_, now=later) == figures  # stale, shown while recomputed
    assert asked == [round_.pk, round_.pk]


def test_a_round_shows_answers_after_it_closes_unless_one_attempt_is_allowed(contest):
    from django.core.exceptions import ValidationError

    from quizzes.contests.pages import ContestRound
    from quizzes.pages import ReviewWhen

    fresh = ContestRound(title="Vòng 9", slug="vong-9")
    assert (fresh.attempts_allowed, fresh.review_when) == (0, ReviewWhen.AFTER_CLOSE)
    round_ = five_question_round(contest)
    round_.review_when = ReviewWhen.IMMEDIATELY
    with pytest.raises(ValidationError) as refused:
        round_.clean()
    assert "review_when" in refused.value.message_dict
    round_.attempts_allowed = 1
    round_.clean()  # one attempt: nothing to hand on


def test_odd_digits_and_huge_predictions_are_refused_not_crashed(contest):
    for bad in ("²", "٣" * 8, "9" * 5000, 1_000_001, "1000001"):
        with pytest.raises(contest_errors.BadPrediction):
            quiz_pages.clean_prediction(bad)
    assert quiz_pages.clean_prediction(" 1000000 ") == 1_000_000


def test_a_deleted_account_keeps_the_decisions_and_the_overall_ranking_works(contest, judge):
    round_, people = worked_example(contest)
    entries.decide(
        entry=people["Dũng"], action="disqualify", reason="Nhờ người làm hộ", by=judge, now=AFTER
    )
    first = finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    finalising.publish(snapshot=first, by=judge, now=AFTER)
    people["Bình"].user.delete()
    people["Dũng"].user.delete()
    decision = JudgeDecision.objects.get()
    assert (decision.entry, decision.participant_name, decision.contest_id) == (
        None,
        "Phạm Văn Dũng",
        contest.pk,
    )
    issued = awards.award_certificates(snapshot=first, now=AFTER)  # Bình is gone
    assert [c.display_name for c in issued] == ["Võ Thị Em", "Nguyễn Văn An"]
    overall = finalising.finalise_overall(contest=contest, by=judge, now=AFTER)
    assert overall.participants == 3 and snapshots.verify(first)


def test_the_overall_sum_puts_a_missing_prediction_after_every_real_one(contest, judge):
    one = five_question_round(contest)
    two = second_round(contest)
    a, b = enter(contest, "Đỗ An"), enter(contest, "Mai Bình")
    for person, prediction in ((a, 1), (b, None)):
        scored_attempt(one, person, score=5, prediction=2, submitted="10:00", seconds=90)
        week_two_attempt(two, person, score=5, prediction=prediction, seconds=300)
    rows = finalise_overall_after(contest, judge, one, two)
    assert [(r.public_name, r.rank) for r in rows] == [
        ("Đỗ A.", 1),
        ("Mai B.", 2),
    ]


def test_the_overall_best_round_is_chosen_by_the_contests_chain(judge):
    contest = pages.contest(judges=[judge], overall_method="best")
    one = five_question_round(contest)
    two = second_round(contest)
    a, b = enter(contest, "Đỗ An"), enter(contest, "Mai Bình")
    # Both score 5 once; An's perfect round had the nearer prediction (actual = 1 in each).
    scored_attempt(one, a, score=5, prediction=1, submitted="10:00", seconds=300)
    scored_attempt(one, b, score=3, prediction=1, submitted="10:00", seconds=60)
    week_two_attempt(two, b, score=5, prediction=9, seconds=60)
    rows = finalise_overall_after(contest, judge, one, two)
    assert [(r.public_name, r.score, r.prediction_distance) for r in rows] == [
        ("Đỗ A.", 5, 0),
        ("Mai B.", 5, 8),
    ]


def test_review_after_the_close_waits_for_the_grace_minute(contest):
    from quizzes.selectors import review_allowed

    round_, people = worked_example(contest)
    attempt = Attempt.objects.get(user=people["An"].user)
    assert not review_allowed(round_, attempt, CLOSES + timedelta(seconds=5))
    assert review_allowed(round_, attempt, CLOSES + services.GRACE)


def test_students_of_a_school_contest_are_ranked_with_their_own_school(judge):
    school, other = SchoolFactory(), SchoolFactory()
    contest = pages.contest(audience="schools", judges=[judge])
    contest.audience_schools.create(school=school)
    entry = entries.sign_up(
        contest=contest, user=StudentFactory(school=school), now=OPENS, school=other
    )
    assert entry.school == school


def test_a_judge_does_not_take_part_in_their_own_contest(contest, judge):
    with pytest.raises(contest_errors.JudgeCannotTakePart):
        entries.sign_up(contest=contest, user=judge, now=OPENS)


def test_a_prediction_counts_only_in_time_and_where_the_round_asks_one(contest):
    asking = five_question_round(contest, time_limit_minutes=10)
    silent = five_question_round(contest, number=2, prediction_question="")
    entry = enter(contest, "Lý Thu")
    now = at("09:30")
    late = services.start_attempt(quiz=asking, user=entry.user, now=now)
    services.submit_attempt(attempt_id=late.pk, now=now + timedelta(minutes=20), prediction=4)
    plain = services.start_attempt(quiz=silent, user=entry.user, now=now)
    services.submit_attempt(attempt_id=plain.pk, now=now + timedelta(minutes=1), prediction=4)
    assert list(
        Attempt.objects.filter(pk__in=[late.pk, plain.pk]).values_list("prediction", flat=True)
    ) == [None, None]


def test_a_regrade_after_finalising_is_pointed_out_and_taken_in_by_a_new_version(judge):
    from quizzes.models import QuestionChoice

    contest = pages.contest(judges=[judge])
    question = make_question(right="Cả nhà", wrong=("Chỉ mẹ", "Chỉ bố"))
    round_ = pages.contest_round(contest, question, opens_at=OPENS, closes_at=CLOSES)
    entry = enter(contest, "Phan Thị Yến")
    attempt = services.start_attempt(quiz=round_, user=entry.user, now=at("10:00"))
    chosen = next(c["id"] for c in attempt.entry(1)["choices"] if c["text"] == "Chỉ bố")
    services.save_answer(
        attempt_id=attempt.pk, user=entry.user, slot=1, value=chosen, sequence=1, now=at("10:01")
    )
    services.submit_attempt(attempt_id=attempt.pk, now=at("10:02"))
    first = finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    assert not snapshots.corrections_since(first)
    QuestionChoice.objects.filter(question=question).update(is_correct=False)
    QuestionChoice.objects.filter(question=question, text="Chỉ bố").update(is_correct=True)
    services.regrade_question(question=question, by=judge, now=AFTER + timedelta(minutes=1))
    assert snapshots.corrections_since(first) == snapshots.Corrections(regrades=1, decisions=0)
    second = finalising.finalise_round(
        round_=round_, by=judge, now=AFTER + timedelta(minutes=2), reason="Sửa đáp án câu 1"
    )
    assert second.rows.get().score == 1 and first.rows.get().score == 0
    assert not snapshots.corrections_since(second)


# A finalised ranking's checksum: anyone with the rows can check it; it fails once they changed.

TAMPERINGS = [
    pytest.param(
        "UPDATE quizzes_rankingrow SET score = 4 WHERE snapshot_id = %s AND position = 2",
        id="a changed score",
    ),
    pytest.param(
        "UPDATE quizzes_rankingrow SET public_name = 'Trần M. C.' "
        "WHERE snapshot_id = %s AND position = 1",
        id="a changed name",
    ),
    pytest.param(
        "DELETE FROM quizzes_rankingrow WHERE snapshot_id = %s AND position = 3",
        id="a removed row",
    ),
    pytest.param(
        "UPDATE quizzes_rankingsnapshot SET checksum = '" + "0" * 64 + "' WHERE id = %s",
        id="a changed checksum",
    ),
]


@pytest.mark.parametrize("tampering", TAMPERINGS)
def test_a_ranking_changed_in_the_database_fails_its_checksum(contest, judge, tamper, tampering):
    round_, _people = worked_example(contest)
    snapshot = finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    assert snapshots.verify(snapshot, fresh=True)
    tamper(tampering, [snapshot.pk])
    snapshot.refresh_from_db()
    assert not snapshots.verify(snapshot, fresh=True)
    assert not snapshots.verify(snapshot)  # the check pages reuse for an hour is the new one
