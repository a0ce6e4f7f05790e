"""A contest week in Chromium: a member of the public signs up on a phone and plays a round with a
prediction; after the close a judge finalises and publishes the ranking; the public results page
shows shortened names only."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lms.accounts.models import Role
from quizzes.contests.models import ContestEntry, RankingSnapshot
from quizzes.models import Attempt, QuizPage
from tests import pages
from tests.factories import StudentFactory, UserFactory, make_area, make_question

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_visitor_plays_a_round_and_the_judge_publishes_shortened_names(
    live_server, browser, axe, choose, sign_in
):
    ward = make_area("Phường Tân An", parent=make_area("Thành phố Cần Thơ"))
    judge = UserFactory(role=Role.JUDGE, display_name="Phạm Thu Hà")
    contest = pages.contest(judges=[judge])
    now = timezone.now()
    round_ = pages.contest_round(
        contest,
        make_question("Tháng hành động vì bình đẳng giới bắt đầu ngày nào?"),
        make_question("Số điện thoại hỗ trợ miễn phí là số nào?"),
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=1),
        prediction_question="Bao nhiêu người sẽ trả lời đúng cả hai câu?",
    )
    rival = StudentFactory(display_name="Nguyễn Thị Hồng Nhung")
    ContestEntry.objects.create(
        contest=contest, user=rival, ward=ward, signed_up_at=now - timedelta(days=1)
    )
    Attempt.objects.create(  # the rival took the round half an hour ago: one of two right
        quiz=round_,
        user=rival,
        number=1,
        paper=[],
        started_at=now - timedelta(minutes=32),
        submitted_at=now - timedelta(minutes=30),
        score=Decimal(1),
        maximum=Decimal(2),
        percent=Decimal(50),
        duration_seconds=120,
        prediction=2,
    )

    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    phone.goto(live_server.url + contest.url)
    axe(phone)
    phone.locator("#sign-up-link").click()
    phone.locator("#id_display_name").fill("Trần Thị Mai")
    phone.locator("#id_birth_year").fill("2011")
    phone.locator("#id_sex").select_option("female")
    phone.locator("#id_ward").select_option(str(ward.pk))
    phone.locator("#id_password1").fill("hoa-sen-no-2026")
    phone.locator("#id_password2").fill("hoa-sen-no-2026")
    expect(phone.locator("#data-notice")).to_be_visible()
    phone.locator("#id_data_notice").check()
    phone.locator("#id_guardian_agreed").check()
    axe(phone)
    phone.locator("main form button[type=submit]").click()
    expect(phone).to_have_url(re.compile(re.escape(contest.url) + "$"))
    entry = ContestEntry.objects.get(contest=contest, user__display_name="Trần Thị Mai")
    expect(phone.locator("body")).to_contain_text(entry.user.username)  # to sign in again

    phone.goto(live_server.url + round_.url)
    phone.locator("form[action$='/start/'] button").click()
    expect(phone.locator("#player")).to_have_attribute("data-ready", "1")
    attempt = Attempt.objects.get(quiz=round_, user=entry.user)
    assert attempt.origin_device  # the judges' flags can group devices
    choose(phone, attempt, 1)
    if phone.locator("#q-2").is_hidden():
        phone.get_by_role("button", name="Câu sau").click()
    choose(phone, attempt, 2)
    phone.locator("#prediction").fill("-2")
    phone.locator("#submit-button").click()
    # Refused on the phone (the field's own rule, then the player's): nothing is sent.
    expect(phone.locator("#prediction:invalid")).to_have_count(1)
    phone.wait_for_timeout(500)
    expect(phone).to_have_url(re.compile(r"/attempts/\d+/$"))
    assert not Attempt.objects.get(pk=attempt.pk).is_submitted
    phone.locator("#prediction").fill("2")
    phone.locator("#submit-button").click()
    phone.locator("#confirm-submit").get_by_role("button", name="Nộp bài").click()
    expect(phone).to_have_url(re.compile(r"/result/"))
    attempt.refresh_from_db()
    assert (attempt.score, attempt.prediction) == (2, 2)

    # The round closes; a judge finalises and publishes its ranking.
    QuizPage.objects.filter(pk=round_.pk).update(closes_at=timezone.now() - timedelta(minutes=2))
    desk = browser.new_page()
    desk.set_default_timeout(10_000)
    sign_in(desk, live_server.url, judge.username)
    desk.goto(live_server.url + f"/judge/contests/{contest.pk}/")
    axe(desk)
    desk.locator("form[action$='/finalise/'] button[type=submit]").first.click()
    expect(desk).to_have_url(re.compile(r"/judge/snapshots/\d+/$"))
    axe(desk)
    desk.locator("#publish-button").click()
    expect(desk.locator("#publish-button")).to_have_count(0)
    snapshot = RankingSnapshot.objects.get(round=round_)
    assert snapshot.actual_value == 1 and hasattr(snapshot, "publication")

    # The public results: shortened names, units, scores; never a full name.
    phone.goto(live_server.url + f"/contests/{contest.pk}/results/?round={round_.pk}")
    axe(phone)
    table = phone.locator("main table").first
    expect(table).to_contain_text("Trần T. M.")
    expect(table).to_contain_text("Nguyễn T. H. N.")
    html = phone.content()
    assert "Nguyễn Thị Hồng Nhung" not in html and rival.username not in html
    assert "2011" not in html
    visitor = browser.new_page()
    visitor.goto(live_server.url + f"/contests/{contest.pk}/results/?round={round_.pk}")
    assert "Trần Thị Mai" not in visitor.content()
    context.close()
    desk.context.close()
    visitor.context.close()


def test_a_pupil_waits_on_the_round_page_and_enters_at_the_opening_without_reloading(
    live_server, browser, axe, sign_in
):
    contest = pages.contest()
    pupil = StudentFactory(display_name="Lê Thị Thu")
    ContestEntry.objects.create(contest=contest, user=pupil, signed_up_at=timezone.now())
    opens_at = timezone.now() + timedelta(seconds=20)
    round_ = pages.contest_round(
        contest,
        make_question("Đường dây nóng hỗ trợ miễn phí là số nào?"),
        opens_at=opens_at,
        closes_at=opens_at + timedelta(hours=1),
    )
    phone = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True).new_page()
    phone.set_default_timeout(10_000)
    sign_in(phone, live_server.url, pupil.username)
    phone.goto(live_server.url + round_.url)
    timer = phone.get_by_role("timer")
    expect(timer).to_have_text(re.compile(r"^0:00:[01]\d$"))
    button = phone.locator("#start-form button")
    expect(button).to_have_attribute("aria-disabled", "true")
    axe(phone)
    button.click(force=True)  # too early (aria-disabled, still pressable): said, nothing sent
    expect(phone.locator("[data-opening-status]")).to_contain_text("Chưa đến giờ mở")
    assert not Attempt.objects.filter(user=pupil).exists()
    expect(phone.locator("[data-opening-status]")).to_contain_text("Vòng thi đã mở", timeout=30_000)
    assert timezone.now() >= opens_at - timedelta(seconds=1)  # the server's clock, give or take
    expect(button).not_to_have_attribute("aria-disabled", "true")
    button.click()
    expect(phone.locator("#player")).to_have_attribute("data-ready", "1")
    assert Attempt.objects.filter(user=pupil, quiz=round_).count() == 1
