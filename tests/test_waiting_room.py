"""A round (or quiz) that opens today waits on its page: a countdown on the server's clock and
the start form already there, so a school opens the page while signing in, not all in the
opening minute. A press before the opening is refused with a reason and starts nothing."""

import re
from datetime import datetime, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from quizzes.contests import entries as contest_entries
from quizzes.errors import QuizNotOpen
from quizzes.models import Attempt
from tests import pages
from tests.factories import SchoolFactory, StudentFactory, make_question

pytestmark = pytest.mark.django_db


def round_opening_in(contest, delay: timedelta):
    now = timezone.now()
    return pages.contest_round(
        contest, make_question(), opens_at=now + delay, closes_at=now + delay + timedelta(hours=1)
    )


def entrant(contest, client):
    student = StudentFactory(school=SchoolFactory())
    contest_entries.sign_up(contest=contest, user=student, now=timezone.now())
    client.force_login(student)
    return student


def test_a_round_opening_today_counts_down_with_its_start_form_ready(client, contest):
    round_ = round_opening_in(contest, timedelta(minutes=20))
    entrant(contest, client)
    html = client.get(round_.url).content.decode()
    timer = re.search(r'<span class="countdown" role="timer"([^>]*)>([^<]*)</span>', html)
    assert timer is not None
    opens_at = re.search(r'data-opens-at="([^"]+)"', timer[1])[1]
    assert datetime.fromisoformat(opens_at) == round_.opens_at  # written in Vietnam's time
    assert "data-server-now=" in timer[1] and "19" in timer[2]  # 19 minutes and some seconds
    form = re.search(
        r'<form method="post" action="([^"]+)" id="start-form"[^>]*>(.*?)</form>', html
    )
    assert form[1] == reverse("quizzes:start", args=[round_.pk])
    assert 'name="csrfmiddlewaretoken"' in form[2]
    assert "data-waits-for-opening" in html and "js/countdown.js" in html


def test_a_round_opening_another_day_only_says_when(client, contest):
    round_ = round_opening_in(contest, timedelta(days=3))
    entrant(contest, client)
    html = client.get(round_.url).content.decode()
    assert 'id="start-form"' not in html and "data-opens-at" not in html
    assert "chưa mở" in html  # "This round is not open yet", in Vietnamese


def test_no_start_form_waits_for_a_visitor_or_a_person_not_signed_up(client, contest):
    round_ = round_opening_in(contest, timedelta(minutes=20))
    assert 'id="start-form"' not in client.get(round_.url).content.decode()
    client.force_login(StudentFactory())
    html = client.get(round_.url).content.decode()
    assert 'id="start-form"' not in html and 'id="sign-up-first"' in html


def test_a_press_before_the_opening_starts_nothing_and_says_why(client, contest):
    round_ = round_opening_in(contest, timedelta(minutes=1))
    student = entrant(contest, client)
    response = client.post(reverse("quizzes:start", args=[round_.pk]))
    assert response.status_code == 302 and response["Location"] == round_.url
    assert not Attempt.objects.filter(user=student).exists()
    assert [str(m) for m in get_messages(response.wsgi_request)] == [str(QuizNotOpen.message)]


def test_the_same_form_starts_the_round_once_it_is_open(client, contest):
    round_ = round_opening_in(contest, timedelta(minutes=20))
    student = entrant(contest, client)
    html = client.get(round_.url).content.decode()
    action = re.search(r'action="([^"]+)" id="start-form"', html)[1]
    round_.opens_at = timezone.now() - timedelta(seconds=1)
    round_.save_revision().publish()
    response = client.post(action)
    attempt = Attempt.objects.get(user=student, quiz=round_)
    assert response.status_code == 200 and f'data-attempt="{attempt.pk}"' in response.text


def test_a_quiz_opening_today_waits_the_same_way(client):
    now = timezone.now()
    quiz = pages.make_quiz(opens_at=now + timedelta(hours=2), closes_at=now + timedelta(hours=3))
    client.force_login(StudentFactory())
    html = client.get(quiz.url).content.decode()
    assert 'id="start-form"' in html and 'role="timer"' in html
    assert "Bài kiểm tra sẽ mở sau" in html
