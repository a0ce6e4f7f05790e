"""Contest day on a 360 px phone, as each person meets it: a student signs up, enters the open
round, submits and sees their score, their place so far and "Thi lại"; anyone reads a published
ranking with its podium and finds a rank by participant code, without sideways scrolling; a judge
opens a shared-Wi-Fi flag and marks it checked and valid. Screenshots of the result page and of
the judge's flags go to tests/e2e/screenshots/ (ignored by git) for review."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from lms.accounts.models import Role
from quizzes.contests import finalising, standings
from quizzes.contests import pages as contest_pages
from quizzes.contests.models import ContestEntry, JudgeDecision
from quizzes.models import Attempt
from tests import pages
from tests.factories import (
    AFTER,
    SchoolFactory,
    StudentFactory,
    UserFactory,
    enter,
    five_question_round,
    make_question,
    scored_attempt,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{overflow} px of sideways scroll on {page.url}"


def phone_page(browser) -> Page:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def test_contest_day_on_a_phone_from_sign_up_to_rank_and_the_judges_flag(
    live_server, browser, axe, choose, sign_in
):
    judge = UserFactory(role=Role.JUDGE, display_name="Phạm Thu Hà")
    contest = pages.contest(judges=[judge])
    now = timezone.now()
    # Round 1 closed last month, its ranking published: 40 participants.
    closed = five_question_round(contest)
    for n in range(40):
        entry = enter(contest, f"Nguyễn Thị Bạn{n:02d}")
        scored_attempt(
            closed, entry, score=n % 6, prediction=n % 7, submitted="10:00", seconds=60 + n
        )
    snapshot = finalising.finalise_round(round_=closed, by=judge, now=AFTER)
    finalising.publish(snapshot=snapshot, by=judge, now=AFTER)
    # Round 2 open now: one question drawn from three, as many attempts as one likes.
    questions = [make_question(f"Câu hỏi {n}") for n in range(3)]
    round_ = pages.drawn_contest_round(
        contest,
        questions,
        number=2,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=1),
    )
    shared = []
    for n in range(3):  # three pupils on the school's Wi-Fi, one of them already ahead
        entry = ContestEntry.objects.filter(contest=contest).order_by("pk")[n]
        shared.append(
            Attempt.objects.create(
                quiz=round_,
                user=entry.user,
                number=1,
                paper=[],
                started_at=now - timedelta(minutes=10),
                submitted_at=now - timedelta(minutes=5),
                score=1 if n == 0 else 0,
                maximum=1,
                percent=100 if n == 0 else 0,
                duration_seconds=300,
                origin_address=contest_pages.origin_hash("10.1.1.1"),
            )
        )

    # A student signs up in one click and enters the round at once.
    student = StudentFactory(display_name="Trần Thị Mai", school=SchoolFactory())
    phone = phone_page(browser)
    sign_in(phone, live_server.url, student.username)
    phone.goto(live_server.url + contest.url)
    phone.locator("#sign-up-form button").click()
    enter_button = phone.locator("#enter-round-form button")
    expect(enter_button).to_have_text("Vào thi")
    axe(phone)
    no_sideways_scroll(phone)
    enter_button.click()
    expect(phone.locator("#player")).to_have_attribute("data-ready", "1")
    attempt = Attempt.objects.get(quiz=round_, user=student)
    choose(phone, attempt, 1, right=False)
    phone.locator("#submit-button").click()
    phone.locator("#confirm-submit").get_by_role("button", name="Nộp bài").click()
    expect(phone).to_have_url(re.compile(r"/result/"))

    # The score, the place so far (the standings' place: last of four, as the later of the
    # equal scores), Thi lại, the clock.
    expect(phone.locator(".result-score")).to_be_visible()
    entry = ContestEntry.objects.get(contest=contest, user=student)
    ranked = standings.standing(round_, now=timezone.now()).ranked
    place = next(row.rank for row in ranked if row.entry.participant == entry.pk)
    expect(phone.locator("#provisional-rank strong")).to_have_text(str(place))
    expect(phone.locator("#provisional-rank")).to_contain_text(f" {len(ranked)} ")
    expect(phone.locator("#try-again-form button")).to_have_text("Thi lại")
    expect(phone.locator("#round-countdown")).to_have_text(re.compile(r"^(0:5\d|1:00):\d\d$"))
    assert phone.locator("main").inner_text().count("điểm đạt") == 0
    axe(phone)
    no_sideways_scroll(phone)
    screenshot(phone, "contest-result-360")

    # The published ranking: a podium, short cards, and a rank found by code.
    phone.goto(live_server.url + f"/contests/{contest.pk}/results/?round={closed.pk}")
    podium = phone.locator(".podium .podium-place")
    expect(podium).to_have_count(len(snapshot.rows.filter(rank__lte=3)))
    axe(phone)
    no_sideways_scroll(phone)
    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height < 6000, height  # 40 rows and the podium: a few screens, not a wide table
    someone = snapshot.rows.order_by("position")[17]
    phone.get_by_label("Mã dự thi của bạn").fill(str(someone.entry_id))
    phone.get_by_role("button", name="Tìm", exact=True).click()
    expect(phone.locator("#find-rank-result")).to_contain_text(someone.public_name)
    no_sideways_scroll(phone)
    screenshot(phone, "contest-results-360")

    # The judge opens the Wi-Fi flag and marks it checked and valid.
    desk = phone_page(browser)
    sign_in(desk, live_server.url, judge.username)
    desk.goto(live_server.url + f"/judge/rounds/{round_.pk}/")
    group = desk.locator("details.flag-address").first
    expect(group.locator(".flag-people")).to_be_hidden()  # collapsed
    group.locator("summary").click()
    expect(group.locator(".flag-people li")).to_have_count(3)
    expect(group.locator("input:checked")).to_have_count(0)  # nothing chosen in advance
    axe(desk)
    no_sideways_scroll(desk)
    screenshot(desk, "judge-flags-360")
    group.get_by_role("button", name="Đã xem, hợp lệ").click()
    expect(desk.locator(".messages")).to_contain_text("hợp lệ")
    expect(desk.locator("details.flag-address")).to_have_count(0)
    decision = JudgeDecision.objects.get()
    assert (decision.action, decision.decided_by) == ("valid", judge)
    assert not ContestEntry.objects.filter(disqualified_at__isnull=False).exists()
    phone.context.close()
    desk.context.close()
