"""Taking quizzes in Chromium on a phone: the whole journey, a dropped connection, a reload, a
deadline, double submits, the keyboard only, and axe-core on every page a student sees."""

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from quizzes import papers, scoring
from quizzes.models import Answer, Attempt
from quizzes.pages import QuizPage
from tests.factories import StudentFactory, make_question
from tests.pages import make_quiz

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _start(page: Page, base_url: str, quiz: QuizPage) -> Attempt:
    page.goto(base_url + quiz.url)
    page.locator("form[action$='/start/'] button").click()
    expect(page.locator("#player")).to_have_attribute("data-ready", "1")
    attempt = Attempt.objects.get(quiz=quiz)
    # The start was answered with the player, whose script put its own address in the bar.
    expect(page).to_have_url(re.compile(rf"/attempts/{attempt.pk}/$"))
    return attempt


def _queue_when(page: Page, attempt: Attempt, slots: list[int]) -> list[dict]:
    """The answers waiting on the phone, once they are those of `slots` in that order (polled:
    the CSP forbids eval)."""
    stored = f"localStorage.getItem('hbd-attempt-{attempt.pk}')"
    for _ in range(50):
        queue = (page.evaluate(f"JSON.parse({stored})") or {}).get("queue", [])
        if [item["slot"] for item in queue] == slots:
            return queue
        time.sleep(0.1)
    raise AssertionError(f"the queue holds {queue}, not the answers to {slots}")


def _on_server(attempt: Attempt, slots: list[int]) -> None:
    """Wait until the server holds answers to exactly `slots` ("saved" is also on screen before
    the first change has left the debounce)."""
    for _ in range(50):
        held = sorted(Answer.objects.filter(attempt=attempt).values_list("slot", flat=True))
        if held == slots:
            return
        time.sleep(0.1)
    raise AssertionError(f"the server holds answers to {held}, not {slots}")


def _saved(page: Page) -> None:
    expect(page.locator("#save-status")).to_have_text(re.compile("Đã lưu"))


def _quiz(**rules) -> QuizPage:
    questions = [
        make_question("Ai nên làm việc nhà?"),
        make_question("Con trai có được khóc không?", right="Có", wrong=("Không",)),
        make_question("Tổng đài 1800 8065 miễn phí?", right="Đúng", wrong=("Sai",)),
    ]
    rules.setdefault("shuffle_questions", False)
    return make_quiz(*questions, **rules)


