"""What a participant sees next, Kahoot-style: "Enter the round" once signed up while a round is
open; after a submit their score, their place so far (the standings' place, read from the live
figures and their own attempts) and "Take the round again" while attempts remain, with the time
left to the close; public results with a podium and "find my rank" by the participant's code. A
quiz's own result page is as it was (passed or not)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes import services
from quizzes.contests import finalising, live, standings
from quizzes.contests.models import ContestEntry
from quizzes.contests.pages import CountedAttempt
from quizzes.models import Attempt
from quizzes.pages import live_quizzes
from tests import pages
from tests.factories import (
    AFTER,
    SchoolFactory,
    StudentFactory,
    enter,
    five_question_round,
    make_question,
    right_choice,
    scored_attempt,
)

pytestmark = pytest.mark.django_db


def open_drawn_round(contest, **rules):
    """Open for another hour, one question drawn from three: several attempts, scores at once."""
    now = timezone.now()
    rules.setdefault("opens_at", now - timedelta(hours=1))
    rules.setdefault("closes_at", now + timedelta(hours=1))
    questions = [make_question(f"Câu {n}") for n in range(3)]
    return pages.drawn_contest_round(contest, questions, draw=1, **rules)


def take(round_, user, *, right: bool) -> Attempt:
    """A whole attempt as the player makes it: start, answer the one question, submit."""
    now = timezone.now()
    attempt = services.start_attempt(quiz=round_, user=user, now=now)
    entry = attempt.entry(1)
    wrong = next(c["id"] for c in entry["choices"] if c["id"] != right_choice(attempt, 1))
    value = right_choice(attempt, 1) if right else wrong
    services.save_answer(attempt_id=attempt.pk, user=user, slot=1, value=value, sequence=1, now=now)
    return services.submit_attempt(attempt_id=attempt.pk, now=now)


def signed_in_participant(client, contest, name: str = "Trần Thị Mai") -> ContestEntry:
    entry = enter(contest, name)
    client.force_login(entry.user)
    return entry


def result_page(client, attempt: Attempt) -> str:
    return client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()


def standings_places(round_) -> dict[int, int]:
    live = standings.standing(round_, now=timezone.now())
    return {row.entry.participant: row.rank for row in live.ranked}


# The place so far ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "counted", [CountedAttempt.BEST, CountedAttempt.FIRST, CountedAttempt.LATEST]
)
def test_the_place_after_a_submit_is_the_standings_place(contest, counted):
    round_ = five_question_round(
        contest,
        opens_at=timezone.now() - timedelta(days=30),
        closes_at=timezone.now() + timedelta(hours=1),
        counted_attempt=counted,
    )
    people = [enter(contest, f"Bạn {n}") for n in range(6)]
    # Ties on score are broken by submit time; Bạn 0 and Bạn 1 are equal on every key.
    for entry, attempts in zip(
        people,
        [
            [(3, "10:00"), (5, "10:20")],
            [(5, "10:20")],
            [(4, "09:30"), (2, "09:40")],
            [(5, "09:10")],
            [(1, "09:05"), (4, "09:50"), (3, "10:30")],
            [(0, "09:00")],
        ],
        strict=True,
    ):
        for number, (score, when) in enumerate(attempts, start=1):
            scored_attempt(
                round_, entry, score=score, prediction=1, submitted=when, seconds=60, number=number
            )
    disqualified = people[3]
    ContestEntry.objects.filter(pk=disqualified.pk).update(disqualified_at=timezone.now())
    expected = standings_places(round_)
    assert len(expected) == 5
    for entry in ContestEntry.objects.filter(contest=contest).select_related("contest"):
        place = live.provisional_place(round_, entry, now=timezone.now())
        if entry.pk == disqualified.pk:
            assert place is None
        else:
            assert place == (expected[entry.pk], 5), entry.user.display_name


def test_the_place_costs_one_query_however_many_participants(contest, django_assert_num_queries):
    round_ = five_question_round(contest, closes_at=timezone.now() + timedelta(hours=1))
    people = [enter(contest, f"Bạn {n}") for n in range(30)]
    for n, entry in enumerate(people):
        scored_attempt(round_, entry, score=n % 6, prediction=1, submitted="10:00", seconds=60 + n)
    entry = ContestEntry.objects.get(pk=people[7].pk)
    # The live figures, computed once; the round (as a worker keeps it) keeps its contest's rules.
    live.provisional_place(round_, entry, now=timezone.now())
    with django_assert_num_queries(1):  # the participant's attempts
        place = live.provisional_place(round_, entry, now=timezone.now())
    assert place == (standings_places(round_)[entry.pk], 30)
    # The result page lists the participant's attempts anyway: with them, no query at all.
    theirs = list(Attempt.objects.filter(quiz=round_, user_id=entry.user_id).defer("paper"))
    with django_assert_num_queries(0):
        assert live.provisional_place(round_, entry, now=timezone.now(), attempts=theirs) == place


def test_a_submit_after_the_figures_is_placed_among_them_and_counted_once(contest):
    round_ = five_question_round(
        contest,
        closes_at=timezone.now() + timedelta(hours=1),
        counted_attempt=CountedAttempt.LATEST,
    )
    people = [enter(contest, f"Bạn {n}") for n in range(4)]
    for n, entry in enumerate(people):  # scores 0, 1, 2, 3
        scored_attempt(round_, entry, score=n, prediction=1, submitted="10:00", seconds=60)
    latecomer = enter(contest, "Bạn Mới")
    first = ContestEntry.objects.select_related("contest").get(pk=people[3].pk)
    assert live.provisional_place(round_, first, now=timezone.now()) == (1, 4)
    # After the figures: a newcomer with 2, and the leader's second, worse try (the latest counts).
    new = scored_attempt(round_, latecomer, score=2, prediction=1, submitted="10:05", seconds=50)
    retry = scored_attempt(
        round_, first, score=1, prediction=1, submitted="10:05", seconds=60, number=2
    )
    later = timezone.now() + timedelta(seconds=1)
    Attempt.objects.filter(pk__in=[new.pk, retry.pk]).update(submitted_at=later)
    newcomer = ContestEntry.objects.select_related("contest").get(pk=latecomer.pk)
    soon = timezone.now() + timedelta(seconds=5)  # the figures are still fresh
    # Level on score with Bạn 2, who submitted first: third of the four so far and themselves.
    assert live.provisional_place(round_, newcomer, now=soon) == (3, 5)
    # The leader's old place on the ladder is set aside: behind the 2 and the earlier 1.
    assert live.provisional_place(round_, first, now=soon) == (3, 4)


def test_the_result_page_shows_the_score_and_place_and_no_pass_mark(client, contest):
    round_ = open_drawn_round(contest)
    rival = enter(contest, "Đối Thủ")
    take(round_, rival.user, right=True)
    entry = enter(contest, "Trần Thị Mai")
    client.force_login(entry.user)
    attempt = take(round_, entry.user, right=False)
    html = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert 'class="result-score"' in html
    place = re.search(r'id="provisional-rank">(.*?)</p>', html, re.S).group(1)
    assert "<strong>2</strong>" in place and " 2 " in place  # second of two
    assert standings_places(round_)[entry.pk] == 2
    assert 'class="not-passed"' not in html and 'class="passed"' not in html
    assert "điểm đạt" not in html
    assert f"<strong>{entry.pk}</strong>" in html  # the participant's code


def test_the_result_page_of_a_round_reads_two_rows_however_many_take_part(client, contest):
    """A school's deadline minute opens thousands of these: the attempt and all of the pupil's
    attempts in the round (listed, counted, placed); the sign-up is kept in the cache from the
    first page, the place comes from the live figures there. (The session, from Redis in
    production, is read here too.)"""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    round_ = open_drawn_round(contest, attempts_allowed=3)
    for n in range(5):
        take(round_, enter(contest, f"Bạn {n}").user, right=n % 2 == 0)
    entry = signed_in_participant(client, contest)
    first = take(round_, entry.user, right=False)
    second = take(round_, entry.user, right=True)
    page = reverse("quizzes:result", args=[second.pk])
    client.get(page)  # the first page ever makes the site's settings row: pages renewed
    client.get(page)  # the live figures, computed once; the worker keeps the round
    with CaptureQueriesContext(connection) as queries:
        html = client.get(page).content.decode()
    read = [q["sql"] for q in queries if "django_session" not in q["sql"]]
    assert len(read) == 2, "\n".join(sql[:100] for sql in read)
    assert 'id="provisional-rank"' in html and 'id="try-again-form"' in html
    assert reverse("quizzes:result", args=[first.pk]) in html  # the earlier try, listed


def test_take_the_round_again_shows_only_while_attempts_remain(client, contest):
    round_ = open_drawn_round(contest, attempts_allowed=2)
    entry = enter(contest, "Trần Thị Mai")
    client.force_login(entry.user)
    first = take(round_, entry.user, right=False)
    html = client.get(reverse("quizzes:result", args=[first.pk])).content.decode()
    form = html.split('id="try-again-form"')[1].split("</form>")[0]
    assert reverse("quizzes:start", args=[round_.pk]) in html and "Thi lại" in form
    second = take(round_, entry.user, right=True)
    html = client.get(reverse("quizzes:result", args=[second.pk])).content.decode()
    assert 'id="try-again-form"' not in html
    assert 'id="provisional-rank"' in html


def test_no_new_try_once_the_round_has_closed(client, contest):
    round_ = open_drawn_round(contest)
    attempt = take(round_, signed_in_participant(client, contest).user, right=True)
    type(round_).objects.filter(pk=round_.pk).update(closes_at=timezone.now())
    live_quizzes.clear()  # the worker's copy of the round, as a publish would
    html = result_page(client, attempt)
    assert 'id="try-again-form"' not in html and 'id="round-countdown"' not in html
    assert 'id="rank-pending"' in html


def test_the_countdown_counts_from_the_servers_clock_and_is_not_a_live_region(client, contest):
    round_ = open_drawn_round(contest)
    attempt = take(round_, signed_in_participant(client, contest).user, right=True)
    html = result_page(client, attempt)
    countdown = re.search(r'<span class="countdown"[^>]*>([^<]*)</span>', html)
    tag = countdown.group(0)
    closes = round_.closes_at.astimezone(timezone.get_fixed_timezone(7 * 60))
    assert f'data-closes-at="{closes.isoformat()}"' in tag
    assert 'data-server-now="20' in tag and "aria-live" not in tag
    assert re.fullmatch(r"0:59:\d\d|1:00:00", countdown.group(1))  # the text without script
    assert "js/countdown.js" in html


def test_a_quizs_own_result_page_still_says_passed_or_not(client):
    quiz = pages.make_quiz(make_question(), pass_mark_percent=60)
    student = StudentFactory()
    client.force_login(student)
    attempt = take(quiz, student, right=False)
    html = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert 'class="not-passed"' in html and "60%" in html
    assert 'id="provisional-rank"' not in html and 'id="try-again-form"' not in html


# Enter the round -----------------------------------------------------------------------------


def test_enter_the_round_right_after_signing_up_while_a_round_is_open(client, contest):
    round_ = open_drawn_round(contest, attempts_allowed=1)
    student = StudentFactory(school=SchoolFactory())
    client.force_login(student)
    before = client.get(contest.url).content.decode()
    assert 'id="enter-round-form"' not in before
    signed = client.post(reverse("quizzes:contest-sign-up", args=[contest.pk]), follow=True)
    html = signed.content.decode()
    form = html.split('id="enter-round-form"')[1].split("</form>")[0]
    assert f'action="{reverse("quizzes:start", args=[round_.pk])}"' in html
    assert "Vào thi" in form
    take(round_, student, right=True)
    assert 'id="enter-round-form"' not in client.get(contest.url).content.decode()


def test_no_enter_button_for_a_round_not_open(client, contest):
    open_drawn_round(
        contest,
        opens_at=timezone.now() + timedelta(hours=1),
        closes_at=timezone.now() + timedelta(hours=2),
    )
    entry = enter(contest, "Trần Thị Mai")
    client.force_login(entry.user)
    html = client.get(contest.url).content.decode()
    assert 'id="enter-round-form"' not in html and 'class="enter-round"' not in html


# Public results ------------------------------------------------------------------------------


@pytest.fixture
def published(contest, judge):
    round_ = five_question_round(contest)
    people = []
    for n, score in enumerate([2, 5, 4, 1, 3, 5]):
        entry = enter(contest, f"Nguyễn Văn {chr(65 + n)}")
        scored_attempt(round_, entry, score=score, prediction=1, submitted="10:00", seconds=60 + n)
        people.append(entry)
    snapshot = finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    finalising.publish(snapshot=snapshot, by=judge, now=AFTER)
    return round_, snapshot, people


def results_url(contest, round_, **query) -> str:
    extra = "".join(f"&{k}={v}" for k, v in query.items())
    return reverse("quizzes:contest-results", args=[contest.pk]) + f"?round={round_.pk}{extra}"


def test_the_podium_shows_the_top_three_in_rank_order(client, contest, published):
    round_, snapshot, _people = published
    html = client.get(results_url(contest, round_)).content.decode()
    podium = html.split('<ol class="podium">')[1].split("</ol>")[0]
    top = list(snapshot.rows.filter(rank__lte=3).order_by("position"))
    assert len(top) == 3 and podium.count('class="podium-place') == 3
    for row in top:
        assert f"podium-{row.rank}" in podium and row.public_name in podium
    positions = [podium.index(row.public_name) for row in top]
    assert positions == sorted(positions)
    assert "Nguyễn Văn B" not in html  # public names only


def test_find_my_rank_by_code_finds_the_row_and_nothing_for_a_wrong_code(
    client, contest, published
):
    round_, snapshot, people = published
    mine = people[3]
    row = snapshot.rows.get(entry_id=mine.pk)
    html = client.get(results_url(contest, round_, code=mine.pk)).content.decode()
    found = html.split('id="find-rank-result"')[1].split("</div>")[0]
    assert row.public_name in found
    assert re.search(rf"\b{row.rank}\b", found.split(row.public_name)[1])
    assert f"#row-{row.position}" in found
    other = max(p.pk for p in ContestEntry.objects.all()) + 1
    for wrong in (str(other), "abc", "12345678901234"):
        html = client.get(results_url(contest, round_, code=wrong)).content.decode()
        found = html.split('id="find-rank-result"')[1].split("</div>")[0]
        assert row.public_name not in found and "#row-" not in found, wrong