def test_whole_quiz_on_a_phone_scores_as_the_scoring_function(
    live_server, phone, axe, choose, sign_in
):
    student = StudentFactory(display_name="Trần Minh Châu")
    quiz = _quiz(time_limit_minutes=10, pass_mark_percent=60)
    sign_in(phone, live_server.url, student.username)
    attempt = _start(phone, live_server.url, quiz)
    axe(phone)
    autosaves = []
    phone.on("request", lambda sent: "/answers/" in sent.url and autosaves.append(sent))

    choose(phone, attempt, 1)
    phone.get_by_role("button", name="Câu sau").click()
    choose(phone, attempt, 2, right=False)
    phone.locator("#q-2 .flag").click()
    expect(phone.locator('.grid-item[data-slot="2"]')).to_have_class(re.compile("flagged"))
    phone.get_by_role("button", name="Câu sau").click()
    _saved(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    # Each autosave signed in by the page's answer pass (quizzes/answer_pass.py).
    assert autosaves
    assert all(sent.headers["authorization"].startswith("Attempt ") for sent in autosaves)

    phone.locator("#submit-button").click()
    expect(phone.locator("#confirm-unanswered")).to_contain_text("3")
    phone.locator("#confirm-submit").get_by_role("button", name="Nộp bài").click()
    expect(phone).to_have_url(re.compile(r"/result/"))

    attempt.refresh_from_db()
    answers = dict(attempt.answers.values_list("slot", "value"))
    expected = scoring.score([papers.frozen_question(e) for e in attempt.paper], answers)
    assert attempt.score == expected.score == 1
    expect(phone.locator(".result-score")).to_contain_text("1 trên 3")
    axe(phone)
    phone.goto(live_server.url + "/student/")
    axe(phone)


def test_answers_given_offline_are_saved_in_order_when_the_link_returns(
    live_server, phone, choose, sign_in
):
    student = StudentFactory()
    quiz = _quiz(one_question_per_screen=False)
    sign_in(phone, live_server.url, student.username)
    attempt = _start(phone, live_server.url, quiz)

    phone.context.set_offline(True)
    for slot in (2, 3, 1):
        choose(phone, attempt, slot)
    queued = _queue_when(phone, attempt, [2, 3, 1])
    expect(phone.locator("#offline-banner")).to_be_visible()
    assert not Answer.objects.filter(attempt=attempt).exists()
    assert [item["slot"] for item in queued] == [2, 3, 1]

    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    _saved(phone)
    expect(phone.locator("#offline-banner")).to_be_hidden()
    saved = list(Answer.objects.filter(attempt=attempt).order_by("sequence"))
    assert [answer.slot for answer in saved] == [2, 3, 1]
    assert saved[0].saved_at <= saved[1].saved_at <= saved[2].saved_at


def test_a_reload_keeps_every_answer(live_server, phone, choose, sign_in):
    student = StudentFactory()
    quiz = _quiz(one_question_per_screen=False)
    sign_in(phone, live_server.url, student.username)
    attempt = _start(phone, live_server.url, quiz)
    choose(phone, attempt, 1)
    _on_server(attempt, [1])
    # The third answer cannot reach the server for now: it waits on the phone only.
    unreachable = "**/api/v1/attempts/*/answers/3/"
    phone.route(unreachable, lambda route: route.abort())
    choose(phone, attempt, 3)
    _queue_when(phone, attempt, [3])
    with phone.expect_request(lambda request: request.is_navigation_request()) as reload:
        phone.reload()
    # The player is asked for again; the start is not posted a second time.
    assert reload.value.method == "GET"
    assert reload.value.url.endswith(f"/attempts/{attempt.pk}/")
    expect(phone.locator("#player")).to_have_attribute("data-ready", "1")
    assert phone.locator("#q-1 input:checked").count() == 1  # from the server
    assert phone.locator("#q-3 input:checked").count() == 1  # from the phone's queue
    phone.unroute(unreachable)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    _saved(phone)
    assert Answer.objects.filter(attempt=attempt).count() == 2


def test_when_time_runs_out_the_attempt_is_submitted_and_scored(
    live_server, phone, choose, sign_in
):
    student = StudentFactory()
    quiz = _quiz(one_question_per_screen=False)
    QuizPage.objects.filter(pk=quiz.pk).update(closes_at=timezone.now() + timedelta(seconds=12))
    sign_in(phone, live_server.url, student.username)
    attempt = _start(phone, live_server.url, quiz)
    # Under a minute left from the start: both warnings are spoken, the timer turns red.
    expect(phone.locator("#announcer")).to_have_text("Còn 1 phút.")
    expect(phone.locator(".timer")).to_have_class(re.compile("timer-warning"))
    choose(phone, attempt, 1)
    _saved(phone)
    expect(phone).to_have_url(re.compile(r"/result/"), timeout=20_000)
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.score == 1


def test_double_click_and_two_tabs_give_one_score(live_server, phone, choose, sign_in):
    student = StudentFactory()
    quiz = _quiz(one_question_per_screen=False)
    sign_in(phone, live_server.url, student.username)
    attempt = _start(phone, live_server.url, quiz)
    other = phone.context.new_page()
    other.goto(live_server.url + f"/attempts/{attempt.pk}/")
    expect(other.locator("#player")).to_have_attribute("data-ready", "1")
    choose(phone, attempt, 1)
    _saved(phone)

    phone.locator("#submit-button").click()
    phone.locator("#confirm-submit").get_by_role("button", name="Nộp bài").dblclick()
    other.locator("#submit-button").click()
    other.locator("#confirm-submit").get_by_role("button", name="Nộp bài").click()
    expect(phone).to_have_url(re.compile(r"/result/"))
    expect(other).to_have_url(re.compile(r"/result/"))
    assert Attempt.objects.count() == 1
    attempt.refresh_from_db()
    assert attempt.score == 1
    expect(other.locator(".result-score")).to_have_text(phone.locator(".result-score").inner_text())


def test_the_submit_is_answered_with_the_result_and_a_failed_post_is_tried_again(
    live_server, phone, choose, sign_in
):
    student = StudentFactory()
    quiz = _quiz(one_question_per_screen=False)
    sign_in(phone, live_server.url, student.username)
    attempt = _start(phone, live_server.url, quiz)
    choose(phone, attempt, 1)
    _saved(phone)
    # The first submit does not reach the server; the player says so and tries again.
    posts = []

    def first_lost(route):
        posts.append(route.request.method)
        if len(posts) == 1:
            route.abort()
        else:
            route.continue_()

    phone.route("**/attempts/*/submit/", first_lost)
    asked = []
    phone.on("request", lambda request: asked.append((request.method, request.url)))
    phone.locator("#submit-button").click()
    phone.locator("#confirm-submit").get_by_role("button", name="Nộp bài").click()
    expect(phone.locator("#save-status")).to_have_text("Chưa nộp được; đang thử lại…")
    expect(phone).to_have_url(re.compile(rf"/attempts/{attempt.pk}/result/$"), timeout=10_000)
    expect(phone.locator(".result-score")).to_contain_text("1 trên 3")
    expect(phone.locator("#main")).to_be_focused()  # a screen reader goes on from the result
    # The result came with the submit itself: no second request for it.
    assert posts == ["POST", "POST"]
    assert not [url for method, url in asked if method == "GET" and "/result/" in url]
    assert phone.evaluate(f"localStorage.getItem('hbd-attempt-{attempt.pk}')") is None
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.score == 1
    # A reload asks for the result, not for the submit again.
    with phone.expect_request(lambda request: request.is_navigation_request()) as reload:
        phone.reload()
    assert reload.value.method == "GET" and reload.value.url.endswith("/result/")
    expect(phone.locator(".result-score")).to_contain_text("1 trên 3")


def test_a_quiz_can_be_taken_with_the_keyboard_alone(live_server, phone, sign_in):
    student = StudentFactory()
    quiz = _quiz()
    sign_in(phone, live_server.url, student.username)
    attempt = _start(phone, live_server.url, quiz)

    def tab_to(selector: str) -> None:
        for _ in range(60):
            phone.keyboard.press("Tab")
            if phone.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"never reached {selector} with Tab")

    for slot in (1, 2, 3):
        entry = Attempt.objects.get(pk=attempt.pk).entry(slot)
        right = entry["key"]["correct_choice_ids"][0]
        tab_to(f"#q-{slot} input")
        for _ in range(len(entry["choices"])):  # arrow keys move within a radio group
            if phone.evaluate("document.activeElement.value") == str(right):
                break
            phone.keyboard.press("ArrowDown")
        phone.keyboard.press("Space")
        if slot < 3:
            tab_to("[data-step='1']")
            phone.keyboard.press("Enter")
    _saved(phone)
    tab_to("#submit-button")
    phone.keyboard.press("Enter")
    expect(phone.locator("#confirm-submit")).to_be_visible()
    tab_to("#confirm-submit button[value=submit]")
    phone.keyboard.press("Enter")
    expect(phone).to_have_url(re.compile(r"/result/"))
    attempt.refresh_from_db()
    assert attempt.score == 3
